#include "gsattn/models/distillation.hpp"

#include <cmath>
#include <limits>
#include <utility>

namespace gsattn {
namespace {

// Sums over real positions of the squared error of the student's heads
// [B, L, A, dh] against the teacher's, and of the teacher's squares.
std::pair<torch::Tensor, torch::Tensor> head_squares(const torch::Tensor& student, const torch::Tensor& teacher,
                                                     const torch::Tensor& mask) {
    const auto where = mask.to(teacher.scalar_type()).view({mask.size(0), mask.size(1), 1, 1});
    return {((student - teacher).pow(2) * where).sum(), (teacher.pow(2) * where).sum()};
}

}  // namespace

DistillationLosses distillation_losses(const CandidateScores& c, const torch::Tensor& teacher_weights,
                                       const torch::Tensor& mask, const torch::Tensor& student_heads,
                                       const torch::Tensor& teacher_heads) {
    const auto rows = teacher_weights.mean(1);  // [B, L, L]
    auto target = rows.gather(2, c.keys).masked_fill(~c.valid, 0);
    const auto mass = target.sum(-1, /*keepdim=*/true);
    const auto taught = mass.squeeze(-1) > 0;  // real queries whose candidates the teacher attends to at all
    target = target / mass.clamp_min(1e-12);
    const auto log_choice = torch::log_softmax(c.scores, -1).masked_fill(~c.valid, 0);
    const auto per_query = -(target * log_choice).sum(-1);
    const auto selector = taught.any().item<bool>() ? per_query.masked_select(taught).mean()
                                                    : torch::zeros({}, rows.options());

    const auto real = mask.to(rows.scalar_type());
    auto received = (rows * real.unsqueeze(2)).sum(1);  // [B, L] attention each key receives
    received = received / received.sum(-1, /*keepdim=*/true).clamp_min(1e-12);
    const auto log_token = torch::log_softmax(c.tokens.masked_fill(~mask, -INFINITY), -1).masked_fill(~mask, 0);
    const auto tokens = -(received * log_token).sum(-1).mean();

    torch::Tensor approximator = torch::zeros({}, rows.options());
    if (student_heads.size(2) > 0) {
        const auto [error, norm] = head_squares(student_heads, teacher_heads, mask);
        approximator = error / norm.clamp_min(1e-12);
    }
    return {selector, tokens, approximator};
}

void TeacherAgreement::add(const KeyChoice& choice, const torch::Tensor& teacher_weights, const torch::Tensor& mask,
                           const torch::Tensor& student_heads, const torch::Tensor& teacher_heads,
                           const torch::Tensor& student_output, const torch::Tensor& teacher_output) {
    const auto best = teacher_weights.mean(1).argmax(-1);  // [B, L]
    const auto first = choice.keys.select(2, 0);
    const auto chosen = ((choice.keys == best.unsqueeze(-1)) & choice.valid).any(-1);
    queries += mask.sum().item<std::int64_t>();
    first_hits += ((first == best) & choice.valid.select(2, 0) & mask).sum().item<std::int64_t>();
    chosen_hits += (chosen & mask).sum().item<std::int64_t>();
    if (student_heads.size(2) > 0) {
        const auto [error, norm] = head_squares(student_heads, teacher_heads, mask);
        head_error += error.item<double>();
        head_norm += norm.item<double>();
    }
    const auto s = student_output.to(torch::kDouble).contiguous(), t = teacher_output.to(torch::kDouble).contiguous();
    student.insert(student.end(), s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
    teacher.insert(teacher.end(), t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

double TeacherAgreement::top1_accuracy() const {
    return queries ? static_cast<double>(first_hits) / static_cast<double>(queries) : 0;
}

double TeacherAgreement::topk_recall() const {
    return queries ? static_cast<double>(chosen_hits) / static_cast<double>(queries) : 0;
}

double TeacherAgreement::output_relative_error() const {
    double error = 0, norm = 0;
    for (std::size_t i = 0; i < student.size(); ++i) {
        error += (student[i] - teacher[i]) * (student[i] - teacher[i]);
        norm += teacher[i] * teacher[i];
    }
    return norm > 0 ? std::sqrt(error / norm) : std::numeric_limits<double>::quiet_NaN();
}

double TeacherAgreement::head_relative_error() const {
    return head_norm > 0 ? std::sqrt(head_error / head_norm) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace gsattn

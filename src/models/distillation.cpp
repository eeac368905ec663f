#include "gsattn/models/distillation.hpp"

#include <algorithm>
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

// The power the teacher's attention over a query's candidates is raised to
// before it is the selector's target (the inverse of a distillation
// temperature).
constexpr double kTargetPower = 4;

// Rows that sum to 1 along the last dimension (all-zero rows stay zero).
torch::Tensor as_distribution(const torch::Tensor& t) { return t / t.sum(-1, /*keepdim=*/true).clamp_min(1e-12); }

double average_over(double sum, std::int64_t queries) { return queries ? sum / static_cast<double>(queries) : 0; }

}  // namespace

DistillationLosses distillation_losses(const CandidateScores& c, const torch::Tensor& teacher_weights,
                                       const torch::Tensor& mask, const torch::Tensor& student_heads,
                                       const torch::Tensor& teacher_heads) {
    const auto rows = teacher_weights.mean(1);  // [B, L, L]
    auto target = rows.gather(2, c.keys).masked_fill(~c.valid, 0);
    const auto taught = target.sum(-1) > 0;  // real queries whose candidates the teacher attends to at all
    // The teacher's rows are flat (at 200 bp its largest weight is 1.3 to 2
    // times the second's, and a few dozen keys share most of the rest):
    // raised to a power they rank the keys the selector should put first.
    target = as_distribution((target / target.amax(-1, /*keepdim=*/true).clamp_min(1e-12)).pow(kTargetPower));
    const auto log_choice = torch::log_softmax(c.scores, -1).masked_fill(~c.valid, 0);
    const auto per_query = -(target * log_choice).sum(-1);
    const auto selector = taught.any().item<bool>() ? per_query.masked_select(taught).mean()
                                                    : torch::zeros({}, rows.options());

    const auto real = mask.to(rows.scalar_type());
    // Half the attention each key receives, half the share of the queries
    // whose arg-max key it is: a key many queries read most of all must be a
    // global candidate even when its total weight is ordinary.
    const auto received = (rows * real.unsqueeze(2)).sum(1);  // [B, L]
    const auto first_of = torch::zeros_like(received).scatter_add_(1, rows.argmax(-1), real);
    const auto target_tokens = 0.5 * as_distribution(received) + 0.5 * as_distribution(first_of);
    const auto log_token = torch::log_softmax(c.tokens.masked_fill(~mask, -INFINITY), -1).masked_fill(~mask, 0);
    const auto tokens = -(target_tokens * log_token).sum(-1).mean();

    torch::Tensor approximator = torch::zeros({}, rows.options());
    if (student_heads.size(2) > 0) {
        const auto [error, norm] = head_squares(student_heads, teacher_heads, mask);
        approximator = error / norm.clamp_min(1e-12);
    }
    return {selector, tokens, approximator};
}

void TeacherAgreement::add(const CandidateScores& candidates, const KeyChoice& choice,
                           const torch::Tensor& teacher_weights, const torch::Tensor& mask,
                           const torch::Tensor& student_heads, const torch::Tensor& teacher_heads,
                           const torch::Tensor& student_output, const torch::Tensor& teacher_output) {
    const auto rows = teacher_weights.mean(1);  // [B, L, L]
    const auto [top, where] = rows.topk(std::min<std::int64_t>(2, rows.size(2)), -1);
    const auto best = where.select(2, 0);  // [B, L]
    const auto first = choice.keys.select(2, 0);
    const auto holds = [&](const torch::Tensor& keys, const torch::Tensor& valid) {
        return ((keys == best.unsqueeze(-1)) & valid).any(-1) & mask;
    };
    const auto real = mask.to(rows.scalar_type());
    queries += mask.sum().item<std::int64_t>();
    teacher_first += (top.select(2, 0) * real).sum().item<double>();
    if (top.size(2) > 1) teacher_second += (top.select(2, 1) * real).sum().item<double>();
    candidate_hits += holds(candidates.keys, candidates.valid).sum().item<std::int64_t>();
    first_hits += ((first == best) & choice.valid.select(2, 0) & mask).sum().item<std::int64_t>();
    chosen_hits += holds(choice.keys, choice.valid).sum().item<std::int64_t>();
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
    return average_over(first_hits, queries);
}

double TeacherAgreement::topk_recall() const {
    return average_over(chosen_hits, queries);
}

double TeacherAgreement::candidate_recall() const {
    return average_over(candidate_hits, queries);
}

double TeacherAgreement::teacher_first_weight() const { return average_over(teacher_first, queries); }

double TeacherAgreement::teacher_second_weight() const { return average_over(teacher_second, queries); }

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

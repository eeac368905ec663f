// Distillation of a topk model from a full-attention teacher
// (`train --model topk --teacher FULL`): the losses that teach the
// KeySelector and the HeadApproximators the teacher's attention, and the
// measures of how far the student is from it.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "gsattn/models/key_selector.hpp"

namespace gsattn {

struct DistillationLosses {
    // Cross-entropy of the selector's softmax over each real query's
    // candidates against the teacher's attention row (mean over heads)
    // restricted to them and renormalised; mean over queries.
    torch::Tensor selector;
    // Cross-entropy of the token scorer's softmax over a sequence's bases
    // against the attention each base receives from the teacher (mean over
    // heads and queries), so that the keys the teacher attends to become
    // global candidates; mean over sequences.
    torch::Tensor tokens;
    // Squared error of the approximated heads' outputs against the teacher's
    // same heads, over real positions, relative to the teacher's squared
    // outputs (0 when no head is approximated).
    torch::Tensor approximator;
};

// teacher_weights: [B, H, L, L]; mask: [B, L]; student_heads and
// teacher_heads: [B, L, A, dh], the A approximated heads (A may be 0).
DistillationLosses distillation_losses(const CandidateScores& candidates, const torch::Tensor& teacher_weights,
                                       const torch::Tensor& mask, const torch::Tensor& student_heads,
                                       const torch::Tensor& teacher_heads);

// The study's measures, summed over batches.
struct TeacherAgreement {
    std::int64_t queries = 0;     // real query positions
    std::int64_t first_hits = 0;  // the teacher's arg-max key is the selector's first choice
    std::int64_t chosen_hits = 0; // the teacher's arg-max key is among the K chosen
    std::int64_t candidate_hits = 0;  // ... is among the 3K + 1 candidates (bounds chosen_hits)
    double teacher_first = 0, teacher_second = 0;  // sums of the largest and second-largest teacher weights
    double head_error = 0, head_norm = 0;  // sums of squares of approximated heads' error and of the teacher's
    std::vector<double> student, teacher;  // final outputs, one per sequence

    void add(const CandidateScores& candidates, const KeyChoice& choice, const torch::Tensor& teacher_weights,
             const torch::Tensor& mask, const torch::Tensor& student_heads, const torch::Tensor& teacher_heads,
             const torch::Tensor& student_output, const torch::Tensor& teacher_output);
    double top1_accuracy() const;
    double topk_recall() const;
    double candidate_recall() const;
    // How sharp the target is: the mean over queries of the largest and the
    // second-largest weight in the teacher's attention row (mean over heads).
    double teacher_first_weight() const;
    double teacher_second_weight() const;
    double output_relative_error() const;  // ||student - teacher|| / ||teacher||
    double head_relative_error() const;    // NaN when no head is approximated
};

}  // namespace gsattn

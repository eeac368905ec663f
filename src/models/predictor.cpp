#include "gsattn/models/predictor.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "gsattn/batching.hpp"
#include "gsattn/models/batch.hpp"
#include "gsattn/error.hpp"
#include "gsattn/mutagenesis.hpp"

namespace gsattn {

Predictor::Predictor(LoadedModel model, int batch_size) : model_(std::move(model)), batch_size_(batch_size) {}

std::vector<double> Predictor::raw_outputs(const std::vector<const EncodedSequence*>& sequences) {
    return predict_outputs(*model_.network, sequences, batch_size_, model_.info.both_strands);
}

double Predictor::to_label_units(double raw) const {
    return to_predictions({raw}, model_.info.task, model_.info.scaling).front();
}

std::vector<double> Predictor::predict(const std::vector<const EncodedSequence*>& sequences) {
    return to_predictions(raw_outputs(sequences), model_.info.task, model_.info.scaling);
}

std::vector<double> Predictor::mutation_effects(const EncodedSequence& sequence,
                                                const std::vector<Substitution>& all) {
    std::vector<double> effects;
    if (all.empty()) return effects;
    effects.reserve(all.size());
    torch::NoGradGuard no_grad;
    SequenceModelImpl& network = *model_.network;
    network.eval();
    const bool both = model_.info.both_strands;
    const auto length = static_cast<std::int64_t>(sequence.size());
    const TokenBatch forward = make_token_batch({&sequence}, false);
    const TokenBatch reverse = both ? make_token_batch({&sequence}, true) : TokenBatch{};
    const double before = to_label_units(raw_outputs({&sequence}).front());
    // As many mutants per batch as for_each_batch's budget allows.
    const std::size_t fit = kMostBatchPositions / std::max<std::size_t>(sequence.size(), 1);
    const std::size_t per_batch = std::max<std::size_t>(1, std::min(static_cast<std::size_t>(batch_size_), fit));
    std::vector<std::int64_t> positions, alts, reverse_positions, reverse_alts;
    for (std::size_t first = 0; first < all.size(); first += per_batch) {
        const std::size_t last = std::min(all.size(), first + per_batch);
        positions.clear();
        alts.clear();
        reverse_positions.clear();
        reverse_alts.clear();
        for (std::size_t s = first; s < last; ++s) {
            positions.push_back(all[s].position);
            alts.push_back(static_cast<std::int64_t>(all[s].alt));
            reverse_positions.push_back(length - 1 - all[s].position);
            reverse_alts.push_back(static_cast<std::int64_t>(complement(all[s].alt)));
        }
        auto y = network.mutant_outputs(forward.tokens, positions, alts);
        if (both) y = (y + network.mutant_outputs(reverse.tokens, reverse_positions, reverse_alts)) / 2;
        const auto values = y.to(torch::kDouble).contiguous();
        for (std::int64_t m = 0; m < values.numel(); ++m)
            effects.push_back(to_label_units(values.data_ptr<double>()[m]) - before);
    }
    return effects;
}

namespace {

// A stretch of one sequence scored as a unit: bases [from, to) go into the
// network and the logits of [keep_from, keep_to) are kept.
struct Piece {
    std::size_t sequence = 0;
    std::int64_t from = 0, to = 0, keep_from = 0, keep_to = 0;
};

// Cuts each sequence longer than `kept` into pieces keeping `kept` logits,
// with `reach` bases of context either side where the sequence has them.
std::vector<Piece> cut_into_pieces(const std::vector<const EncodedSequence*>& sequences, std::int64_t kept,
                                   std::int64_t reach) {
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < sequences.size(); ++i) {
        const auto length = static_cast<std::int64_t>(sequences[i]->size());
        std::int64_t start = 0;
        do {
            const std::int64_t end = std::min(length, start + kept);
            pieces.push_back({i, std::max<std::int64_t>(0, start - reach), std::min(length, end + reach), start, end});
            start = end;
        } while (start < length);
    }
    return pieces;
}

}  // namespace

std::vector<std::vector<float>> Predictor::selector_logits(const std::vector<const EncodedSequence*>& sequences,
                                                          const BasesDone& progress) {
    torch::NoGradGuard no_grad;
    SequenceModelImpl& network = *model_.network;
    network.eval();
    // A position's logit depends on no base farther than stem_reach() away,
    // so a long sequence is scored in pieces with that much context either
    // side: the logits are the whole sequence's, and the network's
    // activations stay within a batch's budget however long the sequence.
    // (A topk model's keys also come from the K positions its token scorer
    // ranks highest in the whole input: a piece's are its own.)
    const std::vector<Piece> pieces = cut_into_pieces(sequences, kSelectorPieceLength, stem_reach(network.config()));
    std::vector<std::vector<float>> out(sequences.size());
    for (std::size_t i = 0; i < sequences.size(); ++i) out[i].resize(sequences[i]->size());
    const auto group_size = static_cast<std::size_t>(batch_size_);
    std::int64_t total = 0, done = 0;
    for (const EncodedSequence* s : sequences) total += static_cast<std::int64_t>(s->size());
    std::vector<EncodedSequence> stretches;
    std::vector<const EncodedSequence*> inputs;
    for (std::size_t first = 0; first < pieces.size(); first += group_size) {
        const std::size_t last = std::min(pieces.size(), first + group_size);
        stretches.clear();
        stretches.reserve(last - first);
        inputs.clear();
        for (std::size_t p = first; p < last; ++p) {
            const Piece& piece = pieces[p];
            const EncodedSequence& whole = *sequences[piece.sequence];
            if (piece.to - piece.from == static_cast<std::int64_t>(whole.size())) {
                inputs.push_back(&whole);
            } else {
                stretches.emplace_back(whole.begin() + piece.from, whole.begin() + piece.to);
                inputs.push_back(&stretches.back());
            }
        }
        std::size_t next = first;
        for_each_batch(inputs, batch_size_, [&](const std::vector<const EncodedSequence*>& part) {
            const TokenBatch batch = make_token_batch(part, false);
            const auto logits = network.selector_scores(batch.tokens, batch.mask);
            if (!logits.defined())
                throw Error(fmt::format("a {} model has no token selector; only sparse and topk models select positions",
                                        to_string(network.config().kind)));
            const auto rows = logits.to(torch::kFloat).contiguous();
            for (std::size_t i = 0; i < part.size(); ++i, ++next) {
                const Piece& piece = pieces[next];
                const float* row = rows[static_cast<std::int64_t>(i)].data_ptr<float>();
                std::copy(row + (piece.keep_from - piece.from), row + (piece.keep_to - piece.from),
                          out[piece.sequence].begin() + piece.keep_from);
                done += piece.keep_to - piece.keep_from;
            }
            if (progress) progress(done, total);
        });
    }
    return out;
}

std::vector<double> Predictor::scan_outputs(const EncodedSequence& sequence, std::int64_t first, std::int64_t width,
                                            std::int64_t step, std::int64_t count) {
    torch::NoGradGuard no_grad;
    SequenceModelImpl& network = *model_.network;
    network.eval();
    // A few hundred windows at a time: the features at their ends, recomputed
    // in small tensors, then stay in cache (256 windows of 80 bp ran the
    // edges' convolutions 2.4 times as fast as 4,096), and at most one
    // batch's budget of positions. The passes go to the threads whole, each
    // computed as it would be alone, so values do not depend on --threads.
    const auto per_pass = std::clamp<std::int64_t>(static_cast<std::int64_t>(kMostBatchPositions) / width, 1, 256);
    const std::int64_t passes = (count + per_pass - 1) / per_pass;
    std::vector<double> out(static_cast<std::size_t>(count));
    at::parallel_for(0, passes, 1, [&](std::int64_t begin, std::int64_t end) {
        torch::NoGradGuard no_grad_here;  // grad mode is per thread
        for (std::int64_t pass = begin; pass < end; ++pass) {
            const std::int64_t done = pass * per_pass, n = std::min(per_pass, count - done);
            const auto from = sequence.begin() + first + done * step;
            const EncodedSequence stretch(from, from + (n - 1) * step + width);
            auto y = network.window_outputs(make_token_batch({&stretch}, false).tokens, width, step, n);
            // On the other strand the stretch's last window comes first.
            if (model_.info.both_strands)
                y = (y + network.window_outputs(make_token_batch({&stretch}, true).tokens, width, step, n).flip(0)) / 2;
            const auto values = y.to(torch::kDouble).contiguous();
            std::copy(values.data_ptr<double>(), values.data_ptr<double>() + n, out.begin() + done);
        }
    });
    return out;
}

void Predictor::predict_windows(const EncodedSequence& sequence, std::int64_t width, std::int64_t step,
                                std::uint64_t& batch_number, const WindowFilter& wanted,
                                const std::function<void(const Window&)>& emit,
                                const BasesDone& batch_done) {
    const auto length = static_cast<std::int64_t>(sequence.size());
    if (length <= width) {
        if (wanted(batch_number++, 0)) emit({0, length, predict({&sequence}).front()});
        return;
    }
    const std::int64_t reported = std::min(step, width);
    const std::int64_t offset = (width - reported) / 2;
    const auto batch = static_cast<std::int64_t>(batch_size_);
    std::vector<bool> wanted_here;
    for (std::int64_t first = 0; first + width <= length; first += batch * step, ++batch_number) {
        const std::int64_t last = std::min(first + batch * step, length - width + 1);  // window starts
        wanted_here.clear();
        for (std::int64_t s = first; s < last; s += step) wanted_here.push_back(wanted(batch_number, s + offset));
        if (std::find(wanted_here.begin(), wanted_here.end(), true) == wanted_here.end()) continue;
        const auto count = static_cast<std::int64_t>(wanted_here.size());
        const std::vector<double> values = to_predictions(scan_outputs(sequence, first, width, step, count),
                                                          model_.info.task, model_.info.scaling);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::int64_t s = first + static_cast<std::int64_t>(i) * step;
            if (wanted_here[i]) emit({s + offset, s + offset + reported, values[i]});
        }
        if (batch_done) batch_done(first + (count - 1) * step + width, length);
    }
}

}  // namespace gsattn

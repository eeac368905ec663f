#include "gsattn/predictor.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "gsattn/batch.hpp"
#include "gsattn/error.hpp"

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

std::vector<std::vector<float>> Predictor::selector_logits(const std::vector<const EncodedSequence*>& sequences) {
    torch::NoGradGuard no_grad;
    SequenceModelImpl& network = *model_.network;
    network.eval();
    std::vector<std::vector<float>> out;
    out.reserve(sequences.size());
    for_each_batch(sequences, batch_size_, [&](const std::vector<const EncodedSequence*>& part) {
        const TokenBatch batch = make_token_batch(part, false);
        const auto logits = network.selector_scores(batch.tokens, batch.mask);
        if (!logits.defined())
            throw Error(fmt::format("a {} model has no token selector; only sparse models select positions",
                                    to_string(network.config().kind)));
        const auto rows = logits.to(torch::kFloat).contiguous();
        for (std::size_t i = 0; i < part.size(); ++i) {
            const float* row = rows[static_cast<std::int64_t>(i)].data_ptr<float>();
            out.emplace_back(row, row + part[i]->size());
        }
    });
    return out;
}

void Predictor::predict_windows(const EncodedSequence& sequence, std::int64_t width, std::int64_t step,
                                const std::function<void(const Window&)>& emit) {
    const auto length = static_cast<std::int64_t>(sequence.size());
    if (length <= width) {
        const double value = predict({&sequence}).front();
        emit({0, length, value});
        return;
    }
    const std::int64_t reported = std::min(step, width);
    const std::int64_t offset = (width - reported) / 2;
    std::vector<std::int64_t> starts;
    for (std::int64_t s = 0; s + width <= length; s += step) starts.push_back(s);
    std::vector<EncodedSequence> windows;
    std::vector<const EncodedSequence*> pointers;
    for (std::size_t first = 0; first < starts.size(); first += batch_size_) {
        const std::size_t last = std::min(starts.size(), first + static_cast<std::size_t>(batch_size_));
        windows.clear();
        pointers.clear();
        for (std::size_t i = first; i < last; ++i)
            windows.emplace_back(sequence.begin() + starts[i], sequence.begin() + starts[i] + width);
        for (const auto& w : windows) pointers.push_back(&w);
        const std::vector<double> values = predict(pointers);
        for (std::size_t i = first; i < last; ++i)
            emit({starts[i] + offset, starts[i] + offset + reported, values[i - first]});
    }
}

}  // namespace gsattn

#include "gsattn/models/sequence_model.hpp"

#include "gsattn/error.hpp"
#include "gsattn/models/full_model.hpp"
#include "gsattn/models/joint_model.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/pwm_model.hpp"
#include "gsattn/models/sparse_model.hpp"
#include "gsattn/models/topk_model.hpp"
#include "gsattn/models/window_model.hpp"

namespace gsattn {

std::vector<torch::Tensor> SequenceModelImpl::embedding_parameters() {
    std::vector<torch::Tensor> out;
    for (const auto& item : named_parameters(/*recurse=*/true))
        if (item.key().find("embedding") != std::string::npos) out.push_back(item.value());
    return out;
}

torch::Tensor SequenceModelImpl::mutant_outputs(const torch::Tensor& tokens, const std::vector<std::int64_t>& positions,
                                                const std::vector<std::int64_t>& alts) {
    const auto count = static_cast<std::int64_t>(positions.size());
    auto mutants = tokens.expand({count, tokens.size(1)}).clone();
    auto t = mutants.accessor<std::int64_t, 2>();
    for (std::int64_t m = 0; m < count; ++m) t[m][positions[m]] = alts[m];
    return forward(mutants, torch::ones_like(mutants, torch::kBool));
}

torch::Tensor SequenceModelImpl::window_outputs(const torch::Tensor& tokens, std::int64_t width, std::int64_t step,
                                                std::int64_t count) {
    const auto windows = strided_windows(tokens[0], 0, width, step, count).contiguous();
    return forward(windows, torch::ones_like(windows, torch::kBool));
}

SequenceModel make_model(const ModelConfig& config) {
    validate(config);
    switch (config.kind) {
        case ModelKind::full: return std::make_shared<FullModelImpl>(config);
        case ModelKind::sparse: return std::make_shared<SparseModelImpl>(config);
        case ModelKind::joint: return std::make_shared<JointModelImpl>(config);
        case ModelKind::window: return std::make_shared<WindowModelImpl>(config);
        case ModelKind::pwm: return std::make_shared<PwmModelImpl>(config);
        case ModelKind::topk: return std::make_shared<TopKModelImpl>(config);
    }
    return nullptr;
}

void load_weights(SequenceModelImpl& model, torch::serialize::InputArchive& archive) {
    const auto shapes_of = [&model] {
        std::vector<std::vector<std::int64_t>> shapes;
        for (const auto& p : model.parameters()) shapes.push_back(p.sizes().vec());
        for (const auto& b : model.buffers()) shapes.push_back(b.sizes().vec());
        return shapes;
    };
    const auto expected = shapes_of();
    try {
        model.load(archive);
    } catch (const c10::Error&) {
        throw Error("the weights do not match the model description");
    }
    if (shapes_of() != expected) throw Error("the weights do not match the model description");
}

}  // namespace gsattn

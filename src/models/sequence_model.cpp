#include "gsattn/models/sequence_model.hpp"

#include "gsattn/error.hpp"
#include "gsattn/models/full_model.hpp"
#include "gsattn/models/joint_model.hpp"
#include "gsattn/models/pwm_model.hpp"
#include "gsattn/models/sparse_model.hpp"
#include "gsattn/models/window_model.hpp"

namespace gsattn {

std::vector<torch::Tensor> SequenceModelImpl::embedding_parameters() {
    std::vector<torch::Tensor> out;
    for (const auto& item : named_parameters(/*recurse=*/true))
        if (item.key().find("embedding") != std::string::npos) out.push_back(item.value());
    return out;
}

SequenceModel make_model(const ModelConfig& config) {
    validate(config);
    switch (config.kind) {
        case ModelKind::full: return std::make_shared<FullModelImpl>(config);
        case ModelKind::sparse: return std::make_shared<SparseModelImpl>(config);
        case ModelKind::joint: return std::make_shared<JointModelImpl>(config);
        case ModelKind::window: return std::make_shared<WindowModelImpl>(config);
        case ModelKind::pwm: return std::make_shared<PwmModelImpl>(config);
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

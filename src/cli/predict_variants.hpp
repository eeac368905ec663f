// gsattn predict --vcf: each variant's effect on the model's prediction,
// written back into the VCF as INFO fields.
#pragma once

#include <cstdint>
#include <string>

#include "cli/common.hpp"
#include "gsattn/alphabet.hpp"
#include "gsattn/models/predictor.hpp"

namespace gsattn::cli {

struct VariantOptions {
    std::string vcf, reference, output, summary;
    std::string model_name;   // as given on the command line, for the header
    std::int64_t window = 0;  // 0: the model's training length
    int batch_size = 64;      // records per batch (the --shard unit)
    bool skip_ref_mismatch = false;
    SoftMasked soft_masked = SoftMasked::bases;
};

void predict_variants(Predictor& predictor, const VariantOptions& options, const ShardSelection& shards);

}  // namespace gsattn::cli

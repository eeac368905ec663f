// gsattn predict --vcf: each variant's effect on the model's prediction,
// written back into the VCF as INFO fields.
#pragma once

#include <string>

#include "cli/predict_options.hpp"
#include "gsattn/models/predictor.hpp"

namespace gsattn::cli {

// `o`'s --vcf, --reference, --window (0: the model's training length),
// --batch-size (records per batch, the --shard unit), --shard, --regions,
// --vcf-summary, --skip-ref-mismatch and --mask-lowercase; `model_name` is
// the model as given on the command line, for the VCF header.
void predict_variants(Predictor& predictor, const PredictOptions& o, const std::string& model_name);

}  // namespace gsattn::cli

// gsattn predict, the run: regulatory strength for FASTA records (TSV), BED
// regions of a reference (BED6 + raw value), windows along long records
// (bedGraph) or the variants of a VCF. Part of the LibTorch module; the
// options are in predict.cpp.
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <tuple>

#include "cli/common.hpp"
#include "cli/predict_options.hpp"
#include "cli/predict_variants.hpp"
#include "gsattn/bed.hpp"
#include "gsattn/dataset.hpp"
#include "gsattn/error.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/log.hpp"
#include "gsattn/mutagenesis.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/models/predictor.hpp"
#include "gsattn/reference.hpp"
#include "gsattn/shipped_models.hpp"

namespace gsattn::cli {
namespace {

// --ism and --ism-matrix: every predicted sequence's single-base
// substitutions, as one value per base (bedGraph, sorted like a genome
// browser wants it) and as each substitution's effect (TSV).
class IsmOutputs {
public:
    explicit IsmOutputs(const PredictOptions& o) : stat_(o.ism_stat) {
        if (!o.ism.empty()) bedgraph_.emplace(o.ism);
        if (!o.ism_matrix.empty()) {
            matrix_.emplace(o.ism_matrix);
            matrix_->set_header("name\tposition\tref\tA\tC\tG\tT\n");
        }
    }

    bool wanted() const { return bedgraph_ || matrix_; }

    // The substitutions of bases [first, last) of `bases` (last < 0: to the
    // end). `name` is the sequence's in the matrix, where base i is at
    // position i + 1 + matrix_offset; in the bedGraph it is at `chrom`:`at(i)`.
    template <typename At>
    void add(Predictor& predictor, const std::string& name, const EncodedSequence& bases, const std::string& chrom,
             At at, std::int64_t first = 0, std::int64_t last = -1, std::int64_t matrix_offset = 0) {
        const auto start = std::chrono::steady_clock::now();
        const std::vector<Substitution> all = substitutions(bases, first, last);
        const std::vector<double> effects = predictor.mutation_effects(bases, all);
        seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        substitutions_ += effects.size();
        ++sequences_;
        log::progress(fmt::format("in-silico mutagenesis: {} sequences", sequences_));
        for (const BaseEffects& base : effects_by_base(bases, all, effects)) {
            if (bedgraph_) lines_.push_back({chrom, at(base.position), summarise(base, stat_)});
            if (matrix_)
                matrix_->print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", name, base.position + 1 + matrix_offset,
                               decode_base(base.ref), base.effect[0], base.effect[1], base.effect[2], base.effect[3]);
        }
    }

    // Writes the bedGraph; the caller commits every output together.
    void finish() {
        if (!wanted()) return;
        std::stable_sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) {
            return std::tie(a.chrom, a.start) < std::tie(b.chrom, b.start);
        });
        for (const Line& l : lines_) write_bedgraph(*bedgraph_, l.chrom, l.start, l.start + 1, l.value);
        log::info("in-silico mutagenesis: {} substitutions of {} sequences in {:.3f} s ({:.1f} sequences/s)",
                  substitutions_, sequences_, seconds_, seconds_ > 0 ? sequences_ / seconds_ : 0.0);
    }

    // Null when not asked for.
    OutputFile* bedgraph() { return bedgraph_ ? &*bedgraph_ : nullptr; }
    OutputFile* matrix() { return matrix_ ? &*matrix_ : nullptr; }

private:
    struct Line {
        std::string chrom;
        std::int64_t start = 0;
        double value = 0;
    };
    IsmStat stat_;
    std::optional<OutputFile> bedgraph_, matrix_;
    std::vector<Line> lines_;
    std::size_t sequences_ = 0, substitutions_ = 0;
    double seconds_ = 0;  // in mutation_effects
};

// The Ns of [first, last) of a record, counted as the windows move along it
// (in order, as predict_windows asks), so that no per-base table is kept.
class UnknownCount {
public:
    explicit UnknownCount(const EncodedSequence& bases) : bases_(bases) {}
    std::int64_t in(std::int64_t first, std::int64_t last) {
        if (first < first_ || last < last_) first_ = last_ = first, count_ = 0;  // moved back: count afresh
        for (; last_ < last; ++last_) count_ += bases_[last_] == Base::N;
        for (; first_ < first; ++first_) count_ -= bases_[first_] == Base::N;
        return count_;
    }

private:
    const EncodedSequence& bases_;
    std::int64_t first_ = 0, last_ = 0, count_ = 0;
};

void predict_fasta(Predictor& predictor, const PredictOptions& o, OutputFile& out, IsmOutputs& ism) {
    out.set_header("name\tprediction\n");
    const auto start = std::chrono::steady_clock::now();
    std::size_t total = 0, longest = 0;
    std::uint64_t batch_number = 0;
    for_each_fasta_chunk(o.fasta, kFastaRecordsPerChunk, kFastaBasesPerChunk, [&](const std::vector<SequenceRecord>& records) {
        std::vector<const EncodedSequence*> sequences;
        for (const auto& r : records) sequences.push_back(&r.bases);
        for_each_batch_of_shard(sequences, o.batch_size, o.shards.shard, batch_number, [&](std::size_t first, std::size_t last) {
            const auto values = predictor.predict({sequences.begin() + first, sequences.begin() + last});
            for (std::size_t i = first; i < last; ++i) {
                out.print("{}\t{}\n", records[i].name, values[i - first]);
                longest = std::max(longest, records[i].bases.size());
                if (ism.bedgraph())
                    ism.bedgraph()->note_sequence_length(records[i].name,
                                                         static_cast<std::int64_t>(records[i].bases.size()));
                if (ism.wanted())
                    ism.add(predictor, records[i].name, records[i].bases, records[i].name,
                            [](std::int64_t i) { return i; });
            }
            total += last - first;
        });
    }, o.soft_masked);
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    const ModelInfo& info = predictor.model().info;
    log::info("predicted {} sequences in {:.3f} s; analytic cost at the longest, {} bp: {:.4g} FLOPs per strand, "
              "{} strand{}",
              total, seconds.count(), longest, flops_per_sequence(info.config, static_cast<std::int64_t>(longest)),
              info.both_strands ? 2 : 1, info.both_strands ? "s" : "");
}

void predict_regions(Predictor& predictor, const PredictOptions& o, OutputFile& out, IsmOutputs& ism) {
    const Reference genome(o.reference, o.soft_masked);
    BedReader regions(o.bed);
    std::size_t total = 0, region_number = 0;
    while (auto region = regions.next()) {
        o.shards.note_sequence(region->chrom);
        if (!o.shards.shard.takes(region_number++) || !o.shards.in_regions(region->chrom, region->start)) continue;
        const EncodedSequence bases = fetch_region(genome, regions, *region);
        const double raw = predictor.raw_outputs({&bases}).front();
        BedRecord r = *region;
        r.name = region_name(*region);
        r.score = bed_score_from_logit(raw);
        out.print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", r.chrom, r.start, r.end, r.name, r.score, r.strand,
                  predictor.to_label_units(raw));
        if (ism.bedgraph()) ism.bedgraph()->note_sequence_length(r.chrom, genome.length(r.chrom));
        if (ism.wanted())  // a minus-strand region's bases are its reverse complement
            ism.add(predictor, r.name, bases, r.chrom, [&r](std::int64_t i) {
                return r.strand == '-' ? r.end - 1 - i : r.start + i;
            });
        ++total;
    }
    log::info("predicted {} regions", total);
}

// With --ism, each window's substitutions are those of the bases its value
// is reported on (the step-wide interval at its centre), so every base is
// mutated once, in the window that reports it.
void predict_windows(Predictor& predictor, const PredictOptions& o, OutputFile& out, IsmOutputs& ism) {
    struct Line {
        std::string chrom;
        Predictor::Window window;
    };
    std::vector<Line> lines;  // one per window: sorted by chromosome before writing
    std::uint64_t batch_number = 0;
    std::size_t gapped = 0;  // windows left out for their Ns
    FastaReader reader(o.fasta, o.soft_masked);
    while (auto record = reader.next()) {
        log::debug("{}: {} bp", record->name, record->bases.size());
        o.shards.note_sequence(record->name);
        const auto length = static_cast<std::int64_t>(record->bases.size());
        out.note_sequence_length(record->name, length);
        if (ism.bedgraph()) ism.bedgraph()->note_sequence_length(record->name, length);
        const std::int64_t offset = length <= o.window ? 0 : (o.window - std::min(o.step, o.window)) / 2;
        // A window with more than --max-n of Ns (an assembly gap) is not computed and not written.
        UnknownCount unknown(record->bases);
        const auto few_unknown = [&](std::int64_t reported_start) {
            const std::int64_t first = reported_start - offset, last = std::min(length, first + o.window);
            return unknown.in(first, last) <= o.max_n * static_cast<double>(last - first);
        };
        const auto wanted = [&](std::uint64_t batch, std::int64_t start) {
            if (!o.shards.shard.takes(batch) || !o.shards.in_regions(record->name, start)) return false;
            if (few_unknown(start)) return true;
            ++gapped;
            return false;
        };
        predictor.predict_windows(record->bases, o.window, o.step, batch_number, wanted, [&](const Predictor::Window& w) {
            lines.push_back({record->name, w});
            if (!ism.wanted()) return;
            const std::int64_t first = w.start - offset;  // the window's first base
            const EncodedSequence window(record->bases.begin() + first,
                                         record->bases.begin() + std::min(length, first + o.window));
            ism.add(predictor, record->name, window, record->name, [first](std::int64_t i) { return first + i; },
                    w.start - first, w.end - first, first);
        }, bases_progress(record->name));
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line& a, const Line& b) { return a.chrom < b.chrom; });
    for (const Line& l : lines) write_bedgraph(out, l.chrom, l.window.start, l.window.end, l.window.value);
    log::info("predicted {} windows; left out {} with more than {:g} % N", lines.size(), gapped, 100 * o.max_n);
}

// --vcf: variants of --reference, written back with their effects.
void run_predict_variants(PredictOptions& o, const std::string& model_name) {
    if (!o.fasta.empty() || !o.bed.empty()) throw CLI::ValidationError("--vcf reads its sequences from --reference, "
                                                                       "not --fasta or --bed");
    if (o.reference.empty()) throw CLI::ValidationError("--vcf needs --reference");
    if (o.step > 0) throw CLI::ValidationError("--step is for --window scans of --fasta records; with --vcf, "
                                               "--window is the width of each variant's window");
    if (!o.ism.empty() || !o.ism_matrix.empty())
        throw CLI::ValidationError("--ism and --ism-matrix are for --fasta, --bed or --window, not --vcf");
    std::vector<NamedPath> inputs = sequence_inputs(o.model, "", "", o.reference, o.shards.regions_path);
    inputs.push_back({"--vcf", o.vcf});
    std::vector<NamedPath> outputs{{"--output", o.common.output}};
    if (!o.vcf_summary.empty()) outputs.push_back({"--vcf-summary", o.vcf_summary});
    require_distinct_files(inputs, outputs);
    if (o.batch_size == 0) o.batch_size = kSequenceBatch;
    o.shards.load();
    Predictor predictor(load_model_file(o.model), o.batch_size);
    predict_variants(predictor, o, model_name);
    o.shards.require_regions_on_input();
}

}  // namespace

void run_predict(PredictOptions& o) {
    if (o.model.empty()) throw CLI::RequiredError("--model");
    const std::string model_name = o.model;
    o.model = resolve_model(o.model);
    if (!o.vcf.empty()) return run_predict_variants(o, model_name);
    if (!o.vcf_summary.empty() || o.skip_ref_mismatch)
        throw CLI::ValidationError("--vcf-summary and --skip-ref-mismatch go with --vcf");
    require_sequence_source(o.fasta, o.bed, o.reference);
    if ((o.window > 0) != (o.step > 0)) throw CLI::ValidationError("--window and --step go together");
    if (o.window > 0 && o.fasta.empty()) throw CLI::ValidationError("--window works on --fasta records");
    if (!o.shards.regions_path.empty() && o.window == 0 && o.bed.empty())
        throw CLI::ValidationError("--regions applies to --window or --bed, which have coordinates");
    std::vector<NamedPath> outputs{{"--output", o.common.output}};
    if (!o.ism.empty()) outputs.push_back({"--ism", o.ism});
    if (!o.ism_matrix.empty()) outputs.push_back({"--ism-matrix", o.ism_matrix});
    require_distinct_files(sequence_inputs(o.model, o.fasta, o.bed, o.reference, o.shards.regions_path), outputs);
    if (o.batch_size == 0) o.batch_size = o.window > 0 ? kWindowBatch : kSequenceBatch;
    OutputFile out(o.common.output);
    IsmOutputs ism(o);
    o.shards.load();
    Predictor predictor(load_model_file(o.model), o.batch_size);
    if (o.window > 0) predict_windows(predictor, o, out, ism);
    else if (!o.bed.empty()) predict_regions(predictor, o, out, ism);
    else predict_fasta(predictor, o, out, ism);
    o.shards.require_regions_on_input();
    ism.finish();
    commit_all({&out, ism.bedgraph(), ism.matrix()});
}

}  // namespace gsattn::cli

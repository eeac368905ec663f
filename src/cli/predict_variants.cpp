#include "cli/predict_variants.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <vector>

#include <fmt/ranges.h>

#include "gsattn/error.hpp"
#include "gsattn/log.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/reference.hpp"
#include "gsattn/text.hpp"
#include "gsattn/variant_windows.hpp"
#include "gsattn/vcf.hpp"
#include "gsattn/version.hpp"

namespace gsattn::cli {
namespace {

// The INFO fields predict --vcf adds, in the order of their header lines.
enum VariantInfo {
    info_ref,
    info_alt,
    info_diff,
    info_log_odds_diff,
    info_skipped_alt,
    info_near_end,
    info_ref_mismatch,
    info_count
};
struct VariantInfoField {
    const char* id;
    const char* number;
    const char* type;
    const char* description;
};
constexpr VariantInfoField kVariantInfo[info_count] = {
    {"GSATTN_REF", "1", "Float", "gsattn prediction of the reference window centred on the variant (label units)"},
    {"GSATTN_ALT", "A", "Float",
     "gsattn prediction of each ALT allele's window: the reference window with the allele in place of REF, "
     "filled or cut on the right to the same length"},
    {"GSATTN_DIFF", "A", "Float", "GSATTN_ALT - GSATTN_REF"},
    {"GSATTN_LOGODDS_DIFF", "A", "Float", "Log-odds of the ALT window minus log-odds of the reference window"},
    {"GSATTN_SKIPPED_ALT", "0", "Flag",
     "An ALT allele is symbolic, a breakend, * or has letters other than A, C, G, T, N: it has no score (.)"},
    {"GSATTN_NEAR_END", "0", "Flag",
     "The reference window, or an ALT allele's window, would pass a chromosome end: no score (.)"},
    {"GSATTN_REF_MISMATCH", "0", "Flag", "REF does not match the reference (--skip-ref-mismatch): no scores"},
};

// What became of one ALT allele; the summary's status column.
enum class AlleleStatus { scored, symbolic, near_end, ref_mismatch };
const char* to_string(AlleleStatus s) {
    switch (s) {
        case AlleleStatus::scored: return "scored";
        case AlleleStatus::symbolic: return "symbolic";
        case AlleleStatus::near_end: return "near_end";
        case AlleleStatus::ref_mismatch: return "ref_mismatch";
    }
    return "";
}

// The value of `key` in a structured header line, or "".
std::string header_value(bcf_hrec_t* line, const char* key) {
    const int at = bcf_hrec_find_key(line, key);
    return at < 0 ? std::string() : std::string(line->vals[at]);
}

// Bases of a reference read a stretch at a time: faidx decompresses a whole
// BGZF block for every fetch, and the variants of a sorted VCF come one
// after the other along a chromosome.
class ReferenceStretch {
public:
    explicit ReferenceStretch(const Reference& genome) : genome_(genome) {}
    // The bases of [start, end) of `chrom`, which must lie inside it.
    EncodedSequence fetch(const std::string& chrom, std::int64_t start, std::int64_t end) {
        if (chrom != chrom_ || start < first_ || end > first_ + static_cast<std::int64_t>(bases_.size())) {
            chrom_ = chrom;
            first_ = start;
            bases_ = genome_.fetch(chrom, start, std::min(genome_.length(chrom), std::max(end, start + kStretch)));
        }
        const auto from = bases_.begin() + (start - first_);
        return EncodedSequence(from, from + (end - start));
    }

private:
    static constexpr std::int64_t kStretch = std::int64_t{1} << 20;
    const Reference& genome_;
    std::string chrom_;
    std::int64_t first_ = 0;
    EncodedSequence bases_;
};

struct Counts {
    std::size_t records = 0, scored = 0, symbolic = 0, near_end = 0, mismatched = 0;
};

class VariantScorer {
public:
    VariantScorer(Predictor& predictor, const PredictOptions& o, const std::string& model_name)
        : predictor_(predictor), o_(o), model_name_(model_name), shards_(o.shards),
          genome_(o.reference, o.soft_masked), stretch_(genome_),
          in_(o.vcf),
          classification_(predictor.model().info.task == Task::classification) {
        width_ = o.window > 0 ? o.window : predictor.model().info.training_length;
        if (width_ <= 0)
            throw Error(fmt::format("{}: the model file does not record the length of its training sequences "
                                    "(written by an older gsattn); give --window",
                                    model_name));
    }

    void run() {
        prepare_header();
        OutputFile out(o_.common.output, OutputFile::Encoding::as_written);
        std::optional<OutputFile> summary;
        if (!o_.vcf_summary.empty()) {
            summary.emplace(o_.vcf_summary);
            summary->set_header(fmt::format("chrom\tpos\tid\tref\talt\tref_score\talt_score\tdiff{}\tstatus\n",
                                            classification_ ? "\tlog_odds_diff" : ""));
        }
        summary_ = summary ? &*summary : nullptr;
        VcfWriter writer(out, in_.header());
        const auto start = std::chrono::steady_clock::now();
        std::uint64_t batch_number = 0;
        bool more = true;
        while (more) {
            // Each record is checked as it is read, so that an error names its line.
            const bool taken = shards_.shard.takes(batch_number++);
            Batch batch;
            for (int read = 0; read < o_.batch_size; ++read) {
                BcfRecordHandle record = in_.next();
                if (!record) {
                    more = false;
                    break;
                }
                const char* chrom = bcf_seqname(in_.header(), record.get());
                shards_.note_sequence(chrom);
                if (!taken || !shards_.in_regions(chrom, record->pos)) continue;
                batch.variants.push_back(windows_of(record.get(), batch.windows));
                batch.records.push_back(std::move(record));
            }
            if (batch.records.empty()) continue;
            score_batch(batch, writer);
            const double so_far = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            log::progress(fmt::format("variants: {} records scored, {:.0f} records/s", counts_.records,
                                      counts_.records / so_far));
        }
        writer.close();
        commit_all({&out, summary_});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        log::info("scored {} ALT alleles of {} records in {:.3f} s ({:.0f} records/s), windows of {} bp; "
                  "no score: {} symbolic, breakend or * alleles, {} near a chromosome end, {} records whose REF "
                  "does not match the reference",
                  counts_.scored, counts_.records, seconds, seconds > 0 ? counts_.records / seconds : 0.0, width_,
                  counts_.symbolic, counts_.near_end, counts_.mismatched);
    }

private:
    // One record of a batch and the windows it is scored with.
    struct Variant {
        bcf1_t* record = nullptr;
        std::int64_t ref_window = -1;  // index into the batch's windows
        std::vector<AlleleStatus> status;
        std::vector<std::int64_t> alt_windows;  // per ALT allele; -1 without a score
    };
    // The records of one batch (--batch-size, the --shard unit) this job
    // scores, and the windows they are scored with.
    struct Batch {
        std::vector<BcfRecordHandle> records;
        std::vector<Variant> variants;
        std::vector<EncodedSequence> windows;
    };

    // The reference's contigs, gsattn's INFO fields and a record of the run.
    void prepare_header() {
        bcf_hdr_t* header = in_.header();
        for (const std::string& name : genome_.names()) {
            const std::int64_t length = genome_.length(name);
            bcf_hrec_t* contig = bcf_hdr_get_hrec(header, BCF_HL_CTG, "ID", name.c_str(), nullptr);
            if (!contig) {
                add_header_line(fmt::format("##contig=<ID={},length={}>", name, length));
                continue;
            }
            const std::string given = header_value(contig, "length");
            if (!given.empty() && given != std::to_string(length))
                throw Error(fmt::format("{}: contig '{}' has length {} in the header but {} in {}: another assembly?",
                                        o_.vcf, name, given, length, o_.reference));
        }
        for (int f = 0; f < info_count; ++f) {
            if (!writes(f)) continue;
            const VariantInfoField& field = kVariantInfo[f];
            if (bcf_hrec_t* line = bcf_hdr_get_hrec(header, BCF_HL_INFO, "ID", field.id, nullptr)) {
                // Scored before (by gsattn, or another tool chose the name): the values are replaced.
                if (header_value(line, "Number") != field.number || header_value(line, "Type") != field.type)
                    throw Error(fmt::format("{}: INFO/{} is already defined with Number={}, Type={}; gsattn writes "
                                            "Number={}, Type={} (bcftools annotate -x INFO/{} removes it)",
                                            o_.vcf, field.id, header_value(line, "Number"),
                                            header_value(line, "Type"), field.number, field.type, field.id));
                continue;
            }
            add_header_line(fmt::format("##INFO=<ID={},Number={},Type={},Description=\"{}\">", field.id, field.number,
                                        field.type, field.description));
        }
        const ModelInfo& info = predictor_.model().info;
        add_header_line(fmt::format("##gsattn_predictVersion={}", program_version()));
        const std::string command = fmt::format("{}", fmt::join(command_line(), " "));
        add_header_line(fmt::format("##gsattn_predictCommand={}", escape_control_characters(command)));
        add_header_line(fmt::format("##gsattn_predictModel={}; kind={}; task={}; window={}; strands={}; "
                                    "training_crc32={:08x}",
                                    model_name_, to_string(info.config.kind), to_string(info.task), width_,
                                    info.both_strands ? "both" : "given", info.training_crc32));
        if (bcf_hdr_sync(header) != 0) throw Error(fmt::format("{}: cannot extend the VCF header", o_.vcf));
    }

    // Whether this run writes INFO field `f`: the log-odds only for a classifier.
    bool writes(int f) const { return f != info_log_odds_diff || classification_; }

    void add_header_line(const std::string& line) {
        if (bcf_hdr_append(in_.header(), line.c_str()) != 0)
            throw Error(fmt::format("{}: cannot add the header line {}", o_.vcf, line));
    }

    // Checks a record and adds its windows to `windows`. Errors name the
    // record, so they come as it is read.
    Variant windows_of(bcf1_t* record, std::vector<EncodedSequence>& windows) {
        Variant v;
        v.record = record;
        const bcf_hdr_t* header = in_.header();
        const std::string chrom = bcf_seqname(header, record);
        if (!genome_.has(chrom)) in_.fail(fmt::format("contig '{}' is not in the reference {}", chrom, o_.reference));
        const std::int64_t length = genome_.length(chrom), position = record->pos;
        const std::string_view ref = record->d.allele[0];
        const auto ref_length = static_cast<std::int64_t>(ref.size());
        const std::size_t alts = record->n_allele > 1 ? record->n_allele - 1 : 0;
        v.status.assign(alts, AlleleStatus::scored);
        v.alt_windows.assign(alts, -1);
        const std::int64_t ref_end = std::min(length, position + ref_length);
        const EncodedSequence reference_bases =
            position < length ? stretch_.fetch(chrom, position, ref_end) : EncodedSequence{};
        if (position + ref_length > length || !ref_matches(ref, reference_bases)) {
            const std::string found = decode(reference_bases);
            if (!o_.skip_ref_mismatch)
                in_.fail(fmt::format("REF {} does not match the reference at {}:{} ({}); --skip-ref-mismatch flags "
                                     "such records and goes on",
                                     ref, chrom, position + 1,
                                     found.empty() ? "past the end of " + chrom : found));
            v.status.assign(alts, AlleleStatus::ref_mismatch);
            return v;
        }
        const VariantWindows around(position, ref_length, width_);
        const Interval window = around.reference();
        std::int64_t reach = window.end;
        for (std::size_t a = 0; a < alts; ++a) {
            const std::string_view alt = record->d.allele[a + 1];
            if (!is_sequence_allele(alt)) v.status[a] = AlleleStatus::symbolic;
            else if (window.start < 0 || around.reach(static_cast<std::int64_t>(alt.size())) > length)
                v.status[a] = AlleleStatus::near_end;
            else reach = std::max(reach, around.reach(static_cast<std::int64_t>(alt.size())));
        }
        if (std::none_of(v.status.begin(), v.status.end(), [](AlleleStatus s) { return s == AlleleStatus::scored; }))
            return v;
        const EncodedSequence bases = stretch_.fetch(chrom, window.start, reach);
        v.ref_window = static_cast<std::int64_t>(windows.size());
        windows.emplace_back(bases.begin(), bases.begin() + (window.end - window.start));
        for (std::size_t a = 0; a < alts; ++a) {
            if (v.status[a] != AlleleStatus::scored) continue;
            v.alt_windows[a] = static_cast<std::int64_t>(windows.size());
            windows.push_back(around.alternative(bases, encode(record->d.allele[a + 1], o_.vcf)));
        }
        return v;
    }

    void score_batch(const Batch& batch, VcfWriter& writer) {
        std::vector<const EncodedSequence*> pointers;
        pointers.reserve(batch.windows.size());
        for (const EncodedSequence& w : batch.windows) pointers.push_back(&w);
        const std::vector<double> raw = predictor_.raw_outputs(pointers);
        for (const Variant& v : batch.variants) {
            annotate(v, raw);
            writer.write(v.record);
        }
    }

    // Replaces gsattn's INFO fields of the record with this run's, and
    // writes its summary rows.
    void annotate(const Variant& v, const std::vector<double>& raw) {
        bcf_hdr_t* header = in_.header();
        bcf1_t* record = v.record;
        for (int f = 0; f < info_count; ++f) {
            if (!writes(f)) continue;
            bcf_update_info(header, record, kVariantInfo[f].id, nullptr, 0,
                            std::strcmp(kVariantInfo[f].type, "Flag") == 0 ? BCF_HT_FLAG : BCF_HT_REAL);
        }
        ++counts_.records;
        const auto flag = [&](VariantInfo f) { bcf_update_info_flag(header, record, kVariantInfo[f].id, "", 1); };
        const auto has = [&](AlleleStatus s) { return std::count(v.status.begin(), v.status.end(), s) > 0; };
        if (has(AlleleStatus::ref_mismatch)) flag(info_ref_mismatch), ++counts_.mismatched;
        if (has(AlleleStatus::symbolic)) flag(info_skipped_alt);
        if (has(AlleleStatus::near_end)) flag(info_near_end);
        counts_.symbolic += std::count(v.status.begin(), v.status.end(), AlleleStatus::symbolic);
        counts_.near_end += std::count(v.status.begin(), v.status.end(), AlleleStatus::near_end);

        const double ref_raw = v.ref_window >= 0 ? raw[v.ref_window] : 0;
        const double ref_value = predictor_.to_label_units(ref_raw);
        const std::size_t alts = v.status.size();
        std::vector<float> alt_values(alts), diffs(alts), log_odds(alts);
        for (std::size_t a = 0; a < alts; ++a) {
            const std::int64_t w = v.alt_windows[a];
            if (w < 0) {
                bcf_float_set_missing(alt_values[a]);
                bcf_float_set_missing(diffs[a]);
                bcf_float_set_missing(log_odds[a]);
                write_summary(v, a, ref_value, std::nullopt);
                continue;
            }
            const double alt_value = predictor_.to_label_units(raw[w]);
            alt_values[a] = static_cast<float>(alt_value);
            diffs[a] = static_cast<float>(alt_value - ref_value);
            log_odds[a] = static_cast<float>(raw[w] - ref_raw);
            write_summary(v, a, ref_value, AlleleValues{alt_value, alt_value - ref_value, raw[w] - ref_raw});
            ++counts_.scored;
        }
        if (v.ref_window < 0) return;
        const auto n = static_cast<int>(alts);
        const auto ref_float = static_cast<float>(ref_value);
        bcf_update_info_float(header, record, kVariantInfo[info_ref].id, &ref_float, 1);
        bcf_update_info_float(header, record, kVariantInfo[info_alt].id, alt_values.data(), n);
        bcf_update_info_float(header, record, kVariantInfo[info_diff].id, diffs.data(), n);
        if (classification_)
            bcf_update_info_float(header, record, kVariantInfo[info_log_odds_diff].id, log_odds.data(), n);
    }

    struct AlleleValues {
        double alt = 0, diff = 0, log_odds_diff = 0;
    };
    // One row of --vcf-summary; "." for what has no score.
    void write_summary(const Variant& v, std::size_t a, double ref_value, std::optional<AlleleValues> values) {
        if (!summary_) return;
        const bcf1_t* r = v.record;
        const auto text = [](bool known, double x) { return known ? fmt::format("{}", x) : std::string("."); };
        summary_->print("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", bcf_seqname(in_.header(), r), r->pos + 1, r->d.id,
                        r->d.allele[0], r->d.allele[a + 1], text(v.ref_window >= 0, ref_value),
                        text(values.has_value(), values ? values->alt : 0),
                        text(values.has_value(), values ? values->diff : 0));
        if (classification_) summary_->print("\t{}", text(values.has_value(), values ? values->log_odds_diff : 0));
        summary_->print("\t{}\n", to_string(v.status[a]));
    }

    Predictor& predictor_;
    const PredictOptions& o_;
    const std::string& model_name_;
    const ShardSelection& shards_;
    const Reference genome_;
    ReferenceStretch stretch_;
    VcfReader in_;
    bool classification_ = false;
    std::int64_t width_ = 0;
    OutputFile* summary_ = nullptr;
    Counts counts_;
};

}  // namespace

void predict_variants(Predictor& predictor, const PredictOptions& o, const std::string& model_name) {
    VariantScorer(predictor, o, model_name).run();
}

}  // namespace gsattn::cli

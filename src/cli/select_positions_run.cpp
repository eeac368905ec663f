// gsattn select-positions, the run: the BED track of the positions the token
// selector keeps. Part of the LibTorch module; the options are in
// select_positions.cpp.
#include <algorithm>
#include <limits>
#include <map>
#include <memory>

#include "cli/common.hpp"
#include "cli/select_options.hpp"
#include "gsattn/bed.hpp"
#include "gsattn/dataset.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/log.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/position_selection.hpp"
#include "gsattn/models/predictor.hpp"
#include "gsattn/reference.hpp"
#include "gsattn/shipped_models.hpp"

namespace gsattn::cli {
namespace {

// Where a scored sequence lies: a FASTA record (its own coordinates) or a
// region of the reference, possibly on the minus strand.
struct Placement {
    std::string chrom;
    std::int64_t start = 0, end = 0;
    char strand = '.';
    std::int64_t chrom_length = 0;  // of the FASTA record or reference sequence

    // The half-open interval [from, to) of the sequence, in output coordinates.
    std::pair<std::int64_t, std::int64_t> map(std::int64_t from, std::int64_t to) const {
        if (strand == '-') return {end - to, end - from};
        return {start + from, start + to};
    }
    bool touches(const ShardSelection& shards) const { return shards.touches_regions(chrom, {start, end}); }
};

// One output line; chromosomes are numbered in name order so that sorting
// the lines gives `sort -k1,1 -k2,2n` order, as genome browsers expect.
struct Line {
    std::size_t chrom = 0;
    std::int64_t start = 0, end = 0;
    int name = 0;      // rank, or positions merged
    int score = 0;     // 0..1000
    char strand = '.';
    float value = 0;   // bedGraph: the selector's score, 0..1
};

class TrackBuilder {
public:
    TrackBuilder(const SelectOptions& o, const ModelConfig& model) : options_(o), model_(model) {
        if (o.top_k > 0) {
            model_.top_k = o.top_k;
        } else if (o.sparsity > 0) {
            model_.top_k = 0;
            model_.sparsity = o.sparsity;
        }
    }

    // `logits` of `bases`, position by position. An N is never kept, and
    // the share kept is of the other bases.
    void add(const Placement& where, const EncodedSequence& bases, const std::vector<float>& logits) {
        const std::size_t chrom = chrom_number(where.chrom);
        chrom_lengths_[where.chrom] = where.chrom_length;
        const auto length = static_cast<std::int64_t>(logits.size());
        const auto known = static_cast<std::int64_t>(
            std::count_if(bases.begin(), bases.end(), [](Base b) { return b != Base::N; }));
        std::vector<float> eligible;
        if (known < length) {
            eligible = logits;
            for (std::int64_t i = 0; i < length; ++i)
                if (bases[i] == Base::N) eligible[i] = -std::numeric_limits<float>::infinity();
        }
        const auto kept = keep_top(known < length ? eligible : logits,
                                   known == 0 ? 0 : kept_positions(model_, known));
        kept_ += kept.size();
        scored_ += logits.size();
        unknown_ += static_cast<std::size_t>(length - known);
        // Lines outside --regions are left out; the selection itself is made on the whole sequence.
        const auto keep_line = [&](const Line& line) {
            return options_.shards.in_regions(where.chrom, line.start);
        };
        if (options_.merge) {
            for (const KeptInterval& k : merge_kept(kept, options_.merge_gap)) {
                const auto [start, end] = where.map(k.start, k.end);
                const Line line{chrom, start, end, k.positions, bed_score_from_logit(k.best_logit), where.strand};
                if (keep_line(line)) selected_.push_back(line);
            }
        } else {
            for (const KeptPosition& k : kept) {
                const auto [start, end] = where.map(k.position, k.position + 1);
                const Line line{chrom, start, end, k.rank, bed_score_from_logit(k.logit), where.strand};
                if (keep_line(line)) selected_.push_back(line);
            }
        }
        if (options_.scores.empty()) return;
        for (std::int64_t i = 0; i < length; ++i) {
            if (bases[i] == Base::N) continue;  // a gap in the track
            const auto [start, end] = where.map(i, i + 1);
            Line line{chrom, start, end};
            line.value = static_cast<float>(selector_probability(logits[i]));
            if (keep_line(line)) every_.push_back(line);
        }
    }

    void write(OutputFile& out, OutputFile* scores) {
        const std::vector<std::string> names = chrom_names_in_order();
        sort_lines(selected_);
        if (!options_.no_track_line)
            write_track_line(out, "bed", options_.track_name, "positions kept by the gsattn token selector", true);
        for (const Line& l : selected_)
            out.print("{}\t{}\t{}\t{}\t{}\t{}\n", names[l.chrom], l.start, l.end, l.name, l.score, l.strand);
        if (scores) {
            for (const auto& [name, length] : chrom_lengths_) scores->note_sequence_length(name, length);
            sort_lines(every_);
            if (!options_.no_track_line)
                write_track_line(*scores, "bedGraph", options_.track_name + " scores",
                                 "gsattn token selector score of every position", false);
            for (const Line& l : every_) write_bedgraph(*scores, names[l.chrom], l.start, l.end, l.value);
        }
        log::info("kept {} of {} positions ({} lines); {} N positions never kept", kept_, scored_, selected_.size(),
                  unknown_);
    }

private:
    std::size_t chrom_number(const std::string& chrom) {
        return chroms_.try_emplace(chrom, chroms_.size()).first->second;
    }

    // Renumbers the lines' chromosomes by name order; returns the names.
    std::vector<std::string> chrom_names_in_order() {
        std::vector<std::string> names;
        std::vector<std::size_t> renumber(chroms_.size());
        for (const auto& [name, number] : chroms_) {  // std::map: in name order
            renumber[number] = names.size();
            names.push_back(name);
        }
        for (Line& l : selected_) l.chrom = renumber[l.chrom];
        for (Line& l : every_) l.chrom = renumber[l.chrom];
        return names;
    }

    static void sort_lines(std::vector<Line>& lines) {
        std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
            return std::tie(a.chrom, a.start, a.end) < std::tie(b.chrom, b.start, b.end);
        });
    }

    const SelectOptions& options_;
    ModelConfig model_;
    std::map<std::string, std::size_t> chroms_;
    std::vector<Line> selected_, every_;
    std::size_t kept_ = 0, scored_ = 0, unknown_ = 0;
    std::map<std::string, std::int64_t> chrom_lengths_;
};

void select_from_fasta(Predictor& predictor, const SelectOptions& o, TrackBuilder& track) {
    std::uint64_t batch_number = 0;
    for_each_fasta_chunk(o.fasta, kFastaRecordsPerChunk, kFastaBasesPerChunk, [&](const std::vector<SequenceRecord>& records) {
        std::vector<Placement> places;
        std::vector<const EncodedSequence*> sequences;
        for (const auto& r : records) {
            o.shards.note_sequence(r.name);
            const auto length = static_cast<std::int64_t>(r.bases.size());
            places.push_back({r.name, 0, length, '.', length});
            sequences.push_back(&r.bases);
        }
        for_each_batch_of_shard(sequences, o.batch_size, o.shards.shard, batch_number, [&](std::size_t first, std::size_t last) {
            // The batch is scored whole, as in a run without --regions.
            if (std::none_of(places.begin() + first, places.begin() + last,
                             [&](const Placement& p) { return p.touches(o.shards); }))
                return;
            const auto logits = predictor.selector_logits({sequences.begin() + first, sequences.begin() + last},
                                                          bases_progress(records[first].name));
            for (std::size_t i = first; i < last; ++i) track.add(places[i], *sequences[i], logits[i - first]);
        });
    }, o.soft_masked);
}

void select_from_regions(Predictor& predictor, const SelectOptions& o, TrackBuilder& track) {
    const Reference genome(o.reference, o.soft_masked);
    BedReader regions(o.bed);
    std::uint64_t region_number = 0;
    while (auto region = regions.next()) {
        Placement where{region->chrom, region->start, region->end, region->strand};
        o.shards.note_sequence(region->chrom);
        if (!o.shards.shard.takes(region_number++) || !where.touches(o.shards)) continue;
        const EncodedSequence bases = fetch_region(genome, regions, *region);
        where.chrom_length = genome.length(region->chrom);
        track.add(where, bases, predictor.selector_logits({&bases}).front());
    }
}

}  // namespace

void run_select_positions(SelectOptions& o) {
    require_sequence_source(o.fasta, o.bed, o.reference);
    o.model = resolve_model(o.model);
    require_distinct_files(sequence_inputs(o.model, o.fasta, o.bed, o.reference, o.shards.regions_path),
                           {{"--output", o.common.output}, {"--scores", o.scores}});
    OutputFile out(o.common.output);
    std::unique_ptr<OutputFile> scores;
    if (!o.scores.empty()) scores = std::make_unique<OutputFile>(o.scores);
    o.shards.load();
    Predictor predictor(load_model_file(o.model), o.batch_size);
    TrackBuilder track(o, predictor.model().info.config);
    if (!o.bed.empty()) select_from_regions(predictor, o, track);
    else select_from_fasta(predictor, o, track);
    o.shards.require_regions_on_input();
    track.write(out, scores.get());
    commit_all({&out, scores.get()});
}

}  // namespace gsattn::cli

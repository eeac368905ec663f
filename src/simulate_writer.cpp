#include "gsattn/simulate_writer.hpp"

#include <algorithm>
#include <cmath>

#include "gsattn/bed.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/parallel.hpp"

namespace gsattn {
namespace {

constexpr std::size_t kBlockSize = 1024;

// Running sums for Pearson's r without holding every label.
struct Correlation {
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    void add(double x, double y) {
        n += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    double r() const {
        const double cov = sxy - sx * sy / n;
        const double vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        return (vx > 0 && vy > 0) ? cov / std::sqrt(vx * vy) : std::nan("");
    }
};

}  // namespace

SimulationFiles SimulationFiles::for_prefix(const std::string& prefix) {
    return {prefix + ".fa", prefix + ".labels.tsv", prefix + ".motifs.bed"};
}

double write_simulation(const Simulator& simulator, const SimulationFiles& files) {
    OutputFile fasta(files.fasta), labels(files.labels), truth(files.truth_bed);
    labels.write("name\tlabel\tclean_label\tn_motifs\n");
    Correlation oracle;
    const std::size_t n = simulator.config().num_sequences;
    std::vector<SimulatedSequence> block;
    for (std::size_t first = 0; first < n; first += kBlockSize) {
        block.assign(std::min(kBlockSize, n - first), SimulatedSequence{});
        parallel_for(block.size(), [&](std::size_t i) { block[i] = simulator.make(first + i); });
        for (const SimulatedSequence& seq : block) {
            write_fasta_record(fasta, seq.name, seq.bases);
            labels.print("{}\t{:.6f}\t{:.6f}\t{}\n", seq.name, seq.label, seq.clean_label,
                         seq.sites.size());
            for (const PlantedSite& site : seq.sites) {
                const PlantedMotif& motif = simulator.motifs()[site.motif];
                BedRecord r;
                r.chrom = seq.name;
                r.start = site.start;
                r.end = site.start + static_cast<std::int64_t>(site.instance.size());
                r.name = motif.name;
                r.score = std::round(motif.strength * 1000);
                r.strand = site.strand;
                write_bed6(truth, r);
            }
            oracle.add(seq.clean_label, seq.label);
        }
    }
    commit_all({&fasta, &labels, &truth});
    return oracle.r();
}

}  // namespace gsattn

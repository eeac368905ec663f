#include "gsattn/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

#include "gsattn/bed.hpp"
#include "gsattn/error.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/reference.hpp"

namespace gsattn {

LabelScaling LabelScaling::fit(const std::vector<Example>& data, const std::vector<std::size_t>& rows) {
    double sum = 0, squares = 0;
    for (std::size_t r : rows) sum += data[r].label;
    const double mean = sum / static_cast<double>(rows.size());
    for (std::size_t r : rows) squares += (data[r].label - mean) * (data[r].label - mean);
    const double sd = std::sqrt(squares / static_cast<double>(rows.size()));
    // Equal labels leave a rounding residue in sd (0.7 x 3 / 3 != 0.7): compare the labels.
    bool all_equal = true;
    for (std::size_t r : rows) all_equal = all_equal && data[r].label == data[rows.front()].label;
    if (all_equal || !(sd > 0)) throw Error("the training labels are all equal: nothing to learn");
    return {mean, sd};
}

std::int64_t median_length(const std::vector<Example>& examples) {
    if (examples.empty()) return 0;
    std::vector<std::size_t> lengths;
    lengths.reserve(examples.size());
    for (const Example& e : examples) lengths.push_back(e.bases.size());
    const auto middle = lengths.begin() + static_cast<std::ptrdiff_t>((lengths.size() - 1) / 2);
    std::nth_element(lengths.begin(), middle, lengths.end());
    return static_cast<std::int64_t>(*middle);
}

std::vector<Example> load_fasta_examples(const std::string& fasta, const LabelTable& labels) {
    std::vector<Example> out;
    FastaReader reader(fasta);
    while (auto record = reader.next()) {
        const double label = labels.at(record->name);
        out.push_back({std::move(record->name), std::move(record->bases), label});
    }
    return out;
}

std::string region_name(const BedRecord& r) {
    if (!r.name.empty() && r.name != ".") return r.name;
    return fmt::format("{}:{}-{}", r.chrom, r.start, r.end);
}

EncodedSequence fetch_region(const Reference& genome, const BedReader& regions, const BedRecord& region) {
    if (region.start == region.end)
        fail_at(regions.path(), regions.line_number(), "empty region (start == end)");
    if (!genome.has(region.chrom))
        fail_at(regions.path(), regions.line_number(),
                fmt::format("sequence '{}' is not in the reference {}", region.chrom, genome.path()));
    if (region.end > genome.length(region.chrom))
        fail_at(regions.path(), regions.line_number(),
                fmt::format("region {}:{}-{} runs past the end of '{}' ({} bp)", region.chrom, region.start,
                            region.end, region.chrom, genome.length(region.chrom)));
    return genome.fetch(region);
}

std::vector<Example> load_bed_examples(const std::string& bed, const std::string& reference,
                                       const LabelTable& labels) {
    const Reference genome(reference);
    BedReader regions(bed);
    std::vector<Example> out;
    while (auto region = regions.next()) {
        std::string name = region_name(*region);
        const double label = labels.at(name);
        out.push_back({std::move(name), fetch_region(genome, regions, *region), label});
    }
    if (out.empty()) fail_at(bed, 0, "no regions");
    return out;
}

std::uint32_t file_crc32(const std::string& path) {
    std::FILE* fp = std::fopen(path.c_str(), "rb");
    if (!fp) fail_at(path, 0, "cannot open");
    uLong crc = crc32(0L, Z_NULL, 0);
    std::vector<unsigned char> buffer(1 << 16);
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), fp)) > 0)
        crc = crc32(crc, buffer.data(), static_cast<uInt>(n));
    std::fclose(fp);
    return static_cast<std::uint32_t>(crc);
}

}  // namespace gsattn

#include "gsattn/bigwig.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

// Only local files are written: built without libcurl's headers.
#define NOCURL
extern "C" {
#include <bigWig.h>
}

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

constexpr int kZoomLevels = 10;
constexpr std::size_t kIoBuffer = 1 << 17;

struct Chromosome {
    std::string name;
    std::vector<std::uint32_t> starts, ends;
    std::vector<float> values;
};

std::uint32_t coordinate(std::string_view field, const std::string& shown, std::int64_t line) {
    const auto value = parse_integer<std::int64_t>(field);
    if (!value || *value < 0 || *value > std::numeric_limits<std::uint32_t>::max())
        fail_at(shown, line, fmt::format("'{}' is not a coordinate a bigWig can hold (0 to 4294967295)", field));
    return static_cast<std::uint32_t>(*value);
}

std::vector<Chromosome> parse_bedgraph(std::string_view text, const std::string& shown) {
    std::vector<Chromosome> chromosomes;
    std::unordered_map<std::string, std::size_t> index;
    std::int64_t line_number = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++line_number;
        if (line.empty() || line.front() == '#' || starts_with(line, "track") || starts_with(line, "browser")) continue;
        const std::vector<std::string_view> fields = split_tabs(line);
        if (fields.size() != 4)
            fail_at(shown, line_number,
                    fmt::format("a bigWig holds bedGraph intervals (chrom, start, end, value), found {} columns",
                                fields.size()));
        const std::string chrom(fields[0]);
        const auto [at, added] = index.try_emplace(chrom, chromosomes.size());
        if (added) chromosomes.push_back({chrom, {}, {}, {}});
        else if (at->second + 1 != chromosomes.size())
            fail_at(shown, line_number, fmt::format("'{}' comes back after another sequence: a bigWig needs its "
                                                    "intervals grouped by sequence", chrom));
        Chromosome& c = chromosomes[at->second];
        const std::uint32_t start = coordinate(fields[1], shown, line_number);
        const std::uint32_t end = coordinate(fields[2], shown, line_number);
        const auto value = parse_number(fields[3]);
        if (end <= start) fail_at(shown, line_number, "the interval is empty (end <= start)");
        if (!value) fail_at(shown, line_number, fmt::format("'{}' is not a number", fields[3]));
        if (!c.ends.empty() && start < c.ends.back())
            fail_at(shown, line_number, "the interval starts before the previous one ends: a bigWig needs sorted, "
                                        "non-overlapping intervals");
        c.starts.push_back(start);
        c.ends.push_back(end);
        c.values.push_back(static_cast<float>(*value));
    }
    return chromosomes;
}

struct BigWigCloser {
    void operator()(bigWigFile_t* fp) const { bwClose(fp); }
};

}  // namespace

bool is_bigwig_name(std::string_view path) {
    std::string lower(path);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return ends_with(lower, ".bw") || ends_with(lower, ".bigwig");
}

void write_bigwig(const std::string& path, std::string_view text, const std::string& shown,
                  const SequenceLengths& known_lengths) {
    const std::vector<Chromosome> chromosomes = parse_bedgraph(text, shown);
    // libBigWig divides by zero on a file without intervals.
    if (chromosomes.empty())
        fail_at(shown, 0, "no intervals to write: a bigWig needs at least one (a bedGraph output can be empty)");
    std::vector<const char*> names;
    std::vector<std::uint32_t> lengths;
    for (const Chromosome& c : chromosomes) {
        names.push_back(c.name.c_str());
        const auto known = known_lengths.find(c.name);
        const std::int64_t length = known == known_lengths.end() ? 0 : known->second;
        lengths.push_back(static_cast<std::uint32_t>(
            std::clamp<std::int64_t>(length, c.ends.back(), std::numeric_limits<std::uint32_t>::max())));
    }
    if (bwInit(kIoBuffer) != 0) fail_at(shown, 0, "cannot start libBigWig");
    struct Cleanup {
        ~Cleanup() { bwCleanup(); }
    } cleanup;
    const auto failed = [&](const char* what) { fail_at(shown, 0, fmt::format("cannot write bigWig: {}", what)); };
    {
        std::unique_ptr<bigWigFile_t, BigWigCloser> fp(bwOpen(path.c_str(), nullptr, "w"));
        if (!fp) failed("cannot open the file");
        if (bwCreateHdr(fp.get(), kZoomLevels) != 0) failed("header");
        fp->cl = bwCreateChromList(names.data(), lengths.data(), static_cast<std::int64_t>(names.size()));
        if (!fp->cl) failed("sequence list");
        if (bwWriteHdr(fp.get()) != 0) failed("header");
        for (const Chromosome& c : chromosomes) {
            const char* chrom[] = {c.name.c_str()};
            const auto count = static_cast<std::uint32_t>(c.starts.size());
            if (bwAddIntervals(fp.get(), chrom, c.starts.data(), c.ends.data(), c.values.data(), 1) != 0 ||
                (count > 1 && bwAppendIntervals(fp.get(), c.starts.data() + 1, c.ends.data() + 1,
                                                c.values.data() + 1, count - 1) != 0))
                failed(fmt::format("intervals of '{}'", c.name).c_str());
        }
    }  // bwClose writes the index and the zoom levels, and reports no failure: read it all back
    std::unique_ptr<bigWigFile_t, BigWigCloser> written(bwOpen(path.c_str(), nullptr, "r"));
    bool whole = written && written->cl && written->cl->nKeys == static_cast<std::int64_t>(chromosomes.size());
    for (std::size_t c = 0; whole && c < chromosomes.size(); ++c) {
        bwOverlappingIntervals_t* got = bwGetOverlappingIntervals(written.get(), names[c], 0, lengths[c]);
        whole = got && got->l == chromosomes[c].starts.size();
        if (got) bwDestroyOverlappingIntervals(got);
    }
    if (!whole) failed("the file written does not read back whole (disk full?)");
}

}  // namespace gsattn

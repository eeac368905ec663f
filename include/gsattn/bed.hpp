// BED intervals: reading (3 to 6+ columns, plain or gzip) and writing BED6,
// bedGraph and IGV track lines. Coordinates are 0-based, half-open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gsattn/line_reader.hpp"

namespace gsattn {

class OutputFile;

struct BedRecord {
    std::string chrom;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string name = ".";
    double score = 0;
    char strand = '.';  // '+', '-' or '.'
};

// Skips blank lines and, before the first record, header lines: `#` comments
// and UCSC `track` and `browser` lines (the word, then a space or the line's
// end). After the first record every other line is a record, so sequences
// named e.g. "track1" or "#2" are read. Errors name file:line.
class BedReader {
public:
    explicit BedReader(const std::string& path);
    std::optional<BedRecord> next();
    const std::string& path() const { return lines_.path(); }
    std::int64_t line_number() const { return lines_.line_number(); }

private:
    LineReader lines_;
    bool started_ = false;  // a record has been read
};

void write_bed6(OutputFile& out, const BedRecord& record);
void write_bedgraph(OutputFile& out, std::string_view chrom, std::int64_t start, std::int64_t end,
                    double value);
// A logit (a model's raw output, a selector's score) on BED's 0..1000 score
// scale: 1000 / (1 + e^-logit), rounded.
int bed_score_from_logit(double logit);
// Can `text` be a quoted value of a track line: no '"', which would end the
// value, and no control character (a newline would start a record)?
bool fits_track_line(std::string_view text);
// An IGV track line; useScore=1 shades features by their score. Written
// "#track ...": IGV reads it as the track line of a BED file, and tabix (whose
// bed preset skips '#' lines) can index the file, which a plain "track" line
// stops (the UCSC browser wants "track": drop the '#'). A name or
// description that does not fit (fits_track_line) is a programming error
// (std::invalid_argument): options are checked before.
void write_track_line(OutputFile& out, std::string_view type, std::string_view name,
                      std::string_view description, bool use_score);

}  // namespace gsattn

// Streaming FASTA: plain, gzip or bgzip (through htslib), "-" for stdin.
//
// Deliberate choices, checked by tests/test_fasta.cpp:
//  - the record name is the header up to the first white space; the rest is
//    a description and is ignored;
//  - CRLF line endings and lower-case (soft-masked) bases are accepted;
//  - blank lines and a UTF-8 byte-order mark at the start are skipped;
//  - a sequence line may be of any length (it is read a piece at a time);
//    a header line is at most LineReader::kMaxLineLength bytes of text;
//  - an empty record, a duplicate name, a header without a name, text before
//    the first '>' and a character that is not a nucleotide are errors naming
//    the file, line and record.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/line_reader.hpp"

namespace gsattn {

class OutputFile;

struct SequenceRecord {
    std::string name;
    EncodedSequence bases;
};

class FastaReader {
public:
    explicit FastaReader(const std::string& path, SoftMasked soft_masked = SoftMasked::bases);
    // The next record, or nullopt at the end of the file.
    std::optional<SequenceRecord> next();

private:
    std::string take_header(std::string_view line);
    // Appends the bases of the sequence line whose first piece is `piece`.
    void append_sequence_line(std::string_view piece, SequenceRecord& record);

    LineReader lines_;
    SoftMasked soft_masked_;
    std::optional<std::string> pending_header_;
    std::unordered_set<std::string> seen_names_;
    bool started_ = false;
};

// Reads `path` a chunk at a time and calls `each` on every chunk, so that
// only one chunk is held in memory. A chunk ends after `chunk` records or
// once it holds `most_bases` bases (a longer record is a chunk of its own).
void for_each_fasta_chunk(const std::string& path, std::size_t chunk, std::size_t most_bases,
                          const std::function<void(const std::vector<SequenceRecord>&)>& each,
                          SoftMasked soft_masked = SoftMasked::bases);

// Writes one record with lines of `width` bases (faidx-indexable).
void write_fasta_record(OutputFile& out, std::string_view name, const EncodedSequence& bases,
                        int width = 60);

}  // namespace gsattn

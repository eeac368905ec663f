#include "gsattn/fasta.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/output_file.hpp"

namespace gsattn {

FastaReader::FastaReader(const std::string& path, SoftMasked soft_masked)
    : lines_(path), soft_masked_(soft_masked) {}

std::string FastaReader::take_header(std::string_view line) {
    // line starts with '>'
    if (lines_.line_goes_on())
        lines_.fail(fmt::format("FASTA header is longer than {} bytes", LineReader::kMaxLineLength));
    lines_.require_text(line);
    std::string_view rest = line.substr(1);
    const std::size_t end = rest.find_first_of(" \t");
    std::string name(rest.substr(0, end));
    if (name.empty()) lines_.fail("FASTA header has no name (expected '>NAME')");
    if (!seen_names_.insert(name).second)
        lines_.fail(fmt::format("duplicate record name '{}'", name));
    return name;
}

void FastaReader::append_sequence_line(std::string_view piece, SequenceRecord& record) {
    // A sequence line may be a whole chromosome: it is encoded a piece at a
    // time, and a byte that is not a base stops the reading at once.
    while (true) {
        encode_append(piece, record.bases,
                      fmt::format("{}:{}: record '{}'", lines_.path(), lines_.line_number(), record.name),
                      soft_masked_);
        if (!lines_.line_goes_on() || !lines_.next_piece(piece)) return;
    }
}

std::optional<SequenceRecord> FastaReader::next() {
    std::string_view line;
    if (!pending_header_) {
        while (lines_.next_piece(line)) {
            if (line.empty()) continue;
            if (line.front() != '>') {
                lines_.fail(fmt::format("expected a FASTA header starting with '>', found '{}'{}",
                                        line.substr(0, 20),
                                        line.front() == '@' ? " (FASTQ is not accepted)" : ""));
            }
            pending_header_ = take_header(line);
            break;
        }
        if (!pending_header_) {
            if (!started_) fail_at(lines_.path(), 0, "no FASTA records found (empty file?)");
            return std::nullopt;
        }
    }
    started_ = true;
    SequenceRecord record{std::move(*pending_header_), {}};
    pending_header_.reset();
    const std::int64_t header_line = lines_.line_number();
    while (lines_.next_piece(line)) {
        if (line.empty()) continue;
        if (line.front() == '>') {
            pending_header_ = take_header(line);
            break;
        }
        append_sequence_line(line, record);
    }
    if (record.bases.empty())
        fail_at(lines_.path(), header_line, fmt::format("record '{}' has no sequence", record.name));
    return record;
}

void write_fasta_record(OutputFile& out, std::string_view name, const EncodedSequence& bases,
                        int width) {
    if (width < 1) throw std::invalid_argument("FASTA line width must be at least 1");
    out.print(">{}\n", name);
    std::string line;
    for (std::size_t i = 0; i < bases.size(); i += width) {
        const std::size_t end = std::min(bases.size(), i + width);
        line.assign(end - i, 'N');
        for (std::size_t j = i; j < end; ++j) line[j - i] = decode_base(bases[j]);
        line.push_back('\n');
        out.write(line);
    }
}

void for_each_fasta_chunk(const std::string& path, std::size_t chunk, std::size_t most_bases,
                          const std::function<void(const std::vector<SequenceRecord>&)>& each,
                          SoftMasked soft_masked) {
    FastaReader reader(path, soft_masked);
    std::vector<SequenceRecord> records;
    std::size_t bases = 0;
    while (auto record = reader.next()) {
        bases += record->bases.size();
        records.push_back(std::move(*record));
        if (records.size() == chunk || bases >= most_bases) {
            each(records);
            records.clear();
            bases = 0;
        }
    }
    if (!records.empty()) each(records);
}

}  // namespace gsattn

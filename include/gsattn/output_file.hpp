// An output that appears whole or not at all. A regular file (or a path that
// does not exist yet) is written to a temporary file in the destination's
// directory and renamed over the destination by commit(); a symbolic link is
// followed, so its target is replaced and the link kept. Destroyed without
// commit (an error was thrown), the temporary file is removed. What is not a
// regular file — a device such as /dev/null, a FIFO, a socket, /dev/stdout or
// /proc/self/fd/N — is written in place as the data come, since renaming over
// it would replace the device or link itself; "-" is standard output. A
// path ending in ".gz" (not "-") is written BGZF-compressed, each block by
// htslib's bgzf_compress, with the end-of-file block, as bgzip would write
// it, so that tabix can index it. A path ending in ".bw" or ".bigWig" takes
// bedGraph text and is written as bigWig by finish() (bigwig.hpp); it must
// be a file, since a bigWig's header is written last.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "gsattn/bigwig.hpp"

namespace gsattn {

// Where writing to a path lands.
struct OutputTarget {
    enum class Kind {
        standard_output,  // "-"
        stream,           // written in place: a device, FIFO, socket, or one of our descriptors
        file,             // a regular file, replaced by rename
    };
    Kind kind = Kind::file;
    // file: the destination with symbolic links followed; stream: the path to open.
    std::string path;
    // A stream that names a descriptor of this process (/dev/stdout,
    // /dev/fd/N, /proc/self/fd/N): that descriptor, duplicated rather than
    // reopened, so that its offset and append mode hold. -1 otherwise.
    int descriptor = -1;
};

// Throws Error for a directory, a loop of symbolic links or an empty path.
OutputTarget resolve_output(const std::string& path);

// Fails as the OutputFile constructor would (a directory, a directory that
// does not exist or cannot be written), without writing anything: for
// commands that write their outputs only after long work. Streams are not
// opened (a FIFO would wait for its reader).
void probe_output(const std::string& path);

class OutputFile {
public:
    // How the bytes written reach the file: by the name's rules above, or
    // as written (for data another library encodes, e.g. htslib's BCF).
    enum class Encoding { by_name, as_written };
    explicit OutputFile(std::string path, Encoding encoding = Encoding::by_name);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::string_view text);
    // Formats into memory first: fmt::print to a FILE* would throw
    // std::system_error on a failed write, without the file's name. A
    // failed write is reported by finish() instead.
    template <typename... Args>
    void print(fmt::format_string<Args...> format, Args&&... args) {
        fmt::memory_buffer text;
        fmt::format_to(std::back_inserter(text), format, std::forward<Args>(args)...);
        write({text.data(), text.size()});
    }

    // Text written just before the first write(), or by finish() if there is
    // none: a header reaches a stream only once the first record is known
    // good, yet an output without records still has it.
    void set_header(std::string text) { header_ = std::move(text); }

    // Flushes and closes; throws Error if anything failed (disk full,
    // permissions), removing the temporary file.
    void finish();
    // finish(), then renames the file into place.
    void commit();

    const std::string& path() const { return path_; }
    bool is_compressed() const { return compressed_; }
    // The open descriptor the data go to (the temporary file, the stream or
    // standard output), for a library that writes through its own handle on
    // a duplicate of it: with Encoding::as_written and nothing written here,
    // finish() then only checks and closes.
    int descriptor() const;
    bool is_bigwig() const { return bigwig_; }
    // For a bigWig: the length of a sequence its intervals lie on, for its
    // header (without it, the end of the sequence's last interval).
    void note_sequence_length(const std::string& name, std::int64_t length) {
        if (bigwig_) sequence_lengths_[name] = length;
    }
    bool is_stdout() const { return target_.kind == OutputTarget::Kind::standard_output; }
    // Written in place as the data come (see OutputTarget::Kind::stream).
    bool is_stream() const { return target_.kind == OutputTarget::Kind::stream; }
    // Where the data are until commit(); empty when written in place.
    const std::string& temporary_path() const { return temp_path_; }

private:
    friend void commit_all(std::initializer_list<OutputFile*> outputs);
    friend class StandardInputCopy;
    OutputFile(std::string path, OutputTarget target, Encoding encoding = Encoding::by_name);
    // Deletes the temporary file and drops it from the signal handler's list.
    void remove_temporary();

    std::string path_;
    OutputTarget target_;
    std::string temp_path_;
    std::string header_;  // not written yet
    std::FILE* fp_ = nullptr;
    // A ".gz" name: data wait in `block_` until a BGZF block is full, then
    // go to fp_ compressed. (htslib's own BGZF writer leaks its state when
    // a write fails, e.g. a full disk.)
    bool compressed_ = false;
    // A bigWig name: all the text waits in `block_` for finish().
    bool bigwig_ = false;
    SequenceLengths sequence_lengths_;
    std::string block_;
    bool compression_failed_ = false;
    void write_blocks(bool all);
    bool finished_ = false;
    bool committed_ = false;
};

// Standard input copied whole to a temporary file in $TMPDIR (or /tmp), for
// a reader that must read its input more than once. The copy goes when this
// object does, or on a signal, like an uncommitted OutputFile.
class StandardInputCopy {
public:
    StandardInputCopy();
    const std::string& path() const { return file_.temporary_path(); }

private:
    explicit StandardInputCopy(const std::string& name);
    OutputFile file_;
};

// Finishes every file before renaming any, so that a failure while writing
// one of several outputs leaves none of them behind; if a rename fails, the
// files already renamed are taken back (a replaced file gets its old content
// again). Renames into one directory hold a lock on it, so that two commands
// writing the same outputs at once leave one command's set, not a mix. Null
// entries (outputs not asked for) are skipped. Outputs written in place
// (streams) cannot be taken back.
void commit_all(std::initializer_list<OutputFile*> outputs);

// On SIGINT, SIGTERM, SIGHUP or SIGPIPE, removes every OutputFile's temporary
// file, then dies of the signal as it would have without this handler.
// Signals ignored when the program starts stay ignored.
void remove_temporary_outputs_on_signals();

}  // namespace gsattn

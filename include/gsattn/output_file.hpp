// An output that appears whole or not at all: data goes to a temporary file
// in the destination's directory and is renamed over the destination by
// commit(). Destroyed without commit (an error was thrown), the temporary
// file is removed. "-" writes to standard output instead.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace gsattn {

class OutputFile {
public:
    explicit OutputFile(std::string path);
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

    // Flushes and closes; throws Error if anything failed (disk full,
    // permissions), removing the temporary file.
    void finish();
    // finish(), then renames the file into place.
    void commit();

    const std::string& path() const { return path_; }
    bool is_stdout() const { return path_ == "-"; }
    // Where the data are until commit().
    const std::string& temporary_path() const { return temp_path_; }

private:
    // Deletes the temporary file and drops it from the signal handler's list.
    void remove_temporary();

    std::string path_;
    std::string temp_path_;
    std::FILE* fp_ = nullptr;
    bool finished_ = false;
    bool committed_ = false;
};

// Standard input copied whole to a temporary file, for a reader that must
// read its input more than once. The copy goes when this object does, or on
// a signal, like an uncommitted OutputFile.
class StandardInputCopy {
public:
    StandardInputCopy();
    const std::string& path() const { return file_.temporary_path(); }

private:
    OutputFile file_;
};

// Finishes every file before renaming any, so that a failure while writing
// one of several outputs leaves none of them behind. Null entries (outputs
// not asked for) are skipped.
void commit_all(std::initializer_list<OutputFile*> outputs);

// On SIGINT, SIGTERM, SIGHUP or SIGPIPE, removes every OutputFile's temporary
// file, then dies of the signal as it would have without this handler.
// Signals ignored when the program starts stay ignored.
void remove_temporary_outputs_on_signals();

}  // namespace gsattn

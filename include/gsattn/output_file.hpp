// An output that appears whole or not at all: data goes to a temporary file
// in the destination's directory and is renamed over the destination by
// commit(). Destroyed without commit (an error was thrown), the temporary
// file is removed. "-" writes to standard output instead.
#pragma once

#include <cstdio>
#include <initializer_list>
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
    template <typename... Args>
    void print(fmt::format_string<Args...> format, Args&&... args) {
        fmt::print(fp_, format, std::forward<Args>(args)...);
    }

    // Flushes and closes; throws Error if anything failed (disk full,
    // permissions), removing the temporary file.
    void finish();
    // finish(), then renames the file into place.
    void commit();

    const std::string& path() const { return path_; }
    bool is_stdout() const { return path_ == "-"; }

private:
    std::string path_;
    std::string temp_path_;
    std::FILE* fp_ = nullptr;
    bool finished_ = false;
    bool committed_ = false;
};

// Finishes every file before renaming any, so that a failure while writing
// one of several outputs leaves none of them behind. Null entries (outputs
// not asked for) are skipped.
void commit_all(std::initializer_list<OutputFile*> outputs);

}  // namespace gsattn

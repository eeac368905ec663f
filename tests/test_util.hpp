// Small helpers shared by the unit tests: fixture paths, a scratch directory,
// whole-file reading and writing, and checking the text of an Error.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <stdlib.h>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"
#include "gsattn/hts_handles.hpp"
#include "gsattn/parallel.hpp"

namespace gsattn::test {

namespace fs = std::filesystem;

// A file under test-data/ (source tree; never written to).
inline std::string data_file(const std::string& relative) {
    return std::string(GSATTN_TEST_DATA) + "/" + relative;
}

// A file under share/ as shipped with the program.
inline std::string shipped_file(const std::string& relative) {
    return std::string(GSATTN_SHARE_DIR) + "/" + relative;
}

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
// parallel_for's thread count for the lifetime of this object.
class ThreadCount {
public:
    explicit ThreadCount(int threads) : previous_(thread_count()) { set_thread_count(threads); }
    ~ThreadCount() { set_thread_count(previous_); }
    ThreadCount(const ThreadCount&) = delete;
    ThreadCount& operator=(const ThreadCount&) = delete;

private:
    int previous_;
};

class TempDir {
public:
    TempDir() {
        std::string templ = (fs::temp_directory_path() / "gsattn-test.XXXXXX").string();
        if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        path_ = templ;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    // Names of the entries in the directory, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(path_))
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    fs::path path_;
};

inline void write_text(const std::string& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

// Writes `text` gzip-compressed (plain gzip, not BGZF) through htslib.
inline void write_gzip(const std::string& path, std::string_view text) {
    BgzfHandle fp(bgzf_open(path.c_str(), "wg"));
    REQUIRE(fp);
    REQUIRE(bgzf_write(fp.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()));
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Copies `source` into `dir` and returns the copy's path.
inline std::string copy_into(const TempDir& dir, const std::string& source) {
    const std::string target = dir.file(fs::path(source).filename().string());
    fs::copy_file(source, target);
    return target;
}

// The message of the gsattn::Error that `action` throws; a marker text that
// matches no expected fragment when it throws none. Other exceptions escape
// and fail the test.
template <typename Action>
std::string error_message(Action&& action) {
    try {
        action();
    } catch (const gsattn::Error& e) {
        return e.what();
    }
    return "<no gsattn::Error was thrown>";
}

// Checks that `message` contains every fragment.
inline void check_mentions(const std::string& message,
                           std::initializer_list<std::string_view> fragments) {
    INFO("error message: ", message);
    for (std::string_view fragment : fragments)
        CHECK_MESSAGE(message.find(fragment) != std::string::npos, "missing '", fragment, "'");
}

}  // namespace gsattn::test

#include "gsattn/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gsattn/error.hpp"

namespace gsattn {
namespace {

constexpr std::size_t kBufferSize = 1 << 20;

mode_t current_umask() {
    const mode_t mask = umask(0);
    umask(mask);
    return mask;
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw Error("output path is empty");
    if (is_stdout()) {
        fp_ = stdout;
        return;
    }
    std::vector<char> templ(path_.begin(), path_.end());
    const char suffix[] = ".tmp.XXXXXX";
    templ.insert(templ.end(), suffix, suffix + sizeof suffix);  // includes '\0'
    const int fd = mkstemp(templ.data());
    if (fd < 0) fail_at(path_, 0, std::string("cannot create output: ") + std::strerror(errno));
    temp_path_ = templ.data();
    // mkstemp makes the file 0600; outputs get the usual 0666 & ~umask.
    fchmod(fd, 0666 & ~current_umask());
    fp_ = fdopen(fd, "w");
    if (!fp_) {
        const int err = errno;
        close(fd);
        std::remove(temp_path_.c_str());
        fail_at(path_, 0, std::string("cannot open output: ") + std::strerror(err));
    }
    std::setvbuf(fp_, nullptr, _IOFBF, kBufferSize);
}

OutputFile::~OutputFile() {
    if (committed_ || is_stdout()) return;
    if (fp_) std::fclose(fp_);
    std::remove(temp_path_.c_str());
}

void OutputFile::write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), fp_); }

void OutputFile::finish() {
    if (finished_) return;
    finished_ = true;
    errno = 0;
    const bool write_failed = std::fflush(fp_) != 0 || std::ferror(fp_);
    int err = errno;
    if (is_stdout()) {
        if (write_failed) fail_at("<stdout>", 0, std::string("write failed: ") + std::strerror(err));
        return;
    }
    const bool close_failed = std::fclose(fp_) != 0;
    if (!err) err = errno;
    fp_ = nullptr;
    if (write_failed || close_failed) {
        std::remove(temp_path_.c_str());
        committed_ = true;  // nothing left to clean up
        fail_at(path_, 0, std::string("write failed: ") + (err ? std::strerror(err) : "I/O error"));
    }
}

void OutputFile::commit() {
    if (committed_) return;
    finish();
    committed_ = true;
    if (is_stdout()) return;
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        const int err = errno;
        std::remove(temp_path_.c_str());
        fail_at(path_, 0, std::string("cannot rename output into place: ") + std::strerror(err));
    }
}

void commit_all(std::initializer_list<OutputFile*> outputs) {
    for (OutputFile* out : outputs)
        if (out) out->finish();
    for (OutputFile* out : outputs)
        if (out) out->commit();
}

}  // namespace gsattn

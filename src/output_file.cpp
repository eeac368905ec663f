#include "gsattn/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "gsattn/error.hpp"

namespace gsattn {
namespace {

constexpr std::size_t kBufferSize = 1 << 20;

// The temporary files being written, for the signal handler to remove: a
// fixed table of atomic pointers, since a handler may neither allocate nor
// lock. More outputs open at once than slots only lose the clean-up on a
// signal for the extra ones.
std::array<std::atomic<const char*>, 64> open_temporaries{};

void track_temporary(const char* path) {
    for (auto& slot : open_temporaries) {
        const char* empty = nullptr;
        if (slot.compare_exchange_strong(empty, path)) return;
    }
}

void untrack_temporary(const char* path) {
    for (auto& slot : open_temporaries) {
        const char* expected = path;
        if (slot.compare_exchange_strong(expected, nullptr)) return;
    }
}

extern "C" void remove_temporaries_and_reraise(int signal_number) {
    for (auto& slot : open_temporaries)
        if (const char* path = slot.load()) unlink(path);
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

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
    track_temporary(temp_path_.c_str());
    // mkstemp makes the file 0600; outputs get the usual 0666 & ~umask.
    fchmod(fd, 0666 & ~current_umask());
    fp_ = fdopen(fd, "w");
    if (!fp_) {
        const int err = errno;
        close(fd);
        remove_temporary();
        fail_at(path_, 0, std::string("cannot open output: ") + std::strerror(err));
    }
    std::setvbuf(fp_, nullptr, _IOFBF, kBufferSize);
}

OutputFile::~OutputFile() {
    if (committed_ || is_stdout()) return;
    if (fp_) std::fclose(fp_);
    remove_temporary();
}

void OutputFile::remove_temporary() {
    std::remove(temp_path_.c_str());
    untrack_temporary(temp_path_.c_str());
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
        remove_temporary();
        committed_ = true;  // nothing left to clean up
        fail_at(path_, 0, std::string("write failed: ") + (err ? std::strerror(err) : "I/O error"));
    }
}

void OutputFile::commit() {
    if (committed_) return;
    finish();
    committed_ = true;
    if (is_stdout()) return;
    if (std::rename(temp_path_.c_str(), path_.c_str()) == 0) {
        untrack_temporary(temp_path_.c_str());
        return;
    }
    const int err = errno;
    remove_temporary();
    fail_at(path_, 0, std::string("cannot rename output into place: ") + std::strerror(err));
}

StandardInputCopy::StandardInputCopy()
    : file_((std::filesystem::temp_directory_path() / "gsattn-stdin").string()) {
    std::vector<char> buffer(kBufferSize);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), stdin)) > 0) file_.write({buffer.data(), n});
    if (std::ferror(stdin)) fail_at("-", 0, std::string("cannot read standard input: ") + std::strerror(errno));
    file_.finish();
}

void remove_temporary_outputs_on_signals() {
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
        struct sigaction current {};
        sigaction(signal_number, nullptr, &current);
        // An ignored signal stays ignored: nohup's SIGHUP, a background job's SIGINT.
        if (current.sa_handler == SIG_IGN) continue;
        std::signal(signal_number, remove_temporaries_and_reraise);
    }
}

void commit_all(std::initializer_list<OutputFile*> outputs) {
    for (OutputFile* out : outputs)
        if (out) out->finish();
    for (OutputFile* out : outputs)
        if (out) out->commit();
}

}  // namespace gsattn

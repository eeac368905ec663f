#include "gsattn/output_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <htslib/bgzf.h>

#include "gsattn/bigwig.hpp"
#include "gsattn/error.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBufferSize = 1 << 20;
constexpr int kMaxSymbolicLinks = 40;  // Linux's own limit (ELOOP)
constexpr std::string_view kTemporarySuffix = ".tmp.XXXXXX";

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

std::string error_text(int err) { return std::strerror(err); }

// The descriptor of this process that an absolute path names, or -1.
int named_descriptor(std::string_view path) {
    if (path == "/dev/stdout") return 1;
    if (path == "/dev/stderr") return 2;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"}) {
        if (!starts_with(path, prefix)) continue;
        return parse_integer<int>(path.substr(prefix.size())).value_or(-1);
    }
    return -1;
}

// The path a symbolic link points to, relative to the link's directory.
std::string link_target(const std::string& link, const std::string& given) {
    std::array<char, PATH_MAX> buffer{};
    const ssize_t n = readlink(link.c_str(), buffer.data(), buffer.size() - 1);
    if (n < 0) fail_at(given, 0, "cannot follow symbolic link " + link + ": " + error_text(errno));
    const fs::path target(std::string(buffer.data(), static_cast<std::size_t>(n)));
    return target.is_absolute() ? target.string() : (fs::path(link).parent_path() / target).string();
}

// `destination`'s directory + its name (cut so that the suffix still fits
// in a file name) + ".tmp.XXXXXX", for mkstemp.
std::string temporary_template(const std::string& destination) {
    const fs::path path(destination);
    std::string name = path.filename().string();
    const std::size_t room = NAME_MAX - kTemporarySuffix.size();
    if (name.size() > room) name.resize(room);
    name += kTemporarySuffix;
    return (path.parent_path() / name).string();
}

// Creates a new file beside `destination` (temporary_template); returns its
// descriptor, or -1 with errno set, and sets `name` to its name.
int make_temporary(const std::string& destination, std::string& name) {
    const std::string templ = temporary_template(destination);
    std::vector<char> buffer(templ.begin(), templ.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    if (fd >= 0) name = buffer.data();
    return fd;
}

// make_temporary, or an Error naming the output as given.
int create_temporary(const std::string& destination, const std::string& given, std::string& name) {
    const int fd = make_temporary(destination, name);
    if (fd < 0) fail_at(given, 0, "cannot create output: " + error_text(errno));
    return fd;
}

// The directory of each file, each locked (flock) once, in (device, inode)
// order so that two processes locking overlapping sets cannot wait for each
// other. Once per directory, however its name is spelled ("out" and
// "out/.", "." and the working directory's full path, a symbolic link): a
// second flock on another descriptor of a directory this process has
// locked waits for ever. A directory that cannot be opened is not locked:
// the lock only orders gsattn's own commits, it protects nothing else.
class DirectoryLocks {
public:
    explicit DirectoryLocks(const std::vector<std::string>& directories) {
        std::vector<std::pair<std::pair<dev_t, ino_t>, int>> opened;  // (device, inode), descriptor
        for (const std::string& dir : directories) {
            const int fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0) continue;
            struct stat st {};
            const bool seen = fstat(fd, &st) != 0 || std::any_of(opened.begin(), opened.end(), [&](const auto& o) {
                                  return o.first == std::make_pair(st.st_dev, st.st_ino);
                              });
            if (seen) {
                close(fd);
                continue;
            }
            opened.push_back({{st.st_dev, st.st_ino}, fd});
        }
        std::sort(opened.begin(), opened.end());
        for (const auto& [directory, fd] : opened) {
            while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {
            }
            fds_.push_back(fd);
        }
    }
    ~DirectoryLocks() {
        for (const int fd : fds_) close(fd);  // closing releases the lock
    }
    DirectoryLocks(const DirectoryLocks&) = delete;
    DirectoryLocks& operator=(const DirectoryLocks&) = delete;

private:
    std::vector<int> fds_;
};

// A destination about to be replaced, and a hard link to its old content
// (empty when there was none, or none could be made), to take it back if a
// later rename of the same commit fails.
struct Replacement {
    std::string destination;
    std::string old_content;

    static Replacement keep(const std::string& destination) {
        Replacement r{destination, {}};
        if (access(destination.c_str(), F_OK) != 0) return r;
        std::string name;
        const int fd = make_temporary(destination, name);
        if (fd < 0) return r;
        close(fd);
        unlink(name.c_str());
        if (link(destination.c_str(), name.c_str()) != 0) return r;
        r.old_content = name;
        return r;
    }
    void take_back() const {
        if (old_content.empty()) unlink(destination.c_str());
        else std::rename(old_content.c_str(), destination.c_str());
    }
    void drop() const {
        if (!old_content.empty()) unlink(old_content.c_str());
    }
    // Off the signal handler's list, once it is dropped or taken back.
    void forget() const {
        if (!old_content.empty()) untrack_temporary(old_content.c_str());
    }
};

}  // namespace

OutputTarget resolve_output(const std::string& path) {
    if (path.empty()) throw Error("output path is empty");
    if (path == "-") return {OutputTarget::Kind::standard_output, path, -1};
    std::string current = path;
    for (int links = 0;; ++links) {
        std::error_code ec;
        const std::string absolute = fs::absolute(current, ec).lexically_normal().string();
        if (const int fd = named_descriptor(absolute); fd >= 0) return {OutputTarget::Kind::stream, current, fd};
        struct stat st {};
        if (lstat(current.c_str(), &st) != 0) {
            // A new file; what is wrong with its directory, mkstemp will say.
            if (errno == ENOENT || errno == ENOTDIR) return {OutputTarget::Kind::file, current, -1};
            fail_at(path, 0, "cannot use as output: " + error_text(errno));
        }
        if (S_ISLNK(st.st_mode)) {
            if (links == kMaxSymbolicLinks) fail_at(path, 0, "cannot use as output: too many symbolic links");
            current = link_target(current, path);
            continue;
        }
        if (S_ISDIR(st.st_mode)) fail_at(path, 0, "is a directory; the output must be a file name");
        // Files under /proc are the kernel's: written in place, never renamed over.
        if (S_ISREG(st.st_mode) && !starts_with(absolute, "/proc/")) return {OutputTarget::Kind::file, current, -1};
        return {OutputTarget::Kind::stream, current, -1};
    }
}

void probe_output(const std::string& path) {
    const OutputTarget target = resolve_output(path);
    if (target.kind != OutputTarget::Kind::file) return;
    std::string name;
    close(create_temporary(target.path, path, name));
    unlink(name.c_str());
}

OutputFile::OutputFile(std::string path, Encoding encoding) : OutputFile(path, resolve_output(path), encoding) {}

OutputFile::OutputFile(std::string path, OutputTarget target, Encoding encoding)
    : path_(std::move(path)), target_(std::move(target)) {
    const bool by_name = encoding == Encoding::by_name;
    bigwig_ = by_name && target_.kind != OutputTarget::Kind::standard_output && is_bigwig_name(path_);
    if (bigwig_ && target_.kind != OutputTarget::Kind::file)
        fail_at(path_, 0, "a bigWig is written to a regular file (its header comes last), not to a stream");
    int fd = -1;
    switch (target_.kind) {
        case OutputTarget::Kind::standard_output:
            fp_ = stdout;
            return;
        case OutputTarget::Kind::stream:
            fd = target_.descriptor >= 0 ? fcntl(target_.descriptor, F_DUPFD_CLOEXEC, 0)
                                         : open(target_.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
            if (fd < 0) fail_at(path_, 0, "cannot open output: " + error_text(errno));
            if (struct stat st {}; target_.descriptor < 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
                (void)ftruncate(fd, 0);
            break;
        case OutputTarget::Kind::file:
            fd = create_temporary(target_.path, path_, temp_path_);
            track_temporary(temp_path_.c_str());
            // mkstemp makes the file 0600; outputs get the usual 0666 & ~umask.
            fchmod(fd, 0666 & ~current_umask());
            break;
    }
    compressed_ = by_name && ends_with(path_, ".gz");
    fp_ = fdopen(fd, "w");
    if (!fp_) {
        const int err = errno;
        close(fd);
        remove_temporary();
        fail_at(path_, 0, "cannot open output: " + error_text(err));
    }
    std::setvbuf(fp_, nullptr, _IOFBF, kBufferSize);
}

OutputFile::~OutputFile() {
    if (committed_ || is_stdout()) return;
    if (fp_) std::fclose(fp_);
    remove_temporary();
}

int OutputFile::descriptor() const { return fp_ ? fileno(fp_) : -1; }

void OutputFile::remove_temporary() {
    if (temp_path_.empty()) return;
    std::remove(temp_path_.c_str());
    untrack_temporary(temp_path_.c_str());
}

void OutputFile::write(std::string_view text) {
    if (!header_.empty()) {
        const std::string header = std::move(header_);
        header_.clear();
        write(header);
    }
    if (bigwig_) {
        block_.append(text);
        return;
    }
    if (compressed_) {
        block_.append(text);
        if (block_.size() >= BGZF_BLOCK_SIZE) write_blocks(false);
        return;
    }
    std::fwrite(text.data(), 1, text.size(), fp_);
}

void OutputFile::write_blocks(bool all) {
    std::array<char, BGZF_MAX_BLOCK_SIZE> packed;
    std::size_t from = 0;
    const auto put = [&](std::size_t size) {
        std::size_t length = packed.size();
        if (bgzf_compress(packed.data(), &length, block_.data() + from, size, -1) != 0) compression_failed_ = true;
        else std::fwrite(packed.data(), 1, length, fp_);
        from += size;
    };
    while (block_.size() - from >= BGZF_BLOCK_SIZE) put(BGZF_BLOCK_SIZE);
    if (all) {
        if (from < block_.size()) put(block_.size() - from);
        put(0);  // an empty block: BGZF's end-of-file marker
    }
    block_.erase(0, from);
}

void OutputFile::finish() {
    if (finished_) return;
    if (!header_.empty()) write({});
    finished_ = true;
    errno = 0;
    if (compressed_) write_blocks(true);
    const bool write_failed = std::fflush(fp_) != 0 || std::ferror(fp_) || compression_failed_;
    int err = errno;
    if (is_stdout()) {
        if (write_failed) fail_at("<stdout>", 0, "write failed: " + error_text(err));
        return;
    }
    const bool close_failed = std::fclose(fp_) != 0;
    if (!err) err = errno;
    fp_ = nullptr;
    if (write_failed || close_failed) {
        remove_temporary();
        committed_ = true;  // nothing left to clean up
        fail_at(path_, 0, "write failed: " + (err ? error_text(err) : std::string("I/O error")));
    }
    if (!bigwig_) return;
    try {
        write_bigwig(temp_path_, block_, path_, sequence_lengths_);
    } catch (...) {
        remove_temporary();
        committed_ = true;
        throw;
    }
    block_.clear();
}

void OutputFile::commit() { commit_all({this}); }

void commit_all(std::initializer_list<OutputFile*> outputs) {
    std::vector<OutputFile*> renamed;
    std::vector<std::string> directories;
    for (OutputFile* out : outputs) {
        if (!out || out->committed_) continue;
        out->finish();
        if (out->temp_path_.empty()) {
            out->committed_ = true;  // written in place
            continue;
        }
        renamed.push_back(out);
        directories.push_back(fs::path(out->target_.path).parent_path().string());
    }
    if (renamed.empty()) return;
    const DirectoryLocks locks(directories);
    // Reserved: the signal handler's table points into these strings.
    std::vector<Replacement> done;
    done.reserve(renamed.size());
    for (OutputFile* out : renamed) {
        // The last file's old content is never needed: nothing can fail after it.
        const bool last = out == renamed.back();
        done.push_back(last ? Replacement{out->target_.path, {}} : Replacement::keep(out->target_.path));
        if (!done.back().old_content.empty()) track_temporary(done.back().old_content.c_str());
        if (std::rename(out->temp_path_.c_str(), out->target_.path.c_str()) != 0) {
            const int err = errno;
            done.back().drop();
            done.back().forget();
            done.pop_back();
            for (auto r = done.rbegin(); r != done.rend(); ++r) {
                r->take_back();
                r->forget();
            }
            for (OutputFile* o : renamed) {
                if (!o->committed_) o->remove_temporary();
                o->committed_ = true;
            }
            fail_at(out->path_, 0, "cannot rename output into place: " + error_text(err));
        }
        untrack_temporary(out->temp_path_.c_str());
        out->committed_ = true;
    }
    for (Replacement& r : done) {
        r.drop();
        r.forget();
    }
}

namespace {

// $TMPDIR, or /tmp without it, checked to be a directory.
std::string temporary_directory() {
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    struct stat st {};
    const std::string problem = stat(dir.c_str(), &st) != 0 ? error_text(errno)
                                : !S_ISDIR(st.st_mode)       ? "not a directory"
                                                             : "";
    if (!problem.empty())
        throw Error(fmt::format("cannot copy standard input to the temporary directory {}{}: {}", dir,
                                tmpdir && *tmpdir ? " (TMPDIR)" : "", problem));
    return dir;
}

}  // namespace

// The copy's name is not resolved as an output's is: in a shared directory
// such as /tmp, a link or FIFO of that name may be anyone's.
StandardInputCopy::StandardInputCopy() : StandardInputCopy((fs::path(temporary_directory()) / "gsattn-stdin").string()) {}

StandardInputCopy::StandardInputCopy(const std::string& name)
    : file_(name, OutputTarget{OutputTarget::Kind::file, name, -1}) {
    std::vector<char> buffer(kBufferSize);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), stdin)) > 0) file_.write({buffer.data(), n});
    if (std::ferror(stdin)) fail_at("-", 0, "cannot read standard input: " + error_text(errno));
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

}  // namespace gsattn

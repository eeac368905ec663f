// OutputFile: outputs appear whole, on commit, or not at all.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <csignal>
#include <cstdlib>
#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <htslib/bgzf.h>

#include "gsattn/output_file.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

using Names = std::vector<std::string>;

// Runs `action` while files may grow to at most `limit` bytes (writes past
// it fail with EFBIG instead of raising SIGXFSZ); returns the Error message.
// No check runs inside the window, so the test log cannot hit the limit.
template <typename Action>
std::string error_with_file_size_limit(rlim_t limit, Action action) {
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = limit;
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &small);
    const std::string message = error_message(action);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
    return message;
}

const std::string kBig(256 * 1024, 'x');  // more than the limit used below
constexpr rlim_t kLimit = 64 * 1024;

// The Error of writing `text` to `path` and committing it past kLimit.
std::string commit_past_limit(const std::string& path, const std::string& text) {
    return error_with_file_size_limit(kLimit, [&] {
        OutputFile out(path);
        out.write(text);
        out.commit();
    });
}

}  // namespace

TEST_CASE("OutputFile: nothing at the destination until commit, then the whole content") {
    TempDir dir;
    const std::string path = dir.file("out.txt");
    OutputFile out(path);
    CHECK(out.path() == path);
    CHECK_FALSE(out.is_stdout());
    out.write("hello ");
    out.print("{} {}\n", "world", 42);
    CHECK_FALSE(fs::exists(path));
    REQUIRE(dir.entries().size() == 1);
    CHECK(dir.entries()[0].rfind("out.txt.tmp.", 0) == 0);  // the temporary, in the same directory

    out.commit();
    CHECK(read_text(path) == "hello world 42\n");
    CHECK(dir.entries() == Names{"out.txt"});
}

TEST_CASE("OutputFile: Encoding::as_written keeps the bytes of a .gz or .bw name as they are") {
    TempDir dir;
    for (const std::string name : {"x.vcf.gz", "x.bw"}) {
        INFO(name);
        OutputFile out(dir.file(name), OutputFile::Encoding::as_written);
        CHECK_FALSE(out.is_compressed());
        CHECK_FALSE(out.is_bigwig());
        // Another library writes through a duplicate of the descriptor.
        const int fd = dup(out.descriptor());
        REQUIRE(fd >= 0);
        CHECK(write(fd, "BCF", 3) == 3);
        close(fd);
        out.commit();
        CHECK(read_text(dir.file(name)) == "BCF");  // no BGZF block, no end-of-file marker
    }
}

TEST_CASE("OutputFile: a header comes with the first write, or at commit when nothing else is written") {
    TempDir dir;
    // A FIFO is written in place: what it receives is what a pipe reader sees.
    const std::string fifo = dir.file("fifo");
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    const auto pending = [reader] {
        std::string text(64, '\0');
        const ssize_t n = read(reader, text.data(), text.size());
        text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return text;
    };
    {
        OutputFile out(fifo);
        out.set_header("name\tvalue\n");
        out.finish();  // flushes: anything written so far is in the pipe
        CHECK(pending() == "name\tvalue\n");
    }
    {
        OutputFile out(fifo);
        out.set_header("name\tvalue\n");
        std::fflush(nullptr);
        CHECK(pending().empty());  // nothing before the first record
        out.write("a\t1\n");
        out.write("b\t2\n");
        out.commit();
        CHECK(pending() == "name\tvalue\na\t1\nb\t2\n");
    }
    close(reader);

    const std::string path = dir.file("empty.tsv");
    OutputFile empty(path);
    empty.set_header("name\tvalue\n");
    empty.commit();
    CHECK(read_text(path) == "name\tvalue\n");
}

TEST_CASE("OutputFile: destroyed without commit, it leaves nothing behind") {
    TempDir dir;
    {
        OutputFile out(dir.file("out.txt"));
        out.write("partial");
    }
    CHECK(dir.entries().empty());
}

TEST_CASE("OutputFile: an existing file is replaced on commit and kept otherwise") {
    TempDir dir;
    const std::string path = dir.file("out.txt");
    write_text(path, "old\n");
    {
        OutputFile out(path);
        out.write("new, abandoned\n");
    }
    CHECK(read_text(path) == "old\n");
    {
        OutputFile out(path);
        out.write("new\n");
        out.commit();
    }
    CHECK(read_text(path) == "new\n");
    CHECK(dir.entries() == Names{"out.txt"});
}

TEST_CASE("OutputFile: committed files get mode 0666 minus the umask") {
    TempDir dir;
    const std::string path = dir.file("out.txt");
    const mode_t old_mask = umask(022);
    {
        OutputFile out(path);
        out.commit();
    }
    umask(old_mask);
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("OutputFile: a directory that cannot be written to is an Error naming the path") {
    // Tests may run as root, for whom permission bits do not stop writing, so
    // the unwritable places are a missing directory and a regular file.
    TempDir dir;
    SUBCASE("missing directory") {
        const std::string path = dir.file("missing/out.txt");
        check_mentions(error_message([&] { OutputFile out(path); }), {path, "cannot create output"});
    }
    SUBCASE("a file where a directory should be") {
        write_text(dir.file("plain"), "");
        const std::string path = dir.file("plain/out.txt");
        check_mentions(error_message([&] { OutputFile out(path); }), {path, "cannot create output"});
    }
    SUBCASE("an empty path") {
        check_mentions(error_message([] { OutputFile out(""); }), {"output path is empty"});
    }
}

TEST_CASE("OutputFile: the path - is standard output") {
    OutputFile out("-");
    CHECK(out.is_stdout());
}

TEST_CASE("OutputFile: a failed write is an Error at commit and leaves nothing behind") {
    // /dev/full cannot be used: the temporary file would be created in /dev.
    // A file-size limit makes the write fail with EFBIG instead.
    TempDir dir;
    const std::string path = dir.file("big.txt");
    check_mentions(commit_past_limit(path, kBig), {path, "write failed"});
    CHECK(dir.entries().empty());
}

TEST_CASE("OutputFile: a name ending in .gz is written BGZF-compressed, header included") {
    TempDir dir;
    const std::string path = dir.file("track.bedGraph.gz");
    std::string records;
    for (int i = 0; i < 20000; ++i) records += fmt::format("chr1\t{}\t{}\t{}\n", 10 * i, 10 * i + 80, i % 7);
    {
        OutputFile out(path);
        CHECK(out.is_compressed());
        out.set_header("#chrom\tstart\tend\tvalue\n");
        out.write(records);
        out.commit();
    }
    BGZF* in = bgzf_open(path.c_str(), "r");
    REQUIRE(in != nullptr);
    CHECK(bgzf_compression(in) == 2);  // BGZF, not plain gzip
    CHECK(bgzf_check_EOF(in) == 1);    // the end-of-file marker is there
    std::string text(1 << 20, '\0');
    const ssize_t n = bgzf_read(in, text.data(), text.size());
    bgzf_close(in);
    REQUIRE(n > 0);
    text.resize(static_cast<std::size_t>(n));
    CHECK(text == "#chrom\tstart\tend\tvalue\n" + records);
    CHECK(fs::file_size(path) < text.size() / 3);
    CHECK_FALSE(OutputFile(dir.file("plain.txt")).is_compressed());

    // A failed write is reported as for plain files: incompressible data
    // past a file-size limit.
    std::string noise(kBig.size(), '\0');
    std::uint32_t state = 7;
    for (char& c : noise) c = static_cast<char>((state = state * 1664525u + 1013904223u) >> 24);
    const std::string failed = dir.file("noise.gz");
    check_mentions(commit_past_limit(failed, noise), {failed, "write failed"});
    CHECK_FALSE(fs::exists(failed));
}

TEST_CASE("commit_all: every file appears together") {
    TempDir dir;
    OutputFile a(dir.file("a.txt")), b(dir.file("b.txt"));
    a.write("A\n");
    b.write("B\n");
    commit_all({&a, &b});
    CHECK(dir.entries() == Names{"a.txt", "b.txt"});
    CHECK(read_text(dir.file("a.txt")) == "A\n");
    CHECK(read_text(dir.file("b.txt")) == "B\n");
}

TEST_CASE("commit_all: one directory under two spellings is locked once") {
    TempDir dir;
    // In a child, so that a commit waiting on its own lock fails the test
    // rather than hanging it: it takes milliseconds, the bound is generous.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        OutputFile a(dir.file("a.txt")), b(dir.path().string() + "/./b.txt");
        a.write("A\n");
        b.write("B\n");
        commit_all({&a, &b});
        _exit(0);
    }
    int status = 0;
    pid_t done = 0;
    for (int waited = 0; waited < 600 && (done = waitpid(child, &status, WNOHANG)) == 0; ++waited) usleep(50 * 1000);
    if (done == 0) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
    }
    REQUIRE(done == child);
    CHECK(WIFEXITED(status));
    CHECK(dir.entries() == Names{"a.txt", "b.txt"});
    CHECK(read_text(dir.file("b.txt")) == "B\n");
}

TEST_CASE("commit_all: when one file fails, none of them appears") {
    TempDir dir;
    const std::string message = error_with_file_size_limit(kLimit, [&] {
        OutputFile a(dir.file("a.txt")), b(dir.file("b.txt"));
        a.write("small\n");
        b.write(kBig);
        commit_all({&a, &b});
    });
    check_mentions(message, {"b.txt", "write failed"});
    CHECK(dir.entries().empty());
}

TEST_CASE("resolve_output: what each kind of path is written as") {
    TempDir dir;
    write_text(dir.file("file.txt"), "x");
    fs::create_symlink("file.txt", dir.file("link.txt"));
    fs::create_symlink("link.txt", dir.file("link2.txt"));
    fs::create_symlink("missing.txt", dir.file("dangling.txt"));
    fs::create_symlink("loop.txt", dir.file("loop.txt"));
    REQUIRE(mkfifo(dir.file("fifo").c_str(), 0600) == 0);
    using Kind = OutputTarget::Kind;
    CHECK(resolve_output("-").kind == Kind::standard_output);
    CHECK(resolve_output(dir.file("new.txt")).kind == Kind::file);
    CHECK(resolve_output(dir.file("file.txt")).path == dir.file("file.txt"));
    // Links are followed to their last target, which is what gets replaced.
    CHECK(resolve_output(dir.file("link2.txt")).kind == Kind::file);
    CHECK(resolve_output(dir.file("link2.txt")).path == dir.file("file.txt"));
    CHECK(resolve_output(dir.file("dangling.txt")).path == dir.file("missing.txt"));
    CHECK(resolve_output(dir.file("fifo")).kind == Kind::stream);
    CHECK(resolve_output("/dev/stdout").descriptor == 1);
    CHECK(resolve_output("/dev/fd/7").descriptor == 7);
    CHECK(resolve_output("/proc/self/fd/12").descriptor == 12);
    check_mentions(error_message([&] { resolve_output(dir.file("loop.txt")); }), {"too many symbolic links"});
    check_mentions(error_message([&] { resolve_output(dir.path().string()); }), {"is a directory"});
}

TEST_CASE("OutputFile: a symbolic link is written through and stays a link") {
    TempDir dir;
    write_text(dir.file("target.txt"), "old\n");
    fs::create_symlink("target.txt", dir.file("link.txt"));
    OutputFile out(dir.file("link.txt"));
    out.write("new\n");
    out.commit();
    CHECK(fs::is_symlink(dir.file("link.txt")));
    CHECK(read_text(dir.file("target.txt")) == "new\n");
    CHECK(dir.entries() == Names{"link.txt", "target.txt"});
}

TEST_CASE("OutputFile: a FIFO is written in place, not replaced") {
    TempDir dir;
    const std::string fifo = dir.file("fifo");
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    // The reader end opened first (non-blocking), so the writer's open returns.
    const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    {
        OutputFile out(fifo);
        CHECK(out.is_stream());
        CHECK(out.temporary_path().empty());
        out.write("through the pipe\n");
        out.commit();
    }
    char buffer[64] = {};
    CHECK(read(reader, buffer, sizeof buffer) == 17);
    close(reader);
    CHECK(std::string(buffer) == "through the pipe\n");
    struct stat st {};
    REQUIRE(lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(dir.entries() == Names{"fifo"});
}

TEST_CASE("OutputFile: /proc/self/fd/N and /dev/fd/N write to that descriptor") {
    for (const std::string prefix : {"/proc/self/fd/", "/dev/fd/"}) {
        int pipe_ends[2];
        REQUIRE(pipe(pipe_ends) == 0);
        {
            OutputFile out(prefix + std::to_string(pipe_ends[1]));
            CHECK(out.is_stream());
            out.write("via " + prefix);
            out.commit();
        }
        close(pipe_ends[1]);
        char buffer[64] = {};
        const ssize_t n = read(pipe_ends[0], buffer, sizeof buffer);
        close(pipe_ends[0]);
        CHECK(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0) == "via " + prefix);
    }
}

TEST_CASE("OutputFile: a name as long as the system allows still gets its temporary file") {
    TempDir dir;
    const std::string path = dir.file(std::string(NAME_MAX, 'a'));
    OutputFile out(path);
    CHECK(fs::path(out.temporary_path()).filename().string().size() <= NAME_MAX);
    out.write("long\n");
    out.commit();
    CHECK(read_text(path) == "long\n");
}

TEST_CASE("probe_output: refuses what OutputFile would, and writes nothing") {
    TempDir dir;
    probe_output(dir.file("fine.txt"));
    CHECK(dir.entries().empty());
    check_mentions(error_message([&] { probe_output(dir.path().string()); }), {"is a directory"});
    check_mentions(error_message([&] { probe_output(dir.file("missing/x")); }), {"missing/x", "cannot create output"});
    CHECK(dir.entries().empty());
}

TEST_CASE("commit_all: a rename that fails takes back the files already renamed") {
    TempDir dir;
    write_text(dir.file("a.txt"), "old A\n");
    const std::string message = error_message([&] {
        OutputFile a(dir.file("a.txt")), b(dir.file("b.txt")), c(dir.file("c.txt"));
        a.write("new A\n");
        b.write("new B\n");
        c.write("new C\n");
        fs::create_directory(dir.file("c.txt"));  // appears after the outputs were opened
        commit_all({&a, &b, &c});
    });
    check_mentions(message, {"c.txt", "cannot rename output into place"});
    CHECK(read_text(dir.file("a.txt")) == "old A\n");
    CHECK(dir.entries() == Names{"a.txt", "c.txt"});
}

TEST_CASE("commit_all: waits for another commit into the same directory") {
    TempDir dir;
    const int lock = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
    REQUIRE(lock >= 0);
    REQUIRE(flock(lock, LOCK_EX) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(lock);  // the parent's lock is on its open file, which this copy would keep open
        OutputFile a(dir.file("a.txt")), b(dir.file("b.txt"));
        commit_all({&a, &b});
        _exit(0);
    }
    // Not a timing test: a commit that ignored the lock would be done long before.
    usleep(300 * 1000);
    CHECK_FALSE(fs::exists(dir.file("a.txt")));
    CHECK_FALSE(fs::exists(dir.file("b.txt")));
    close(lock);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(dir.entries() == Names{"a.txt", "b.txt"});
}

TEST_CASE("StandardInputCopy: a TMPDIR that is not a directory is an Error naming it") {
    const char* old = std::getenv("TMPDIR");
    const std::string saved = old ? old : "";
    setenv("TMPDIR", "/nonexistent-gsattn-dir", 1);
    const std::string message = error_message([] { StandardInputCopy copy; });
    if (old) setenv("TMPDIR", saved.c_str(), 1);
    else unsetenv("TMPDIR");
    check_mentions(message, {"/nonexistent-gsattn-dir", "TMPDIR", "No such file or directory"});
}

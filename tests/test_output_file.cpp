// OutputFile: outputs appear whole, on commit, or not at all.
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <string>

#include <doctest/doctest.h>

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
    const std::string message = error_with_file_size_limit(kLimit, [&] {
        OutputFile out(path);
        out.write(kBig);
        out.commit();
    });
    check_mentions(message, {path, "write failed"});
    CHECK(dir.entries().empty());
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

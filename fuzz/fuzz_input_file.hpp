// The readers under fuzzing take paths (htslib opens the files), so each
// input is written to one temporary file, rewritten for every input.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gsattn/error.hpp"

namespace gsattn::fuzz {

class InputFile {
public:
    InputFile() {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/tmp") + "/gsattn-fuzz.XXXXXX";
        const int fd = mkstemp(path_.data());
        if (fd < 0) std::abort();
        close(fd);
    }
    ~InputFile() { std::remove(path_.c_str()); }

    // Replaces the file's content with the input; returns its path.
    const std::string& write(const std::uint8_t* data, std::size_t size) {
        std::FILE* fp = std::fopen(path_.c_str(), "wb");
        if (!fp || std::fwrite(data, 1, size, fp) != size || std::fclose(fp) != 0) std::abort();
        return path_;
    }

private:
    std::string path_;
};

// Runs `read` on the input; gsattn::Error (bad input, reported to the user)
// is the expected outcome for most inputs. Any other exception escapes and
// libFuzzer reports it as a crash.
template <typename Read>
int read_input(const std::uint8_t* data, std::size_t size, Read read) {
    static InputFile file;
    try {
        read(file.write(data, size));
    } catch (const Error&) {
    }
    return 0;
}

}  // namespace gsattn::fuzz

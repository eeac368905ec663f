#include "gsattn/models/checkpoint.hpp"

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/version.hpp"

namespace gsattn {
namespace {

constexpr const char* kFormatName = "gsattn-checkpoint";

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointHeader& header, const Experiment& current) {
    torch::serialize::OutputArchive archive;
    archive::write(archive, "format", std::string(kFormatName));
    archive::write(archive, "format_version", std::int64_t{kCheckpointFormatVersion});
    archive::write(archive, "program_version", program_version());
    archive::write(archive, "command", header.command);
    archive::write(archive, "directory", header.directory);
    archive::write(archive, "input_files", header.input_files);
    archive::write(archive, "input_crc32", std::vector<std::int64_t>(header.input_crc32.begin(), header.input_crc32.end()));
    archive::write(archive, "finished", static_cast<std::int64_t>(header.finished.size()));
    for (std::size_t i = 0; i < header.finished.size(); ++i) {
        auto result = archive::nested(archive);
        write_result(result, header.finished[i]);
        archive.write(fmt::format("finished_{}", i), result);
    }
    auto state = archive::nested(archive);
    current.save(state);
    archive.write("current", state);
    archive::save_to_file(archive, path);
}

CheckpointFile::CheckpointFile(std::string path) : path_(std::move(path)) {
    try {
        archive_.load_from(path_);
    } catch (const c10::Error&) {
        fail_at(path_, 0, "not a gsattn checkpoint (cannot read it as an archive)");
    }
    std::int64_t version = 0;
    try {
        if (archive::read_string(archive_, "format") != kFormatName) throw Error("another format");
        version = archive::read_int(archive_, "format_version");
    } catch (const Error&) {
        fail_at(path_, 0, "not a gsattn checkpoint");
    }
    if (version > kCheckpointFormatVersion)
        fail_at(path_, 0, fmt::format("checkpoint format version {} is newer than this gsattn reads ({}); "
                                      "upgrade gsattn", version, kCheckpointFormatVersion));
    try {
        header_.command = archive::read_strings(archive_, "command");
        header_.directory = archive::read_string(archive_, "directory");
        header_.input_files = archive::read_strings(archive_, "input_files");
        for (std::int64_t crc : archive::read_ints(archive_, "input_crc32"))
            header_.input_crc32.push_back(static_cast<std::uint32_t>(crc));
        if (header_.input_crc32.size() != header_.input_files.size()) throw Error("input checksums missing");
        const std::int64_t finished = archive::read_int(archive_, "finished");
        for (std::int64_t i = 0; i < finished; ++i) {
            auto result = archive::read_nested(archive_, fmt::format("finished_{}", i));
            header_.finished.push_back(read_result(result));
        }
    } catch (const Error& e) {
        fail_at(path_, 0, std::string("corrupt checkpoint: ") + e.what());
    }
    if (header_.command.size() < 2) fail_at(path_, 0, "corrupt checkpoint: no command line");
}

void CheckpointFile::restore(Experiment& current) {
    try {
        auto state = archive::read_nested(archive_, "current");
        current.load(state);
    } catch (const Error& e) {
        fail_at(path_, 0, std::string("corrupt checkpoint: ") + e.what());
    } catch (const c10::Error&) {
        fail_at(path_, 0, "corrupt checkpoint: the saved state does not fit the model");
    }
}

}  // namespace gsattn

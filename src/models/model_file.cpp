#include "gsattn/models/model_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/output_file.hpp"

namespace gsattn {
namespace {

constexpr const char* kMetadataKey = "gsattn";

// A LibTorch archive is a ZIP file, which starts with a local file header.
constexpr std::string_view kZipStart{"PK\x03\x04", 4};

// A model from standard input is held in memory whole before LibTorch reads
// it (its reader seeks); a larger one must be given as a file.
constexpr std::size_t kLargestModelFromStdin = std::size_t{1} << 30;

// The first bytes of `in`: an Error unless they start a ZIP file.
std::string read_zip_start(std::streambuf& in, const std::string& path) {
    std::string bytes(kZipStart.size(), '\0');
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.sgetn(bytes.data(), bytes.size()), 0)));
    if (bytes != kZipStart)
        fail_at(path, 0, "not a gsattn model file (a model file is a LibTorch archive, which starts as a ZIP "
                         "file does)");
    return bytes;
}

// Standard input whole, its first bytes checked before the rest is read.
std::string read_model_from_stdin(const std::string& path) {
    std::streambuf& in = *std::cin.rdbuf();
    std::string bytes = read_zip_start(in, path);
    std::vector<char> chunk(std::size_t{1} << 20);
    for (std::streamsize n; (n = in.sgetn(chunk.data(), static_cast<std::streamsize>(chunk.size()))) > 0;) {
        if (bytes.size() + static_cast<std::size_t>(n) > kLargestModelFromStdin)
            fail_at(path, 0, fmt::format("standard input holds more than {} MiB, the most a model is read from it: "
                                         "give the model file's path instead",
                                         kLargestModelFromStdin >> 20));
        bytes.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return bytes;
}

void require_model_file_start(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) fail_at(path, 0, std::string("cannot open: ") + std::strerror(errno));
    read_zip_start(*file.rdbuf(), path);
}

}  // namespace

void write_model_file(OutputFile& out, SequenceModelImpl& network, const ModelInfo& info) {
    torch::serialize::OutputArchive archive;
    network.save(archive);
    archive.write(kMetadataKey, c10::IValue(metadata_text(info)));
    archive::write_to(archive, out);
}

void save_model_file(const std::string& path, SequenceModelImpl& network, const ModelInfo& info) {
    OutputFile out(path);
    write_model_file(out, network, info);
    out.commit();
}

LoadedModel load_model_file(const std::string& path) {
    torch::serialize::InputArchive archive;
    try {
        if (path == "-") {
            std::istringstream whole(read_model_from_stdin(path));
            archive.load_from(whole);
        } else {
            require_model_file_start(path);
            archive.load_from(path);
        }
    } catch (const c10::Error&) {
        fail_at(path, 0, "not a gsattn model file (cannot read it as a model archive)");
    }
    c10::IValue metadata;
    if (!archive.try_read(kMetadataKey, metadata) || !metadata.isString())
        fail_at(path, 0, "not a gsattn model file (no gsattn metadata)");
    LoadedModel loaded;
    loaded.info = parse_metadata(path, metadata.toStringRef());
    loaded.network = make_model(loaded.info.config);
    try {
        load_weights(*loaded.network, archive);
    } catch (const Error&) {
        fail_at(path, 0, "corrupt model file (weights do not match the model description)");
    }
    loaded.network->eval();
    return loaded;
}

}  // namespace gsattn

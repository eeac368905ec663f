// Plain values in LibTorch archives, for saving training state (checkpoints):
// numbers, text and lists as IValues, read back with the type checked. A
// missing key or a value of another type is an Error naming the key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace gsattn {
class OutputFile;
}

namespace gsattn::archive {

using torch::serialize::InputArchive;
using torch::serialize::OutputArchive;

void write(OutputArchive& archive, const std::string& key, double value);
void write(OutputArchive& archive, const std::string& key, std::int64_t value);
void write(OutputArchive& archive, const std::string& key, bool value);
void write(OutputArchive& archive, const std::string& key, const std::string& value);
void write(OutputArchive& archive, const std::string& key, const std::vector<double>& values);
void write(OutputArchive& archive, const std::string& key, const std::vector<std::int64_t>& values);
void write(OutputArchive& archive, const std::string& key, const std::vector<std::string>& values);

double read_double(InputArchive& archive, const std::string& key);
std::int64_t read_int(InputArchive& archive, const std::string& key);
bool read_bool(InputArchive& archive, const std::string& key);
std::string read_string(InputArchive& archive, const std::string& key);
std::vector<double> read_doubles(InputArchive& archive, const std::string& key);
std::vector<std::int64_t> read_ints(InputArchive& archive, const std::string& key);
std::vector<std::string> read_strings(InputArchive& archive, const std::string& key);

torch::Tensor read_tensor(InputArchive& archive, const std::string& key);

// An int is written as a 64-bit integer and must fit an int when read.
void write(OutputArchive& archive, const std::string& key, int value);
// The value write() put under `key`, read into `value`.
void read(InputArchive& archive, const std::string& key, double& value);
void read(InputArchive& archive, const std::string& key, std::int64_t& value);
void read(InputArchive& archive, const std::string& key, int& value);
void read(InputArchive& archive, const std::string& key, bool& value);
void read(InputArchive& archive, const std::string& key, std::vector<double>& values);

// One list of an object's saved fields serves saving and loading: `fields`
// is called as fields(object, field) and calls field(key, object.member)
// for each, e.g.
//     const auto run_fields = [](auto& run, auto&& field) {
//         field("epochs_run", run.epochs_run);
//         field("seconds", run.seconds);
//     };
template <typename Object, typename Fields>
void write_fields(OutputArchive& archive, const Object& object, const Fields& fields) {
    fields(object, [&archive](const char* key, const auto& value) { write(archive, key, value); });
}
template <typename Object, typename Fields>
void read_fields(InputArchive& archive, Object& object, const Fields& fields) {
    fields(object, [&archive](const char* key, auto& value) { read(archive, key, value); });
}

// Writes the archive to `path` whole or not at all (an OutputFile).
void save_to_file(OutputArchive& archive, const std::string& path);
// Writes the archive into `out`, which the caller commits.
void write_to(OutputArchive& archive, OutputFile& out);

// Sub-archives: the nested archive under `key`.
OutputArchive nested(OutputArchive& parent);
InputArchive read_nested(InputArchive& archive, const std::string& key);

}  // namespace gsattn::archive

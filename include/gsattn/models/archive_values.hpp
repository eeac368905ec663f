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

// Writes the archive to `path` whole or not at all (an OutputFile).
void save_to_file(OutputArchive& archive, const std::string& path);
// Writes the archive into `out`, which the caller commits.
void write_to(OutputArchive& archive, OutputFile& out);

// Sub-archives: the nested archive under `key`.
OutputArchive nested(OutputArchive& parent);
InputArchive read_nested(InputArchive& archive, const std::string& key);

}  // namespace gsattn::archive

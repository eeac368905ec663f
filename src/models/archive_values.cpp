#include "gsattn/models/archive_values.hpp"

#include <fmt/format.h>

#include <limits>
#include <sstream>

#include "gsattn/error.hpp"
#include "gsattn/output_file.hpp"

namespace gsattn::archive {
namespace {

// The value under `key`, which `is` must accept (e.g. &c10::IValue::isDouble).
c10::IValue read_checked(InputArchive& archive, const std::string& key, bool (c10::IValue::*is)() const,
                         const char* expected) {
    c10::IValue value;
    if (!archive.try_read(key, value)) throw Error(fmt::format("no '{}' in the saved state", key));
    if (!(value.*is)()) throw Error(fmt::format("'{}' in the saved state is not {}", key, expected));
    return value;
}

}  // namespace

void write(OutputArchive& archive, const std::string& key, double value) { archive.write(key, c10::IValue(value)); }
void write(OutputArchive& archive, const std::string& key, std::int64_t value) {
    archive.write(key, c10::IValue(value));
}
void write(OutputArchive& archive, const std::string& key, bool value) { archive.write(key, c10::IValue(value)); }
void write(OutputArchive& archive, const std::string& key, const std::string& value) {
    archive.write(key, c10::IValue(value));
}
void write(OutputArchive& archive, const std::string& key, const std::vector<double>& values) {
    archive.write(key, c10::IValue(values));
}
void write(OutputArchive& archive, const std::string& key, const std::vector<std::int64_t>& values) {
    archive.write(key, c10::IValue(values));
}
void write(OutputArchive& archive, const std::string& key, const std::vector<std::string>& values) {
    archive.write(key, c10::IValue(c10::List<std::string>(values)));
}

double read_double(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isDouble, "a number").toDouble();
}

std::int64_t read_int(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isInt, "an integer").toInt();
}

bool read_bool(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isBool, "true or false").toBool();
}

std::string read_string(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isString, "text").toStringRef();
}

std::vector<double> read_doubles(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isDoubleList, "a list of numbers").toDoubleVector();
}

std::vector<std::int64_t> read_ints(InputArchive& archive, const std::string& key) {
    return read_checked(archive, key, &c10::IValue::isIntList, "a list of integers").toIntVector();
}

std::vector<std::string> read_strings(InputArchive& archive, const std::string& key) {
    std::vector<std::string> out;
    for (const c10::IValue& item : read_checked(archive, key, &c10::IValue::isList, "a list of text").toListRef()) {
        if (!item.isString()) throw Error(fmt::format("'{}' in the saved state is not a list of text", key));
        out.push_back(item.toStringRef());
    }
    return out;
}

void write(OutputArchive& archive, const std::string& key, int value) {
    write(archive, key, std::int64_t{value});
}

void read(InputArchive& archive, const std::string& key, double& value) { value = read_double(archive, key); }

void read(InputArchive& archive, const std::string& key, std::int64_t& value) { value = read_int(archive, key); }

void read(InputArchive& archive, const std::string& key, int& value) {
    const std::int64_t wide = read_int(archive, key);
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        throw Error(fmt::format("'{}' in the saved state is out of range", key));
    value = static_cast<int>(wide);
}

void read(InputArchive& archive, const std::string& key, bool& value) { value = read_bool(archive, key); }

void read(InputArchive& archive, const std::string& key, std::vector<double>& values) {
    values = read_doubles(archive, key);
}

torch::Tensor read_tensor(InputArchive& archive, const std::string& key) {
    torch::Tensor tensor;
    if (!archive.try_read(key, tensor)) throw Error(fmt::format("no tensor '{}' in the saved state", key));
    return tensor;
}

void write_to(OutputArchive& archive, OutputFile& out) {
    std::ostringstream bytes;
    archive.save_to(bytes);
    out.write(bytes.str());
}

void save_to_file(OutputArchive& archive, const std::string& path) {
    OutputFile out(path);
    write_to(archive, out);
    out.commit();
}

OutputArchive nested(OutputArchive& parent) { return OutputArchive(parent.compilation_unit()); }

InputArchive read_nested(InputArchive& archive, const std::string& key) {
    InputArchive out;
    if (!archive.try_read(key, out)) throw Error(fmt::format("no '{}' in the saved state", key));
    return out;
}

}  // namespace gsattn::archive

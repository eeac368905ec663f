// The checkpoint file of a stopped `gsattn train`: its header (command,
// directory, input checksums, finished experiments) and the state of the
// experiment under way round-trip, and a file that is not a checkpoint of
// this format version is an Error, never a crash.
#include <string>
#include <tuple>
#include <vector>

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/models/checkpoint.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/random.hpp"
#include "model_test_util.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

// Random sequences whose label is their GC fraction.
std::vector<Example> gc_task(std::size_t n, std::int64_t length) {
    Rng rng(5);
    std::vector<Example> data;
    for (std::size_t i = 0; i < n; ++i) {
        Example e;
        e.name = "s" + std::to_string(i);
        double gc = 0;
        for (std::int64_t j = 0; j < length; ++j) {
            e.bases.push_back(static_cast<Base>(rng.below(4)));
            gc += e.bases.back() == Base::C || e.bases.back() == Base::G;
        }
        e.label = gc / static_cast<double>(length);
        data.push_back(std::move(e));
    }
    return data;
}

Split thirds(std::size_t n) {
    Split s;
    for (std::size_t i = 0; i < n; ++i) (i % 3 == 0 ? s.test : i % 3 == 1 ? s.validation : s.train).push_back(i);
    return s;
}

ExperimentConfig tiny_settings() {
    ExperimentConfig s;
    s.model = small_model_config(ModelKind::sparse);
    s.train.epochs = 2;
    s.train.batch_size = 8;
    s.train.inits = 1;
    s.train.seed = 4;
    return s;
}

}  // namespace

TEST_CASE("checkpoint: header and the stopped experiment round-trip through the file") {
    torch::set_num_threads(1);
    TempDir dir;
    const auto data = gc_task(48, 24);
    const Split split = thirds(data.size());
    const ExperimentConfig s = tiny_settings();
    const ExperimentResult whole = run_experiment(s, data, split, {});

    CheckpointHeader header;
    header.command = {"gsattn", "train", "--fasta", "x.fa", "-o", "m.gsattn"};
    header.directory = "/some/where";
    header.input_files = {"x.fa", "x.labels.tsv"};
    header.input_crc32 = {0xDEADBEEFu, 7};  // above INT32_MAX: must survive
    header.finished.push_back(whole);
    TrainingProgress progress;
    progress.stop = [] { return true; };
    Experiment stopped(s, data, split, {}, progress);
    REQUIRE_FALSE(stopped.run());
    const std::string path = dir.file("m.gsattn.ckpt");
    write_checkpoint(path, header, stopped);
    CHECK(dir.entries() == std::vector<std::string>{"m.gsattn.ckpt"});

    CheckpointFile file(path);
    CHECK(file.header().command == header.command);
    CHECK(file.header().directory == header.directory);
    CHECK(file.header().input_files == header.input_files);
    CHECK(file.header().input_crc32 == header.input_crc32);
    REQUIRE(file.header().finished.size() == 1);
    CHECK(file.header().finished[0].test_predictions == whole.test_predictions);
    Experiment resumed(s, data, split, {});
    file.restore(resumed);
    REQUIRE(resumed.run());
    CHECK(resumed.result().test_predictions == whole.test_predictions);
}

TEST_CASE("checkpoint: other files, a newer format and a state that does not fit are Errors") {
    TempDir dir;
    const std::string text = dir.file("notes.txt");
    write_text(text, "not a checkpoint\n");
    CHECK(error_message([&] { CheckpointFile{text}; }).find("not a gsattn checkpoint") != std::string::npos);
    CHECK(error_message([&] { CheckpointFile{dir.file("missing.ckpt")}; }).find("missing.ckpt") !=
          std::string::npos);

    // Archives with only a format name and version.
    for (const auto& [format, version, expected] :
         {std::tuple{"gsattn-checkpoint", 99, "format version 99 is newer"},
          std::tuple{"gsattn-model", 1, "not a gsattn checkpoint"}}) {
        const std::string path = dir.file(std::string(format) + ".ckpt");
        torch::serialize::OutputArchive archive;
        archive::write(archive, "format", std::string(format));
        archive::write(archive, "format_version", std::int64_t{version});
        archive.save_to(path);
        CHECK(error_message([&] { CheckpointFile{path}; }).find(expected) != std::string::npos);
    }

    // A checkpoint of a sparse model cannot go on as a full one.
    const auto data = gc_task(48, 24);
    const Split split = thirds(data.size());
    const ExperimentConfig s = tiny_settings();
    TrainingProgress progress;
    progress.stop = [] { return true; };
    Experiment stopped(s, data, split, {}, progress);
    REQUIRE_FALSE(stopped.run());
    CheckpointHeader header;
    header.command = {"gsattn", "train"};
    write_checkpoint(dir.file("sparse.ckpt"), header, stopped);
    ExperimentConfig full = s;
    full.model.kind = ModelKind::full;
    Experiment wrong(full, data, split, {});
    CheckpointFile file(dir.file("sparse.ckpt"));
    CHECK(error_message([&] { file.restore(wrong); }).find("corrupt checkpoint") != std::string::npos);
}

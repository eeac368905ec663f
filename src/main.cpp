// gsattn: one program, one subcommand per file in src/cli/ (samtools-style).
// The single place where errors are caught, printed and turned into exit codes:
// 0 success, 1 user error (bad input), 2 usage error (bad command line).
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/common.hpp"
#include "gsattn/error.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/process_start.hpp"
#include "gsattn/text.hpp"
#include "gsattn/version.hpp"

namespace {

constexpr int kUserError = 1;
constexpr int kUsageError = 2;

// Prints "gsattn: WHAT: MESSAGE" with the message's control characters
// escaped (it may quote a binary input); returns the user-error status.
int report(std::string_view what, std::string_view message) {
    fmt::print(stderr, "gsattn: {}: {}\n", what, gsattn::escape_control_characters(message));
    return kUserError;
}

std::string command_path(const CLI::App& app) {
    std::string path = "gsattn";
    for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
        sub = sub->get_subcommands().front();
        path += " " + sub->get_name();
    }
    return path;
}

// The arguments no option of the parsed command took (CLI11's "extras"), in
// command-line order (CLI11 keeps them in another).
std::vector<std::string> unparsed_arguments(const CLI::App& app, int argc, char** argv) {
    std::vector<std::string> left = app.remaining(true), out;
    for (int i = 1; i < argc; ++i) {
        const auto found = std::find(left.begin(), left.end(), argv[i]);
        if (found == left.end()) continue;
        out.push_back(argv[i]);
        left.erase(found);
    }
    return out;
}

// LibTorch allocates and frees tensors of megabytes in every operation. By
// default glibc serves those with mmap/munmap, so each one is page-faulted
// in afresh; keeping them on the heap cut a training epoch's time by ~25 %.
void tune_allocator() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
}

// The executable's .preinit_array runs before the shared libraries'
// initialisers, which is where a too-small memory limit first bites.
extern "C" void gsattn_prepare_process_start(int, char**, char**) { gsattn::prepare_process_start(); }
__attribute__((section(".preinit_array"), used)) void (*const gsattn_preinit)(int, char**, char**) =
    gsattn_prepare_process_start;

}  // namespace

int main(int argc, char** argv) {
    tune_allocator();
    gsattn::remove_temporary_outputs_on_signals();
    gsattn::cli::remember_command_line(argc, argv);
    CLI::App app{"gsattn: learned sparse attention on DNA. A small network scores every\n"
                 "position, keeps the top few percent, and attends only to those; the kept\n"
                 "positions become a BED track checked against known motifs.",
                 "gsattn"};
    // Built when asked for: finding the BLAS kernel loads the BLAS library.
    const std::function<std::string()> version = [] {
        return fmt::format("gsattn {} ({}, {})", gsattn::program_version(), gsattn::library_versions(),
                           gsattn::blas_kernel());
    };
    app.set_version_flag("--version", version);
    app.require_subcommand(1, 1);
    app.footer("Run 'gsattn COMMAND --help' for a command's options.");
    gsattn::cli::register_simulate(app);
    gsattn::cli::register_train(app);
    gsattn::cli::register_predict(app);
    gsattn::cli::register_select_positions(app);
    gsattn::cli::register_enrich(app);
    gsattn::cli::register_completion(app);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        sub->set_version_flag("--version", version);

    if (argc == 1) {
        fmt::print(stderr, "{}", app.help());
        return kUsageError;
    }
    // CLI11 would report "a subcommand is required"; name the unknown one instead.
    const auto known = app.get_subcommands([&](const CLI::App* sub) { return sub->check_name(argv[1]); });
    if (argv[1][0] != '-' && known.empty()) {
        fmt::print(stderr, "gsattn: unknown command '{}'\nRun 'gsattn --help' for the list.\n",
                   argv[1]);
        return kUsageError;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 checks required options before unknown ones: "--bogus" would be
        // reported as "--model is required". Name the unknown argument first.
        const std::vector<std::string> unknown = unparsed_arguments(app, argc, argv);
        std::string message = e.what();
        if (!unknown.empty()) {
            message = unknown.size() > 1 ? "The following arguments were not expected:"
                                         : "The following argument was not expected:";
            for (const std::string& argument : unknown) message += " " + argument;
        }
        fmt::print(stderr, "gsattn: {}\nRun '{} --help' for usage.\n", message, command_path(app));
        return kUsageError;
    } catch (const gsattn::Error& e) {
        return report("error", e.what());
    } catch (const std::bad_alloc&) {
        return report("error", "out of memory");
    } catch (const std::exception& e) {
        return report("internal error", e.what());
    }
    return 0;
}

#include "gsattn/stop_signal.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace gsattn {
namespace {

constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction previous_actions[2];
bool installed[2] = {false, false};
std::atomic<int> received{0};

extern "C" void request_stop(int signal_number) {
    received.store(signal_number);
    // The next signal gets the previous handler at once: a second Ctrl-C ends
    // the program without waiting for the safe point.
    for (int i = 0; i < 2; ++i)
        if (kSignals[i] == signal_number) sigaction(signal_number, &previous_actions[i], nullptr);
}

void restore_previous_actions() {
    for (int i = 0; i < 2; ++i)
        if (installed[i]) sigaction(kSignals[i], &previous_actions[i], nullptr);
}

}  // namespace

StopSignal::StopSignal() {
    received.store(0);
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 2; ++i) {
        sigaction(kSignals[i], nullptr, &previous_actions[i]);
        // An ignored signal stays ignored (a background job's SIGINT, nohup).
        installed[i] = previous_actions[i].sa_handler != SIG_IGN;
        if (installed[i]) sigaction(kSignals[i], &action, nullptr);
    }
}

StopSignal::~StopSignal() { restore_previous_actions(); }

bool StopSignal::requested() const { return received.load() != 0; }

const char* StopSignal::signal_name() const { return received.load() == SIGTERM ? "SIGTERM" : "SIGINT"; }

void StopSignal::end_program() {
    const int signal_number = received.load() != 0 ? received.load() : SIGINT;
    restore_previous_actions();
    std::raise(signal_number);  // the previous handlers end the program
    std::_Exit(128 + signal_number);
}

}  // namespace gsattn

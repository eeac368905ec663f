// Stopping at a safe point on SIGINT or SIGTERM, for work that can save its
// state and go on later (`gsattn train`). While a StopSignal lives, the first
// such signal only sets a flag that the work polls; a second one acts as
// before it was installed (temporary outputs removed, program ended). One
// StopSignal at a time.
#pragma once

namespace gsattn {

class StopSignal {
public:
    StopSignal();
    ~StopSignal();  // restores the handlers found at construction
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    bool requested() const;
    const char* signal_name() const;  // "SIGINT" or "SIGTERM" once requested
    // After the state is saved: ends the program as the signal would have
    // (so that a shell or workflow manager sees it killed by the signal).
    [[noreturn]] void end_program();
};

}  // namespace gsattn

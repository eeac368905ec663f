// RAII ownership of htslib handles: each handle type is wrapped once here.
#pragma once

#include <memory>

#include <htslib/bgzf.h>
#include <htslib/faidx.h>

namespace gsattn {

struct BgzfCloser {
    void operator()(BGZF* fp) const { if (fp) bgzf_close(fp); }
};
struct FaidxDestroyer {
    void operator()(faidx_t* fai) const { if (fai) fai_destroy(fai); }
};

using BgzfHandle = std::unique_ptr<BGZF, BgzfCloser>;
using FaidxHandle = std::unique_ptr<faidx_t, FaidxDestroyer>;

}  // namespace gsattn

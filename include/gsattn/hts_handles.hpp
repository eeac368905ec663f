// RAII ownership of htslib handles: each handle type is wrapped once here.
#pragma once

#include <memory>

#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <htslib/kstring.h>

namespace gsattn {

struct BgzfCloser {
    void operator()(BGZF* fp) const { if (fp) bgzf_close(fp); }
};
struct FaidxDestroyer {
    void operator()(faidx_t* fai) const { if (fai) fai_destroy(fai); }
};

using BgzfHandle = std::unique_ptr<BGZF, BgzfCloser>;
using FaidxHandle = std::unique_ptr<faidx_t, FaidxDestroyer>;

// A kstring_t that frees its buffer.
class KString {
public:
    KString() = default;
    ~KString() { ks_free(&s_); }
    KString(const KString&) = delete;
    KString& operator=(const KString&) = delete;
    kstring_t* get() { return &s_; }
    const char* data() const { return s_.s ? s_.s : ""; }
    std::size_t size() const { return s_.l; }

private:
    kstring_t s_ = KS_INITIALIZE;
};

}  // namespace gsattn

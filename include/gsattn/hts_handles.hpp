// RAII ownership of htslib handles: each handle type is wrapped once here.
#pragma once

#include <memory>

#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <htslib/hts.h>
#include <htslib/vcf.h>

namespace gsattn {

struct BgzfCloser {
    void operator()(BGZF* fp) const { if (fp) bgzf_close(fp); }
};
struct FaidxDestroyer {
    void operator()(faidx_t* fai) const { if (fai) fai_destroy(fai); }
};

struct HtsFileCloser {
    void operator()(htsFile* fp) const { if (fp) hts_close(fp); }
};
struct BcfHeaderDestroyer {
    void operator()(bcf_hdr_t* header) const { if (header) bcf_hdr_destroy(header); }
};
struct BcfRecordDestroyer {
    void operator()(bcf1_t* record) const { if (record) bcf_destroy(record); }
};

using BgzfHandle = std::unique_ptr<BGZF, BgzfCloser>;
using FaidxHandle = std::unique_ptr<faidx_t, FaidxDestroyer>;
using HtsFileHandle = std::unique_ptr<htsFile, HtsFileCloser>;
using BcfHeaderHandle = std::unique_ptr<bcf_hdr_t, BcfHeaderDestroyer>;
using BcfRecordHandle = std::unique_ptr<bcf1_t, BcfRecordDestroyer>;

}  // namespace gsattn

// Real input: 300 E. coli sigma70 promoters of La Fleur et al. (2022),
// copied from ../shared/data/lafleur2022 into test-data/lafleur300.*.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "gsattn/bed.hpp"
#include "gsattn/fasta.hpp"

namespace {

const std::string kData = GSATTN_TEST_DATA;

int mismatches(const std::string& a, const std::string& b) {
    int n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) n += a[i] != b[i];
    return n;
}

}  // namespace

TEST_CASE("La Fleur promoters: FASTA records and their -35/-10 hexamers") {
    std::map<std::string, gsattn::EncodedSequence> promoters;
    gsattn::FastaReader fasta(kData + "/lafleur300.fa");
    while (auto record = fasta.next()) {
        CHECK(record->bases.size() >= 57);
        CHECK(record->bases.size() <= 87);
        promoters[record->name] = record->bases;
    }
    REQUIRE(promoters.size() == 300);
    CHECK(promoters.begin()->first == "LF00000");
    CHECK(gsattn::decode(promoters["LF00000"]).substr(16, 6) == "TTGACA");

    gsattn::BedReader bed(kData + "/lafleur300.elements.bed");
    std::map<std::string, int> sites, near_consensus;
    const std::map<std::string, std::string> consensus{{"minus35", "TTGACA"}, {"minus10", "TATAAT"}};
    while (auto element = bed.next()) {
        REQUIRE(promoters.count(element->chrom) == 1);
        const auto& seq = promoters[element->chrom];
        REQUIRE(element->end <= static_cast<std::int64_t>(seq.size()));
        CHECK(element->end - element->start == 6);
        const std::string hexamer =
            gsattn::decode(seq).substr(element->start, element->end - element->start);
        ++sites[element->name];
        if (mismatches(hexamer, consensus.at(element->name)) <= 2) ++near_consensus[element->name];
    }
    CHECK(sites["minus35"] == 300);
    CHECK(sites["minus10"] == 300);
    // The elements are sigma70 boxes: most lie within two mismatches of the consensus.
    CHECK(near_consensus["minus35"] > 150);
    CHECK(near_consensus["minus10"] > 200);
}

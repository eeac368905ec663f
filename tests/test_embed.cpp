// Records embedded in flanks (gsattn simulate --embed): placement, cropping,
// the two flank sources, and that draws depend only on the seed and the record.
#include <array>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/embed.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

// Flanks of N only, so the record is the one stretch of A C G T in a result.
class NFlanks : public FlankSource {
public:
    EncodedSequence window(std::int64_t length, Rng&) const override {
        return EncodedSequence(static_cast<std::size_t>(length), Base::N);
    }
};

SequenceRecord record(const std::string& name, const std::string& bases) { return {name, encode(bases, name)}; }

EmbedConfig config(std::int64_t length, Placement placement = Placement::middle) {
    EmbedConfig c;
    c.length = length;
    c.placement = placement;
    c.seed = 7;
    return c;
}

std::string embedded(const SequenceRecord& r, const EmbedConfig& c, const FlankSource& flanks = NFlanks()) {
    return decode(embed(r, c, flanks, "in.fa"));
}

// The sequences of a FASTA as text, upper case.
std::vector<std::string> sequences_of(const std::string& path) {
    std::vector<std::string> out;
    FastaReader reader(path);
    while (auto r = reader.next()) out.push_back(decode(r->bases));
    return out;
}

// Whether `left` followed, `gap` bases later, by `right` is a stretch of one
// of the sequences.
bool is_window_of(const std::vector<std::string>& sequences, const std::string& left, std::size_t gap,
                  const std::string& right) {
    const std::size_t length = left.size() + gap + right.size();
    for (const std::string& s : sequences)
        for (std::size_t p = 0; p + length <= s.size(); ++p)
            if (s.compare(p, left.size(), left) == 0 && s.compare(p + left.size() + gap, right.size(), right) == 0)
                return true;
    return false;
}

}  // namespace

TEST_CASE("embed: the record sits unchanged at the placement's offset, in a result of the length asked") {
    const SequenceRecord r = record("p1", "ACGTTG");
    CHECK(embedded(r, config(11, Placement::start)) == "ACGTTGNNNNN");
    CHECK(embedded(r, config(11, Placement::middle)) == "NNACGTTGNNN");  // the odd base goes right
    CHECK(embedded(r, config(12, Placement::middle)) == "NNNACGTTGNNN");
    CHECK(embedded(r, config(11, Placement::end)) == "NNNNNACGTTG");
    CHECK(embedded(r, config(6, Placement::end)) == "ACGTTG");  // exactly the length: no flanks
    CHECK(embedded(r, config(0)) == "ACGTTG");                  // no length: no flanks
}

TEST_CASE("embed: a random placement puts the record anywhere from the start to the end") {
    const SequenceRecord r = record("p1", "ACGTTG");
    std::set<std::size_t> offsets;
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
        EmbedConfig c = config(10, Placement::random);
        c.seed = seed;
        const std::string out = embedded(r, c);
        REQUIRE(out.size() == 10);
        const std::size_t offset = out.find("ACGTTG");
        REQUIRE(offset != std::string::npos);
        CHECK(out == std::string(offset, 'N') + "ACGTTG" + std::string(4 - offset, 'N'));
        offsets.insert(offset);
    }
    CHECK(offsets == std::set<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("embed: cropping removes exactly the bases asked from each end") {
    const SequenceRecord r = record("p1", "AACGTTGC");
    EmbedConfig c = config(0);
    c.crop_start = 2;
    c.crop_end = 1;
    CHECK(embedded(r, c) == "CGTTG");
    c.length = 9;
    c.placement = Placement::start;
    CHECK(embedded(r, c) == "CGTTGNNNN");
    c.crop_start = 7;
    c.crop_end = 0;
    c.length = 0;
    CHECK(embedded(r, c) == "C");  // one base left is enough
}

TEST_CASE("embed: a record too long for the length, or cropped to nothing, is an error naming file and record") {
    const SequenceRecord r = record("LF00042", "ACGTACGT");
    check_mentions(error_message([&] { embedded(r, config(7)); }), {"in.fa", "'LF00042'", "8 bp", "7 bp"});
    EmbedConfig c = config(6);
    c.crop_start = 1;
    check_mentions(error_message([&] { embedded(r, c); }), {"in.fa", "'LF00042'", "7 bp after cropping", "6 bp"});
    c.crop_end = 1;
    CHECK(embedded(r, c) == "CGTACG");
    c.crop_start = 5;
    c.crop_end = 3;
    check_mentions(error_message([&] { check_embeddable(r, c, "in.fa"); }), {"in.fa", "'LF00042'", "leaves none"});
}

TEST_CASE("RandomFlanks: the bases follow the composition") {
    const Column composition{0.1, 0.2, 0.3, 0.4};
    Rng rng(3);
    const EncodedSequence bases = RandomFlanks(composition).window(200000, rng);
    REQUIRE(bases.size() == 200000);
    std::array<double, 4> counts{};
    for (const Base b : bases) {
        REQUIRE(is_acgt(b));
        counts[static_cast<int>(b)] += 1;
    }
    for (int b = 0; b < 4; ++b) CHECK(counts[b] / bases.size() == doctest::Approx(composition[b]).epsilon(0.05));
}

TEST_CASE("ReferenceFlanks: the flanks are one window of the reference, around the record") {
    TempDir dir;
    const std::string ref = copy_into(dir, data_file("reference/ref.fa"));
    const ReferenceFlanks flanks(ref);
    const std::vector<std::string> sequences = sequences_of(ref);
    // 20 bp of N, which no window holds: found at its offset alone.
    const SequenceRecord r = record("p1", std::string(20, 'N'));
    std::set<std::string> windows;
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        EmbedConfig c = config(60, Placement::random);
        c.seed = seed;
        const std::string out = embedded(r, c, flanks);
        REQUIRE(out.size() == 60);
        const std::size_t offset = out.find(std::string(20, 'N'));
        REQUIRE(offset != std::string::npos);
        const std::string left = out.substr(0, offset), right = out.substr(offset + 20);
        CHECK_MESSAGE(is_window_of(sequences, left, 20, right), "flanks ", left, " + ", right);
        windows.insert(left + "|" + right);
    }
    CHECK(windows.size() > 10);  // drawn at many places
    // Only chr1 (150 bp) holds a window of 100 bp; none holds 151.
    Rng rng(1);
    const std::string window = decode(flanks.window(100, rng));
    CHECK(sequences[0].find(window) != std::string::npos);
    check_mentions(error_message([&] { flanks.window(151, rng); }), {"ref.fa", "151 bp"});
}

TEST_CASE("ReferenceFlanks: windows holding N are drawn again, and a reference of N only is an error") {
    TempDir dir;
    const std::string ref = dir.file("gaps.fa");
    write_text(ref, ">a\nNNNNNNNNNNACGTACGTAANNNNNNNNNN\n>b\nNNNNNNNNNNNN\n");
    const ReferenceFlanks flanks(ref);
    Rng rng(5);
    for (int i = 0; i < 20; ++i) CHECK(decode(flanks.window(8, rng)).find('N') == std::string::npos);
    check_mentions(error_message([&] { flanks.window(11, rng); }), {"gaps.fa", "without N"});
}

TEST_CASE("embed: the same seed gives the same result, which depends on no other record") {
    const RandomFlanks flanks({0.25, 0.25, 0.25, 0.25});
    const SequenceRecord a = record("a", "ACGTTG"), b = record("b", "ACGTTG");
    const EmbedConfig c = config(40, Placement::random);
    const std::string b_alone = embedded(b, c, flanks);
    const std::string a_first = embedded(a, c, flanks);
    CHECK(embedded(b, c, flanks) == b_alone);  // after another record: the same
    CHECK(embedded(a, c, flanks) == a_first);
    CHECK(a_first != b_alone);  // each record draws its own flanks
    EmbedConfig other = c;
    other.seed = 8;
    CHECK(embedded(b, other, flanks) != b_alone);
}

// Motif files (JASPAR, MEME minimal), log-odds, motif transforms, and the
// TOML manifest of motifs the simulator plants.
#include <cmath>
#include <map>
#include <tuple>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/motif_manifest.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

const Motif& shipped_motif(const std::string& file) {
    static std::map<std::string, Motif> cache;
    auto it = cache.find(file);
    if (it == cache.end()) {
        const std::vector<Motif> motifs = read_motifs(shipped_file("motifs/" + file));
        REQUIRE(motifs.size() == 1);
        it = cache.emplace(file, motifs.front()).first;
    }
    return it->second;
}

const Motif& tbp() { return shipped_motif("MA0108.3.TBP.jaspar"); }

Motif one_hot(const std::string& text) { return motif_from_consensus(text, text); }

// The error from reading `text` as the file `name` in a scratch directory.
template <typename Reader>
std::string error_reading(const std::string& name, const std::string& text, Reader read) {
    TempDir dir;
    const std::string path = dir.file(name);
    write_text(path, text);
    return error_message([&] { read(path); });
}

std::string motif_file_error(const std::string& text) {
    return error_reading("bad.motifs", text, [](const std::string& p) { read_motifs(p); });
}

std::string manifest_error(const std::string& text) {
    return error_reading("bad.toml", text, [](const std::string& p) { read_manifest(p); });
}

std::string manifest_entry(const std::string& name, const std::string& consensus,
                           const std::string& more = "strength = 0.5\n") {
    return "[[motif]]\nname = \"" + name + "\"\nconsensus = \"" + consensus + "\"\n" + more;
}

}  // namespace

// ---- reading motif files --------------------------------------------------

TEST_CASE("read_motifs: the shipped JASPAR TBP matrix") {
    const Motif& m = tbp();
    CHECK(m.id == "MA0108.3");
    CHECK(m.name == "TBP");
    CHECK(m.width() == 7);
    CHECK(m.counts.front() == Column{16, 46, 18, 309});
    CHECK(m.counts.back() == Column{222, 2, 44, 121});
}

TEST_CASE("read_motifs: every shipped matrix reads with the expected id and width") {
    const std::tuple<const char*, const char*, std::size_t> expected[] = {
        {"MA0060.4.NFYA.jaspar", "MA0060.4", 8},
        {"MA0079.5.SP1.jaspar", "MA0079.5", 9},
        {"sigma70_minus35.jaspar", "GSA0035.1", 6},
        {"sigma70_minus10.jaspar", "GSA0010.1", 6},
    };
    for (const auto& [file, id, width] : expected) {
        const std::string shown = file;  // clang 14's lambdas (INFO) cannot capture a structured binding
        INFO("file: ", shown);
        CHECK(shipped_motif(file).id == id);
        CHECK(shipped_motif(file).width() == width);
    }
}

TEST_CASE("read_motifs: multi-motif JASPAR without brackets, lettered or not") {
    const std::vector<Motif> motifs = read_motifs(data_file("motifs/plain_multi.jaspar"));
    REQUIRE(motifs.size() == 2);
    CHECK(motifs[0].id == "MOT1");
    CHECK(motifs[0].name == "first motif");
    CHECK(motifs[0].counts ==
          std::vector<Column>{{10, 0, 0, 0}, {0, 10, 0, 0}, {0, 0, 10, 0}, {5, 5, 0, 0}});
    CHECK(motifs[1].id == "MOT2");
    CHECK(motifs[1].name == "MOT2");  // no name: the id stands in
    CHECK(motifs[1].counts == std::vector<Column>{{4, 0, 0, 0}, {0, 4, 0, 0}, {1, 1, 1, 1}});
}

TEST_CASE("read_motifs: a UTF-8 byte-order mark at the start is skipped, JASPAR or MEME") {
    TempDir dir;
    write_text(dir.file("bom.jaspar"), "\xef\xbb\xbf>M1 one\nA [ 1 ]\nC [ 2 ]\nG [ 3 ]\nT [ 4 ]\n");
    const std::vector<Motif> jaspar = read_motifs(dir.file("bom.jaspar"));
    REQUIRE(jaspar.size() == 1);
    CHECK(jaspar[0].id == "M1");
    CHECK(jaspar[0].counts == std::vector<Column>{{1, 2, 3, 4}});
    write_text(dir.file("bom.meme"), "\xef\xbb\xbfMEME version 4\n\nMOTIF M2\nletter-probability matrix: w= 1\n"
                                     "0.1 0.2 0.3 0.4\n");
    const std::vector<Motif> meme = read_motifs(dir.file("bom.meme"));
    REQUIRE(meme.size() == 1);
    CHECK(meme[0].id == "M2");
}

TEST_CASE("read_motifs: a motif name holding a tab is an error (it would split an output column)") {
    check_mentions(motif_file_error(">M1 TATA\tbox\nA [ 1 ]\nC [ 1 ]\nG [ 1 ]\nT [ 1 ]\n"),
                   {"bad.motifs:1: ", "motif name 'TATA\tbox' contains a tab"});
    check_mentions(motif_file_error("MEME version 4\n\nMOTIF M1 TATA\tbox\n"),
                   {"bad.motifs:3: ", "contains a tab"});
}

TEST_CASE("read_motifs: MEME minimal frequencies times nsites (default 20) are counts") {
    const std::vector<Motif> motifs = read_motifs(data_file("motifs/minimal.meme"));
    REQUIRE(motifs.size() == 2);
    CHECK(motifs[0].id == "M1");
    CHECK(motifs[0].name == "alpha");
    CHECK(motifs[0].counts ==
          std::vector<Column>{{5, 2, 2, 1}, {0, 10, 0, 0}, {2.5, 2.5, 2.5, 2.5}});
    CHECK(motifs[1].id == "M2");
    REQUIRE(motifs[1].width() == 2);
    for (int b = 0; b < 4; ++b) CHECK(motifs[1].counts[0][b] == doctest::Approx(2.0 * (b + 1)));
    CHECK(motifs[1].counts[1] == Column{20, 0, 0, 0});
}

TEST_CASE("meme_text round-trips through read_motifs: ids, names, counts, E-values in the header") {
    Motif a = tbp();
    Motif b{"GSD2", "CCAAT", {{0, 40, 0, 0}, {0, 40, 0, 0}, {40, 0, 0, 0}, {40, 0, 0, 0}, {0, 0, 0, 40}}};
    const Background bg = Background::from_gc(0.4);
    const std::string text = meme_text({a, b}, bg, {"", "1.2e-50"});
    CHECK(text.rfind("MEME version 4\n", 0) == 0);
    CHECK(text.find("A 0.300000 C 0.200000 G 0.200000 T 0.300000") != std::string::npos);
    CHECK(text.find("letter-probability matrix: alength= 4 w= 5 nsites= 40 E= 1.2e-50\n") != std::string::npos);
    TempDir dir;
    write_text(dir.file("m.meme"), text);
    const std::vector<Motif> back = read_motifs(dir.file("m.meme"));
    REQUIRE(back.size() == 2);
    CHECK(back[0].id == a.id);
    CHECK(back[0].name == a.name);
    CHECK(back[1].id == "GSD2");
    CHECK(back[1].name == "CCAAT");
    for (std::size_t m = 0; m < 2; ++m) {
        const Motif& original = m == 0 ? a : b;
        REQUIRE(back[m].width() == original.width());
        for (std::size_t j = 0; j < original.width(); ++j) {
            const Column& c = original.counts[j];
            const double total = c[0] + c[1] + c[2] + c[3];
            const double sites = original.counts[0][0] + original.counts[0][1] + original.counts[0][2] + original.counts[0][3];
            for (int x = 0; x < 4; ++x) CHECK(back[m].counts[j][x] == doctest::Approx(c[x] / total * sites).epsilon(1e-4));
        }
    }
}

TEST_CASE("scientific_from_log10 writes numbers below double's range") {
    CHECK(scientific_from_log10(-350.3) == "5.0e-351");
    CHECK(scientific_from_log10(-2) == "1.0e-02");
    CHECK(scientific_from_log10(std::log10(9.97e-5)) == "1.0e-04");
    CHECK(scientific_from_log10(3.5) == "3.2e+03");
}

TEST_CASE("read_motifs: malformed files are errors naming file and line") {
    SUBCASE("JASPAR rows of unequal length") {
        check_mentions(motif_file_error(">M x\nA [1 2 3]\nC [1 2]\nG [1 1 1]\nT [1 1 1]\n"),
                       {"bad.motifs:3", "row C has 2 values, row A has 3"});
    }
    SUBCASE("zero columns") {
        check_mentions(motif_file_error(">M x\nA [ ]\nC [ ]\nG [ ]\nT [ ]\n"),
                       {"bad.motifs", "'M' has no columns"});
    }
    SUBCASE("a column without counts") {
        check_mentions(motif_file_error(">M\n1 0\n1 0\n1 0\n1 0\n"),
                       {"bad.motifs", "column 2 has no counts"});
    }
    SUBCASE("negative counts") {
        check_mentions(motif_file_error(">M x\nA [1 -2]\nC [1 1]\nG [1 1]\nT [1 1]\n"),
                       {"bad.motifs:2", "-2 is negative"});
    }
    SUBCASE("a value that is not a number") {
        check_mentions(motif_file_error(">M x\nA [1 2]\nC [1 x]\nG [1 1]\nT [1 1]\n"),
                       {"bad.motifs:3", "'x' is not a number"});
    }
    SUBCASE("five rows") {
        check_mentions(motif_file_error(">M x\n1 1\n1 1\n1 1\n1 1\n1 1\n"),
                       {"bad.motifs:6", "more than 4 rows"});
    }
    SUBCASE("three rows") {
        check_mentions(motif_file_error(">M x\n1 1\n1 1\n1 1\n>N y\n1\n1\n1\n1\n"),
                       {"bad.motifs", "'M' has 3 rows, expected 4"});
    }
    SUBCASE("rows lettered out of order") {
        check_mentions(motif_file_error(">M x\nC [1 1]\nA [1 1]\nG [1 1]\nT [1 1]\n"),
                       {"bad.motifs:2", "row 'C' where row 'A' was expected"});
    }
    SUBCASE("not a motif file") {
        check_mentions(motif_file_error("hello world\n"), {"bad.motifs:1", "not a motif file"});
        check_mentions(motif_file_error("\n# only a comment\n"), {"bad.motifs", "no motifs"});
    }
    SUBCASE("MEME: a matrix cut short") {
        check_mentions(motif_file_error("MEME version 4\nMOTIF A\n"
                                        "letter-probability matrix: w= 3\n0.25 0.25 0.25 0.25\n"),
                       {"bad.motifs", "'A' ends after 1 of 3 rows"});
    }
    SUBCASE("MEME: a row of three values") {
        check_mentions(motif_file_error("MEME version 4\nMOTIF A\n"
                                        "letter-probability matrix: w= 1\n0.5 0.25 0.25\n"),
                       {"bad.motifs:4", "3 values, expected 4"});
    }
    SUBCASE("MEME: a width that is not a whole number of columns") {
        const std::string header = "MEME version 4\nMOTIF A\nletter-probability matrix: ";
        check_mentions(motif_file_error(header + "alength= 4 nsites= 5\n1 0 0 0\n"),
                       {"bad.motifs:3", "'A' has no columns (w= missing)"});
        check_mentions(motif_file_error(header + "w= 0\n"),
                       {"bad.motifs:3", "w= '0' is not a whole number"});
        check_mentions(motif_file_error(header + "w= 2.5\n1 0 0 0\n"),
                       {"bad.motifs:3", "w= '2.5' is not a whole number"});
        // Found by fuzz_motifs: too large for any integer type, once converted
        // from a double without a check.
        check_mentions(motif_file_error(header + "w= 233333333333333333333333333333\n"),
                       {"bad.motifs:3", "w= '233333333333333333333333333333'"});
    }
    SUBCASE("MEME: nsites that is not a positive number") {
        const std::string header = "MEME version 4\nMOTIF A\nletter-probability matrix: w= 1 ";
        check_mentions(motif_file_error(header + "nsites= 0\n1 0 0 0\n"),
                       {"bad.motifs:3", "nsites= '0' is not a positive number"});
        check_mentions(motif_file_error(header + "nsites= nan\n1 0 0 0\n"),
                       {"bad.motifs:3", "nsites= 'nan'"});
        check_mentions(motif_file_error(header + "nsites= 1e999\n1 0 0 0\n"),
                       {"bad.motifs:3", "nsites= '1e999'"});
    }
    SUBCASE("MEME: not DNA") {
        check_mentions(motif_file_error("MEME version 4\nALPHABET= ACDEFGHIKLMNPQRSTVWY\n"),
                       {"bad.motifs:2", "only the DNA alphabet"});
    }
    SUBCASE("MEME: no motifs") {
        check_mentions(motif_file_error("MEME version 4\n\nALPHABET= ACGT\n"), {"no motifs found"});
    }
}

// ---- log-odds and transforms ----------------------------------------------

TEST_CASE("Background from GC content and from counts") {
    CHECK(Background::from_gc(0.6).p == Column{0.2, 0.3, 0.3, 0.2});
    const Background bg = Background::from_counts({9, 1, 0, 2});  // +1 each, over 16
    CHECK(bg.p == Column{10.0 / 16, 2.0 / 16, 1.0 / 16, 3.0 / 16});
}

TEST_CASE("log_odds: log2(((count + 0.1 bg) / (N + 0.1)) / bg)") {
    SUBCASE("uniform background, first column of TBP") {
        const std::vector<Column> bits = log_odds(tbp(), Background{}, 0.1);
        REQUIRE(bits.size() == 7);
        // Hand computed: N = 389; e.g. A: log2(((16 + 0.025) / 389.1) / 0.25).
        CHECK(bits[0][0] == doctest::Approx(-2.601744718354).epsilon(1e-10));
        CHECK(bits[0][1] == doctest::Approx(-1.079651353623).epsilon(1e-10));
        CHECK(bits[0][2] == doctest::Approx(-2.432069815732).epsilon(1e-10));
        CHECK(bits[0][3] == doctest::Approx(1.667582575997).epsilon(1e-10));
    }
    SUBCASE("GC-rich background, zero counts get only the pseudocount") {
        Motif m;
        m.counts = {{3, 1, 0, 0}};
        const std::vector<Column> bits = log_odds(m, Background::from_gc(0.6), 0.1);
        // N = 4; A: log2(((3 + 0.02) / 4.1) / 0.2); G: log2(((0 + 0.03) / 4.1) / 0.3).
        CHECK(bits[0][0] == doctest::Approx(1.880852734707).epsilon(1e-10));
        CHECK(bits[0][1] == doctest::Approx(-0.256013978156).epsilon(1e-10));
        CHECK(bits[0][2] == doctest::Approx(-5.357552004618).epsilon(1e-10));
        CHECK(bits[0][3] == doctest::Approx(-5.357552004618).epsilon(1e-10));
    }
}

TEST_CASE("frequencies without pseudocount are the column proportions") {
    CHECK(frequencies({1, 2, 3, 4}, Background{}, 0) == Column{0.1, 0.2, 0.3, 0.4});
}

TEST_CASE("motif_from_sites counts the chosen rows' sites only") {
    const std::vector<std::string> sites{"TATAAT", "TACAAT", "GGGGGG", "TATNAT"};
    const Motif m = motif_from_sites("minus10", sites, {0, 1, 3});
    CHECK(m.name == "minus10");
    REQUIRE(m.width() == 6);
    CHECK(m.counts[0] == Column{0, 0, 0, 3});
    CHECK(m.counts[2] == Column{0, 1, 0, 2});
    CHECK(m.counts[3] == Column{2, 0, 0, 0});  // and an N that counts nowhere
    CHECK(m.counts[5] == Column{0, 0, 0, 3});
    CHECK_THROWS_WITH_AS(motif_from_sites("minus10", {"TATAAT", "TATA"}, {0, 1}),
                         "motif 'minus10': its sites differ in width (6 and 4 bases)", Error);
    CHECK_THROWS_AS(motif_from_sites("minus10", sites, {}), Error);
}

TEST_CASE("consensus is the most frequent base per column") {
    CHECK(consensus(tbp()) == "TATAAAA");
    CHECK(consensus(shipped_motif("MA0079.5.SP1.jaspar")) == "GGGGCGGGG");
}

TEST_CASE("reverse_complement of a motif reverses columns and swaps A/T, C/G") {
    const Motif rc = reverse_complement(tbp());
    CHECK(rc.id == "MA0108.3");
    REQUIRE(rc.width() == 7);
    CHECK(rc.counts.front() == Column{121, 44, 2, 222});  // last column, complemented
    CHECK(rc.counts.back() == Column{309, 18, 46, 16});
    CHECK(consensus(rc) == "TTTTATA");
    CHECK(reverse_complement(rc).counts == tbp().counts);
}

TEST_CASE("slice keeps width columns from start on") {
    const Motif part = slice(tbp(), 1, 3);
    CHECK(part.id == "MA0108.3");
    CHECK(part.counts ==
          std::vector<Column>{{352, 0, 2, 35}, {3, 10, 2, 374}, {354, 0, 5, 30}});
    CHECK(consensus(part) == "ATA");
}

// ---- the manifest -----------------------------------------------------------

TEST_CASE("read_manifest: the shipped default motif set") {
    const std::vector<PlantedMotif> motifs = read_manifest(shipped_file("motifs/default.toml"));
    const std::tuple<const char*, const char*, double> expected[] = {
        {"TATA_box", "TATAAA", 0.8}, {"CAAT_box", "CCAAT", 0.6}, {"GC_box", "GGGCGG", 0.7},
        {"minus35", "TTGACA", 0.5},  {"minus10", "TATAAT", 0.6},
    };
    REQUIRE(motifs.size() == std::size(expected));
    for (std::size_t i = 0; i < motifs.size(); ++i) {
        const auto& [name, cons, strength] = expected[i];
        const std::string shown = name;  // clang 14's lambdas (INFO) cannot capture a structured binding
        INFO("motif: ", shown);
        CHECK(motifs[i].name == name);
        CHECK(motifs[i].consensus == cons);
        CHECK(motifs[i].strength == strength);
        CHECK(motifs[i].profile.name == name);
        CHECK(motifs[i].profile.width() == motifs[i].consensus.size());
        CHECK(consensus(motifs[i].profile) == motifs[i].consensus);
    }
    SUBCASE("profiles are the right windows of their matrices") {
        CHECK(motifs[0].profile.counts == slice(tbp(), 0, 6).counts);
        CHECK(motifs[1].profile.counts == slice(shipped_motif("MA0060.4.NFYA.jaspar"), 0, 5).counts);
        CHECK(motifs[2].profile.counts == slice(shipped_motif("MA0079.5.SP1.jaspar"), 1, 6).counts);
        CHECK(motifs[3].profile.counts == shipped_motif("sigma70_minus35.jaspar").counts);
    }
    SUBCASE("each keeps its whole matrix, under the manifest's name") {
        CHECK(motifs[0].matrix.counts == tbp().counts);
        CHECK(motifs[0].matrix.id == tbp().id);
        CHECK(motifs[0].matrix.name == "TATA_box");
        CHECK(motifs[2].matrix.counts == shipped_motif("MA0079.5.SP1.jaspar").counts);
    }
}

TEST_CASE("align_profile picks the best-matching window on either strand") {
    SUBCASE("forward strand, offset 0 and offset 1") {
        CHECK(align_profile(tbp(), "TATAAA").counts == slice(tbp(), 0, 6).counts);
        CHECK(align_profile(tbp(), "ATAAAA").counts == slice(tbp(), 1, 6).counts);
    }
    SUBCASE("the consensus matches the reverse strand of the matrix") {
        CHECK(align_profile(tbp(), "TTTTAT").counts ==
              slice(reverse_complement(tbp()), 0, 6).counts);
        // Forward windows of AAGGC match GCC at most 2 of 3; its reverse GCCTT matches 3.
        CHECK(align_profile(one_hot("AAGGC"), "GCC").counts == one_hot("GCC").counts);
    }
    SUBCASE("the whole matrix when the widths agree") {
        CHECK(align_profile(one_hot("ACGT"), "ACGT").counts == one_hot("ACGT").counts);
    }
}

TEST_CASE("read_manifest: without a matrix the profile is the consensus itself") {
    TempDir dir;
    const std::string path = dir.file("m.toml");
    write_text(path, manifest_entry("only", "GATTACA"));
    const std::vector<PlantedMotif> motifs = read_manifest(path);
    REQUIRE(motifs.size() == 1);
    CHECK(motifs[0].strength == 0.5);
    CHECK(motifs[0].profile.counts == std::vector<Column>{{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1},
                                                         {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0},
                                                         {1, 0, 0, 0}});
}

TEST_CASE("read_manifest: matrices relative to the manifest, chosen by id") {
    TempDir dir;
    copy_into(dir, data_file("motifs/plain_multi.jaspar"));
    const std::string path = dir.file("m.toml");
    write_text(path, manifest_entry("two", "AC", "matrix = \"plain_multi.jaspar\"\n"
                                                 "id = \"MOT2\"\nstrength = 0.25\n"));
    const std::vector<PlantedMotif> motifs = read_manifest(path);
    REQUIRE(motifs.size() == 1);
    CHECK(motifs[0].profile.counts == std::vector<Column>{{4, 0, 0, 0}, {0, 4, 0, 0}});
}

TEST_CASE("read_manifest: errors name the file and the entry's line") {
    SUBCASE("missing strength") {
        check_mentions(manifest_error(manifest_entry("a", "ACGT", "")),
                       {"bad.toml:1", "'a' needs a numeric strength"});
    }
    SUBCASE("strength that is not a number") {
        check_mentions(manifest_error(manifest_entry("a", "ACGT", "strength = \"high\"\n")),
                       {"bad.toml:1", "numeric strength"});
    }
    SUBCASE("bad consensus") {
        check_mentions(manifest_error(manifest_entry("a", "TATNAA")),
                       {"bad.toml:1", "'a' needs a consensus of A, C, G, T"});
        check_mentions(manifest_error(manifest_entry("a", "tataaa")), {"consensus of A, C, G, T"});
    }
    SUBCASE("duplicate names") {
        check_mentions(manifest_error(manifest_entry("a", "ACGT") + manifest_entry("a", "GGCC")),
                       {"bad.toml:5", "'a' is listed twice"});
    }
    SUBCASE("a name with white space") {
        check_mentions(manifest_error(manifest_entry("TATA box", "TATAAA")), {"white space"});
    }
    SUBCASE("a name with a newline or another control character (TOML escapes)") {
        check_mentions(manifest_error(manifest_entry("TATA\\nchr1", "TATAAA")), {"bad.toml:1", "control character"});
        check_mentions(manifest_error(manifest_entry("TATA\\u001b", "TATAAA")), {"bad.toml:1", "control character"});
    }
    SUBCASE("TOML syntax error") {
        check_mentions(manifest_error("[[motif]]\nname = \"a\"\nconsensus = TATA\n"),
                       {"bad.toml:3"});
    }
    SUBCASE("no motif entries") {
        check_mentions(manifest_error("title = \"empty\"\n"), {"bad.toml", "no [[motif]] entries"});
    }
    SUBCASE("a matrix file holding several motifs needs an id") {
        const std::string matrix = data_file("motifs/plain_multi.jaspar");
        check_mentions(manifest_error(manifest_entry("a", "AC", "matrix = \"" + matrix +
                                                                    "\"\nstrength = 1\n")),
                       {"bad.toml:1", "holds 2 motifs"});
        check_mentions(manifest_error(manifest_entry("a", "AC", "matrix = \"" + matrix +
                                                                    "\"\nid = \"NOPE\"\n"
                                                                    "strength = 1\n")),
                       {"bad.toml:1", "'NOPE' is not in"});
    }
    SUBCASE("a consensus longer than its matrix") {
        const std::string matrix = shipped_file("motifs/MA0108.3.TBP.jaspar");
        check_mentions(manifest_error(manifest_entry("a", "TATAAAAT", "matrix = \"" + matrix +
                                                                          "\"\nstrength = 1\n")),
                       {"bad.toml:1", "longer (8) than its matrix (7)"});
    }
}

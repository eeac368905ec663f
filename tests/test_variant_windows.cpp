// VariantWindows: the reference and ALT windows of a variant, and the REF
// and allele checks of predict --vcf.
#include <string>

#include <doctest/doctest.h>

#include "gsattn/variant_windows.hpp"
#include "test_util.hpp"

using namespace gsattn;

namespace {

EncodedSequence bases(const std::string& text) { return encode(text, "test"); }

}  // namespace

TEST_CASE("variant_windows: the variant's first base sits at index width / 2") {
    const VariantWindows even(10, 1, 6), odd(10, 1, 7);
    CHECK(even.reference().start == 7);
    CHECK(even.reference().end == 13);
    CHECK(odd.reference().start == 7);
    CHECK(odd.reference().end == 14);
    // Near a chromosome's start the window begins before base 0: the caller flags it.
    CHECK(VariantWindows(2, 1, 10).reference().start == -3);
}

TEST_CASE("variant_windows: an SNV or MNV replaces REF in place") {
    //                          window: 0123456789 (reference from base 5 of the chromosome)
    const EncodedSequence reference = bases("AAAAACCCCC");
    const VariantWindows snv(10, 1, 10);  // POS at index 5
    CHECK(snv.reach(1) == 15);
    CHECK(decode(snv.alternative(reference, bases("G"))) == "AAAAAGCCCC");
    const VariantWindows mnv(10, 2, 10);
    CHECK(mnv.reach(2) == 15);
    CHECK(decode(mnv.alternative(reference, bases("GT"))) == "AAAAAGTCCC");
}

TEST_CASE("variant_windows: a deletion reads further right, an insertion is cut on the right") {
    const EncodedSequence reference = bases("AAAAACGTACGTAC");  // from reference().start, past reach
    const VariantWindows deletion(10, 3, 10);               // REF CGT, ALT C
    CHECK(deletion.reach(1) == 17);
    CHECK(decode(deletion.alternative(reference, bases("C"))) == "AAAAACACGT");
    const VariantWindows insertion(10, 1, 10);  // REF C, ALT CTTT
    CHECK(insertion.reach(4) == 15);
    CHECK(decode(insertion.alternative(reference, bases("CTTT"))) == "AAAAACTTTG");
    // An insertion longer than the window's right half is cut inside the allele.
    CHECK(decode(insertion.alternative(reference, bases("CTTTTTTTT"))) == "AAAAACTTTT");
    // A deletion longer than the window: the window ends in the bases after it.
    const VariantWindows long_deletion(10, 9, 6);  // POS at index 3, REF 9 bases
    CHECK(long_deletion.reach(1) == 7 + 6 + 8);
    const EncodedSequence long_reference = bases("AAACCCCCCCCGTACGTACGT");  // REF: CCCCCCCCG
    CHECK(decode(long_deletion.alternative(long_reference, bases("C"))) == "AAACTA");
}

TEST_CASE("variant_windows: sequence alleles and REF checks") {
    for (const char* allele : {"A", "acgtn", "N", "GATTACA"}) CHECK(is_sequence_allele(allele));
    for (const char* allele : {"", "<DEL>", "*", ".", "A[chr2:10[", "]chr1:5]T", "R", "AC-"})
        CHECK_FALSE(is_sequence_allele(allele));
    CHECK(ref_matches("ACG", bases("ACG")));
    CHECK(ref_matches("acg", bases("ACG")));
    CHECK(ref_matches("ANG", bases("ACG")));  // N in REF matches any base
    CHECK_FALSE(ref_matches("ACT", bases("ACG")));
    CHECK_FALSE(ref_matches("AC", bases("ACG")));
    CHECK_FALSE(ref_matches("ARG", bases("ACG")));  // IUPAC codes other than N are not REF bases
    CHECK_FALSE(ref_matches("A", bases("N")));       // the reference's N is not REF's A
}

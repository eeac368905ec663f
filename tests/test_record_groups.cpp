// record_groups: groups of records by key, by shared 8-mers (near-identical
// sequences together, unrelated ones apart, common 8-mers ignored) and by the
// sequence of a BED element.
#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/random.hpp"
#include "gsattn/record_groups.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

using Groups = std::vector<std::size_t>;

std::string random_bases(Rng& rng, std::size_t length) {
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += "ACGT"[rng.below(4)];
    return text;
}

// `text` with the base at each of `positions` changed to another.
std::string mutated(std::string text, std::initializer_list<std::size_t> positions) {
    for (std::size_t p : positions) text[p] = text[p] == 'A' ? 'C' : 'A';
    return text;
}

std::vector<Example> records_of(const std::vector<std::string>& sequences) {
    std::vector<Example> records;
    for (const std::string& text : sequences)
        records.push_back({"r" + std::to_string(records.size()), encode(text, "test"), 0});
    return records;
}

}  // namespace

TEST_CASE("groups_of_keys: equal keys one group, numbered by first record; group_sizes counts them") {
    const Groups groups = groups_of_keys({"b", "a", "b", "c", "a", "b"});
    CHECK(groups == Groups{0, 1, 0, 2, 1, 0});
    CHECK(group_sizes(groups) == Groups{3, 2, 1});
}

TEST_CASE("common_kmer_records: a tenth of the records, within 10 and 1000") {
    CHECK(common_kmer_records(3) == 10);
    CHECK(common_kmer_records(300) == 30);
    CHECK(common_kmer_records(13481) == 1000);
}

TEST_CASE("similarity_groups: near-identical sequences together, unrelated ones apart") {
    Rng rng(5);
    const std::string a = random_bases(rng, 73);
    const std::string unrelated = random_bases(rng, 73);
    const std::string one_change = mutated(a, {36});         // shares 58 of 66 8-mers with a
    const std::string three_changes = mutated(a, {10, 36, 62});  // shares about 42 of 66
    const Groups groups = similarity_groups(records_of({a, unrelated, one_change, three_changes}), 0.5);
    CHECK(groups == Groups{0, 1, 0, 0});
    // A stricter fraction keeps only the one-base change with a.
    CHECK(similarity_groups(records_of({a, unrelated, one_change, three_changes}), 0.8) == Groups{0, 1, 0, 2});
}

TEST_CASE("similarity_groups: single linkage joins a chain of similar sequences") {
    Rng rng(8);
    const std::string a = random_bases(rng, 60);
    // b shares the last 40 bases of a (33 of its 53 8-mers), c the last 40 of
    // b; a and c share 20 bases (13 8-mers), too few to be linked directly.
    const std::string b = a.substr(20) + random_bases(rng, 20);
    const std::string c = b.substr(20) + random_bases(rng, 20);
    CHECK(similarity_groups(records_of({a, c}), 0.5) == Groups{0, 1});
    CHECK(similarity_groups(records_of({a, b, c}), 0.5) == Groups{0, 0, 0});
}

TEST_CASE("similarity_groups: 8-mers common to more than a tenth of the records (at least 10) do not link") {
    // 20 records: a shared 60-base block between 10 bases of their own on
    // either side. The block's 8-mers are in all 20 (more than 10) and are
    // left out; what is left is unrelated.
    Rng rng(3);
    const std::string block = random_bases(rng, 60);
    std::vector<std::string> sequences;
    for (int i = 0; i < 20; ++i) sequences.push_back(random_bases(rng, 10) + block + random_bases(rng, 10));
    CHECK(group_sizes(similarity_groups(records_of(sequences), 0.5)).size() == 20);
    // Among 10 records the block is not common, and links them all.
    sequences.resize(10);
    CHECK(group_sizes(similarity_groups(records_of(sequences), 0.5)) == Groups{10});
}

TEST_CASE("similarity_groups: N bases and short records leave no 8-mers: a group of their own") {
    const Groups groups = similarity_groups(records_of({"ACGTACGTAC", "NNNNNNNNNNNN", "ACGTACGTAC", "ACGT"}), 1);
    CHECK(groups == Groups{0, 1, 0, 2});
    check_mentions(error_message([] { similarity_groups(records_of({"ACGTACGT"}), 0); }), {"(0, 1]"});
}

TEST_CASE("element_sequences: each record's element, on its strand") {
    TempDir dir;
    const std::string bed = dir.file("elements.bed");
    write_text(bed, "r0\t2\t5\tbox\t0\t+\n"
                    "r0\t0\t2\tother\t0\t+\n"
                    "elsewhere\t0\t3\tbox\t0\t+\n"
                    "r1\t1\t4\tbox\t0\t-\n");
    const std::vector<Example> records = records_of({"AACCGTT", "ACGGT"});
    CHECK(element_sequences(bed, "box", records) == std::vector<std::string>{"CCG", "CCG"});
    CHECK(element_sequences(bed, "other", {records[0]}) == std::vector<std::string>{"AA"});
}

TEST_CASE("element_sequences: a missing, repeated, empty or overhanging element is an error naming the file") {
    TempDir dir;
    const std::string bed = dir.file("elements.bed");
    const std::vector<Example> records = records_of({"AACCGTT", "ACGGT"});
    write_text(bed, "r0\t2\t5\tbox\t0\t+\n");
    check_mentions(error_message([&] { element_sequences(bed, "box", records); }),
                   {"elements.bed", "record 'r1' has no element 'box'"});
    write_text(bed, "r0\t2\t5\tbox\t0\t+\nr1\t0\t1\tbox\t0\t+\nr0\t1\t3\tbox\t0\t+\n");
    check_mentions(error_message([&] { element_sequences(bed, "box", records); }),
                   {"elements.bed:3", "is given twice (first on line 1)"});
    write_text(bed, "r0\t2\t5\tbox\t0\t+\nr1\t3\t6\tbox\t0\t+\n");
    check_mentions(error_message([&] { element_sequences(bed, "box", records); }),
                   {"elements.bed:2", "element 'box' of record 'r1' ends at 6, beyond the record's 5 bases"});
    write_text(bed, "r0\t2\t2\tbox\t0\t+\n");
    check_mentions(error_message([&] { element_sequences(bed, "box", records); }), {"elements.bed:1", "is empty"});
}

TEST_CASE("element_sequences: the -10 hexamers of test-data/lafleur300") {
    const LabelTable labels = read_labels(data_file("lafleur300.labels.tsv"), "strength");
    const std::vector<Example> records = load_fasta_examples(data_file("lafleur300.fa"), labels);
    const std::vector<std::string> hexamers =
        element_sequences(data_file("lafleur300.elements.bed"), "minus10", records);
    REQUIRE(hexamers.size() == 300);
    // The first 300 designs share their -10 box.
    CHECK(std::all_of(hexamers.begin(), hexamers.end(), [](const std::string& h) { return h == "TATAAT"; }));
}

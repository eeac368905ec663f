# cmake --install puts the binary, its motif files and the man pages in place,
# and the installed binary finds its data from any working directory.
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?the CMake build directory}"

cmake --install "$BUILD_DIR" --prefix "$WORK/prefix" > install.log
for f in bin/gsattn share/gsattn/motifs/default.toml share/gsattn/motifs/MA0108.3.TBP.jaspar \
         share/gsattn/motifs/README.md share/man/man1/gsattn.1 share/man/man1/gsattn-simulate.1 \
         share/man/man1/gsattn-train.1 share/man/man1/gsattn-predict.1 \
         share/man/man1/gsattn-select-positions.1 share/man/man1/gsattn-enrich.1 \
         share/bash-completion/completions/gsattn; do
    if [ -e "$WORK/prefix/$f" ]; then pass "installed $f"; else fail "missing $f"; fi
done
expect_eq "$(cat "$WORK/prefix/share/bash-completion/completions/gsattn")" "$("$GSATTN" completion bash)" \
    "the installed bash completion is the program's own"

# Moved install tree, run from elsewhere: share/ is found next to the binary.
mv "$WORK/prefix" "$WORK/moved"
mkdir elsewhere && cd elsewhere
env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" simulate -n 10 -L 100 -o x -q
expect_eq "$(grep -c '>' x.fa)" 10 "installed binary simulates with its shipped motifs"
# Shipped models load by name from the installed tree.
for name in ecoli-sigma70 epd-promoter; do
    models=$WORK/moved/share/gsattn/models
    expect_eq "$(env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" predict --list-models | awk -F'\t' -v n="$name" '$1 == n { print $3 }')" \
        "$models/$name.gsattn" "the installed binary lists its shipped $name"
    env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" predict -m "$name" --fasta "$models/$name.examples.fa" -q -o "$name.tsv"
    "$GSATTN" predict -m "$SOURCE_DIR/share/models/$name.gsattn" --fasta "$models/$name.examples.fa" -q -o "$name.expected.tsv"
    expect_eq "$(cat "$name.tsv")" "$(cat "$name.expected.tsv")" "the installed binary predicts with -m $name"
done

# The Dockerfile (built by hand, docs/container.md): dependencies before the
# sources, no entry point that would swallow Nextflow's `bash`, ps inside,
# not root.
dockerfile=$SOURCE_DIR/Dockerfile
deps_line=$(grep -n 'RUN GSATTN_SKIP_TEST_DEPS=1 sh scripts/install-deps.sh' "$dockerfile" | cut -d: -f1)
copy_line=$(grep -n '^COPY \. /src' "$dockerfile" | cut -d: -f1)
expect_eq "$([ -n "$deps_line" ] && [ -n "$copy_line" ] && [ "$deps_line" -lt "$copy_line" ] && echo yes)" yes \
    "Dockerfile installs the dependencies before it copies the sources"
expect_eq "$(grep -c '^ENTRYPOINT' "$dockerfile")" 0 "Dockerfile has no ENTRYPOINT"
expect_eq "$(grep -c 'procps' "$dockerfile" | awk '{ print ($1 > 0) }')" 1 "Dockerfile installs procps"
expect_eq "$(grep '^USER' "$dockerfile" | tail -1)" "USER gsattn" "Dockerfile runs as the user gsattn"
finish

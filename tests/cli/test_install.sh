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
# The program does not link LibTorch; its module (in the library directory) does.
module=$(cd "$WORK/prefix" && find . -name gsattn-torch.so)
expect_eq "$(dirname "$module" | sed 's|^\./||; s|^lib/.*gsattn$|LIBDIR/gsattn|')" "LIBDIR/gsattn" \
    "the LibTorch module is installed in the library directory"
expect_eq "$(readelf -d "$WORK/prefix/bin/gsattn" | grep -c 'NEEDED.*libtorch')" 0 "the program does not link LibTorch"
expect_eq "$(readelf -d "$WORK/prefix/$module" | grep -c 'NEEDED.*libtorch_cpu')" 1 "its module does"

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

# Every symbol the module needs is in the program or its libraries: bound all
# at once (LD_BIND_NOW), as dlopen would otherwise bind them on first call.
LD_BIND_NOW=1 env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" predict -m ecoli-sigma70 \
    --fasta "$WORK/moved/share/gsattn/models/ecoli-sigma70.examples.fa" -q -o bound_now.tsv
expect_eq "$(cat bound_now.tsv)" "$(cat ecoli-sigma70.tsv)" "with every symbol bound at load, the same predictions"

# Without its module the program still runs what needs no LibTorch, and says
# what is missing for the rest.
mv "$WORK/moved/$module" "$WORK/module.so"
env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" simulate -n 3 -L 50 -o without_module -q
expect_eq "$(grep -c '>' without_module.fa)" 3 "simulate runs without the LibTorch module"
expect_exit 1 "cannot find gsattn's LibTorch module gsattn-torch.so (tried $WORK/moved/bin/gsattn-torch.so" -- \
    env -u GSATTN_SHARE "$WORK/moved/bin/gsattn" predict -m ecoli-sigma70 --fasta "$WORK/moved/share/gsattn/models/ecoli-sigma70.examples.fa"
mv "$WORK/module.so" "$WORK/moved/$module"

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

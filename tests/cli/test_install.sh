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
finish

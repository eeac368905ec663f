# The bash completion script that `gsattn completion bash` prints completes
# commands, options, option values and file names.
source "$(dirname "$0")/lib.sh"

"$GSATTN" completion bash > completion.bash
source completion.bash
# complete WORD...: what _gsattn offers for the last word of `WORD...`.
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _gsattn
    echo "${COMPREPLY[*]}"
}
expect_eq "$(complete_words gsattn s)" "simulate select-positions" "commands"
expect_eq "$(complete_words gsattn predict --sh)" "--shard" "a new option"
expect_eq "$(complete_words gsattn select-positions --no)" "--no-track-line" "a flag"
expect_eq "$(complete_words gsattn train --model s)" "sparse" "an option's choices"
expect_eq "$(complete_words gsattn train -q --compare "")" "full sparse joint window topk pwm" "choices after a flag"
expect_eq "$(complete_words gsattn completion "")" "bash" "a positional choice"
expect_eq "$(complete_words gsattn predict --fasta "")" "" "file names are left to bash (complete -o default)"
expect_eq "$(complete -p gsattn)" "complete -o default -F _gsattn gsattn" "registered for gsattn"

# Every option of every command's --help is offered after '--' or '-'.
for command in simulate train predict select-positions enrich; do
    # The option names: an option line's first field, e.g. "-o,--output".
    help=$("$GSATTN" "$command" --help | awk '/^  -/ { print $1 }' | tr ',' '\n' | sort -u)
    offered=$(complete_words gsattn "$command" - | tr ' ' '\n' | sort -u)
    expect_eq "$offered" "$help" "$command: completion offers every option of --help"
done
finish

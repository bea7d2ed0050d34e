#!/bin/sh
# The bash completion offers exactly the program's long options (--help),
# its --remote commands (--remote help) and its setting keys (the engine's
# settings list), and the values each takes: its completion function is run
# as bash runs it, on command lines split as readline splits them.
. "${top_srcdir:-.}/tests/lib.sh"
B="$top_builddir/data/bash-completion/infiniloop-tui"
Z="$top_builddir/data/zsh/_infiniloop-tui"
[ -f "$B" ] && pass "the bash completion is built" || { fail "no $B"; finish; }
[ -f "$Z" ] && pass "the zsh completion is built" || fail "no $Z"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$Z" && pass "zsh parses its completion" || fail "zsh -n $Z"
else
	echo "zsh not found: its completion is not parsed"
fi

out=$(bash -c '. "$1" && complete -p infiniloop-tui' sh "$B" 2>&1)
[ "$out" = "complete -F _infiniloop_tui infiniloop-tui" ] && pass "it completes infiniloop-tui" ||
	fail "complete -p says: $out"

# complete LINE...: for each command line, the completions (sorted, one
# line of words separated by spaces) of its last word, the cursor at its end.
complete_lines() {
	bash -c '
	. "$1"; shift
	for line in "$@"; do
		# readline: words end at blanks; "=" and ":" (COMP_WORDBREAKS) are
		# words of their own.
		COMP_WORDS=() rest=$line
		while [[ $rest =~ ^([^\ =:]*)([\ =:]?)(.*)$ ]]; do
			[[ -n ${BASH_REMATCH[1]} ]] && COMP_WORDS+=("${BASH_REMATCH[1]}")
			[[ ${BASH_REMATCH[2]} == [=:] ]] && COMP_WORDS+=("${BASH_REMATCH[2]}")
			rest=${BASH_REMATCH[3]}
			[[ -z ${BASH_REMATCH[2]} ]] && break
		done
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$line COMP_POINT=${#line}
		COMPREPLY=()
		_infiniloop_tui infiniloop-tui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " " | sed "s/ \$//"
		echo
	done' sh "$B" "$@"
}
# expect_completion LINE EXPECTED: the completions of LINE are EXPECTED.
expect_completion() {
	got=$(complete_lines "$1")
	[ "$got" = "$2" ] && pass "'$1' completes to '$2'" || fail "'$1' completes to '$got', not '$2'"
}
# words: stdin's words sorted on one line.
words() { tr -s ' \t' '\n\n' | sed '/^$/d' | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'; }

# The lists agree with the program.
"$IL_BIN" --help >"$TEST_TMP/help" || fail "--help"
opts=$(grep -oE '^  (-[A-Za-z0-9], |    )--[a-z][a-z0-9-]*' "$TEST_TMP/help" | sed 's/.*--/--/' | words)
[ -n "$opts" ] && echo "$opts" | grep -q -- '--remote' && echo "$opts" | grep -q -- '--daemon' &&
	pass "--help lists --daemon and --remote" || fail "--help lacks --daemon or --remote: $opts"
got=$(complete_lines "infiniloop-tui --" | tr -d = | words)
[ "$got" = "$opts" ] && pass "'--' completes to every long option of --help, and only those" ||
	fail "'--' completes to '$got'; --help has '$opts'"
shorts=$(grep -oE '^  -[A-Za-z0-9],' "$TEST_TMP/help" | tr -d ' ,' | words)
got=$(complete_lines "infiniloop-tui -" | tr ' ' '\n' | grep -v '^--' | words)
[ "$got" = "$shorts" ] && pass "'-' completes to the short options too" || fail "'-' gives '$got', not '$shorts'"

"$IL_BIN" --remote help >"$TEST_TMP/remote" || fail "--remote help"
cmds=$(cut -f1 "$TEST_TMP/remote" | words)
for c in start skip volume save set; do
	echo " $cmds " | grep -q " $c " || fail "--remote help does not list $c"
done
# On a terminal the same list reads in aligned columns, with no tabs.
if command -v script >/dev/null 2>&1; then
	script -qc "'$IL_BIN' --remote help" /dev/null | tr -d '\r' >"$TEST_TMP/remote.tty"
	c1=$(grep '^  status ' "$TEST_TMP/remote.tty" | awk '{ print index($0, "what is playing") }')
	c2=$(grep '^  play-fav ' "$TEST_TMP/remote.tty" | awk '{ print index($0, "play favourite ID") }')
	if ! grep -q "$(printf '\t')" "$TEST_TMP/remote.tty" && [ -n "$c1" ] && [ "$c1" = "$c2" ]; then
		pass "--remote help on a terminal: aligned columns"
	else
		fail "--remote help on a terminal: $(head -n 5 "$TEST_TMP/remote.tty")"
	fi
else
	echo "script(1) missing: the terminal form of --remote help is not checked"
fi
expect_completion "infiniloop-tui --remote " "$cmds"
expect_completion "infiniloop-tui -v --remote --json " "$cmds"

printf 'settings\nquit\n' | "$IL_BIN" --engine --config /dev/null --output null >"$TEST_TMP/settings" ||
	fail "the engine's settings list"
keys=$(sed -n 's/^setting key=\([^ ]*\).*/\1/p' "$TEST_TMP/settings" | words)
[ -n "$keys" ] && pass "the engine lists the setting keys" || fail "no setting keys"
expect_completion "infiniloop-tui --remote set " "$keys"
expect_completion "infiniloop-tui --remote --json set " "$keys"

# Options and their values.
expect_completion "infiniloop-tui --out" "--output="
expect_completion "infiniloop-tui --dae" "--daemon"
expect_completion "infiniloop-tui --rem" "--remote"
expect_completion "infiniloop-tui --output=" "alsa alsa: auto file!: file: null pulse"
expect_completion "infiniloop-tui --output=p" "pulse"
expect_completion "infiniloop-tui -o nu" "null"
expect_completion "infiniloop-tui --driver=fi" "file!: file:"
expect_completion "infiniloop-tui --backend=" "command musicgpt synth"
expect_completion "infiniloop-tui -b mu" "musicgpt"
expect_completion "infiniloop-tui --model small-" "small-fp16 small-quant"
mkdir -p "$TEST_TMP/files/sub" "$TEST_TMP/config/infiniloop/themes"
: >"$TEST_TMP/files/a.wav"
: >"$TEST_TMP/files/b.conf"
: >"$TEST_TMP/config/infiniloop/themes/mine.theme"
F="$TEST_TMP/files"
expect_completion "infiniloop-tui --config $F/" "$F/a.wav $F/b.conf $F/sub"
expect_completion "infiniloop-tui --config=$F/b" "$F/b.conf"
expect_completion "infiniloop-tui --analyze $F/a" "$F/a.wav"
expect_completion "infiniloop-tui --headless --play $F/a" "$F/a.wav"
# After "file:" bash replaces what follows the ":" only.
expect_completion "infiniloop-tui --output=file:$F/a" "$F/a.wav"
expect_completion "infiniloop-tui -o file!:$F/a" "$F/a.wav"
expect_completion "infiniloop-tui --prompt " ""
expect_completion "infiniloop-tui -g " ""
expect_completion "infiniloop-tui -g jazz $F/a" "$F/a.wav"
expect_completion "infiniloop-tui --theme=mi" "mine"
expect_completion "infiniloop-tui --theme=hi" "high-contrast"

# After --remote: commands, then their arguments.
expect_completion "infiniloop-tui --remote sk" "skip"
expect_completion "infiniloop-tui --remote --json sk" "skip"
expect_completion "infiniloop-tui --remote -" "--json"
expect_completion "infiniloop-tui --remote set ba" "backend"
expect_completion "infiniloop-tui --remote set backend " "command musicgpt synth"
expect_completion "infiniloop-tui --remote set gpu " "false true"
expect_completion "infiniloop-tui --remote set output fi" "file!: file:"
expect_completion "infiniloop-tui --remote set output file:$F/a" "$F/a.wav"
expect_completion "infiniloop-tui --remote set backend synth " ""
expect_completion "infiniloop-tui --remote save $F/a" "$F/a.wav"
# A synopsis's literal words ("[on|off]", "MINUTES|off") are offered.
awk -F '\t' '$2 ~ /\|/ { print $1 "\t" $2 }' "$TEST_TMP/remote" | while IFS='	' read -r c syn; do
	lit=$(echo "${syn%% *}" | tr '[]|' '   ' | tr ' ' '\n' | grep '^[a-z]' | words)
	expect_completion "infiniloop-tui --remote $c " "$lit"
done
expect_completion "infiniloop-tui --remote start " ""
expect_completion "infiniloop-tui --remote skip " ""
expect_completion "infiniloop-tui --remote volume " ""
finish

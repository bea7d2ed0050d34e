#!/bin/sh
# The completions as a user meets them: Tab in an interactive bash (the file
# loaded on demand by bash-completion from the folder it is installed in,
# when bash-completion is there) and in an interactive zsh with compinit.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
B="$top_builddir/data/bash-completion/infiniloop-tui"
Z="$top_builddir/data/zsh/_infiniloop-tui"
F="$TEST_TMP/files"
mkdir -p "$F"
: >"$F/a.wav"

# shell NAME COMMAND...: start an interactive shell in a new session whose
# prompt is "NAME$ ", and wait for it.
shell() {
	_name=$1
	shift
	T kill-session -t ui >/dev/null 2>&1
	T new-session -d -s ui -x 200 -y 50 "exec env -i HOME='$HOME' TERM=xterm-256color PATH='$PATH' \
		XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' ZDOTDIR='$TEST_TMP/zdot' $*"
	wait_for "^$_name\\$ *\$" 20 || { fail "$_name did not start"; screen | sed 's/^/  | /' >&2; }
}
# tab NAME TEXT: type TEXT and Tab at a clear prompt.
tab() {
	T send-keys -t "$UI_PANE" C-u 'clear' Enter
	wait_for "^$1\\$ *\$" 10 || true
	T send-keys -t "$UI_PANE" -l "$2"
	T send-keys -t "$UI_PANE" Tab
}
# expect_tab NAME TEXT REGEX: after TEXT and Tab, the screen shows REGEX.
expect_tab() {
	tab "$1" "$2"
	expect_screen "$3" "$1: '$2' Tab shows /$3/" 10
}

# bash: bash-completion finds the file by the command's name in the user's
# completions folder, as it does in $(datadir)/bash-completion/completions.
BC=/usr/share/bash-completion/bash_completion
mkdir -p "$XDG_DATA_HOME/bash-completion/completions"
cp "$B" "$XDG_DATA_HOME/bash-completion/completions/infiniloop-tui"
if [ -r "$BC" ]; then
	printf 'PS1="bash$ "\n. %s\n' "$BC" >"$TEST_TMP/bashrc"
else
	echo "bash-completion not found: the completion is sourced directly"
	printf 'PS1="bash$ "\n. %s\n' "$B" >"$TEST_TMP/bashrc"
fi
shell bash bash --noprofile --rcfile "$TEST_TMP/bashrc" -i
expect_tab bash "infiniloop-tui --out" '^bash\$ infiniloop-tui --output=$'
expect_tab bash "infiniloop-tui --output=fi" '^bash\$ infiniloop-tui --output=file$'
expect_tab bash "infiniloop-tui --output=file:$F/a" "^bash\\$ infiniloop-tui --output=file:$F/a\\.wav\$"
expect_tab bash "infiniloop-tui --remote sk" '^bash\$ infiniloop-tui --remote skip$'
expect_tab bash "infiniloop-tui --remote set ba" '^bash\$ infiniloop-tui --remote set backend$'
expect_tab bash "infiniloop-tui --remote set backend mu" '^bash\$ infiniloop-tui --remote set backend musicgpt$'

if ! command -v zsh >/dev/null 2>&1; then
	echo "zsh not found: zsh checks skipped"
	finish
fi
mkdir -p "$TEST_TMP/zdot"
cat >"$TEST_TMP/zdot/.zshrc" <<RC
PS1='zsh\$ '
fpath=("$(dirname "$Z")" \$fpath)
autoload -U compinit && compinit -u -D
RC
shell zsh zsh -i
expect_tab zsh "infiniloop-tui --out" '^zsh\$ infiniloop-tui --output=$'
expect_tab zsh "infiniloop-tui --output=file:$F/a" "^zsh\\$ infiniloop-tui --output=file:$F/a\\.wav\$"
expect_tab zsh "infiniloop-tui -b mu" '^zsh\$ infiniloop-tui -b musicgpt$'
expect_tab zsh "infiniloop-tui --remote sk" '^zsh\$ infiniloop-tui --remote skip$'
expect_tab zsh "infiniloop-tui --remote --json set ba" '^zsh\$ infiniloop-tui --remote --json set backend$'
expect_tab zsh "infiniloop-tui --remote set backend mu" '^zsh\$ infiniloop-tui --remote set backend musicgpt$'
expect_tab zsh "infiniloop-tui --remote save $F/a" "^zsh\\$ infiniloop-tui --remote save $F/a\\.wav\$"
expect_tab zsh "infiniloop-tui --remote set gpu t" '^zsh\$ infiniloop-tui --remote set gpu true$'
# The lists: every command of --remote help, every long option of --help.
_failed=$_il_failed
tab zsh "infiniloop-tui --remote "
wait_for '^skip ' 10 || true
for c in $("$IL_BIN" --remote help | cut -f1); do
	screen | sed 1d | grep -Eq "(^| )$c( |\$)" || fail "zsh: '--remote ' Tab does not list $c"
done
tab zsh "infiniloop-tui --"
wait_for '--version' 10 || true
for o in $("$IL_BIN" --help | grep -oE '^  (-[A-Za-z0-9], |    )--[a-z][a-z0-9-]*' | sed 's/.*--/--/'); do
	screen | sed 1d | grep -Eq -- "(^| )$o(=)?( |\$)" || fail "zsh: '--' Tab does not list $o"
done
[ "$_il_failed" = "$_failed" ] && pass "zsh lists every --remote command and every long option"
finish

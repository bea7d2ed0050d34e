#!/bin/sh
# Security: files are created with the modes the umask asks for (saved
# loops 0644, the history 0600, settings 0666, each less the umask); the
# engine's temporary files live in a private 0700 folder that is gone after
# quit and after SIGTERM; the TUI's engine link is an anonymous socketpair,
# with nothing listening that another user could reach.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
python3 "$top_srcdir/tests/robust/mkbad.py" "$TEST_TMP" || exit 99

# session UMASK SAVE-PATH: play a clip and save its loop, under UMASK.
session() {
	umask_was=$(umask); umask "$1"
	engine_start TMPDIR="$TEST_TMP/tmp" --engine --output null
	umask "$umask_was"
	engine_send "play file=$TEST_TMP/good.wav"
	engine_wait '^loop ' 30
	tmpmode=$(stat -c %a "$TEST_TMP/tmp"/infiniloop.* 2>/dev/null)
	engine_send "save path=$2"
	engine_wait '^(saved|error) ' 30
	engine_quit
}
mkdir -p "$TEST_TMP/tmp"
for m in 022 077; do
	rm -rf "$XDG_CONFIG_HOME/infiniloop" "$XDG_DATA_HOME/infiniloop"
	session $m "$TEST_TMP/saved-$m.wav"
	case $m in 022) want_save=644 want_cfg=644;; 077) want_save=600 want_cfg=600;; esac
	expect_line "$ENGINE_EV" "^saved path=.*saved-$m.wav" "umask $m: the loop is saved"
	got=$(stat -c %a "$TEST_TMP/saved-$m.wav" 2>/dev/null)
	[ "$got" = "$want_save" ] && pass "umask $m: saved loop is $got" || fail "umask $m: saved loop is $got, expected $want_save"
	got=$(stat -c %a "$XDG_CONFIG_HOME/infiniloop/config" 2>/dev/null)
	[ "$got" = "$want_cfg" ] && pass "umask $m: settings file is $got" || fail "umask $m: settings file is $got, expected $want_cfg"
	got=$(stat -c %a "$XDG_DATA_HOME/infiniloop/history.db" 2>/dev/null)
	[ "$got" = 600 ] && pass "umask $m: history is 600" || fail "umask $m: history is $got"
	got=$(stat -c %a "$XDG_DATA_HOME/infiniloop" 2>/dev/null)
	[ "$got" = 700 ] && pass "umask $m: data folder is 700" || fail "umask $m: data folder is $got"
	[ "$tmpmode" = 700 ] && pass "umask $m: the temporary folder is private (700)" ||
		fail "umask $m: temporary folder mode '$tmpmode'"
	[ -z "$(ls -A "$TEST_TMP/tmp")" ] && pass "umask $m: the temporary folder is gone after quit" ||
		fail "umask $m: left in TMPDIR: $(ls -A "$TEST_TMP/tmp")"
done

# SIGTERM: the engine still removes its temporary folder.
engine_start TMPDIR="$TEST_TMP/tmp" --engine --output null
engine_send "play file=$TEST_TMP/good.wav"
engine_wait '^loop ' 30
[ -n "$(ls -A "$TEST_TMP/tmp")" ] && pass "a temporary folder exists while running" || fail "no temporary folder while running"
engine_kill TERM; st=$ENGINE_STATUS
expect_status 0 $st "SIGTERM: the engine exits 0"
[ -z "$(ls -A "$TEST_TMP/tmp")" ] && pass "SIGTERM: the temporary folder is gone" || fail "SIGTERM left: $(ls -A "$TEST_TMP/tmp")"

# The TUI's engine: its stdin and stdout are one anonymous socket pair, and
# it listens on nothing.
if [ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ]; then
	UI_SOCK="il-sec-$$"
	T() { "$TMUX_BIN" -L "$UI_SOCK" -f /dev/null "$@"; }
	il_at_exit 'T kill-server 2>/dev/null'
	T new-session -d -s ui -x 80 -y 24 "env TERM=xterm-256color '$IL_BIN' --output null; sleep 60"
	i=0; epid=""; while [ -z "$epid" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
		sh_pid=$(T display -p -t ui '#{pane_pid}' 2>/dev/null)
		ui_pid=$(ps -o pid= --ppid "$sh_pid" 2>/dev/null | head -n 1 | tr -d ' ')
		[ -n "$ui_pid" ] && epid=$(ps -o pid= --ppid "$ui_pid" 2>/dev/null | head -n 1 | tr -d ' ')
	done
	if [ -n "$epid" ]; then
		in=$(readlink "/proc/$epid/fd/0"); outl=$(readlink "/proc/$epid/fd/1")
		case "$in" in socket:*) pass "the engine reads an anonymous socket ($in)";; *) fail "engine stdin is $in";; esac
		[ "$in" = "$outl" ] && pass "and writes the same socket" || fail "engine stdout is $outl"
		inode=$(echo "$in" | tr -dc 0-9)
		if grep -q " $inode " /proc/net/unix; then
			path=$(awk -v i="$inode" '$7 == i {print $8}' /proc/net/unix)
			[ -z "$path" ] && pass "the socket has no name in the file system" || fail "the socket is bound to $path"
		else
			pass "the socket is not in the listening table"
		fi
		T send-keys -t ui q
		sleep 1
	else
		fail "the TUI's engine was not found"
	fi
else
	echo "tmux missing: engine link check not run"
fi
finish

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

# The TUI's engine (the user's server): stdin and stdout on /dev/null, no
# terminal, and one listening socket, in the private runtime folder; no
# network socket.
if [ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ]; then
	UI_SOCK="il-sec-$$"
	T() { "$TMUX_BIN" -L "$UI_SOCK" -f /dev/null "$@"; }
	il_at_exit 'T kill-server 2>/dev/null'
	T new-session -d -s ui -x 80 -y 24 "env TERM=xterm-256color '$IL_BIN' --output null; sleep 60"
	i=0; epid=""; while [ -z "$epid" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
		epid=$(station_pid)
	done
	if [ -n "$epid" ]; then
		sleep 1
		in=$(readlink "/proc/$epid/fd/0"); outl=$(readlink "/proc/$epid/fd/1")
		[ "$in" = /dev/null ] && [ "$outl" = /dev/null ] && pass "the engine's stdin and stdout are /dev/null" ||
			fail "engine stdin is $in, stdout $outl"
		tty=$(awk '{print $7}' "/proc/$epid/stat")
		[ "$tty" = 0 ] && pass "the engine has no controlling terminal" || fail "the engine has terminal $tty"
		named="" net=0
		for fd in /proc/"$epid"/fd/*; do
			l=$(readlink "$fd" 2>/dev/null) || continue
			case $l in socket:*) ;; *) continue ;; esac
			inode=$(echo "$l" | tr -dc 0-9)
			p=$(awk -v i="$inode" '$7 == i && $8 != "" {print $8}' /proc/net/unix)
			[ -n "$p" ] && case "$named " in *" $p "*) ;; *) named="$named $p" ;; esac # (accepted ones share it)
			cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null | awk '{print $10}' |
				grep -qx "$inode" && net=$((net + 1))
		done
		[ "$named" = " $XDG_RUNTIME_DIR/infiniloop/engine.sock" ] &&
			pass "its one named socket is $XDG_RUNTIME_DIR/infiniloop/engine.sock" || fail "named sockets:$named"
		[ "$net" = 0 ] && pass "no network socket" || fail "$net network sockets"
		T send-keys -t ui Q
		sleep 1
	else
		fail "the TUI's engine was not found"
	fi
else
	echo "tmux missing: engine link check not run"
fi
finish

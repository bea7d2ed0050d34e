# tmux_lib.sh: drive the real station in a private tmux server (sourced
# after tests/lib.sh). Waiting has generous bounds; timing is never asserted.
[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || { echo "tmux not found: skipped"; exit 77; }
unset TMUX TMUX_PANE
export TMUX_TMPDIR="$TEST_TMP"
UI_SOCK="il-ui-$$"
UI_PANE="ui:0.0"
# The private server outlives its last session: when it ended with it, a
# session started just after could reach the server on its way out and be
# lost with it ("server exited unexpectedly"). il_at_exit ends the server.
printf 'set -g exit-empty off\n' >"$TEST_TMP/tmux.conf"
# Run tmux on the private server.
T() { "$TMUX_BIN" -L "$UI_SOCK" -f "$TEST_TMP/tmux.conf" "$@"; }
il_at_exit 'T kill-server >/dev/null 2>&1'
trap 'exit 141' PIPE # (HUP, INT and TERM: tests/lib.sh)
# The pane's text now.
screen() { T capture-pane -p -t "$UI_PANE" 2>/dev/null; }
# Wait until the pane shows a line matching an extended regex (at most $2 s).
wait_for() { # REGEX [SECONDS]
	_n=$(( ${2:-20} * 10 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
# Wait until the pane no longer shows a match of the regex.
wait_gone() { # REGEX [SECONDS]
	_n=$(( ${2:-20} * 10 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -Eq -- "$1" || return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
# Check that the pane shows a match; print the screen on failure.
expect_screen() { # REGEX WHAT [SECONDS]
	if wait_for "$1" "${3:-20}"; then pass "$2"; else fail "$2 (no /$1/ on screen)"; screen | sed 's/^/  | /' >&2; fi
}
# Check that the bottom row said REGEX (at most SECONDS): on screen, or,
# when a later message took its place first (a loop starting says "now
# playing"), in the messages (M, closed again after).
expect_said() { # REGEX WHAT [SECONDS]
	if wait_for "$1" "${3:-20}"; then pass "$2"; return; fi
	T send-keys -t "$UI_PANE" M
	if wait_for "$1" 5; then pass "$2 (in the messages)"; else
		fail "$2 (no /$1/ on screen or in the messages)"; screen | sed 's/^/  | /' >&2
	fi
	T send-keys -t "$UI_PANE" x
	wait_gone 'any other key closes the messages' 5 || fail "the messages stay open"
}
# Check that the pane does not show a match (now).
expect_no_screen() { # REGEX WHAT
	if screen | grep -Eq -- "$1"; then fail "$2 (/$1/ is on screen)"; screen | sed 's/^/  | /' >&2; else pass "$2"; fi
}
# Start the station in a new session of size WxH with the given environment.
# The pane's shell records the tty state before and after, and the exit status.
start_station() { # W H ENV... -- ARGS...
	_w=$1 _h=$2
	shift 2
	_env=""
	while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do _env="$_env $1"; shift; done
	[ "$#" -gt 0 ] && shift
	rm -f "$TEST_TMP/exit" "$TEST_TMP/stty.before" "$TEST_TMP/stty.after"
	cat >"$TEST_TMP/run.sh" <<RUN
stty -g >"$TEST_TMP/stty.before"
env $_env "$IL_BIN" --output null $*
echo \$? >"$TEST_TMP/exit.tmp"
stty -g >"$TEST_TMP/stty.after"
mv "$TEST_TMP/exit.tmp" "$TEST_TMP/exit"
echo "station exited"
exec sleep 600
RUN
	# In the test's own folder: what the station writes by a relative name
	# stays there, and its paths are short enough to fit one screen line.
	T new-session -d -s ui -c "$TEST_TMP" -x "$_w" -y "$_h" "sh $TEST_TMP/run.sh"
	_n=50
	UI_PID=""
	while [ "$_n" -gt 0 ] && [ -z "$UI_PID" ]; do
		sleep 0.1
		_sh=$(T display -p -t "$UI_PANE" '#{pane_pid}' 2>/dev/null)
		UI_PID=$(ps -o pid= --ppid "$_sh" 2>/dev/null | head -n 1 | tr -d ' ')
		_n=$((_n - 1))
	done
}
# The engine's pid (the user's station engine, see tests/lib.sh), or "".
engine_pid() { station_pid; }
# Wait for the station to exit (at most $1 s); 0 when it did.
wait_exit() {
	_n=$(( ${1:-20} * 10 ))
	while [ "$_n" -gt 0 ]; do
		[ -f "$TEST_TMP/exit" ] && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
# The title in the Now playing panel.
title() { screen | sed -n 's/.*Title: *\([^│]*[^ │]\) *│.*/\1/p' | head -n 1; }
# Wait (at most 20 s) until the title is not $1; print it.
title_other_than() {
	_n=200
	while [ "$_n" -gt 0 ]; do
		_t=$(title)
		[ -n "$_t" ] && [ "$_t" != "$1" ] && break
		sleep 0.1
		_n=$((_n - 1))
	done
	echo "$_t"
}
# Q: the station exits 0 and stops the music; its engine is gone too.
expect_quit_stops() { # WHAT
	_eng=$(engine_pid)
	T send-keys -t "$UI_PANE" Q
	expect_clean_exit 0 "$1" "$_eng"
}
# After an exit: terminal restored, no station or engine process left.
expect_clean_exit() { # EXPECTED-STATUS WHAT ENGINE-PID
	if wait_exit 20; then pass "$2: the station exited"; else fail "$2: the station did not exit"; return; fi
	expect_status "$1" "$(cat "$TEST_TMP/exit")" "$2: exit status"
	if cmp -s "$TEST_TMP/stty.before" "$TEST_TMP/stty.after"; then pass "$2: tty modes restored"
	else fail "$2: tty modes differ after exit: $(cat "$TEST_TMP/stty.before") vs $(cat "$TEST_TMP/stty.after")"; fi
	[ "$(T display -p -t "$UI_PANE" '#{alternate_on}')" = 0 ] && pass "$2: alternate screen left" ||
		fail "$2: still on the alternate screen"
	[ "$(T display -p -t "$UI_PANE" '#{cursor_flag}')" = 1 ] && pass "$2: cursor visible" ||
		fail "$2: cursor still hidden"
	expect_screen '^station exited' "$2: the shell's output is back on the normal screen" 5
	expect_no_screen '^engine: ' "$2: the engine wrote nothing on stderr"
	_left=""
	for _p in $UI_PID $3; do pid_running "$_p" && _left="$_left $_p"; done
	[ -z "$_left" ] && pass "$2: no station or engine process left" || {
		fail "$2: processes left:$_left"; ps -o pid,ppid,args -p "$(echo $_left | tr ' ' ,)" >&2; }
}
# Stop the session (before starting another one).
stop_station() { T kill-session -t ui >/dev/null 2>&1; sleep 0.2; }

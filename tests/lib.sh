# lib.sh: shared helpers for the shell tests (sourced, not run).
# Each test gets a private temporary HOME and XDG folders, removed on exit.
set -u
: "${IL_BIN:?IL_BIN must name the infiniloop-tui binary (set by make check)}"
: "${top_srcdir:=.}"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/il-test.XXXXXX") || exit 99
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/config" \
	XDG_DATA_HOME="$TEST_TMP/data" XDG_RUNTIME_DIR="$TEST_TMP/run"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset PULSE_SERVER
export INFINILOOP_DATADIR="${top_builddir:-.}/data:${top_srcdir}/data:${top_srcdir}"
_il_cleanup_hooks=""
# Run a command at exit (before the temp folder is removed).
il_at_exit() { _il_cleanup_hooks="$1; $_il_cleanup_hooks"; }
# True while PID runs: it exists and is not a zombie (an orphan's parent
# may be an init that does not reap).
pid_running() { # PID
	[ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^[ZX]'
}
# The voluntary context switches (sleeps woken) of each thread of PID: a
# "TID COUNT" line each.
thread_switches() { # PID
	for _t in /proc/"$1"/task/*; do
		echo "${_t##*/} $(awk '/^voluntary_ctxt_switches/ {print $2}' "$_t/status" 2>/dev/null)"
	done
}
# The pid of the test's station engine (--daemon, or started by the TUI),
# from its lock file; "" when none runs.
station_pid() {
	_sp=$(cat "$XDG_RUNTIME_DIR/infiniloop/engine.lock" 2>/dev/null | tr -dc 0-9)
	[ -n "$_sp" ] && pid_running "$_sp" && echo "$_sp"
	return 0
}
# No engine outlives its test: TERM, then KILL.
_il_stop_station() {
	_sp=$(station_pid)
	[ -n "$_sp" ] || return 0
	kill -TERM "$_sp" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		kill -0 "$_sp" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$_sp" 2>/dev/null
}
trap 'eval "$_il_cleanup_hooks"; _il_stop_station; rm -rf "$TEST_TMP"' EXIT
# Killed or interrupted: still run the clean-up (the EXIT trap).
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
_il_failed=0
_il_passed=0
# Report a failed check and remember it.
fail() { echo "FAIL: $*" >&2; _il_failed=$((_il_failed + 1)); }
# Report a passed check.
pass() { echo "ok: $*"; _il_passed=$((_il_passed + 1)); }
# Check that a file contains a line matching an extended regex.
expect_line() { # FILE REGEX WHAT
	if grep -Eq -- "$2" "$1"; then pass "$3"; else fail "$3 (no line matching /$2/ in $1)"; sed 's/^/  | /' "$1" | head -40 >&2; fi
}
# Check that a command's exit status equals the expected one.
expect_status() { # EXPECTED ACTUAL WHAT
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3 (exit status $2, expected $1)"; fi
}
# Print the summary line and exit 0 or 1.
finish() {
	echo "$_il_passed passed, $_il_failed failed"
	[ "$_il_failed" -eq 0 ]
	exit $?
}

#!/bin/sh
# The engine ends cleanly, its temporary folder removed, on SIGQUIT, SIGUSR1
# and SIGALRM as on SIGTERM; started with its standard input or output
# closed, it still ends (it never reads or writes its own wake-up pipe).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
T="$TEST_TMP"
mkdir -p "$T/tmp"
for sig in QUIT USR1 ALRM; do
	engine_start TMPDIR="$T/tmp" --engine --output null
	expect_event '^ready ' "$sig: the engine starts" 20
	retry_until 10 test -n "$(ls -A "$T/tmp")"
	engine_stop_within 10 "$sig" && pass "SIG$sig ends the engine" || fail "SIG$sig: still running after 10 s"
	expect_status 0 "$ENGINE_STATUS" "SIG$sig: a clean exit"
	[ -z "$(ls -A "$T/tmp")" ] && pass "SIG$sig: the temporary folder is gone" || fail "SIG$sig left: $(ls -A "$T/tmp")"
	rm -rf "$T/tmp"/*
done

# Standard input closed: end of input at once.
TMPDIR="$T/tmp" timeout -k 5 20 "$IL_BIN" --engine --output null <&- >"$T/out" 2>"$T/err"
expect_status 0 $? "stdin closed: the engine ends by itself, exit 0"
expect_line "$T/out" '^ready ' "stdin closed: it still says ready"
# Standard output closed: it ends when its input does.
(sleep 1; printf 'status\n') | TMPDIR="$T/tmp" timeout -k 5 20 "$IL_BIN" --engine --output null >&- 2>"$T/err"
expect_status 0 $? "stdout closed: the engine ends with its input, exit 0"
[ -s "$T/err" ] && fail "stdout closed: stderr: $(head -c 300 "$T/err")" || pass "stdout closed: nothing on stderr"
[ -z "$(ls -A "$T/tmp")" ] && pass "no temporary folder left" || fail "left: $(ls -A "$T/tmp")"
finish

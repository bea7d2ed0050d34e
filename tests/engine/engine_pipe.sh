#!/bin/sh
# The engine on stdin/stdout: status, garbage, overlong lines, NUL bytes,
# a peer closing mid-line. Every answer must be a valid protocol line.
. "${top_srcdir:-.}/tests/lib.sh"
out="$TEST_TMP/out"; err="$TEST_TMP/err"
E="$IL_BIN --engine --output null"

printf 'status\n' | $E >"$out" 2>"$err"; expect_status 0 $? "status then end of input exits 0"
expect_line "$out" '^ready version=1 ' "ready comes first"
expect_line "$out" '^status state=[a-z]+ ' "a status event is printed"
[ "$(tail -n 1 "$out")" = "bye" ] && pass "bye is the last line" || fail "last line is not bye"
[ -s "$err" ] && fail "stderr not empty: $(head -c 300 "$err")" || pass "nothing on stderr"
[ -f "$XDG_CONFIG_HOME/infiniloop/config" ] && pass "settings file created on first run" || fail "no settings file"

printf 'frobnicate now=1\nstatus extra=1\nset key=duration\nstart prompt=a prompt=b\nvolume level=abc\n' | $E >"$out" 2>&1
expect_status 0 $? "bad requests still exit 0"
expect_line "$out" '^error code=unknown_verb .*frobnicate' "unknown verb is named"
expect_line "$out" "^error code=unknown_field .*'status' takes no field 'extra'" "unknown field is named"
expect_line "$out" "^error code=missing_field .*needs field 'value'" "missing field is named"
expect_line "$out" "^error code=duplicate_field .*'prompt' given twice" "duplicate field is named"

# A 100 kB line, NUL bytes, raw control bytes, then a good request.
{ head -c 100000 /dev/zero | tr '\0' 'a'; printf '\n'; printf 'sta\000tus\n'; printf 'status\033[2J\n'; printf 'ping id=after\n'; } | $E >"$out" 2>"$err"
expect_status 0 $? "overlong and binary input exit 0"
expect_line "$out" '^error code=too_long ' "overlong line reported"
expect_line "$out" '^error code=binary .*NUL byte at column 4' "NUL byte reported with its column"
expect_line "$out" '^error code=binary .*control byte 0x1b' "control byte reported"
expect_line "$out" '^pong id=after$' "the engine reads on after bad lines"

# Random binary garbage: no crash, exit 0, only well-formed event lines.
head -c 200000 /dev/urandom >"$TEST_TMP/garbage"
$E <"$TEST_TMP/garbage" >"$out" 2>"$err"; expect_status 0 $? "random bytes exit 0"
bad=$(grep -Evc '^(ready|error|log|bye|status|pong|setting|preset)( |$)' "$out")
[ "$bad" -eq 0 ] && pass "every output line is an event" || fail "$bad output lines are not events"
[ -s "$err" ] && fail "stderr not empty after garbage: $(head -c 300 "$err")" || pass "nothing on stderr after garbage"

# The peer closes in the middle of a line.
printf 'status\nsta' | $E >"$out" 2>"$err"; expect_status 0 $? "closing mid-line exits 0"
expect_line "$out" '^error code=parse .*ended in the middle of a line \(3 bytes' "partial line reported, not run"
[ "$(grep -c '^status ' "$out")" -eq 1 ] && pass "the partial line was not executed" || fail "partial line ran"

# Settings through the protocol: set, read back, persisted, out of range refused.
printf 'set key=minduration value=45\nset key=crossfade value=11\nsettings\n' | $E >"$out" 2>"$err"
expect_line "$out" '^setting key=min_duration value=45 ' "set echoes the new value"
expect_line "$out" '^error code=bad_value .*crossfade must be between 0 and 10' "out of range refused"
expect_line "$out" '^preset index=0 name=' "presets are listed"
grep -q '^min_duration = 45;' "$XDG_CONFIG_HOME/infiniloop/config" && pass "set is saved to the file" || fail "set not saved"
n=$(grep -c '^preset ' "$out"); [ "$n" -ge 20 ] && pass "$n presets shipped" || fail "only $n presets"

# quit ends at once even with input left.
printf 'quit\nstatus\n' | $E >"$out" 2>"$err"; expect_status 0 $? "quit exits 0"
[ "$(grep -c '^status ' "$out")" -eq 0 ] && pass "nothing runs after quit" || fail "ran past quit"
finish

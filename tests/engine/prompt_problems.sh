#!/bin/sh
# A prompt's problems get feedback: a tempo out of range, a key that is
# no key and a prompt of which the composer knows no word are named in
# warnings (the station starts anyway), a prompt over the limit is refused
# with the limit and changes nothing, and --generate-only warns on stderr
# too.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
printf 'duration = 5;\n' >"$TEST_TMP/c"

engine_start --engine --output null --config "$TEST_TMP/c"
engine_send 'start prompt="lo-fi, 999 bpm, in H minor"'
expect_event '^log level=warn msg="ignored: 999 bpm \(40-220\)"$' "999 bpm is named, with the range"
expect_event '^log level=warn msg="ignored: H minor \(a key is A to G, with # or b\)"$' "H minor is named, with what a key is"
expect_event '^log level=info msg="station started: lo-fi, 999 bpm, in H minor ' "the station starts anyway"
expect_event '^loop .*prompt="lo-fi, 999 bpm, in H minor"' "and plays" 60
engine_send 'start prompt="xyzzy plugh"'
expect_event '^log level=warn msg="ignored: xyzzy plugh \(no word the composer knows: ' "a prompt of no known word is named"
engine_send 'start prompt="jazz, tempo 90, in A minor"'
engine_send 'ping id=good'
engine_wait '^pong id=good' 10
[ "$(grep -c '^log level=warn msg="ignored: ' "$ENGINE_EV")" -eq 3 ] &&
	pass "a good tempo and key give no warning" || fail "warnings for a good prompt: $(grep 'ignored: ' "$ENGINE_EV" | tail -n 1)"
long=$(awk 'BEGIN { for (k = 0; k < 110; k++) printf "calm piano"; }')
engine_send "start prompt=\"$long\""
expect_event '^error code=bad_value msg="the prompt is 1100 bytes long; at most 1023" verb=start$' \
	"a prompt of 1100 bytes is refused with the limit"
engine_send status
expect_event '^status .* prompt="jazz, tempo 90, in A minor" ' "the station is unchanged"
grep -q "^log level=info msg=\"station started: calm piano" "$ENGINE_EV" && fail "the long prompt started a station" ||
	pass "the long prompt started nothing"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"

"$IL_BIN" --generate-only "techno, 300 bpm, key of X" "$TEST_TMP/x.wav" --config "$TEST_TMP/c" \
	>"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 0 $? "--generate-only makes the loop anyway"
expect_line "$TEST_TMP/err" '^infiniloop-tui: warning: ignored: 300 bpm \(40-220\)$' "--generate-only warns about 300 bpm"
expect_line "$TEST_TMP/err" '^infiniloop-tui: warning: ignored: key of X \(a key is A to G, with # or b\)$' \
	"--generate-only warns about key of X"
"$IL_BIN" --generate-only "jazz in 7/8" "$TEST_TMP/z.wav" --config "$TEST_TMP/c" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_line "$TEST_TMP/err" '^infiniloop-tui: warning: ignored: 7/8 \(the composer plays 2/4, 3/4, 4/4, 6/8 and 12/8\)$' \
	"--generate-only warns that the composer does not play 7/8"
"$IL_BIN" --generate-only "夏祭り、太鼓" "$TEST_TMP/j.wav" --config "$TEST_TMP/c" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 0 $? "--generate-only makes a loop of a prompt it cannot read"
expect_line "$TEST_TMP/err" '^infiniloop-tui: warning: ignored: 夏祭り、太鼓 \(no word the composer knows: name a genre, an instrument or a mood, in English\)$' \
	"--generate-only says that it knows no word of the prompt"
"$IL_BIN" --generate-only "$long" "$TEST_TMP/y.wav" --config "$TEST_TMP/c" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
[ $? -ne 0 ] && pass "--generate-only refuses the long prompt" || fail "--generate-only took the long prompt"
expect_line "$TEST_TMP/err" 'the prompt is 1100 bytes long; at most 1023' "and says the limit"
finish

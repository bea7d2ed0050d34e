#!/bin/sh
# `save loop=ID` saves the loop that played when the user asked, even after
# a switch: every `loop` event carries its id; the current and the previous
# loop are held; an older id is refused with code=state.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 48000 2 noise || exit 99
printf 'min_duration = 10;\ncrossfade = 0;\n' >"$TEST_TMP/cfg"
engine_start --headless --config "$TEST_TMP/cfg" --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" --output null
expect_event '^loop title=a .* id=1$' "the first loop event carries id=1"
expect_event '^loop title=b .* id=2$' "after the switch, the second loop carries id=2" 40
# The user pressed s on loop 1; the switch came before the name was typed.
engine_send "save path=$TEST_TMP/one.wav loop=1"
expect_event "^saved path=\"?$TEST_TMP/one.wav\"? frames=96000\$" "loop=1 saves the first loop (2 s, 96000 frames)"
engine_send "save path=$TEST_TMP/two.wav loop=2"
expect_event "^saved path=\"?$TEST_TMP/two.wav\"? frames=144000\$" "loop=2 saves the loop playing (3 s)"
engine_send "save path=$TEST_TMP/now.wav"
expect_event "^saved path=\"?$TEST_TMP/now.wav\"? frames=144000\$" "without loop=, the loop playing is saved"
engine_send "save path=$TEST_TMP/old.wav loop=9"
expect_event '^error code=state msg="loop 9 is no longer held.*verb=save' "an id not held is refused with code=state"
[ -e "$TEST_TMP/old.wav" ] && fail "a file was written for a loop not held" || pass "no file for a loop not held"
cmp -s "$TEST_TMP/one.wav" "$TEST_TMP/two.wav" && fail "loop 1 and loop 2 saved the same audio" ||
	pass "the two saved files differ"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish

#!/bin/sh
# The tempo shown is the generator's when it knows it: the synth always
# does, a prompt with "NN bpm" states it for any generator. Slow and fast
# tempos are not doubled or halved (80 bpm was shown as 159.9, 174 as 87).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
printf 'duration = 8;\nseed = 3;\n' >"$TEST_TMP/synth.conf"
engine_start --engine --output null --config "$TEST_TMP/synth.conf"
for p in "lo-fi hip hop, 80 bpm" "ambient, 70 bpm" "drum and bass, 174 bpm" "techno"; do
	engine_send "start prompt=\"$p\""
	engine_wait "^loop .*prompt=\"?$p\"? " 60 || fail "no loop for '$p'"
done
bpm_of() { grep "^loop .*prompt=\"$1\"" "$ENGINE_EV" | head -n 1 | sed 's/.* bpm=\([0-9.]*\) .*/\1/'; }
for t in "lo-fi hip hop, 80 bpm:80.0" "ambient, 70 bpm:70.0" "drum and bass, 174 bpm:174.0"; do
	b=$(bpm_of "${t%:*}")
	[ "$b" = "${t##*:}" ] && pass "synth '${t%:*}': bpm=$b" || fail "synth '${t%:*}': bpm=$b, not ${t##*:}"
done
# No tempo in the prompt: the synth's own; the loop is whole beats at it.
l=$(grep '^loop .*prompt=techno ' "$ENGINE_EV" | head -n 1)
b=$(echo "$l" | sed 's/.* bpm=\([0-9.]*\) .*/\1/') s=$(echo "$l" | sed 's/.* seconds=\([0-9.]*\) .*/\1/')
awk -v b="$b" -v s="$s" 'BEGIN { n = s * b / 60; exit !(b >= 100 && b <= 150 && n - int(n + 0.5) < 0.02 && int(n + 0.5) - n < 0.02) }' &&
	pass "synth 'techno': bpm=$b, the $s s loop is whole beats at it" || fail "synth 'techno': bpm=$b for a $s s loop"
engine_send status
expect_event '^status .* bpm=[0-9]' "status answers"
engine_quit

# Another generator (a command) is asked for 80 bpm: 80 is reported.
"$IL_BIN" --generate-only "lo-fi hip hop, 80 bpm" "$TEST_TMP/clip.wav" --config "$TEST_TMP/synth.conf" \
	>/dev/null 2>"$TEST_TMP/gen.err" || { fail "--generate-only: $(cat "$TEST_TMP/gen.err")"; finish; }
cat >"$TEST_TMP/gen" <<GEN
#!/bin/sh
cp "$TEST_TMP/clip.wav" "\$1"
GEN
chmod +x "$TEST_TMP/gen"
printf 'backend = "command";\ncommand = ["%s", "{output}"];\nduration = 8;\n' "$TEST_TMP/gen" >"$TEST_TMP/cmd.conf"
engine_start --engine --output null --config "$TEST_TMP/cmd.conf"
engine_send 'start prompt="lo-fi hip hop, 80 bpm"'
engine_wait '^loop .*prompt="lo-fi' 60
b=$(bpm_of "lo-fi hip hop, 80 bpm")
[ "$b" = "80.0" ] && pass "command generator asked for 80 bpm: bpm=$b" || fail "command generator asked for 80 bpm: bpm=$b"
engine_send status
expect_event '^status state=playing .* bpm=80\.0 ' "status shows 80.0 too"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish

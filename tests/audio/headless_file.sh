#!/bin/sh
# --headless with the file sink: loop events, exact lengths with --fast,
# 1000 switches on the null sink, save with loop points, play errors.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 44100 1 noise || exit 99
out="$TEST_TMP/out"

# 3 switches, min_duration 10 s (the default 30 set lower): (3+1) x 10 s,
# and the time b waits for its next downbeat. a (a chord with a soft
# tremolo) has no clear beat and gives way at exactly 10 s; b (a beat
# every 0.5 s) enters on its downbeat and gives way on the first one at or
# after 10 s: a bar line of its loop (bars of (end - start) / bars frames,
# at 48 kHz) counted from its entry; its second time ends at the limit.
printf 'min_duration = 10;\ncrossfade = 3.0;\nvolume = 100;\n' >"$XDG_CONFIG_HOME/cfg"
"$IL_BIN" --analyze "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" --json >"$out" 2>&1 || fail "--analyze of the clips"
grep -q '"file": "[^"]*a.wav", .*"bars": 0, ' "$out" && pass "a has no beat grid" || fail "a: $(head -1 "$out")"
wait_b=$(python3 -c 'import json, sys
j = [json.loads(l) for l in open(sys.argv[1])][1]
n = round((j["loop_end"] - j["loop_start"]) * 48000 / j["sample_rate"])
per, rel, k = n / j["bars"], 480000 % n, 0
while int(k * per + 0.5) < rel:
    k += 1
print(int(k * per + 0.5) - rel)' "$out") && [ "$wait_b" -lt 96000 ] && pass "b has bars: it waits $wait_b frames for its downbeat" \
	|| fail "b: $(tail -1 "$out")"
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" \
	--output "file:$TEST_TMP/o.wav" --fast --switches 3 </dev/null >"$out" 2>"$TEST_TMP/err"
expect_status 0 $? "headless --fast --switches 3 exits 0"
[ "$(grep -c '^loop ' "$out")" -eq 4 ] && pass "4 loop events (start + 3 switches)" || fail "$(grep -c '^loop ' "$out") loop events"
[ "$(grep '^loop ' "$out" | sed 's/^loop title=\([^ ]*\).*/\1/' | head -4 | tr '\n' ' ')" = "a b a b " ] && pass "the files play in turn" || fail "order: $(grep '^loop ' "$out" | head -4)"
"$B/loopcheck" frames "$TEST_TMP/o.wav" $((1920000 + ${wait_b:-0})) && pass "the file holds exactly 4 x 10 s and b's wait" \
	|| fail "wrong length"
[ -s "$TEST_TMP/err" ] && fail "stderr: $(head -c 300 "$TEST_TMP/err")" || pass "nothing on stderr"

# 1000 switches on the null sink: deterministic, every switch reported.
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" \
	--output null --fast --switches 1000 </dev/null >"$out" 2>"$TEST_TMP/err"
expect_status 0 $? "1000 switches exit 0"
[ "$(grep -c '^loop ' "$out")" -eq 1001 ] && pass "1001 loop events" || fail "$(grep -c '^loop ' "$out") loop events"
n=$(grep -c '^spectrum ' "$out"); [ "$n" -ge 1 ] && pass "spectrum events ($n)" || fail "no spectrum events"

# Requests while playing: status, analysis, waveform, validate, save.
engine_start --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" --output "file:$TEST_TMP/p.wav"
engine_wait '^loop title=a ' 20 || fail "no loop event"
for r in status analysis "validate which=both" "save path=$TEST_TMP/s.wav" "save path=$TEST_TMP/s.wav" \
	"save path=$TEST_TMP/s.wav force=1" "save path=$TEST_TMP/nodir/s.wav" "ping id=end"; do
	engine_send "$r"
done
engine_wait '^pong id=end' 20 || fail "no answer to ping"
engine_quit; st=$ENGINE_STATUS; cp "$ENGINE_EV" "$out"
expect_status 0 "$st" "headless with requests exits 0"
expect_line "$out" '^status state=playing .*title=a .*loop_seconds=[0-9.]+ ' "status while playing"
expect_line "$out" '^analysis frames=96000 rate=48000 loop_start=[0-9]+ loop_end=[0-9]+ ' "analysis of the current loop"
expect_line "$out" '^waveform points=[0-9a-f]{400}$' "waveform of 200 points"
expect_line "$out" '^log level=(info|warn) msg="current: ' "validate reports the current loop"
expect_line "$out" '^saved path=.*/s\.wav frames=96000$' "save writes the loop"
expect_line "$out" '^error code=io msg=".*exists; save with force=1' "save refuses to overwrite"
[ "$(grep -c '^saved ' "$out")" -eq 2 ] && pass "force=1 overwrites" || fail "force=1 did not save"
expect_line "$out" '^error code=io msg=".*nodir/s\.wav.*" verb=save' "an unwritable path is a clear error"
ls "$TEST_TMP" | grep -q '\.tmp\.' && fail "a temporary file was left" || pass "no partial file left"
ls=$(grep -o 'loop_start=[0-9]*' "$out" | head -1 | cut -d= -f2); le=$(grep -o 'loop_end=[0-9]*' "$out" | head -1 | cut -d= -f2)
"$B/loopcheck" smpl "$TEST_TMP/s.wav" "$ls" "$le" && pass "smpl chunk and LOOPSTART/LOOPLENGTH" || fail "loop points in the saved file"

# Pause, resume, skip, volume and stop show in status.
engine_start --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" --output null
engine_wait '^loop title=a ' 20 || fail "no loop event"
engine_wait '^log level=info msg="queued b ' 20 || fail "b was not queued"
for r in pause status resume "volume delta=-30" skip "ping id=1"; do engine_send "$r"; done
engine_wait '^pong id=1' 10 || fail "no answer"
expect_line "$ENGINE_EV" '^status state=paused ' "pause shows in status"
expect_line "$ENGINE_EV" '^log level=info msg="volume 70"' "volume delta is relative"
engine_wait '^loop title=b ' 10 && pass "skip crossfades to the next loop at once" || fail "skip did not switch"
for r in stop status; do engine_send "$r"; done
engine_wait '^status state=stopped .*title="" ' 10 && pass "stop shows in status" || fail "no stopped status"
engine_wait '^log level=warn msg="nothing left to play"' 10 && pass "stopped, headless --play ends" || fail "did not end"
engine_quit; expect_status 0 "$ENGINE_STATUS" "and exits 0"

# Errors of play: missing file, not audio.
printf 'not audio' >"$TEST_TMP/junk.wav"
{ printf 'play file=%s\nplay file=%s\nskip\n' "$TEST_TMP/missing.wav" "$TEST_TMP/junk.wav"; sleep 1; printf 'quit\n'; } |
	"$IL_BIN" --headless --output null >"$out" 2>&1
expect_line "$out" '^error code=io .*missing\.wav.*verb=play' "a missing file is an io error"
expect_line "$out" '^error code=bad_value .*junk\.wav.*verb=play' "a file that is not audio is a bad_value error"
expect_line "$out" '^error code=state .*verb=skip' "skip with nothing playing is refused"
# Nothing asked for, the input at its end: it says so and ends, status 1.
"$IL_BIN" --headless --output null </dev/null >"$out" 2>&1
expect_status 1 $? "headless with nothing to play and no input ends, status 1"
expect_line "$out" '^log level=warn msg="nothing plays or is on its way, and the input ended \(give --prompt, --play' \
	"it says what to give"
"$IL_BIN" --headless --play "$TEST_TMP/junk.wav" --output null </dev/null >"$out" 2>&1
expect_status 0 $? "headless --play with no playable file ends"
expect_line "$out" '^log level=warn msg="nothing left to play"' "it says nothing is left to play"

# One file alone: at each minimum duration the next loop would be the same
# one; it plays on with no crossfade into its own start (the two would add
# up): the output repeats the loop exactly across those moments.
printf 'min_duration = 10;\nvolume = 100;\n' >"$XDG_CONFIG_HOME/one.cfg"
"$IL_BIN" --generate-only "chiptune, 120 bpm" "$TEST_TMP/one.wav" --duration 5 --seed 3 >/dev/null 2>&1 || fail "no clip"
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/one.cfg" --play "$TEST_TMP/one.wav" --output "file:$TEST_TMP/one-out.wav" \
	--fast --seconds 25 </dev/null >"$out" 2>&1
expect_status 0 $? "one file: 25 s played"
[ "$(grep -c '^loop title=one ' "$out")" -eq 3 ] && pass "one file: a loop event at the start and at 10 s and 20 s" ||
	fail "one file: $(grep -c '^loop title=one ' "$out") loop events, not 3"
"$IL_BIN" --analyze "$TEST_TMP/one.wav" --json >"$TEST_TMP/one.json" 2>/dev/null
len=$(sed -n 's/.*"loop_start": \([0-9]*\), "loop_end": \([0-9]*\),.*/\2 - \1/p' "$TEST_TMP/one.json")
python3 - "$TEST_TMP/one-out.wav" "$((len))" <<'PY' && pass "one file: the output repeats the loop sample for sample past 10 s and 20 s" ||
import struct, sys, wave
# The file sink writes 32-bit float WAV; read its data chunk.
raw = open(sys.argv[1], "rb").read()
i = 12
while raw[i:i + 4] != b"data":
    i += 8 + struct.unpack("<I", raw[i + 4:i + 8])[0]
n = struct.unpack("<I", raw[i + 4:i + 8])[0] // 4
x = struct.unpack("<%df" % n, raw[i + 8:i + 8 + 4 * n])
period = int(sys.argv[2]) * 2
start = 48000 * 2  # past the fade-in
bad = [k for k in range(start, len(x) - period) if abs(x[k] - x[k + period]) > 1e-6]
print("one file: %d samples, period %d frames, %d differ" % (len(x), period // 2, len(bad)))
sys.exit(1 if bad or len(x) < 48000 * 2 * 24 else 0)
PY
	fail "one file: the output does not repeat the loop across the switch points"
finish

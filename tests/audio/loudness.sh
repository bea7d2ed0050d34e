#!/bin/sh
# Loudness normalization over varied inputs: synth styles at different
# levels, an acoustic-like clip, the same limited by +10 dB, a quiet one,
# and a real recording when one is at hand (IL_REAL_CLIP, or the corpus
# cache of /work/shared/corpus/build.py). Each is played by the engine to
# the file sink and measured by an independent BS.1770 meter (r128check,
# not libebur128): every loop must come out within 0.5 LU of -16 LUFS and
# at or under -1 dBTP. Then `loudness = -20` and `true_peak = -3` are
# honoured, `loudness = off` leaves a clip alone, and --analyze --json
# reports before and after.
. "${top_srcdir:-.}/tests/lib.sh"
B="${top_builddir:-.}/tests/audio"
command -v sox >/dev/null 2>&1 || { echo "SKIP: sox is needed (Debian sox)"; exit 77; }
T="$TEST_TMP"

# Inputs.
gen() { "$IL_BIN" --generate-only "$1" "$T/g.wav" --seed 7 >/dev/null 2>&1 && sox "$T/g.wav" "$2" $3 2>/dev/null; }
gen "lo-fi hip hop, 80 bpm" "$T/lofi.wav" "vol -9 dB" || exit 99
gen "warehouse techno, 128 bpm" "$T/techno.wav" "gain -l 10" || exit 99
gen "drum and bass, 174 bpm" "$T/dnb.wav" "vol 3 dB" || exit 99
gen "solo piano, 70 bpm" "$T/piano.wav" "vol -4 dB" || exit 99
sox -n -r 44100 -c 1 "$T/pluck.wav" synth 10 pluck C3 pluck E3 pluck G3 remix 1-3 tremolo 0.8 40 \
	reverb 40 fade 0 10 0.3 repeat 1 channels 2 2>/dev/null || exit 99
sox "$T/pluck.wav" "$T/acoustic.wav" vol -3 dB 2>/dev/null || exit 99
sox "$T/pluck.wav" "$T/acoustic-limited.wav" gain -l 10 2>/dev/null || exit 99
sox "$T/pluck.wav" -b 24 "$T/acoustic-quiet.wav" vol -30 dB 2>/dev/null || exit 99
inputs="lofi techno dnb piano acoustic acoustic-limited acoustic-quiet"
real="${IL_REAL_CLIP:-}"
[ -z "$real" ] && real=$(find "${IL_CORPUS_CACHE:-/tmp/il-corpus-cache}" -name 'race1-jt.ogg' 2>/dev/null | head -1)
if [ -n "$real" ] && sox "$real" "$T/real.wav" trim 20 14 2>/dev/null; then
	sox "$T/real.wav" "$T/real-limited.wav" gain -l 10 2>/dev/null
	inputs="$inputs real real-limited"
	echo "real clip: $real"
else
	echo "no real clip at hand (set IL_REAL_CLIP): the generated inputs only"
fi

# Each plays to the file sink at full volume (the loudness of what is
# heard), measured after its first second over two whole repetitions of
# its loop (a part of a loop would weigh its louder and quieter sections
# wrongly), within the minimum duration (no switch).
printf 'volume = 100;\n' >"$XDG_CONFIG_HOME/cfg"
n=0
for i in $inputs; do
	"$IL_BIN" --analyze "$T/$i.wav" --json >"$T/$i.json" 2>/dev/null
	secs=$(sed -n 's/.*"loop_seconds": \([0-9.]*\),.*/\1/p' "$T/$i.json" | awk '{ s = 1 + 2 * $1; print (s > 29 ? 29 : s) }')
	"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --play "$T/$i.wav" --output "file:$T/out-$i.wav" \
		--fast --seconds "${secs:-10}" </dev/null >"$T/ev" 2>"$T/err"
	expect_status 0 $? "$i: played"
	before=$(sed 's/.*"before": {"integrated_lufs": \([^,]*\),.*"true_peak_dbtp": \([^}]*\)}, "after".*/\1 LUFS, \2 dBTP/' "$T/$i.json")
	echo "$i: before normalization $before"
	if "$B/r128check" "$T/out-$i.wav" 1 -16 0.5 -1; then
		pass "$i: within 0.5 LU of -16 LUFS, under -1 dBTP"
	else
		fail "$i: loudness or true peak off"
	fi
	n=$((n + 1))
done
[ "$n" -ge 7 ] && pass "$n inputs measured" || fail "only $n inputs"

# Other settings are honoured.
printf 'volume = 100;\nloudness = "-20";\ntrue_peak = -3.0;\n' >"$XDG_CONFIG_HOME/cfg2"
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg2" --play "$T/techno.wav" --output "file:$T/out-20.wav" \
	--fast --seconds 10 </dev/null >/dev/null 2>&1
"$B/r128check" "$T/out-20.wav" 1 -20 0.5 -3 && pass "loudness -20 under true_peak -3" || fail "loudness -20"
printf 'volume = 100;\nloudness = "off";\n' >"$XDG_CONFIG_HOME/cfg3"
"$IL_BIN" --analyze "$T/acoustic-quiet.wav" --json --config "$XDG_CONFIG_HOME/cfg3" >"$T/off.json"
grep -q '"gain_db": 0.00' "$T/off.json" && pass "loudness off: no gain" || fail "loudness off: $(cat "$T/off.json")"

# --analyze --json reports the loop's loudness before and after.
expect_line "$T/techno.json" '"loudness": \{"before": \{"integrated_lufs": -?[0-9.]+, "range_lu": [0-9.]+, "true_peak_dbtp": -?[0-9.]+\}, "after": \{"integrated_lufs": -1[56]\.[0-9]+, "range_lu": [0-9.]+, "true_peak_dbtp": -[0-9.]+\}, "gain_db": -?[0-9.]+, "limited_db": [0-9.]+\}' \
	"--analyze --json: loudness before and after"
printf 'loudness = "loud";\n' >"$XDG_CONFIG_HOME/bad"
printf 'set key=loudness value=loud\nset key=loudness value=peak\nset key=true_peak value=1\n' |
	"$IL_BIN" --engine --config "$XDG_CONFIG_HOME/cfg" --output null >"$T/set" 2>/dev/null
expect_line "$T/set" '^error code=bad_value msg="loudness must be a target in LUFS \(-70 to 0\), off or peak' "a bad loudness is refused"
expect_line "$T/set" '^setting key=loudness value=peak' "loudness peak is accepted"
expect_line "$T/set" '^error code=bad_value .*true_peak' "true_peak above 0 is refused"
finish

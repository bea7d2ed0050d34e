#!/bin/sh
# --generate-only PROMPT OUT.wav --json: the composer's plan as one JSON
# object, the words it did not understand, the tags of the saved WAV, and the
# fallback to oscillators without a soundfont or without the FluidSynth
# library, which the program itself never links.
. "${top_srcdir:-.}/tests/lib.sh"
out="$TEST_TMP/out"; err="$TEST_TMP/err"; wav="$TEST_TMP/a.wav"

# Check the JSON object in $out with a Python expression on it (named j).
json_check() { # EXPRESSION WHAT
	if python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$out" 2>"$TEST_TMP/py"; then
		pass "$2"
	else
		fail "$2 ($1 is false for: $(cat "$out"))"
	fi
}

"$IL_BIN" --generate-only "Lo-Fi Hip Hop, 80 BPM, in a minor, rainy evening" "$wav" --seed 7 -q --json >"$out" 2>"$err"
expect_status 0 $? "--generate-only --json exits 0"
[ "$(wc -l <"$out")" -eq 1 ] && pass "one line of output" || fail "$(wc -l <"$out") lines: $(cat "$out")"
json_check 'j["style"] == "lo-fi hip hop" and j["bpm"] == 80 and j["key"] == "A minor" and j["metre"] == "4/4"' "style, bpm, key and metre as asked"
json_check 'j["sections"] == ["A", "A'"'"'", "B", "A'"'"''"'"'"] and j["bars"] == 4' "four sections, four bars of 80 bpm in the loop"
json_check 'j["ignored"] == ["rainy", "evening"]' "the words not understood are listed"
json_check 'j["sample_rate"] == 48000 and j["seed"] == 7 and j["method"] == "composer"' "rate, seed and the composer's loop"
json_check 'abs((j["loop_end"] - j["loop_start"]) / 48000 - 4 * 3.0) < 0.01 and j["loop_seconds"] > 11.9' "the loop is the whole phrase: 4 bars of 3 s"
json_check 'len(j["instruments"]) >= 3 and all(isinstance(i, str) and i for i in j["instruments"])' "instruments are named"
python3 - "$wav" >"$TEST_TMP/tags" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
i = data.find(b"ICMT")
n = int.from_bytes(data[i + 4:i + 8], "little")
print(data[i + 8:i + 8 + n].rstrip(b"\0").decode())
PY
expect_line "$TEST_TMP/tags" '^LOOPSTART=[0-9]+ LOOPLENGTH=[0-9]+; composer; bpm=80\.00; key=A minor; .*; prompt=Lo-Fi Hip Hop, 80 BPM' "the WAV's comment tag holds loop, bpm, key and prompt"

"$IL_BIN" --generate-only "waltz in 3/4, music box, D MINOR, tempo 96" "$wav" --seed 3 -q --json >"$out" 2>"$err"
json_check 'j["style"] == "waltz" and j["metre"] == "3/4" and j["key"] == "D minor" and j["bpm"] == 96' "a waltz in 3/4 in D minor at tempo 96"
json_check 'abs((j["loop_end"] - j["loop_start"]) / 48000 - j["bars"] * 3 * 60 / 96) < 0.01' "the loop is whole bars of 3 beats"

printf 'soundfont = "none";\n' >"$TEST_TMP/nosf.cfg"
"$IL_BIN" --config "$TEST_TMP/nosf.cfg" --generate-only "melancholic cello" "$wav" --seed 5 --json >"$out" 2>"$err"
expect_status 0 $? "without a soundfont the composer still makes a loop"
json_check 'j["note"] and "oscillators" in j["note"] and any("Cello" in i and "(synth)" in i for i in j["instruments"])' "the note says oscillators play the cello"
expect_line "$err" '^infiniloop-tui: note: .*oscillators' "the note is on standard error too"

if ldd "$IL_BIN" >"$TEST_TMP/ldd" 2>&1; then
	grep -q fluidsynth "$TEST_TMP/ldd" && fail "the program links FluidSynth: $(grep fluidsynth "$TEST_TMP/ldd")" ||
		pass "the program does not link FluidSynth (only the render child opens it)"
fi
if [ -r /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || [ -r /usr/share/sounds/sf2/TimGM6mb.sf2 ]; then
	INFINILOOP_FLUIDSYNTH=libfluidsynth-missing.so.99 "$IL_BIN" --generate-only "melancholic cello" "$wav" --seed 5 --json >"$out" 2>"$err"
	expect_status 0 $? "without the FluidSynth library the composer still makes a loop"
	json_check '"FluidSynth library not found (libfluidsynth-missing.so.99" in j["note"] and "played by oscillators" in j["note"]' "the note says the FluidSynth library is missing"
	expect_line "$err" '^infiniloop-tui: note: FluidSynth library not found' "that note is on standard error too"
fi

"$IL_BIN" --generate-only "sparse kalimba and rain ambient" "$wav" -d 5 --seed 1 -q --json >"$out" 2>"$err"
json_check 'j["bars"] >= 1 and abs((j["loop_end"] - j["loop_start"]) / 48000 - j["bars"] * 240 / j["bpm"]) < 0.01' "a 5 s clip holds whole bars"
finish

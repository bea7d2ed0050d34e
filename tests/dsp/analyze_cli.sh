#!/bin/sh
# --analyze FILE [FILE]... [--json]: the loop of a file, its JSON, one
# object per line for several files, one-line errors, the FFTW wisdom cache.
. "${top_srcdir:-.}/tests/lib.sh"
MKSIGNAL="${top_builddir:-.}/tests/dsp/mksignal"
[ -x "$MKSIGNAL" ] || { echo "mksignal not built"; exit 77; }
out="$TEST_TMP/out"; err="$TEST_TMP/err"

"$MKSIGNAL" periodic "$TEST_TMP/p.wav" || exit 99
"$IL_BIN" --analyze "$TEST_TMP/p.wav" --json >"$out" 2>"$err"; expect_status 0 $? "--analyze --json exits 0"
[ "$(wc -l <"$out")" -eq 1 ] && pass "JSON is one line" || fail "JSON has $(wc -l <"$out") lines"
[ -s "$err" ] && fail "stderr not empty: $(cat "$err")" || pass "nothing on stderr"
for k in file sample_rate channels frames loop_start loop_end loop_seconds bpm beats method \
	score quality metrics candidates analysis_ms; do
	expect_line "$out" "\"$k\": " "JSON has $k"
done
expect_line "$out" '^\{"file": ".*p\.wav", "sample_rate": 32000, "channels": 1, "frames": 384000, ' "file, rate, channels, frames"
expect_line "$out" '"method": "advanced"' "advanced by default"
expect_line "$out" '"quality": "good"' "a periodic clip loops well"
expect_line "$out" '"metrics": \{"spectral": [0-9.]+, "waveform": [0-9.]+, "beat": [0-9.]+, "phase": [0-9.]+' "metrics object"
expect_line "$out" '"candidates": \[\{"start": [0-9]+, "end": [0-9]+' "candidates array"
expect_line "$out" '\}$' "the object is closed"
start=$(sed -n 's/.*"loop_start": \([0-9]*\).*/\1/p' "$out")
end=$(sed -n 's/.*"loop_end": \([0-9]*\).*/\1/p' "$out")
[ -n "$start" ] && [ -n "$end" ] || { fail "no loop points"; finish; }
[ $(( (end - start) % 80007 )) -eq 0 ] && pass "length is a multiple of the period" \
	|| fail "length $((end - start)) is not a multiple of 80007"
[ "$start" -ge 32000 ] && pass "start after the intro" || fail "start $start inside the intro"

"$IL_BIN" --analyze "$TEST_TMP/p.wav" >"$out" 2>"$err"; expect_status 0 $? "--analyze exits 0"
expect_line "$out" "^loop: +frames $start-$end " "summary names the same loop"
expect_line "$out" '^method: +advanced, score [0-9.]+ \(good\)' "summary names method and quality"

"$MKSIGNAL" stereo "$TEST_TMP/s.wav" || exit 99
"$IL_BIN" --analyze "$TEST_TMP/s.wav" --json >"$out" 2>"$err"; expect_status 0 $? "stereo exits 0"
expect_line "$out" '"channels": 2, ' "stereo has 2 channels"

# The algorithm setting chooses classic mode.
printf 'algorithm = "classic";\n' >"$TEST_TMP/settings.conf"
"$IL_BIN" --config "$TEST_TMP/settings.conf" --analyze "$TEST_TMP/p.wav" --json >"$out" 2>"$err"
expect_status 0 $? "classic exits 0"
expect_line "$out" '"method": "classic"' "algorithm = classic is used"

# A name that needs escaping in JSON.
odd="$TEST_TMP/we\"ird\\name.wav"
cp "$TEST_TMP/p.wav" "$odd"
"$IL_BIN" --analyze "$odd" --json >"$out" 2>"$err"; expect_status 0 $? "odd name exits 0"
expect_line "$out" 'we\\"ird\\\\name\.wav"' "file name escaped in JSON"
bad="$TEST_TMP/$(printf 'caf\303\251-\377')x.wav"
cp "$TEST_TMP/p.wav" "$bad"
"$IL_BIN" --analyze "$bad" --json >"$out" 2>"$err"; expect_status 0 $? "non-UTF-8 name exits 0"
expect_line "$out" "caf$(printf '\303\251')-\\\\ufffdx\\.wav\"" "UTF-8 kept, a stray byte becomes U+FFFD"

# Several files: one JSON object per line, in order; a bad one in between
# is reported on stderr, the others still printed, exit 1.
"$IL_BIN" --analyze "$TEST_TMP/p.wav" "$TEST_TMP/s.wav" "$TEST_TMP/p.wav" --json >"$out" 2>"$err"
expect_status 0 $? "three files exit 0"
[ "$(wc -l <"$out")" -eq 3 ] && pass "three files: three lines" || fail "three files: $(wc -l <"$out") lines"
[ "$(sed -n 's/^{"file": "[^"]*\/\([ps]\)\.wav".*/\1/p' "$out" | tr -d '\n')" = psp ] &&
	pass "one object per file, in order" || fail "objects: $(cut -c1-60 "$out")"
[ "$(sed -n 's/.*"loop_start": \([0-9]*\).*/\1/p' "$out" | sed -n '1p;3p' | uniq | wc -l)" -eq 1 ] &&
	pass "the same file gives the same loop cold and warm" || fail "cold and warm loops differ"
"$IL_BIN" --analyze "$TEST_TMP/p.wav" "$TEST_TMP/missing.wav" "$TEST_TMP/s.wav" --json >"$out" 2>"$err"
expect_status 1 $? "a missing file among three exits 1"
[ "$(wc -l <"$out")" -eq 2 ] && pass "the two good files are printed" || fail "$(wc -l <"$out") lines printed"
expect_line "$err" "^infiniloop-tui: $TEST_TMP/missing.wav: cannot open" "the missing file is named"
"$IL_BIN" --analyze "$TEST_TMP/p.wav" "$TEST_TMP/s.wav" >"$out" 2>"$err"
[ "$(grep -c '^loop: ' "$out")" -eq 2 ] && pass "text: one summary per file" || fail "text: $(grep -c '^loop: ' "$out") summaries"

# What FFTW planned is kept in the cache folder for the next run; a damaged
# file costs nothing but planning and is replaced.
w="$HOME/.cache/infiniloop/fftw-wisdom"
grep -q 'fftw' "$w" 2>/dev/null && pass "FFTW wisdom saved in ~/.cache/infiniloop" || fail "no wisdom in $w"
echo "(not wisdom" >"$w"
"$IL_BIN" --analyze "$TEST_TMP/p.wav" --json >"$out" 2>"$err"; expect_status 0 $? "damaged wisdom: exits 0"
[ -s "$err" ] && fail "damaged wisdom: stderr: $(cat "$err")" || pass "damaged wisdom: nothing on stderr"
expect_line "$out" '"quality": "good"' "damaged wisdom: the same analysis"
grep -q 'fftw' "$w" && pass "damaged wisdom is replaced" || fail "damaged wisdom kept: $(head -c 60 "$w")"

# Errors: one line on stderr naming the file and the reason, exit 1.
check_error() { # KIND-or-PATH REASON-REGEX WHAT
	"$IL_BIN" --analyze "$1" --json >"$out" 2>"$err"; expect_status 1 $? "$3 exits 1"
	[ "$(wc -l <"$err")" -eq 1 ] && pass "$3: one line" || fail "$3: $(wc -l <"$err") lines on stderr"
	expect_line "$err" "^infiniloop-tui: $1: $2" "$3: file and reason"
	[ -s "$out" ] && fail "$3: stdout not empty" || pass "$3: nothing on stdout"
}
for k in silence dc nan short; do "$MKSIGNAL" $k "$TEST_TMP/$k.wav" || exit 99; done
check_error "$TEST_TMP/silence.wav" "silent" "silence"
check_error "$TEST_TMP/dc.wav" "constant \(DC-only\)" "DC"
check_error "$TEST_TMP/nan.wav" "invalid audio \(sample [0-9]+ is not a finite number\)" "NaN"
check_error "$TEST_TMP/short.wav" "too short \(0\.50 s" "0.5 s clip"
check_error "$TEST_TMP/missing.wav" "cannot open: No such file" "missing file"
: >"$TEST_TMP/empty.wav"
check_error "$TEST_TMP/empty.wav" "empty" "empty file"
echo "not audio" >"$TEST_TMP/junk.wav"
check_error "$TEST_TMP/junk.wav" "unreadable" "unreadable file"
finish

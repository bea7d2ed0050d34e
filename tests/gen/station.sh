#!/bin/sh
# A headless station of the composer (--fast, 10 switches): a prompt without
# a tempo or key keeps the tempo of its first loop and moves to related keys
# (same, relative, a fifth away), and in a minor one when its mood is dark;
# a prompt with a tempo keeps it; in the
# rendered file each crossfade starts on a downbeat of the outgoing loop
# (within 10 ms, with an onset there) and the incoming loop starts on its own.
. "${top_srcdir:-.}/tests/lib.sh"
printf 'min_duration = 10;\ncrossfade = 2.0;\nduration = 8;\ndebug = true;\n' >"$XDG_CONFIG_HOME/cfg"

# Run the station for PROMPT; events in $TEST_TMP/NAME.ev, audio in NAME.wav.
station() { # NAME PROMPT
	"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --prompt "$2" --output "file:$TEST_TMP/$1.wav" \
		--fast --switches 10 </dev/null >"$TEST_TMP/$1.ev" 2>"$TEST_TMP/$1.err"
	expect_status 0 $? "$1: the station runs 10 switches"
}

# Check the events and the file of station NAME; KEYS is "related" or "same".
check() { # NAME
	python3 - "$TEST_TMP/$1.ev" "$TEST_TMP/$1.wav" <<'PY'
import re, struct, sys, wave
ev = open(sys.argv[1], encoding="utf-8").read().splitlines()
loops, starts = [], []
for line in ev:
    if line.startswith("loop ") and "method=composer" in line:
        f = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line))
        f = {k: v.strip('"') for k, v in f.items()}
        if f["prompt"] != "startup loop":
            loops.append(f)
    m = re.search(r'loop started at frame (\d+)', line)
    if m:
        starts.append(int(m.group(1)))
names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
def key(s):
    n, mode = s.split()
    return names.index(n), mode == "minor"
bad = []
for a, b in zip(loops, loops[1:]):
    (r1, m1), (r2, m2) = key(a["key"]), key(b["key"])
    rel = (r1 == r2 and m1 == m2) or (m1 == m2 and (r2 - r1) % 12 in (5, 7)) or \
          (m1 != m2 and ((not m1 and r2 == (r1 + 9) % 12) or (m1 and r2 == (r1 + 3) % 12)))
    if not rel:
        bad.append("key %s -> %s" % (a["key"], b["key"]))
    if abs(float(b["bpm"]) / float(a["bpm"]) - 1) > 0.03:
        bad.append("tempo %s -> %s" % (a["bpm"], b["bpm"]))
print("keys:", " ".join(l["key"].replace(" ", "") for l in loops), "| bpm:", " ".join(l["bpm"] for l in loops))
if len(loops) < 10:
    bad.append("only %d loops of the station" % len(loops))
# The file: each switch (a loop start after the first) must fall on a downbeat
# of the loop before it: a whole number of its bars after its own start.
w = wave.open(sys.argv[2]) if False else None
data = open(sys.argv[2], "rb").read()
i = data.find(b"data")
n = int.from_bytes(data[i + 4:i + 8], "little") // 8
frames = struct.unpack("<%df" % (2 * n), data[i + 8:i + 8 + 8 * n])
rate = 48000
allloops = [dict((k, v.strip('"')) for k, v in re.findall(r'(\w+)=("[^"]*"|\S+)', l)) for l in ev if l.startswith("loop ")]
hop = 120
env = [sum(abs(frames[2 * j]) for j in range(k, min(k + hop, n))) for k in range(0, n, hop)]
flux = [max(0.0, env[k] - env[k - 1]) for k in range(1, len(env))]
med = sorted(flux)[len(flux) // 2] + 1e-9
checked = 0
for k in range(1, min(len(starts), len(allloops))):
    prev = allloops[k - 1]
    if prev.get("method") != "composer" or not prev.get("bpm"):
        continue
    secs, bpm = float(prev["seconds"]), float(prev["bpm"])
    bars = max(1, round(secs * bpm / 240.0))
    bar = secs / bars
    since = (starts[k] - starts[k - 1]) / rate
    off = since - round(since / bar) * bar
    if abs(off) > 0.010:
        bad.append("switch %d is %.1f ms off a downbeat of the loop before" % (k, off * 1000))
    lo, hi = max(0, (starts[k] - 480) // hop - 1), min(len(flux), (starts[k] + 480) // hop + 1)
    if starts[k] < n and max(flux[lo:hi]) < 3 * med:
        bad.append("no onset in the file within 10 ms of switch %d" % k)
    checked += 1
if checked < 9:
    bad.append("only %d switches checked" % checked)
print("\n".join(bad) if bad else "ok: %d switches on downbeats, related keys, steady tempo" % checked)
sys.exit(1 if bad else 0)
PY
}

station keyless "lo-fi hip hop"
check keyless >"$TEST_TMP/keyless.out" 2>&1 && pass "keyless: $(tail -1 "$TEST_TMP/keyless.out")" || fail "keyless: $(cat "$TEST_TMP/keyless.out")"
sed 's/^/  | /' "$TEST_TMP/keyless.out" | head -3
station tempo "deep house, 124 bpm"
check tempo >"$TEST_TMP/tempo.out" 2>&1 && pass "tempo: $(tail -1 "$TEST_TMP/tempo.out")" || fail "tempo: $(cat "$TEST_TMP/tempo.out")"
sed 's/^/  | /' "$TEST_TMP/tempo.out" | head -3
grep -q 'bpm=124.0 ' "$TEST_TMP/tempo.ev" && pass "the prompt's tempo is kept" || fail "no loop at 124 bpm"
station dark "dark cinematic strings"
check dark >"$TEST_TMP/dark.out" 2>&1 && pass "dark: $(tail -1 "$TEST_TMP/dark.out")" || fail "dark: $(cat "$TEST_TMP/dark.out")"
keys=$(grep '^keys:' "$TEST_TMP/dark.out")
case $keys in
*major*) fail "a dark station wandered into a major key: $keys" ;;
*minor*) pass "a dark station keeps to minor keys: $keys" ;;
*) fail "no keys from the dark station" ;;
esac
finish

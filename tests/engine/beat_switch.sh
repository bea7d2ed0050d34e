#!/bin/sh
# Beat-aligned switches with a generator that knows nothing of beats: the
# command backend runs tests/engine/fake-drums, whose click tracks (120 bpm,
# first downbeat at 0.37 s, 1 kHz clicks; 100 bpm, at 0.81 s, 1.5 kHz) take
# turns. A headless --fast station into a file; in the rendered file, each
# crossfade between two of them (the `loop started at frame N` events)
# starts within 10 ms of a downbeat of the outgoing loop (its last loud
# click before N, a whole number of its bars earlier) and of the incoming
# one (its first loud click after the crossfade, a whole number of its bars
# later), and, the tempos being 20 % apart, the outgoing loop fades out
# over one of its bars (2 s at 120 bpm, 2.4 s at 100 bpm), not over the
# 3 s of `crossfade`: its clicks within the bar keep equal-power gains of
# that length, and none is heard after it.
. "${top_srcdir:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
FAKE="$top_srcdir/tests/engine/fake-drums"
cat >"$XDG_CONFIG_HOME/cfg" <<EOF
backend = "command";
command = ["python3", "$FAKE", "--secs", "{secs}", "--output", "{output}", "--", "{prompt}"];
duration = 8;
min_duration = 11;
crossfade = 3.0;
debug = true;
EOF
export FAKE_DRUMS_STATE="$TEST_TMP/count" FAKE_DRUMS_KINDS="120:0.37:1000 100:0.81:1500"
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --prompt "drums" --output "file:$TEST_TMP/o.wav" \
	--fast --switches 6 </dev/null >"$TEST_TMP/ev" 2>"$TEST_TMP/err"
expect_status 0 $? "the station runs 6 switches"
[ -s "$TEST_TMP/err" ] && fail "stderr: $(head -c 300 "$TEST_TMP/err")" || pass "nothing on stderr"
[ "$(grep -c '^loop .*prompt=drums .*method=advanced' "$TEST_TMP/ev")" -ge 5 ] &&
	pass "the command's clips were analysed and played" || fail "loops: $(grep '^loop ' "$TEST_TMP/ev" | cut -c1-160)"

python3 - "$TEST_TMP/ev" "$TEST_TMP/o.wav" >"$TEST_TMP/check" 2>&1 <<'PY'
import math, re, sys
from array import array
ev = open(sys.argv[1], encoding="utf-8").read().splitlines()
loops, starts = [], []
for line in ev:
    if line.startswith("loop "):
        loops.append(dict((k, v.strip('"')) for k, v in re.findall(r'(\w+)=("[^"]*"|\S+)', line)))
    m = re.search(r'loop started at frame (\d+)', line)
    if m:
        starts.append(int(m.group(1)))
data = open(sys.argv[2], "rb").read()
i = data.find(b"data")
x = array("f")
x.frombytes(data[i + 8:i + 8 + int.from_bytes(data[i + 4:i + 8], "little") // 8 * 8])
x = x[0::2]  # the left channel
R = 48000
BAR = {120: 2.0, 100: 2.4}  # seconds of a bar, by the fake's tempo

def peak(a, b):
    """The loudest sample of x[a:b] (frames)."""
    return max(abs(v) for v in x[max(0, int(a)):int(b)]) if int(b) > int(a) else 0.0

def downbeats(a, b):
    """Onsets (frames) of the loud clicks (downbeats) in x[a:b]: first
    samples over 0.6 of the loudest there (the soft beats are 4x quieter)."""
    a, b = int(a), int(b)
    thr, out, k = 0.6 * peak(a, b), [], a
    while k < b:
        if abs(x[k]) > thr:
            out.append(k)
            k += int(0.1 * R)
        else:
            k += 1
    return out

def off(d, bar):
    """d seconds from a whole number of bars, in ms (signed)."""
    return (d - round(d / bar) * bar) * 1000

bad, rows, checked = [], [], 0
for k in range(1, min(len(starts), len(loops))):
    a, b = loops[k - 1], loops[k]
    if a.get("prompt") != "drums" or b.get("prompt") != "drums":
        continue
    ta, tb = round(float(a["bpm"])), round(float(b["bpm"]))
    if ta not in BAR or tb not in BAR:
        bad.append("switch %d: tempos %s and %s are not the fake's" % (k, a["bpm"], b["bpm"]))
        continue
    n, bara, barb = starts[k], BAR[ta], BAR[tb]
    fade = min(bara, 3.0) if ta != tb else 3.0
    if n + (fade + barb + 0.2) * R > len(x):
        continue
    # The outgoing loop's last downbeat before the crossfade.
    da = downbeats(n - (bara + 0.1) * R, n - 0.02 * R)
    # The incoming loop's first downbeat once it plays alone.
    db = downbeats(n + (fade + 0.02) * R, n + (fade + barb + 0.1) * R)
    if not da or not db:
        bad.append("switch %d: no downbeat found (%d before, %d after)" % (k, len(da), len(db)))
        continue
    oa, ob = off((n - da[-1]) / R, bara), off((db[0] - n) / R, barb)
    # The outgoing loop's soft clicks during the fade, each against the same
    # click a bar earlier: equal-power gains cos(pi/2 t/L) give L; none
    # after one of its bars.
    beat, ests, late = bara / 4, [], []
    for j in range(1, 8):
        d = j * beat  # a beat of the outgoing loop, d seconds into the fade
        if abs(off(d, barb / 4)) < 50:
            continue  # a click of the incoming loop is there too
        t = n + d * R
        r = t - math.ceil((d + 0.05) / bara) * bara * R  # the same click before the fade
        g = peak(t - 0.001 * R, t + 0.015 * R) / max(1e-9, peak(r - 0.001 * R, r + 0.015 * R))
        if d < bara - 1e-6 and 0.05 < g < 0.99:
            ests.append(j * beat / (math.acos(g) * 2 / math.pi))
        elif d >= bara - 1e-6 and d < 3.0 + 0.5:
            late.append(g)
    length = ests[-1] if ests else float("nan")
    rows.append("switch %d: %d -> %d bpm at %.3f s: outgoing downbeat %+.1f ms, incoming downbeat %+.1f ms, "
                "fade %.3f s (a bar: %.1f s), after it %.3f" % (k, ta, tb, n / R, oa, ob, length, bara,
                                                               max(late) if late else 0))
    if abs(oa) > 10:
        bad.append("switch %d starts %.1f ms off a downbeat of the outgoing loop" % (k, oa))
    if abs(ob) > 10:
        bad.append("switch %d brings the incoming loop in %.1f ms off its downbeat" % (k, ob))
    if not ests or abs(length / bara - 1) > 0.05:
        bad.append("switch %d: the outgoing loop fades over %.3f s, not one bar (%.1f s)" % (k, length, bara))
    if late and max(late) > 0.1:
        bad.append("switch %d: the outgoing loop is still heard after one bar (gain %.3f)" % (k, max(late)))
    checked += 1
print("\n".join(rows))
if checked < 4:
    bad.append("only %d switches between the fake's clips checked" % checked)
print("\n".join(bad) if bad else "ok: %d switches on downbeats of both loops, one bar of crossfade" % checked)
sys.exit(1 if bad else 0)
PY
st=$?
sed 's/^/  | /' "$TEST_TMP/check"
[ $st -eq 0 ] && pass "$(tail -1 "$TEST_TMP/check" | sed "s/^ok: //")" || fail "beat-aligned switches (see above)"
finish

#!/usr/bin/python3
"""Music benchmark of the built-in composer (listening-free, reproducible).

usage: music_bench.py BINARY SRCDIR [CORPUS_DIR]

Renders every shipped preset (read from src/store/settings.c) and the
prompts below at the default 15 s with seeds 101-103 and prints, per
prompt: the plan (the --json object when the binary prints one), the loop
length in seconds and bars, the repetition check (largest correlation of the
loop with itself shifted by a whole number of beats shorter than the loop),
an independent key estimate (chroma against Temperley's key profiles) and
tempo estimate (autocorrelation of an onset envelope) against the plan, the
1-8 kHz energy share against the real-music corpus (build.py dev DIR), the
L/R correlation and the variety across the 3 seeds. Then a summary.
Figures only: it never fails on them. Needs python3-numpy, python3-soundfile.
"""
import json, os, re, resource, statistics, subprocess, sys, tempfile
import numpy as np
import soundfile as sf

PROMPTS = [
    "slow dub reggae 72 bpm in G minor", "driving italo disco 124 bpm",
    "sparse kalimba and rain ambient", "melancholic cello", "funky bass groove 110 bpm",
    "celtic folk fiddle", "trap beat 140 bpm", "bossa nova guitar", "dark drone",
    "happy ukulele", "heavy rock guitar riff 150 bpm in E minor", "thrash metal 160 bpm",
    "upbeat pop song 120 bpm in C major", "chill electronic music for coding",
    "minimal piano, sad, 60 bpm", "epic orchestral battle music in C minor 140 bpm",
    "soulful blues slow jam 80 bpm in Bb major", "house music in a minor, bpm 125",
    "jazzy hip hop beat, tempo 88", "classical string quartet in f# minor",
    "fast techno 150 bpm in F minor", "waltz in 3/4, music box, d minor",
    "latin salsa piano 100 bpm", "calm harp and flute in eb major",
    "energetic synthwave in c# minor", "dark cinematic strings in b minor",
]
SEEDS = [101, 102, 103]
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
T_MAJ = np.array([5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0])
T_MIN = np.array([5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0])
PC = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}


def presets(srcdir):
    text = open(os.path.join(srcdir, "src/store/settings.c"), encoding="utf-8").read()
    block = text[text.find("settings_default_presets"):]
    block = block[:block.find("};")]
    return re.findall(r'\{ "[^"]*", "([^"]*)" \}', block)


def parse_key(s):
    """(root, minor) from 'D minor' / 'C# major' / a prompt; None if absent."""
    m = re.search(r"(?<![a-z])([a-g])(#|b|\u266f|\u266d)?\s*(minor|major|min|maj|m)(?![a-z])",
                  s, re.I)
    if not m:
        return None
    root = PC[m.group(1).lower()] + (1 if m.group(2) in ("#", "\u266f") else -1 if m.group(2) else 0)
    return root % 12, m.group(3).lower() in ("minor", "min", "m")


def parse_bpm(s):
    m = re.search(r"(\d{2,3})\s*bpm|bpm\s*(\d{2,3})|tempo\s*(\d{2,3})", s, re.I)
    return float(next(g for g in m.groups() if g)) if m else None


def children_cpu():
    """Processor seconds of the reaped children (with theirs: FluidSynth's)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def render(binary, prompt, seed, out, env, secs=15):
    t0 = children_cpu()
    cmd = [binary, "--generate-only", prompt, out, "-d", str(secs), "--seed", str(seed), "-q"]
    p = subprocess.run(cmd + ["--json"], capture_output=True, text=True, env=env)
    plan = None
    if p.returncode == 0:
        try:
            plan = json.loads(p.stdout)
        except ValueError:
            plan = None
    else:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    cpu = children_cpu() - t0
    if p.returncode != 0:
        return None, cpu, p.stderr.strip()
    return plan, cpu, ""


def loop_points(path, n):
    info = sf.info(path)
    txt = " ".join(str(v) for v in sf.SoundFile(path).copy_metadata().values())
    m = re.search(r"LOOPSTART=(\d+) LOOPLENGTH=(\d+)", txt)
    if not m:
        return 0, n
    return int(m.group(1)), int(m.group(1)) + int(m.group(2))


def stft_mag(x, n=4096, hop=1024):
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    frames = 1 + (len(x) - n) // hop
    idx = np.arange(n)[None, :] + hop * np.arange(frames)[:, None]
    return np.abs(np.fft.rfft(x[idx] * np.hanning(n), axis=1))


def median_filter(a, k, axis):
    """Median of each k values along axis (edges repeated)."""
    pad = [(0, 0), (0, 0)]
    pad[axis] = (k // 2, k // 2)
    win = np.lib.stride_tricks.sliding_window_view(np.pad(a, pad, mode="edge"), k, axis=axis)
    return np.median(win, axis=-1)


def key_estimate(mono, rate, harmonic=False):
    """Krumhansl key of the chroma of spectral peaks; harmonic: of the
    harmonic part only (median-filter separation), so that pitched drums
    do not count."""
    mag = stft_mag(mono, 8192, 2048)
    f = np.fft.rfftfreq(8192, 1 / rate)
    band = (f > 60) & (f < 2100)
    m = mag[:, band]
    if harmonic:
        m = m * (median_filter(m, 17, 0) >= median_filter(m, 17, 1))
    chroma = np.zeros(12)
    midi = 69 + 12 * np.log2(f[band] / 440.0)
    pcs = np.round(midi).astype(int) % 12
    near = np.abs(midi - np.round(midi)) < 0.35
    for fr in m:
        pk = (fr > np.roll(fr, 1)) & (fr >= np.roll(fr, -1)) & (fr > fr.max() * 0.01) & near
        np.add.at(chroma, pcs[pk], fr[pk])
    best, bs = None, -2
    for r in range(12):
        for mi, prof in ((0, T_MAJ), (1, T_MIN)):
            c = np.corrcoef(chroma, np.roll(prof, r))[0, 1]
            if c > bs:
                bs, best = c, (r, mi)
    return best


def key_relation(est, plan):
    if est == plan:
        return "same"
    (r1, m1), (r2, m2) = est, plan
    if m1 != m2 and ((m2 and r1 == (r2 + 3) % 12) or (not m2 and r1 == (r2 + 9) % 12)):
        return "relative"
    if m1 == m2 and (r1 - r2) % 12 in (5, 7):
        return "fifth"
    return "other"


def tempo_estimate(mono, rate):
    hop = 512
    mag = stft_mag(mono, 2048, hop)
    lm = np.log1p(mag[:, : 2048 * 8000 // rate] * 10)
    flux = np.maximum(np.diff(lm, axis=0), 0).sum(axis=1)
    flux = flux - np.convolve(flux, np.ones(16) / 16, mode="same")
    flux = np.maximum(flux, 0)
    fps = rate / hop
    ac = np.correlate(flux, flux, mode="full")[len(flux) - 1:]
    best, bv = 0, -1
    for bpm in np.arange(60, 200, 0.25):
        lag = fps * 60 / bpm
        i = int(lag)
        if i + 1 >= len(ac):
            continue
        v = ac[i] * (1 - (lag - i)) + ac[i + 1] * (lag - i)
        v *= np.exp(-0.5 * (np.log2(bpm / 110.0) / 0.9) ** 2)
        if v > bv:
            bv, best = v, bpm
    return best


def tempo_relation(est, plan):
    for name, k in (("same", 1), ("x2", 2), ("x1/2", 0.5), ("x3/2", 1.5), ("x2/3", 2 / 3)):
        if abs(est / (plan * k) - 1) < 0.04:
            return name
    return "other"


def band_share(mono, rate, lo=1000, hi=8000):
    mag = stft_mag(mono, 4096, 2048) ** 2
    f = np.fft.rfftfreq(4096, 1 / rate)
    tot = mag[:, (f >= 20) & (f < 16000)].sum()
    return mag[:, (f >= lo) & (f < hi)].sum() / max(tot, 1e-20)


def repetition(mono, rate, bpm, beats_per_bar):
    """Largest correlation of the loop's log spectrogram with itself shifted
    circularly by whole beats shorter than half the loop."""
    hop = 1024
    spec = np.log1p(stft_mag(np.concatenate([mono, mono[:4096]]), 2048, hop)[:, :400] * 10)
    nfr = max(1, len(mono) // hop)
    spec = spec[:nfr]
    spec = spec - spec.mean()
    beat = rate * 60 / bpm / hop
    best, lagb = 0.0, 0
    k = 1
    while k * beat <= nfr / 2 + 1e-9:
        lag = int(round(k * beat))
        a = spec
        b = np.roll(spec, -lag, axis=0)
        c = float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))
        if c > best:
            best, lagb = c, k
        k += 1
    return best, lagb


def mel_ltas(mono, rate):
    mag = stft_mag(mono, 4096, 2048) ** 2
    f = np.fft.rfftfreq(4096, 1 / rate)
    mel = 2595 * np.log10(1 + f / 700)
    edges = np.linspace(2595 * np.log10(1 + 40 / 700), 2595 * np.log10(1 + 16000 / 700), 41)
    p = mag.mean(axis=0)
    bands = np.array([p[(mel >= edges[i]) & (mel < edges[i + 1])].sum() + 1e-12 for i in range(40)])
    db = 10 * np.log10(bands / bands.sum())
    return db


def bar_rhythm(mono, rate, bpm, beats_per_bar):
    hop = 256
    mag = stft_mag(mono, 1024, hop)
    flux = np.maximum(np.diff(np.log1p(mag * 10), axis=0), 0).sum(axis=1)
    bar = rate * 60 / bpm * beats_per_bar / hop
    steps = 4 * beats_per_bar
    acc = np.zeros(steps)
    for i, v in enumerate(flux):
        acc[int((i % bar) / bar * steps) % steps] += v
    return acc / (np.linalg.norm(acc) + 1e-12)


def corpus_share(cdir):
    if not cdir or not os.path.isdir(cdir):
        return None
    shares = []
    for fn in sorted(os.listdir(cdir)):
        if fn.endswith(".wav"):
            x, r = sf.read(os.path.join(cdir, fn), always_2d=True)
            shares.append(band_share(x.mean(axis=1), r))
    return statistics.median(shares) if shares else None


def main():
    binary, srcdir = sys.argv[1], sys.argv[2]
    cdir = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("IL_CORPUS")
    tmp = tempfile.mkdtemp(prefix="il-music-bench.")
    env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp + "/cfg", XDG_DATA_HOME=tmp + "/data",
               XDG_STATE_HOME=tmp + "/state", XDG_CACHE_HOME=tmp + "/cache")
    real = corpus_share(cdir)
    allp = [("P%02d" % i, p) for i, p in enumerate(presets(srcdir))] + \
           [("U%02d" % (i + 1), p) for i, p in enumerate(PROMPTS)]
    lens, speeds, minor_ok, minor_n, named_ok, named_n, shares, lrs, tempo_ok = [], [], 0, 0, 0, 0, [], [], []
    key_ok, hkey_ok, key_n = 0, 0, 0
    reps, variety, poor = [], [], 0
    for tag, prompt in allp:
        ltas, rhy = [], []
        print("== %s %s" % (tag, prompt))
        for seed in SEEDS:
            out = os.path.join(tmp, "%s-%d.wav" % (tag, seed))
            plan, cpu, msg = render(binary, prompt, seed, out, env)
            if not os.path.exists(out):
                print("  seed %d: failed: %s" % (seed, msg))
                poor += 1
                continue
            x, rate = sf.read(out, always_2d=True, dtype="float32")
            s, e = loop_points(out, len(x))
            loop = x[s:e]
            mono = loop.mean(axis=1)
            tiled = np.tile(mono, int(np.ceil(30 * rate / len(mono))))
            speeds.append(len(x) / rate / cpu)
            bpm = (plan or {}).get("bpm") or parse_bpm(prompt)
            metre = (plan or {}).get("metre", "4/4")
            bpb = int(metre.split("/")[0]) if metre != "6/8" else 2
            beat_unit = 1.5 if metre == "6/8" else 1.0
            secs = len(loop) / rate
            bars = secs * bpm / 60 / (bpb * beat_unit) if bpm else float("nan")
            if seed == SEEDS[0]:
                print("  plan: %s" % (json.dumps(plan) if plan else "(none printed)"))
            lens.append(secs)
            key_plan = parse_key((plan or {}).get("key", "")) or parse_key(prompt)
            est = key_estimate(tiled, rate)
            rel = key_relation(est, key_plan) if key_plan else "-"
            hest = key_estimate(tiled, rate, True)
            hrel = key_relation(hest, key_plan) if key_plan else "-"
            if key_plan:
                key_n += 1
                key_ok += rel == "same"
                hkey_ok += hrel == "same"
            if key_plan and key_plan[1]:
                minor_n += 1
                minor_ok += rel == "same"
            if parse_key(prompt):
                named_n += 1
                named_ok += rel == "same"
            t_est = tempo_estimate(tiled, rate)
            trel = tempo_relation(t_est, bpm) if bpm else "-"
            if bpm:
                tempo_ok.append(trel == "same")
            rep, lag = repetition(mono, rate, bpm or 120, bpb) if bpm else (float("nan"), 0)
            reps.append(rep)
            sh = band_share(tiled, rate)
            shares.append(sh)
            lr = float(np.corrcoef(loop[:, 0], loop[:, 1])[0, 1]) if loop.shape[1] == 2 else 1.0
            lrs.append(lr)
            ltas.append(mel_ltas(tiled, rate))
            if bpm:
                rhy.append(bar_rhythm(tiled, rate, bpm * (1 / beat_unit if metre == "6/8" else 1), bpb))
            gap = " (%+.1f dB vs real)" % (10 * np.log10(sh / real)) if real else ""
            print("  seed %d: loop %.2f s = %.2f bars; repetition max %.2f at %d beats%s; "
                  "key %s %s vs plan %s (%s; harmonic part %s %s); tempo %.1f vs %s (%s); 1-8 kHz %.3f%s; L/R %.2f; %.0fx real time"
                  % (seed, secs, bars, rep, lag, " (SUB-LOOP)" if rep > 0.95 else "",
                     NAMES[est[0]], "minor" if est[1] else "major",
                     (NAMES[key_plan[0]] + (" minor" if key_plan[1] else " major")) if key_plan else "?",
                     rel, NAMES[hest[0]], "minor" if hest[1] else "major", t_est, "%g" % bpm if bpm else "?", trel, sh, gap, lr, len(x) / rate / cpu))
        if len(ltas) > 1:
            d = [float(np.sqrt(np.mean((ltas[i] - ltas[j]) ** 2)))
                 for i in range(len(ltas)) for j in range(i + 1, len(ltas))]
            rc = [float(np.dot(rhy[i], rhy[j])) for i in range(len(rhy)) for j in range(i + 1, len(rhy))]
            variety.append((statistics.mean(d), statistics.mean(rc) if rc else float("nan")))
            print("  variety over %d seeds: mel-LTAS distance %.1f dB, bar-rhythm correlation %.2f"
                  % (len(ltas), variety[-1][0], variety[-1][1]))
    print("== summary (%d prompts x %d seeds)" % (len(allp), len(SEEDS)))
    print("median loop length at 15 s: %.2f s (aim > 12 s)" % statistics.median(lens))
    if minor_n:
        print("minor-key agreement: %d/%d = %.0f %% (aim 80 %%)" % (minor_ok, minor_n, 100.0 * minor_ok / minor_n))
    if key_n:
        print("key agreement, all: %d/%d = %.0f %%; of the harmonic part only (drums filtered out): %d/%d = %.0f %%"
              % (key_ok, key_n, 100.0 * key_ok / key_n, hkey_ok, key_n, 100.0 * hkey_ok / key_n))
    if named_n:
        print("key agreement, prompts naming a key: %d/%d = %.0f %%" % (named_ok, named_n, 100.0 * named_ok / named_n))
    if tempo_ok:
        print("tempo estimate equal to the plan: %.0f %%" % (100.0 * sum(tempo_ok) / len(tempo_ok)))
    print("loops with a sub-period correlation > 0.95: %d of %d" % (sum(r > 0.95 for r in reps), len(reps)))
    if real:
        g = 10 * np.log10(statistics.median(shares) / real)
        print("1-8 kHz share: %.3f against %.3f in the real corpus: gap %+.1f dB (aim within 2 dB)"
              % (statistics.median(shares), real, g))
    else:
        print("1-8 kHz share: %.3f (no corpus: build one with build.py dev DIR, set IL_CORPUS)"
              % statistics.median(shares))
    print("L/R correlation: median %.2f" % statistics.median(lrs))
    print("same-prompt variety: mel-LTAS %.1f dB, bar-rhythm correlation %.2f (medians)"
          % (statistics.median(v[0] for v in variety), statistics.median(v[1] for v in variety if v[1] == v[1])))
    print("rendering speed: slowest %.0fx real time, median %.0fx (processor time of the whole --generate-only run)"
          % (min(speeds), statistics.median(speeds)))
    print("failed renders: %d" % poor)
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()

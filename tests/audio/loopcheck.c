/* loopcheck.c: compare what the player played with the loops it played.
 *
 *   loopcheck pulse REC.raw A.wav B.wav XFADE MINREPS [BSTART]
 *       REC.raw is a recording of the sink's monitor (s16le, 48 kHz,
 *       stereo); A.wav and B.wav are the loops as saved by the engine (loop
 *       points in their smpl chunk); XFADE is the crossfade in seconds.
 *       A is found in the recording by its samples, the switch where the
 *       recording leaves A. Checks: at least MINREPS repetitions of A before
 *       the switch, each matching A sample for sample within 16-bit rounding
 *       (no gap, no click); the crossfade's measured gains follow equal
 *       power within 1 dB; B plays on exactly afterwards, from frame
 *       BSTART of its loop on (its downbeat; 0 when not given).
 *   loopcheck alsa REC.raw A.wav B.wav XFADE MINREPS [BSTART]
 *       The same for a recording of what an ALSA sink wrote, taken by
 *       ALSA's file plugin: raw 32-bit float, 48 kHz, stereo.
 *   loopcheck repeat REC.raw A.wav MINREPS
 *       REC.raw (s16le, 48 kHz, stereo, as for pulse) holds A only, from
 *       its first sound (after a 10 ms ramp when it starts in silence;
 *       after 0.1 s when the recorder joined a playing stream) to its
 *       last 0.1 s, every frame matching A's loop sample for
 *       sample, at least MINREPS whole repetitions: the music went on
 *       with no gap, no click and no restart.
 *   loopcheck step FILE.wav MAXSTEP
 *       No two neighbouring samples of FILE.wav differ by more than
 *       MAXSTEP (a switch without a ramp makes a step).
 *   loopcheck tail FILE.wav
 *       FILE.wav ends in a ramp to silence: its last frame is near 0 while
 *       the second before it is loud.
 *   loopcheck frames FILE.wav N
 *       FILE.wav holds exactly N frames of 48 kHz stereo.
 *   loopcheck smpl FILE.wav START END
 *       FILE.wav has one forward loop START-END (end exclusive) in its smpl
 *       chunk and LOOPSTART/LOOPLENGTH in its comment.
 * Prints what it measured; exit 0 when everything holds, 1 otherwise. */
#include <limits.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LSB (1.0 / 32768.0)

typedef struct clip {
	float *x;          /* interleaved stereo */
	long n;            /* frames */
	long ls, le;       /* loop region */
} clip;

/* Read a whole sound file as stereo float; info may describe raw input. */
static int read_all(const char *path, SF_INFO *info, clip *c)
{
	SNDFILE *sf = sf_open(path, SFM_READ, info);
	if (!sf) {
		fprintf(stderr, "loopcheck: %s: %s\n", path, sf_strerror(NULL));
		return -1;
	}
	if (info->channels != 2 || info->samplerate != 48000) {
		fprintf(stderr, "loopcheck: %s is not 48 kHz stereo\n", path);
		sf_close(sf);
		return -1;
	}
	c->n = (long)info->frames;
	c->x = malloc((size_t)(c->n + 1) * 2 * sizeof *c->x);
	if (!c->x || sf_readf_float(sf, c->x, c->n) != c->n) {
		fprintf(stderr, "loopcheck: cannot read %s\n", path);
		sf_close(sf);
		return -1;
	}
	SF_INSTRUMENT inst;
	c->ls = 0;
	c->le = c->n;
	if (sf_command(sf, SFC_GET_INSTRUMENT, &inst, sizeof inst) == SF_TRUE && inst.loop_count > 0) {
		c->ls = inst.loops[0].start;
		c->le = inst.loops[0].end;
	}
	sf_close(sf);
	return 0;
}

/* Sample ch of frame f of c's loop, taken periodically. */
static double loop_at(const clip *c, long f, int ch)
{
	long len = c->le - c->ls;
	long m = f % len;
	if (m < 0)
		m += len;
	return c->x[2 * (c->ls + m) + ch];
}

/* Largest difference (both channels) between recording frame i and
 * loop frame f of c, scaled by g. */
static double diff_at(const clip *rec, long i, const clip *c, long f, double g)
{
	double d0 = fabs(rec->x[2 * i] - g * loop_at(c, f, 0));
	double d1 = fabs(rec->x[2 * i + 1] - g * loop_at(c, f, 1));
	return d0 > d1 ? d0 : d1;
}

/* Find 256 frames from the middle of A's loop in the recording: returns the
 * recording frame that matches A's loop frame 0 (modulo A's length), or -1. */
static long find_phase(const clip *rec, const clip *a)
{
	long la = a->le - a->ls, mid = la / 2;
	for (long p = 0; p + 256 < rec->n; p++) {
		long k = 0;
		while (k < 256 && diff_at(rec, p + k, a, mid + k, 1.0) <= 1.5 * LSB)
			k++;
		if (k == 256)
			return p - mid;
	}
	return -1;
}

/* Model error of a switch at recording frame s over the first 4800 frames,
 * B entering at frame bs of its loop. */
static double switch_error(const clip *rec, const clip *a, const clip *b, long ph, long s, long xf, long bs)
{
	double worst = 0;
	for (long i = s; i < s + 4800 && i < rec->n; i++) {
		double t = (double)(i - s) / xf, go = cos(t * M_PI / 2), gi = sin(t * M_PI / 2);
		for (int ch = 0; ch < 2; ch++) {
			double d = fabs(rec->x[2 * i + ch] - go * loop_at(a, i - ph, ch) - gi * loop_at(b, i - s + bs, ch));
			if (d > worst)
				worst = d;
		}
	}
	return worst;
}

static int check_pulse_clips(char **argv, clip *rec, clip *a, clip *b);

/* The pulse check; see the top of the file. */
static int check_pulse(char **argv)
{
	clip rec = { 0 }, a = { 0 }, b = { 0 };
	int rc = check_pulse_clips(argv, &rec, &a, &b);
	free(rec.x);
	free(a.x);
	free(b.x);
	return rc;
}

/* The pulse check on clips read into rec, a and b (freed by the caller). */
static int check_pulse_clips(char **argv, clip *recp, clip *ap, clip *bp)
{
	SF_INFO ri = { 0 };
	ri.samplerate = 48000;
	ri.channels = 2;
	ri.format = SF_FORMAT_RAW | (!strcmp(argv[1], "alsa") ? SF_FORMAT_FLOAT : SF_FORMAT_PCM_16);
	SF_INFO ai = { 0 }, bi = { 0 };
	if (read_all(argv[2], &ri, recp) || read_all(argv[3], &ai, ap) || read_all(argv[4], &bi, bp))
		return 1;
	clip rec = *recp, a = *ap, b = *bp;
	long xf = lround(atof(argv[5]) * 48000);
	long minreps = atol(argv[6]);
	long bs = argv[7] ? atol(argv[7]) : 0;
	long la = a.le - a.ls, lb = b.le - b.ls;
	long ph = find_phase(&rec, &a);
	if (ph == LONG_MIN || ph < -rec.n) {
		printf("FAIL: loop A was not found in the recording\n");
		return 1;
	}
	long i0 = 0;
	while (i0 < rec.n && fabs(rec.x[2 * i0]) < 1e-4 && fabs(rec.x[2 * i0 + 1]) < 1e-4)
		i0++;
	if (i0 >= ph)
		i0 += 480; /* the recording holds the start: skip its 10 ms ramp */
	long dev = i0;
	while (dev < rec.n && diff_at(&rec, dev, &a, dev - ph, 1.0) <= 1.5 * LSB)
		dev++;
	long sw = dev;
	double beste = 1e30;
	for (long s = dev - 4800; s <= dev; s++) {
		if (s < i0)
			continue;
		double e = switch_error(&rec, &a, &b, ph, s, xf, bs);
		if (e < beste) {
			beste = e;
			sw = s;
		}
	}
	printf("loop A: %ld frames, loop B: %ld frames; recording: %ld frames, A from %ld, switch at %ld\n",
	       la, lb, rec.n, i0, sw);
	if (sw + xf + 48000 > rec.n) {
		printf("FAIL: no switch to B with a second of B after the crossfade in the recording\n");
		return 1;
	}
	int fails = 0;
	/* A, repetition by repetition: up to sw it must match exactly. */
	double maxe = 0;
	for (long i = i0; i < sw; i++)
		maxe = fmax(maxe, diff_at(&rec, i, &a, i - ph, 1.0));
	long reps = (sw - i0) / la;
	printf("A: %ld whole repetitions recorded, largest difference %.2f LSB\n", reps, maxe / LSB);
	if (reps < minreps || maxe > 1.5 * LSB) {
		printf("FAIL: A did not repeat sample-exactly %ld times\n", minreps);
		fails++;
	}
	/* The crossfade: least-squares gains of A and B per 20 ms block. */
	double worst = 0, worstp = 0;
	int blocks = 0;
	for (long s = sw; s + 960 <= sw + xf; s += 960) {
		double aa = 0, ab = 0, bb = 0, ar = 0, br = 0;
		for (long f = s; f < s + 960; f++)
			for (int ch = 0; ch < 2; ch++) {
				double va = loop_at(&a, f - ph, ch), vb = loop_at(&b, f - sw + bs, ch);
				double r = rec.x[2 * f + ch];
				aa += va * va, ab += va * vb, bb += vb * vb, ar += va * r, br += vb * r;
			}
		double det = aa * bb - ab * ab;
		if (fabs(det) < 1e-12)
			continue;
		double ga = (ar * bb - br * ab) / det, gb = (br * aa - ar * ab) / det;
		double t = (s + 480.0 - sw) / xf;
		double ea = cos(t * M_PI / 2), eb = sin(t * M_PI / 2);
		if (ea > 0.1 && ga > 0)
			worst = fmax(worst, fabs(20 * log10(ga / ea)));
		else if (ea > 0.1)
			worst = 99;
		if (eb > 0.1 && gb > 0)
			worst = fmax(worst, fabs(20 * log10(gb / eb)));
		else if (eb > 0.1)
			worst = 99;
		worstp = fmax(worstp, fabs(10 * log10(ga * ga + gb * gb)));
		blocks++;
	}
	printf("crossfade: %d blocks, gains within %.3f dB of equal power, power sum within %.3f dB\n",
	       blocks, worst, worstp);
	if (blocks < 10 || worst > 1.0 || worstp > 1.0) {
		printf("FAIL: the crossfade does not follow equal power within 1 dB\n");
		fails++;
	}
	/* B afterwards, exactly. */
	maxe = 0;
	long end = rec.n - 4800;
	long bad = 0;
	for (long f = sw + xf; f < end; f++) {
		double e = diff_at(&rec, f, &b, f - sw + bs, 1.0);
		maxe = fmax(maxe, e);
		if (e > 1.5 * LSB && bad++ == 0)
			printf("B: first difference at frame %ld after the switch (%.1f LSB)\n", f - sw, e / LSB);
	}
	printf("B after the crossfade: %.2f s, largest difference %.2f LSB, %ld samples beyond 1.5 LSB\n",
	       (end - sw - xf) / 48000.0, maxe / LSB, bad);
	if (bad || end - sw - xf < 24000) {
		printf("FAIL: B does not play on exactly\n");
		fails++;
	}
	return fails ? 1 : 0;
}

/* The repeat check; see the top of the file. */
static int check_repeat(char **argv)
{
	SF_INFO ri = { .samplerate = 48000, .channels = 2, .format = SF_FORMAT_RAW | SF_FORMAT_PCM_16 };
	SF_INFO ai = { 0 };
	clip rec = { 0 }, a = { 0 };
	int rc = 1;
	if (read_all(argv[2], &ri, &rec) || read_all(argv[3], &ai, &a))
		goto out;
	long ph = find_phase(&rec, &a), la = a.le - a.ls;
	if (ph == -1 || ph < -rec.n) {
		printf("FAIL: loop A was not found in the recording\n");
		goto out;
	}
	long i0 = 0;
	while (i0 < rec.n && fabs(rec.x[2 * i0]) < 1e-4 && fabs(rec.x[2 * i0 + 1]) < 1e-4)
		i0++;
	if (i0 > 0)
		i0 += 480; /* it starts in silence: skip the 10 ms ramp */
	else
		i0 = 4800; /* the recorder joined a stream: its first 0.1 s may be ramped in */
	long end = rec.n - 4800, bad = 0, first = -1;
	double maxe = 0;
	for (long i = i0; i < end; i++) {
		double e = diff_at(&rec, i, &a, i - ph, 1.0);
		maxe = fmax(maxe, e);
		if (e > 1.5 * LSB && bad++ == 0)
			first = i;
	}
	long reps = end > i0 ? (end - i0) / la : 0;
	printf("loop A: %ld frames; recording: %ld frames, A from %ld to %ld: %ld whole repetitions, "
	       "largest difference %.2f LSB, %ld frames off (first at %ld)\n", la, rec.n, i0, end, reps,
	       maxe / LSB, bad, first);
	rc = bad || reps < atol(argv[4]) ? 1 : 0;
out:
	free(rec.x);
	free(a.x);
	return rc;
}

/* Program entry point. */
int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "repeat"))
		return check_repeat(argv);
	if ((argc == 7 || argc == 8) && (!strcmp(argv[1], "pulse") || !strcmp(argv[1], "alsa")))
		return check_pulse(argv);
	if (argc == 4 && !strcmp(argv[1], "step")) {
		SF_INFO i = { 0 };
		clip c;
		if (read_all(argv[2], &i, &c))
			return 1;
		double worst = 0;
		long at = 0;
		for (long f = 1; f < c.n; f++)
			for (int ch = 0; ch < 2; ch++)
				if (fabs(c.x[2 * f + ch] - c.x[2 * (f - 1) + ch]) > worst) {
					worst = fabs(c.x[2 * f + ch] - c.x[2 * (f - 1) + ch]);
					at = f;
				}
		printf("%s: largest step %.4f at frame %ld\n", argv[2], worst, at);
		free(c.x);
		return worst <= atof(argv[3]) ? 0 : 1;
	}
	if (argc == 3 && !strcmp(argv[1], "tail")) {
		SF_INFO i = { 0 };
		clip c;
		if (read_all(argv[2], &i, &c))
			return 1;
		double last = 0, before = 0;
		for (long f = c.n - 1; f >= 0 && f >= c.n - 48000; f--)
			for (int ch = 0; ch < 2; ch++)
				before = fmax(before, fabs(c.x[2 * f + ch]));
		if (c.n > 0)
			last = fmax(fabs(c.x[2 * (c.n - 1)]), fabs(c.x[2 * (c.n - 1) + 1]));
		printf("%s: %ld frames, last frame %.5f, loudest of the last second %.4f\n", argv[2], c.n, last, before);
		free(c.x);
		return c.n > 48000 && last < 0.01 && before > 0.1 ? 0 : 1;
	}
	if (argc == 4 && !strcmp(argv[1], "frames")) {
		SF_INFO i = { 0 };
		clip c;
		if (read_all(argv[2], &i, &c))
			return 1;
		printf("%s: %ld frames\n", argv[2], c.n);
		free(c.x);
		return c.n == atol(argv[3]) ? 0 : 1;
	}
	if (argc == 5 && !strcmp(argv[1], "smpl")) {
		SF_INFO i = { 0 };
		SNDFILE *sf = sf_open(argv[2], SFM_READ, &i);
		SF_INSTRUMENT inst;
		if (!sf || sf_command(sf, SFC_GET_INSTRUMENT, &inst, sizeof inst) != SF_TRUE || inst.loop_count < 1) {
			printf("%s: no loop points\n", argv[2]);
			return 1;
		}
		const char *cm = sf_get_string(sf, SF_STR_COMMENT);
		char want[128];
		snprintf(want, sizeof want, "LOOPSTART=%s LOOPLENGTH=%ld", argv[3], atol(argv[4]) - atol(argv[3]));
		printf("%s: loop %u-%u mode %d, comment \"%s\"\n", argv[2], inst.loops[0].start,
		       inst.loops[0].end, inst.loops[0].mode, cm ? cm : "");
		int ok = inst.loops[0].start == (unsigned)atol(argv[3]) && inst.loops[0].end == (unsigned)atol(argv[4]) &&
			 inst.loops[0].mode == SF_LOOP_FORWARD && cm && strstr(cm, want);
		sf_close(sf);
		return ok ? 0 : 1;
	}
	fprintf(stderr, "usage: loopcheck pulse|alsa REC.raw A.wav B.wav XFADE MINREPS [BSTART] | repeat REC.raw A.wav MINREPS | step FILE MAXSTEP | frames FILE N | smpl FILE START END\n");
	return 2;
}

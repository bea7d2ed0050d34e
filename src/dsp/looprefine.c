/* looprefine.c: sample-exact loop points and the measures taken on the
 * waveform.
 *
 * The length is refined to the sample by normalized cross-correlation (all
 * channels) of the audio at the start against the audio around the
 * candidate end, computed with FFTW. Then one common shift moves start and
 * end together (so the length stays exact) to where the wrap is quiet and
 * continuous: the sample played after the last one matches the one that
 * naturally follows it, on every channel. Start and end are never snapped
 * separately. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/fft.h"
#include "dsp/loopfind_internal.h"

#define LR_EXACT 0.98 /* waveform match of an exact repetition */

/* Interleaved sample of channel k at frame i. */
static inline float lr_at(const il_lf_ctx *x, size_t i, int k)
{
	return x->x[i * (size_t)x->ch + (size_t)k];
}

/* The length in [len - R, len + R] whose audio after it best matches the
 * audio at the start (W frames from pa, the analysis window, judged on all
 * channels). Returns len unchanged when there is no room. */
static long lr_length(const il_lf_ctx *x, size_t pa, long len, long R, long W, int *oom,
		      double *peak)
{
	*peak = 0;
	long n = (long)x->n;
	if ((long)pa + len - R < 0)
		R = (long)pa + len;
	if ((long)pa + len + R + W > n)
		R = n - W - (long)pa - len;
	if (R < 1 || W < 16)
		return len;
	int N = fft_good_size((int)(W + 2 * R));
	fftwf_plan fwd = fft_plan_r2c(N), inv = fft_plan_c2r(N);
	float *a = fft_alloc_real((size_t)N), *b = fft_alloc_real((size_t)N);
	fftwf_complex *fa = fft_alloc_complex((size_t)N / 2 + 1), *fb = fft_alloc_complex((size_t)N / 2 + 1);
	double *num = calloc((size_t)(2 * R + 1), sizeof(double));
	double *den = calloc((size_t)(2 * R + 1), sizeof(double));
	if (!fwd || !inv || !a || !b || !fa || !fb || !num || !den) {
		fft_free(a), fft_free(b), fft_free(fa), fft_free(fb), free(num), free(den);
		*oom = 1;
		return len;
	}
	size_t bstart = pa + (size_t)(len - R);
	for (int k = 0; k < x->ch; k++) {
		double ea = 0;
		memset(a, 0, sizeof(float) * (size_t)N);
		memset(b, 0, sizeof(float) * (size_t)N);
		for (long i = 0; i < W; i++) {
			a[i] = lr_at(x, pa + (size_t)i, k);
			ea += (double)a[i] * a[i];
		}
		for (long i = 0; i < W + 2 * R; i++)
			b[i] = lr_at(x, bstart + (size_t)i, k);
		/* Window energies of b at each lag, by running sums. */
		double eb = 0;
		for (long i = 0; i < W; i++)
			eb += (double)b[i] * b[i];
		for (long t = 0; t <= 2 * R; t++) {
			den[t] += ea + eb;
			if (t < 2 * R)
				eb += (double)b[t + W] * b[t + W] - (double)b[t] * b[t];
		}
		fftwf_execute_dft_r2c(fwd, a, fa);
		fftwf_execute_dft_r2c(fwd, b, fb);
		for (int i = 0; i <= N / 2; i++) {
			float re = fa[i][0] * fb[i][0] + fa[i][1] * fb[i][1];
			float im = fa[i][0] * fb[i][1] - fa[i][1] * fb[i][0];
			fb[i][0] = re;
			fb[i][1] = im;
		}
		fftwf_execute_dft_c2r(inv, fb, a);
		for (long t = 0; t <= 2 * R; t++)
			num[t] += 2.0 * a[t] / N;
	}
	long bt = R;
	double bv = -2;
	for (long t = 0; t <= 2 * R; t++) {
		double v = den[t] > 1e-20 ? num[t] / den[t] : 0;
		/* Ties (e.g. silence) go to the lag nearest the candidate. */
		v -= 1e-9 * (double)labs(t - R);
		if (v > bv) {
			bv = v;
			bt = t;
		}
	}
	*peak = bv + 1e-9 * (double)labs(bt - R);
	fft_free(a), fft_free(b), fft_free(fa), fft_free(fb), free(num), free(den);
	return len - R + bt;
}

/* Mono step across the wrap of the loop [s, s+len). */
static double lr_step(const il_lf_ctx *x, size_t s, size_t len)
{
	return fabs((double)x->mono[s + len - 1] - x->mono[s]);
}

/* Cost of wrapping the loop [s, s+len): the mismatch between what the wrap
 * plays and what naturally follows, on every channel, plus loudness there. */
static double lr_wrap_cost(const il_lf_ctx *x, size_t s, size_t len)
{
	size_t e = s + len;
	double c = 0;
	for (int k = 0; k < x->ch; k++) {
		double xs = lr_at(x, s, k), xl = lr_at(x, e - 1, k);
		c += fabs(xl - xs);
		if (e < x->n)
			c += fabs(xs - lr_at(x, e, k));
		if (s > 0)
			c += fabs(lr_at(x, s - 1, k) - xl);
		c += 0.25 * (fabs(xs) + fabs(xl));
	}
	if (lr_step(x, s, len) > 0.9 * x->step999)
		c += 10.0 * x->typstep * x->ch + 1.0;
	return c;
}

/* The start after one common shift of start and end (within about 5 ms,
 * never before smin) that gives the cleanest wrap. */
static size_t lr_shift(const il_lf_ctx *x, size_t s, size_t len, size_t smin)
{
	long Z = x->rate / 200, lo = -Z, hi = Z;
	if ((long)s + lo < (long)smin)
		lo = (long)smin - (long)s;
	if ((long)s + lo < 0)
		lo = -(long)s;
	if ((long)(s + len) + hi > (long)x->n)
		hi = (long)x->n - (long)(s + len);
	if (lo > hi)
		return s;
	size_t best = s;
	double bc = 1e300;
	for (long d = lo; d <= hi; d++) {
		size_t t = (size_t)((long)s + d);
		double c = lr_wrap_cost(x, t, len) + 1e-4 * x->typstep * (double)labs(d) / (Z + 1);
		if (c < bc) {
			bc = c;
			best = t;
		}
	}
	return best;
}

/* Mean distance of log-mel frames at a + j*step and b + j*step while the
 * frame ends by a + c; -1 when fewer than 2 frames. */
static double lr_side(il_lf_ctx *x, long a, long b, long c, long step, float *fa, float *fb)
{
	long nfft = x->f.nfft;
	double acc = 0;
	int cnt = 0;
	for (long p = 0; p + nfft <= c; p += step) {
		melbank_frame(&x->f.mb, x->mono, x->n, a + p, fa);
		melbank_frame(&x->f.mb, x->mono, x->n, b + p, fb);
		acc += features_dist(fa, fb, x->f.nmel);
		cnt++;
	}
	return cnt >= 2 ? acc / cnt : -1;
}

/* The relative log-mel seam distance of the loop [s, s+len) judged on the
 * samples themselves (the better of the two sides); 1 when it cannot be
 * judged. */
double looprefine_seam(il_lf_ctx *x, size_t s, size_t len, double *rank)
{
	long h = x->f.hop, ctx = x->K * h, cmin = (long)ceil(0.25 * x->rate);
	long S = (long)s, E = (long)(s + len), N = (long)x->n;
	float fa[FEATURES_NMEL], fb[FEATURES_NMEL];
	double best = -1, br = -1;
	long c = S < ctx ? S : ctx;
	if (c >= cmin) {
		double v = lr_side(x, E - c, S - c, c, 2 * h, fa, fb);
		if (v >= 0) {
			best = v;
			br = v + LOOPFIND_SHORT_CONTEXT * x->f.rand_dist * (double)(ctx - c) / ctx;
		}
	}
	c = N - E < ctx ? N - E : ctx;
	if (c >= cmin) {
		double v = lr_side(x, S, E, c, 2 * h, fa, fb);
		double vr = v + LOOPFIND_SHORT_CONTEXT * x->f.rand_dist * (double)(ctx - c) / ctx;
		if (v >= 0 && (best < 0 || v < best))
			best = v;
		if (v >= 0 && (br < 0 || vr < br))
			br = vr;
	}
	*rank = br < 0 ? 1.0 : br / x->f.rand_dist;
	return best < 0 ? 1.0 : best / x->f.rand_dist;
}

/* Waveform continuity: correlation of about 20 ms around the start and the
 * end (all channels), and the loudness match of 0.25 s before them. */
static double lr_waveform(const il_lf_ctx *x, size_t s, size_t len)
{
	long w = x->rate / 50, S = (long)s, E = (long)(s + len), N = (long)x->n;
	long lo = -w < -S ? -S : -w, hi = w < N - E ? w : N - E;
	double ab = 0, aa = 0, bb = 0;
	for (int k = 0; k < x->ch; k++)
		for (long i = lo; i < hi; i++) {
			double a = lr_at(x, (size_t)(S + i), k), b = lr_at(x, (size_t)(E + i), k);
			ab += a * b, aa += a * a, bb += b * b;
		}
	double ncc = aa > 1e-20 && bb > 1e-20 ? ab / sqrt(aa * bb) : 0;
	long q = x->rate / 4;
	long p0 = S >= q ? S - q : S, p1 = S >= q ? E - q : E;
	if (p1 + q > N)
		q = N - p1;
	double ra = 0, rb = 0;
	for (long i = 0; i < q; i++) {
		double a = x->mono[p0 + i], b = x->mono[p1 + i];
		ra += a * a, rb += b * b;
	}
	double ratio = ra > 0 && rb > 0 ? sqrt(ra < rb ? ra / rb : rb / ra) : 0;
	return 0.7 * (ncc > 0 ? ncc : 0) + 0.3 * ratio;
}

/* Beat alignment: whole beats (1, 2, 4, 8 measures best) and a start on a
 * beat; 0.5 when the clip has no steady beat. */
static double lr_beat(const il_lf_ctx *x, size_t s, size_t len)
{
	double bp = x->beat_samples;
	if (bp <= 0 || x->tp.nbeats == 0)
		return 0.5;
	double nb = (double)len / bp, frac = fabs(nb - round(nb));
	long nbr = lround(nb);
	double pref = nbr == 4 || nbr == 8 || nbr == 16 || nbr == 32 ? 1.0
		: nbr % 4 == 0 ? 0.75 : nbr % 2 == 0 ? 0.5 : 0.25;
	double off = (x->f.nfft - x->f.hop) / 2.0, dmin = bp;
	for (size_t k = 0; k < x->tp.nbeats; k++) {
		double bs = (double)x->tp.beats[k] * x->f.hop + off, dd = fabs(bs - (double)s);
		if (dd < dmin)
			dmin = dd;
	}
	double a2 = 1.0 - 2.0 * (dmin / bp > 0.5 ? 0.5 : dmin / bp);
	return 0.5 * (1.0 - 2.0 * frac) + 0.25 * a2 + 0.25 * pref;
}

/* Phase continuity at the wrap: 1 when the sample after the last one is
 * the one that would naturally follow, on every channel. */
static double lr_phase(const il_lf_ctx *x, size_t s, size_t len)
{
	size_t e = s + len;
	double m = 0;
	int terms = 0;
	for (int k = 0; k < x->ch; k++) {
		if (e < x->n)
			m += fabs(lr_at(x, s, k) - lr_at(x, e, k)), terms++;
		if (s > 0)
			m += fabs(lr_at(x, s - 1, k) - lr_at(x, e - 1, k)), terms++;
	}
	m = terms ? m / terms : fabs(lr_at(x, s, 0) - lr_at(x, e - 1, 0));
	double r = m / (x->typstep > 1e-9 ? x->typstep : 1e-9);
	double p = 1.0 / (1.0 + r * r);
	if (lr_step(x, s, len) > x->step999)
		p *= 0.5;
	return p;
}

/* Make c sample-exact and measure it. 0, or -1 when out of memory;
 * c->valid is 0 when no valid loop came out. */
int looprefine_cand(il_lf_ctx *x, il_lf_cand *c)
{
	long h = x->f.hop;
	long s = c->fstart * h, len0 = c->flen * h;
	long R = h + x->rate / 1000, W = x->rate / 8;
	int oom = 0;
	double peak;
	c->valid = 0;
	if (s < 0 || len0 < 1)
		return 0;
	/* Match the audio after the start if there is room, else before it. */
	size_t pa = (size_t)s;
	if (s + len0 + R + W > (long)x->n && s >= W)
		pa = (size_t)(s - W);
	long len = lr_length(x, pa, len0, R, W, &oom, &peak);
	if (oom)
		return -1;
	size_t st = 0;
	double seam = 2, rank = 2;
	if (len >= (long)x->lmin && (size_t)(s + len) <= x->n) {
		st = lr_shift(x, (size_t)s, (size_t)len, c->smin);
		seam = looprefine_seam(x, st, (size_t)len, &rank);
	}
	/* Not an exact repetition: the waveform's best match is not always the
	 * best for the ear; keep the frame-grid length when it sounds better. */
	if (peak < LR_EXACT && len0 != len && len0 >= (long)x->lmin &&
	    (size_t)(s + len0) <= x->n) {
		size_t st0 = lr_shift(x, (size_t)s, (size_t)len0, c->smin);
		double rank0, seam0 = looprefine_seam(x, st0, (size_t)len0, &rank0);
		if (rank0 < rank) {
			seam = seam0;
			rank = rank0;
			st = st0;
			len = len0;
		}
	}
	if (seam > 1.5)
		return 0;
	c->start = st;
	c->len = (size_t)len;
	c->seam = seam;
	c->seam_rank = rank;
	c->support = loopsearch_support(x, (size_t)len);
	c->spectral = 1.0 / (1.0 + (rank / 0.3) * (rank / 0.3));
	c->waveform = lr_waveform(x, st, (size_t)len);
	c->beat = lr_beat(x, st, (size_t)len);
	c->phase = lr_phase(x, st, (size_t)len);
	c->valid = 1;
	return 0;
}

/* loopsearch.c: candidate loops on the log-mel frame grid.
 *
 * Coarse: frames averaged in blocks (about 32 ms), and for every lag the
 * seam curve along that diagonal of the self-similarity (the mean distance
 * over 0.75 s of context before or after a start, the better side). This
 * is O(lags x starts) on blocks of 48 bands: a few million operations for
 * a 30 s clip, not a frame-level brute force. Fine: around the best coarse
 * lags, every frame lag nearby, on frames, near the coarse start. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/loopfind_internal.h"

#define LS_COARSE 10      /* coarse lags refined */
#define LS_MAX_BLOCKS 2000 /* coarse frames at most (long files) */
#define LS_PLATEAU 0.02   /* of the random distance: "as good as the best" */
#define LS_SUPPORT 0.25   /* of the random distance: frames that "match" */
#define LS_PEN(x) ((float)(LOOPFIND_SHORT_CONTEXT * (x)->f.rand_dist))

/* Seam curve: for starts i in [a, b], v[i-a] = min(mean of d over the K
 * frames before i, mean over the K after), where d[i-a] is the distance of
 * frame i to frame i+lag for i in [a, b) and n = frames - lag. A side is
 * usable with at least Kmin frames, all inside [a, b) or at a true edge; a
 * side shorter than K costs pen * (1 - frames / K), as less is known of it.
 * Returns the index of the minimum (relative to a), or -1. */
static long ls_curve(const float *d, long a, long b, long n, long K, long Kmin, float pen,
		     double *cs, float *v)
{
	cs[0] = 0;
	for (long i = a; i < b; i++)
		cs[i - a + 1] = cs[i - a] + d[i - a];
	long best = -1;
	for (long i = a; i <= b; i++) {
		float pre = FLT_MAX, post = FLT_MAX;
		long pk = i < K ? i : K;
		if (pk >= Kmin && i - pk >= a)
			pre = (float)((cs[i - a] - cs[i - pk - a]) / (double)pk) +
			      pen * (float)(K - pk) / (float)K;
		long qk = n - i < K ? n - i : K;
		if (qk >= Kmin && i + qk <= b)
			post = (float)((cs[i + qk - a] - cs[i - a]) / (double)qk) +
			       pen * (float)(K - qk) / (float)K;
		v[i - a] = pre < post ? pre : post;
		if (v[i - a] < FLT_MAX && (best < 0 || v[i - a] < v[best]))
			best = i - a;
	}
	return best;
}

typedef struct ls_min {
	float v;
	long lag;
} ls_min;

/* Order local minima by seam, best first. */
static int ls_min_cmp(const void *a, const void *b)
{
	const ls_min *x = a, *y = b;
	return (x->v > y->v) - (x->v < y->v);
}

/* Distances of frames [a, b) to the frames lag later, into d. */
static void ls_diag(const float *m, int nmel, long lag, long a, long b, float *d)
{
	for (long i = a; i < b; i++)
		d[i - a] = features_dist(m + (size_t)i * (size_t)nmel,
					 m + (size_t)(i + lag) * (size_t)nmel, nmel);
}

/* The frame of the start chosen in the plateau [pa, pb] of near-best
 * starts: the beat nearest the middle half's centre, else the centre. */
static long ls_pick_start(const il_lf_ctx *x, long pa, long pb)
{
	long q = (pb - pa) / 4, lo = pa + q, hi = pb - q, mid = (lo + hi) / 2;
	if (x->tp.nbeats == 0)
		return mid;
	long off = (long)lround((x->f.nfft - x->f.hop) / 2.0 / x->f.hop), best = -1;
	for (size_t k = 0; k < x->tp.nbeats; k++) {
		long bf = (long)x->tp.beats[k] + off;
		if (bf >= lo && bf <= hi && (best < 0 || labs(bf - mid) < labs(best - mid)))
			best = bf;
	}
	return best >= 0 ? best : mid;
}

/* The shortest and longest frame lag worth trying. */
static void ls_lag_range(const il_lf_ctx *x, long *lo, long *hi)
{
	long h = x->f.hop, F = (long)x->f.nframes;
	*lo = (long)((x->lmin + (size_t)h + (size_t)x->rate / 1000 + (size_t)h - 1) / (size_t)h);
	*hi = F - x->Kmin;
}

/* Refine one coarse candidate (block lag lc, block start ic, block size B)
 * on frames; fills c. 0, or -1 when nothing valid. */
static int ls_fine(const il_lf_ctx *x, long lc, long ic, long B, float *d, double *cs, float *v,
		   il_lf_cand *c)
{
	long F = (long)x->f.nframes, K = x->K, lo, hi;
	ls_lag_range(x, &lo, &hi);
	long cen = ic * B + B / 2;
	double bestv = DBL_MAX;
	long bestL = -1, besti = -1;
	for (long L = lc * B - B; L <= lc * B + B; L++) {
		if (L < lo || L > hi)
			continue;
		long n = F - L, a = cen - 3 * K, b = cen + 3 * K;
		if (a < 0)
			a = 0;
		if (b > n)
			b = n;
		if (b <= a)
			continue;
		ls_diag(x->f.logmel, x->f.nmel, L, a, b, d);
		long k = ls_curve(d, a, b, n, K, x->Kmin, LS_PEN(x), cs, v);
		if (k >= 0 && v[k] < bestv) {
			bestv = v[k];
			bestL = L;
			besti = a + k;
		}
	}
	if (bestL < 0)
		return -1;
	/* Again for the best lag, to find the plateau of near-best starts. */
	long n = F - bestL, a = cen - 3 * K, b = cen + 3 * K;
	if (a < 0)
		a = 0;
	if (b > n)
		b = n;
	ls_diag(x->f.logmel, x->f.nmel, bestL, a, b, d);
	ls_curve(d, a, b, n, K, x->Kmin, LS_PEN(x), cs, v);
	float lim = (float)(bestv + LS_PLATEAU * x->f.rand_dist);
	long pa = besti, pb = besti;
	while (pa > a && v[pa - 1 - a] <= lim)
		pa--;
	while (pb < b && v[pb + 1 - a] <= lim)
		pb++;
	memset(c, 0, sizeof *c);
	c->flen = bestL;
	c->fstart = ls_pick_start(x, pa, pb);
	c->fseam = bestv / x->f.rand_dist;
	c->smin = (size_t)pa * (size_t)x->f.hop;
	return 0;
}

/* Candidates on the frame grid into c (at most max); their number, or -1
 * when out of memory. */
int loopsearch_run(const il_lf_ctx *x, il_lf_cand *c, int max)
{
	long F = (long)x->f.nframes, nmel = x->f.nmel, lo, hi;
	ls_lag_range(x, &lo, &hi);
	if (hi < lo)
		return 0;
	long B = 4;
	if (F / B > LS_MAX_BLOCKS)
		B = (F + LS_MAX_BLOCKS - 1) / LS_MAX_BLOCKS;
	long Fc = F / B, Kc = x->K / B, Kcmin = x->Kmin / B;
	if (Kc < 1)
		Kc = 1;
	if (Kcmin < 1)
		Kcmin = 1;
	float *m = malloc(sizeof(float) * (size_t)(Fc > 0 ? Fc : 1) * (size_t)nmel);
	float *d = malloc(sizeof(float) * (size_t)(F + 1));
	float *v = malloc(sizeof(ls_min) * (size_t)(F + 1));
	double *cs = malloc(sizeof(double) * (size_t)(F + 2));
	long lc0 = lo / B - 1 > 1 ? lo / B - 1 : 1, lc1 = hi / B;
	float *bestc = malloc(sizeof(float) * (size_t)(lc1 + 2));
	long *argc = malloc(sizeof(long) * (size_t)(lc1 + 2));
	if (!m || !d || !v || !cs || !bestc || !argc) {
		free(m), free(d), free(v), free(cs), free(bestc), free(argc);
		return -1;
	}
	for (long j = 0; j < Fc; j++)
		for (long k = 0; k < nmel; k++) {
			float acc = 0;
			for (long t = 0; t < B; t++)
				acc += x->f.logmel[(size_t)(j * B + t) * (size_t)nmel + (size_t)k];
			m[(size_t)j * (size_t)nmel + (size_t)k] = acc / (float)B;
		}
	for (long L = 0; L <= lc1 + 1; L++) {
		bestc[L] = FLT_MAX;
		argc[L] = -1;
	}
	for (long L = lc0; L <= lc1; L++) {
		long n = Fc - L;
		if (n < 1)
			continue;
		ls_diag(m, (int)nmel, L, 0, n, d);
		long k = ls_curve(d, 0, n, n, Kc, Kcmin, LS_PEN(x), cs, v);
		if (k >= 0) {
			bestc[L] = v[k];
			argc[L] = k;
		}
	}
	/* The best local minima over lags. */
	ls_min *mins = (ls_min *)v; /* v is free now and large enough */
	long nm = 0;
	for (long L = lc0; L <= lc1; L++) {
		if (argc[L] < 0 || (L > lc0 && bestc[L - 1] < bestc[L]) ||
		    (L < lc1 && bestc[L + 1] <= bestc[L]))
			continue;
		mins[nm++] = (ls_min){ bestc[L], L };
	}
	qsort(mins, (size_t)nm, sizeof *mins, ls_min_cmp);
	long pick[LS_COARSE];
	int np = 0;
	for (long i = 0; i < nm && np < LS_COARSE; i++)
		pick[np++] = mins[i].lag;
	int nc = 0;
	for (int i = 0; i < np && nc < max; i++) {
		il_lf_cand cand;
		if (ls_fine(x, pick[i], argc[pick[i]], B, d, cs, v, &cand) != 0)
			continue;
		int dup = 0;
		for (int j = 0; j < nc; j++)
			if (c[j].flen == cand.flen && labs(c[j].fstart - cand.fstart) < x->K)
				dup = 1;
		if (!dup)
			c[nc++] = cand;
	}
	free(m), free(d), free(v), free(cs), free(bestc), free(argc);
	return nc;
}

/* Beat-grid candidates (whole measures from beats) appended to c[n..max). */
int loopsearch_beats(const il_lf_ctx *x, il_lf_cand *c, int n, int max)
{
	static const int measures[] = { 1, 2, 4, 8, 16, 32 };
	if (x->tp.nbeats < 2 || x->tp.period <= 0)
		return n;
	long F = (long)x->f.nframes, lo, hi;
	ls_lag_range(x, &lo, &hi);
	float *d = malloc(sizeof(float) * (size_t)(F + 1));
	float *v = malloc(sizeof(float) * (size_t)(F + 1));
	double *cs = malloc(sizeof(double) * (size_t)(F + 2));
	if (!d || !v || !cs) {
		free(d), free(v), free(cs);
		return -1;
	}
	long off = (long)lround((x->f.nfft - x->f.hop) / 2.0 / x->f.hop);
	for (size_t k = 0; k < sizeof measures / sizeof measures[0] && n < max; k++) {
		long L = lround(4.0 * measures[k] * x->tp.period);
		if (L < lo || L > hi)
			continue;
		long nn = F - L;
		ls_diag(x->f.logmel, x->f.nmel, L, 0, nn, d);
		if (ls_curve(d, 0, nn, nn, x->K, x->Kmin, LS_PEN(x), cs, v) < 0)
			continue;
		long bi = -1;
		for (size_t b = 0; b < x->tp.nbeats; b++) {
			long i = (long)x->tp.beats[b] + off;
			if (i >= 0 && i <= nn && v[i] < FLT_MAX && (bi < 0 || v[i] < v[bi]))
				bi = i;
		}
		if (bi < 0)
			continue;
		memset(&c[n], 0, sizeof c[n]);
		c[n].flen = L;
		c[n].fstart = bi;
		c[n].fseam = v[bi] / x->f.rand_dist;
		c[n].from_beats = 1;
		c[n].smin = bi > x->K / 8 ? (size_t)(bi - x->K / 8) * (size_t)x->f.hop : 0;
		n++;
	}
	free(d), free(v), free(cs);
	return n;
}

/* The share of frames that match the frames len samples later (the better
 * of the two frame lags around len), relative to the overlap the shortest
 * loop would have: near 1 when the whole clip repeats at that length. */
double loopsearch_support(const il_lf_ctx *x, size_t len)
{
	long F = (long)x->f.nframes, h = x->f.hop, L0 = (long)(len / (size_t)h);
	long lo, hi;
	ls_lag_range(x, &lo, &hi);
	double room = (double)(F - lo > 1 ? F - lo : 1);
	float lim = (float)(LS_SUPPORT * x->f.rand_dist);
	double best = 0;
	for (long L = L0; L <= L0 + 1; L++) {
		if (L >= F)
			break;
		long hit = 0;
		for (long i = 0; i < F - L; i++)
			if (features_dist(x->f.logmel + (size_t)i * (size_t)x->f.nmel,
					  x->f.logmel + (size_t)(i + L) * (size_t)x->f.nmel,
					  x->f.nmel) <= lim)
				hit++;
		double v = (double)hit / room;
		if (v > best)
			best = v;
	}
	return best;
}

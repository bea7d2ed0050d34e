/* beatgrid.c: beat phase, downbeat and confidence of a loop's beat grid. */
#include "dsp/beatgrid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BG_WIN 5     /* onset window, in steps of 1 ms */
#define BG_NEAR_MS 10 /* onset energy this close to a beat counts as on it */

/* The onset curve of the loop, one point a step (frames) round it: the
 * rise of the high-passed RMS from the window before a point to the window
 * after it, never negative; m points into on (amp is scratch of m). */
static void bg_onsets(const float *mono, size_t start, size_t len, size_t step, size_t m, float *amp,
		      float *on)
{
	size_t win = BG_WIN * step;
	for (size_t k = 0; k < m; k++) {
		double acc = 0;
		for (size_t i = 0; i < win; i++) {
			size_t o = (k * step + i) % len;
			float d = mono[start + o] - mono[start + (o ? o - 1 : len - 1)];
			acc += (double)d * d;
		}
		amp[k] = (float)sqrt(acc / (double)win);
	}
	for (size_t k = 0; k < m; k++) {
		float v = amp[k] - amp[(k + m - BG_WIN) % m];
		on[k] = v > 0 ? v : 0;
	}
}

/* The largest onset within r points of position pos (points, wrapping). */
static float bg_peak(const float *on, size_t m, double pos, int r)
{
	long c = lround(pos);
	float best = 0;
	for (long k = c - r; k <= c + r; k++) {
		long j = ((k % (long)m) + (long)m) % (long)m;
		if (on[j] > best)
			best = on[j];
	}
	return best;
}

/* Fold the onsets over the beat period pp (points) into nbin bins and
 * return the strongest bin (smoothed over its neighbours); *conf gets the
 * share of the onset energy near it, above what an even spread would put
 * there, 0..1. */
static size_t bg_phase(const float *on, size_t m, double pp, size_t nbin, double *fold, double *conf)
{
	memset(fold, 0, nbin * sizeof *fold);
	double total = 0;
	for (size_t k = 0; k < m; k++) {
		size_t b = (size_t)fmod((double)k, pp);
		fold[b < nbin ? b : nbin - 1] += on[k];
		total += on[k];
	}
	size_t best = 0;
	double bv = -1;
	for (size_t b = 0; b < nbin; b++) {
		double v = 2 * fold[b] + fold[(b + 1) % nbin] + fold[(b + nbin - 1) % nbin];
		if (v > bv) {
			bv = v;
			best = b;
		}
	}
	long w = BG_NEAR_MS;
	if (w > (long)nbin / 8)
		w = (long)nbin / 8;
	double near = 0;
	for (long d = -w; d <= w; d++)
		near += fold[(size_t)(((long)best + d + (long)nbin) % (long)nbin)];
	double even = (double)(2 * w + 1) / (double)nbin;
	double c = total > 0 && even < 1 ? (near / total - even) / (1 - even) : 0;
	*conf = c < 0 ? 0 : c > 1 ? 1 : c;
	return best;
}

/* The grid of a loop (see beatgrid.h). */
int beatgrid_find(const float *mono, size_t n, int rate, size_t start, size_t len, double beat_samples,
		  il_beatgrid *g, il_err *err)
{
	memset(g, 0, sizeof *g);
	if (beat_samples <= 0 || rate < 1000 || len < 2 || start + len > n)
		return 0;
	double nb = (double)len / beat_samples;
	int beats = (int)lround(nb);
	if (beats < 1 || fabs(nb - beats) > BEATGRID_FIT * nb)
		return 0;
	size_t step = (size_t)rate / 1000, m = len / step;
	double pp = (double)len / ((double)beats * (double)step);
	size_t nbin = (size_t)ceil(pp);
	if (m < 4 * BG_WIN || nbin < 8)
		return 0;
	float *amp = malloc(m * sizeof *amp), *on = malloc(m * sizeof *on);
	double *fold = malloc(nbin * sizeof *fold);
	if (!amp || !on || !fold) {
		free(amp);
		free(on);
		free(fold);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for the beat grid");
	}
	bg_onsets(mono, start, len, step, m, amp, on);
	size_t phase = bg_phase(on, m, pp, nbin, fold, &g->confidence);
	/* The downbeat: the beat of the bar with the strongest onsets. */
	int per_bar = beats % 4 == 0 ? 4 : beats % 3 == 0 ? 3 : beats;
	int down = 0;
	double best = -1;
	for (int i = 0; i < per_bar; i++) {
		double acc = 0;
		for (int j = i; j < beats; j += per_bar)
			acc += bg_peak(on, m, (double)phase + j * pp, 3);
		if (acc > best + 1e-9) {
			best = acc;
			down = i;
		}
	}
	g->beats = beats;
	g->per_bar = per_bar;
	g->bars = beats / per_bar;
	g->downbeat = (size_t)llround(((double)phase + down * pp) * (double)step) % len;
	free(amp);
	free(on);
	free(fold);
	return 0;
}

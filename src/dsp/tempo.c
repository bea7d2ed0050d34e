/* tempo.c: tempo estimate by onset autocorrelation, beats by dynamic
 * programming. */
#include "dsp/tempo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/fft.h"

#define TEMPO_TIGHTNESS 100.0
#define TEMPO_MIN_STRENGTH 0.08

/* Autocorrelation of x (n values) for lags 0..maxlag via FFTW into ac. */
static int tempo_autocorr(const float *x, size_t n, size_t maxlag, double *ac)
{
	int N = fft_good_size((int)(n + maxlag + 1));
	fftwf_plan fwd = fft_plan_r2c(N), inv = fft_plan_c2r(N);
	float *buf = fft_alloc_real((size_t)N);
	fftwf_complex *spec = fft_alloc_complex((size_t)N / 2 + 1);
	if (!fwd || !inv || !buf || !spec) {
		fft_free(buf);
		fft_free(spec);
		return -1;
	}
	memset(buf, 0, sizeof(float) * (size_t)N);
	memcpy(buf, x, sizeof(float) * n);
	fftwf_execute_dft_r2c(fwd, buf, spec);
	for (int k = 0; k <= N / 2; k++) {
		spec[k][0] = spec[k][0] * spec[k][0] + spec[k][1] * spec[k][1];
		spec[k][1] = 0;
	}
	fftwf_execute_dft_c2r(inv, spec, buf);
	for (size_t l = 0; l <= maxlag; l++)
		ac[l] = buf[l] / (double)N;
	fft_free(buf);
	fft_free(spec);
	return 0;
}

/* The envelope smoothed over about 40 ms (so that a pulse whose period is
 * not a whole number of frames still lines up), its local mean removed,
 * scaled to unit deviation. sm is scratch of n floats. */
static void tempo_whiten(const float *onset, size_t n, double fps, float *out, float *sm)
{
	static const float kern[5] = { 1 / 9.f, 2 / 9.f, 3 / 9.f, 2 / 9.f, 1 / 9.f };
	for (size_t i = 0; i < n; i++) {
		float acc = 0;
		for (int k = -2; k <= 2; k++) {
			long j = (long)i + k;
			if (j >= 0 && (size_t)j < n)
				acc += kern[k + 2] * onset[j];
		}
		sm[i] = acc;
	}
	size_t w = (size_t)(fps * 0.5) | 1, half = w / 2;
	double sum = 0;
	size_t lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		size_t a = i > half ? i - half : 0, b = i + half + 1 < n ? i + half + 1 : n;
		while (hi < b)
			sum += sm[hi++];
		while (lo < a)
			sum -= sm[lo++];
		double v = sm[i] - sum / (double)(b - a);
		out[i] = v > 0 ? (float)v : 0.0f;
	}
	double m = 0, s2 = 0;
	for (size_t i = 0; i < n; i++)
		m += out[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		s2 += (out[i] - m) * (out[i] - m);
	double sd = sqrt(s2 / (double)n);
	for (size_t i = 0; i < n; i++)
		out[i] = sd > 1e-12 ? (float)((out[i] - m) / sd) : 0.0f;
}

/* Peak lag bl of y refined by a parabola through its neighbours, when bl
 * lies strictly inside (lo, hi). */
static double tempo_refine_peak(const double *y, size_t bl, size_t lo, size_t hi)
{
	double period = (double)bl;
	if (bl > lo && bl < hi) {
		double y0 = y[bl - 1], y1 = y[bl], y2 = y[bl + 1], den = y0 - 2 * y1 + y2;
		if (den < 0)
			period += 0.5 * (y0 - y2) / den;
	}
	return period;
}

/* The period (frames) with the best weighted autocorrelation; 0 if none. */
static double tempo_period(const float *x, size_t n, double fps, double *strength)
{
	size_t lmin = (size_t)floor(fps * 60.0 / TEMPO_MAX_BPM);
	size_t lmax = (size_t)ceil(fps * 60.0 / TEMPO_MIN_BPM);
	*strength = 0;
	if (lmin < 2)
		lmin = 2;
	if (n < 4 * lmin || lmax * 2 + 2 >= n)
		lmax = n / 2 > 2 ? n / 2 - 1 : 0;
	if (lmax <= lmin + 2)
		return 0;
	double *ac = malloc(sizeof(double) * (2 * lmax + 2));
	if (!ac || tempo_autocorr(x, n, 2 * lmax + 1, ac) != 0 || ac[0] <= 0) {
		free(ac);
		return 0;
	}
	double best = -1e30;
	size_t bl = 0;
	double *sc = calloc(lmax + 2, sizeof(double));
	if (!sc) {
		free(ac);
		return 0;
	}
	for (size_t l = lmin; l <= lmax; l++) {
		/* Unbiased: correct for the shrinking overlap at long lags. */
		double a = ac[l] / ac[0] * (double)n / (double)(n - l);
		double a2 = ac[2 * l] / ac[0] * (double)n / (double)(n - 2 * l);
		double bpm = 60.0 * fps / (double)l;
		double lw = log2(bpm / 120.0);
		double w = exp(-0.5 * lw * lw / (0.9 * 0.9));
		sc[l] = (a + 0.5 * a2) * w;
		if (sc[l] > best) {
			best = sc[l];
			bl = l;
		}
	}
	double period = tempo_refine_peak(sc, bl, lmin, lmax);
	*strength = ac[bl] / ac[0] * (double)n / (double)(n - bl);
	free(sc);
	free(ac);
	return *strength >= TEMPO_MIN_STRENGTH ? period : 0;
}

/* Beat frames by dynamic programming over the envelope x at period p. */
static int tempo_track(const float *x, size_t n, double p, il_tempo_info *t)
{
	double *score = malloc(sizeof(double) * n);
	long *back = malloc(sizeof(long) * n);
	if (!score || !back) {
		free(score);
		free(back);
		return -1;
	}
	long pmin = (long)floor(p / 2), pmax = (long)ceil(p * 2);
	if (pmin < 1)
		pmin = 1;
	/* The interval penalty by interval length, computed once. */
	double *pen = malloc(sizeof(double) * (size_t)(pmax + 1));
	if (!pen) {
		free(score);
		free(back);
		return -1;
	}
	for (long k = pmin; k <= pmax; k++) {
		double r = log((double)k / p);
		pen[k] = TEMPO_TIGHTNESS * r * r;
	}
	for (size_t i = 0; i < n; i++) {
		double best = 0;
		long bi = -1;
		long a = (long)i - pmax, b = (long)i - pmin;
		if (a < 0)
			a = 0;
		for (long j = a; j <= b; j++) {
			double v = score[j] - pen[(long)i - j];
			if (bi < 0 || v > best) {
				best = v;
				bi = j;
			}
		}
		score[i] = x[i] + (bi >= 0 ? best : 0);
		back[i] = bi;
	}
	/* End on the best-scoring frame within the last period. */
	size_t end = n - 1;
	size_t from = n > (size_t)ceil(p) ? n - (size_t)ceil(p) : 0;
	for (size_t i = from; i < n; i++)
		if (score[i] > score[end])
			end = i;
	size_t cnt = 0;
	for (long i = (long)end; i >= 0; i = back[i])
		cnt++;
	free(pen);
	t->beats = malloc(sizeof(size_t) * (cnt ? cnt : 1));
	if (!t->beats) {
		free(score);
		free(back);
		return -1;
	}
	t->nbeats = cnt;
	for (long i = (long)end; i >= 0; i = back[i])
		t->beats[--cnt] = (size_t)i;
	free(score);
	free(back);
	return 0;
}

/* The beat period (frames) nearest a known tempo: the best autocorrelation
 * within TEMPO_PRIOR_SLACK of it, else the tempo's own period. */
static double tempo_period_near(const float *x, size_t n, double fps, double bpm, double *strength)
{
	double p0 = 60.0 * fps / bpm;
	size_t lo = (size_t)floor(p0 * (1.0 - TEMPO_PRIOR_SLACK)), hi = (size_t)ceil(p0 * (1.0 + TEMPO_PRIOR_SLACK));
	*strength = 0;
	if (lo < 1)
		lo = 1;
	if (hi + 2 >= n)
		return p0;
	double *ac = malloc(sizeof(double) * (hi + 2));
	if (!ac || tempo_autocorr(x, n, hi + 1, ac) != 0 || ac[0] <= 0) {
		free(ac);
		return p0;
	}
	size_t bl = lo;
	for (size_t l = lo; l <= hi; l++)
		if (ac[l] / (double)(n - l) > ac[bl] / (double)(n - bl))
			bl = l;
	double period = tempo_refine_peak(ac, bl, lo, hi);
	*strength = ac[bl] / ac[0] * (double)n / (double)(n - bl);
	free(ac);
	if (period < p0 * (1.0 - TEMPO_PRIOR_SLACK) || period > p0 * (1.0 + TEMPO_PRIOR_SLACK))
		period = p0;
	return period;
}

/* Estimate the tempo of the n-frame onset envelope at fps frames per
 * second and track its beats. */
int tempo_analyze(const float *onset, size_t n, double fps, il_tempo_info *t, il_err *err)
{
	return tempo_analyze_prior(onset, n, fps, 0, t, err);
}

/* The same with a known tempo (see tempo.h). */
int tempo_analyze_prior(const float *onset, size_t n, double fps, double prior_bpm, il_tempo_info *t,
			il_err *err)
{
	memset(t, 0, sizeof *t);
	if (n < 8)
		return 0;
	float *x = malloc(sizeof(float) * n), *sm = malloc(sizeof(float) * n);
	if (!x || !sm) {
		free(x);
		free(sm);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for beat tracking");
	}
	tempo_whiten(onset, n, fps, x, sm);
	free(sm);
	int known = prior_bpm >= TEMPO_MIN_BPM && prior_bpm <= TEMPO_MAX_BPM;
	t->period = known ? tempo_period_near(x, n, fps, prior_bpm, &t->strength)
			  : tempo_period(x, n, fps, &t->strength);
	if (t->period > 0) {
		t->bpm = known ? prior_bpm : 60.0 * fps / t->period;
		if (tempo_track(x, n, t->period, t) != 0) {
			free(x);
			return il_err_set(err, IL_E_INTERNAL, "out of memory for beat tracking");
		}
	}
	free(x);
	return 0;
}

/* Free the beats of t. */
void tempo_free(il_tempo_info *t)
{
	free(t->beats);
	t->beats = NULL;
	t->nbeats = 0;
}

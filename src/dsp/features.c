/* features.c: log-mel spectrogram, onset envelope, seam-judging frames. */
#include "dsp/features.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/fft.h"

#define FEATURES_FLOOR 1e-8f

/* The analysis hop for a rate: about 8 ms (256 frames at 32 kHz). */
int features_hop(int rate)
{
	int h = (int)lround(rate / 125.0);
	return h < 16 ? 16 : h;
}

/* Hz to mel (HTK formula). */
static double features_mel(double hz)
{
	return 2595.0 * log10(1.0 + hz / 700.0);
}

/* Mel to Hz (HTK formula). */
static double features_hz(double mel)
{
	return 700.0 * (pow(10.0, mel / 2595.0) - 1.0);
}

/* Make the mel bank for rate and FFT size nfft. 0 or -1 with err set. */
int melbank_init(il_melbank *mb, int rate, int nfft, int nmel, il_err *err)
{
	memset(mb, 0, sizeof *mb);
	mb->rate = rate;
	mb->nfft = nfft;
	mb->nmel = nmel;
	int nbins = nfft / 2 + 1;
	mb->window = malloc(sizeof(float) * (size_t)nfft);
	mb->lo = calloc((size_t)nmel, sizeof(int));
	mb->len = calloc((size_t)nmel, sizeof(int));
	mb->w = calloc((size_t)nmel * (size_t)nbins, sizeof(float));
	mb->in = fft_alloc_real((size_t)nfft);
	mb->out = fft_alloc_complex((size_t)nbins);
	mb->plan = fft_plan_r2c(nfft);
	if (!mb->window || !mb->lo || !mb->len || !mb->w || !mb->in || !mb->out || !mb->plan) {
		melbank_free(mb);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for the spectrogram");
	}
	for (int i = 0; i < nfft; i++)
		mb->window[i] = (float)(0.5 - 0.5 * cos(2.0 * M_PI * i / (nfft - 1)));
	double m0 = features_mel(30.0), m1 = features_mel(rate / 2.0 * 0.95);
	int *bins = malloc(sizeof(int) * (size_t)(nmel + 2));
	if (!bins) {
		melbank_free(mb);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for the spectrogram");
	}
	for (int i = 0; i < nmel + 2; i++) {
		double hz = features_hz(m0 + (m1 - m0) * i / (nmel + 1));
		bins[i] = (int)floor((nfft + 1) * hz / rate);
		if (bins[i] > nbins - 1)
			bins[i] = nbins - 1;
	}
	size_t off = 0;
	for (int b = 0; b < nmel; b++) {
		int a = bins[b], c = bins[b + 1], d = bins[b + 2];
		mb->lo[b] = a;
		mb->len[b] = d > a ? d - a : 1;
		for (int k = a; k < a + mb->len[b]; k++) {
			double v = 0;
			if (k < c)
				v = (double)(k - a) / (c - a > 0 ? c - a : 1);
			else if (k < d)
				v = (double)(d - k) / (d - c > 0 ? d - c : 1);
			mb->w[off + (size_t)(k - a)] = (float)v;
		}
		off += (size_t)mb->len[b];
	}
	free(bins);
	return 0;
}

/* Free a mel bank (a zeroed one is fine). */
void melbank_free(il_melbank *mb)
{
	free(mb->window);
	free(mb->lo);
	free(mb->len);
	free(mb->w);
	fft_free(mb->in);
	fft_free(mb->out);
	memset(mb, 0, sizeof *mb);
}

/* Log-mel of the nfft samples at x[pos] (zero outside [0, n)) into out. */
void melbank_frame(il_melbank *mb, const float *x, size_t n, long pos, float *out)
{
	int N = mb->nfft;
	if (pos >= 0 && (size_t)pos + (size_t)N <= n) {
		const float *p = x + pos;
		for (int i = 0; i < N; i++)
			mb->in[i] = p[i] * mb->window[i];
	} else {
		for (int i = 0; i < N; i++) {
			long j = pos + i;
			mb->in[i] = j >= 0 && (size_t)j < n ? x[j] * mb->window[i] : 0.0f;
		}
	}
	fftwf_execute_dft_r2c(mb->plan, mb->in, mb->out);
	/* The power spectrum overwrites the input buffer (no longer needed). */
	float *pw = mb->in;
	for (int k = 0; k <= N / 2; k++)
		pw[k] = mb->out[k][0] * mb->out[k][0] + mb->out[k][1] * mb->out[k][1];
	const float *w = mb->w;
	for (int b = 0; b < mb->nmel; b++) {
		const float *s = pw + mb->lo[b];
		float acc = 0;
		for (int k = 0; k < mb->len[b]; k++)
			acc += w[k] * s[k];
		w += mb->len[b];
		out[b] = logf(acc + FEATURES_FLOOR);
	}
}

/* Euclidean distance between two log-mel frames of nmel bands. */
float features_dist(const float *a, const float *b, int nmel)
{
	/* Eight partial sums: the compiler can keep them in one vector. */
	float acc[8] = { 0 };
	int i = 0;
	for (; i + 8 <= nmel; i += 8)
		for (int k = 0; k < 8; k++) {
			float d = a[i + k] - b[i + k];
			acc[k] += d * d;
		}
	for (; i < nmel; i++) {
		float d = a[i] - b[i];
		acc[0] += d * d;
	}
	return sqrtf(((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])));
}

/* Compare floats for qsort. */
static int features_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The onset envelope: positive log-mel flux over bands within 80 dB of
 * the loudest frame, averaged over bands. */
static void features_onset(il_features *f)
{
	float top = -1e30f;
	size_t n = f->nframes * (size_t)f->nmel;
	for (size_t i = 0; i < n; i++)
		if (f->logmel[i] > top)
			top = f->logmel[i];
	float floor_ = top - 18.42f; /* 80 dB below the top, in ln(power) */
	f->onset[0] = 0;
	for (size_t t = 1; t < f->nframes; t++) {
		const float *a = f->logmel + (t - 1) * (size_t)f->nmel, *b = a + f->nmel;
		float acc = 0;
		for (int k = 0; k < f->nmel; k++) {
			float pa = a[k] > floor_ ? a[k] : floor_, pb = b[k] > floor_ ? b[k] : floor_;
			if (pb > pa)
				acc += pb - pa;
		}
		f->onset[t] = acc / f->nmel;
	}
}

/* The median distance between random pairs of frames (deterministic). */
static double features_rand_dist(const il_features *f)
{
	enum { PAIRS = 1000 };
	float d[PAIRS];
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	size_t n = f->nframes;
	for (int i = 0; i < PAIRS; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t a = (size_t)(s >> 33) % n;
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t b = (size_t)(s >> 33) % n;
		d[i] = features_dist(f->logmel + a * (size_t)f->nmel, f->logmel + b * (size_t)f->nmel,
				     f->nmel);
	}
	qsort(d, PAIRS, sizeof d[0], features_cmp);
	double m = d[PAIRS / 2];
	return m > 1e-6 ? m : 1e-6;
}

/* Compute the log-mel spectrogram and onset envelope of the n samples of
 * mono at rate. 0, or -1 with err set (out of memory). */
int features_compute(const float *mono, size_t n, int rate, il_features *f, il_err *err)
{
	memset(f, 0, sizeof *f);
	f->rate = rate;
	f->hop = features_hop(rate);
	f->nmel = FEATURES_NMEL;
	f->nfft = 4 * f->hop;
	f->nfft = fft_good_size(f->nfft);
	if (melbank_init(&f->mb, rate, f->nfft, f->nmel, err) != 0)
		return -1;
	f->nframes = n >= (size_t)f->nfft ? 1 + (n - (size_t)f->nfft) / (size_t)f->hop : 1;
	f->logmel = malloc(sizeof(float) * f->nframes * (size_t)f->nmel);
	f->onset = malloc(sizeof(float) * f->nframes);
	if (!f->logmel || !f->onset) {
		features_free(f);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for the spectrogram");
	}
	for (size_t t = 0; t < f->nframes; t++)
		melbank_frame(&f->mb, mono, n, (long)(t * (size_t)f->hop),
			      f->logmel + t * (size_t)f->nmel);
	features_onset(f);
	f->rand_dist = features_rand_dist(f);
	return 0;
}

/* Free what features_compute made. */
void features_free(il_features *f)
{
	free(f->logmel);
	free(f->onset);
	melbank_free(&f->mb);
	memset(f, 0, sizeof *f);
}

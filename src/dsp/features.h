/* features.h: spectral features of a mono signal for loop finding.
 *
 * A log-mel spectrogram (Hann window, FFTW3f power spectra, triangular mel
 * bands from 30 Hz to 95 % of Nyquist, natural log of power), the onset
 * envelope derived from it, and log-mel frames at arbitrary positions for
 * judging a seam exactly. Frame f starts at sample f * hop. */
#ifndef IL_DSP_FEATURES_H
#define IL_DSP_FEATURES_H

#include <stddef.h>
#include <fftw3.h>

#include "util/error.h"

#define FEATURES_NMEL 48

typedef struct il_melbank {
	int rate, nfft, nmel;
	float *window;         /* nfft */
	int *lo, *len;         /* first bin and bin count of each band */
	float *w;              /* weights, band after band */
	fftwf_plan plan;       /* shared, from fft.c */
	float *in;             /* nfft, aligned */
	fftwf_complex *out;    /* nfft/2+1, aligned */
} il_melbank;

typedef struct il_features {
	int rate, nfft, hop, nmel;
	size_t nframes;
	float *logmel;         /* nframes x nmel */
	float *onset;          /* nframes, >= 0 */
	double rand_dist;      /* median distance between random frames */
	il_melbank mb;
} il_features;

/* The analysis hop for a rate: about 8 ms (256 frames at 32 kHz). */
int features_hop(int rate);
/* Make the mel bank for rate and FFT size nfft. 0 or -1 with err set. */
int melbank_init(il_melbank *mb, int rate, int nfft, int nmel, il_err *err);
/* Free a mel bank (a zeroed one is fine). */
void melbank_free(il_melbank *mb);
/* Log-mel of the nfft samples at x[pos] (zero outside [0, n)) into out. */
void melbank_frame(il_melbank *mb, const float *x, size_t n, long pos, float *out);
/* Compute the log-mel spectrogram and onset envelope of the n samples of
 * mono at rate. 0, or -1 with err set (out of memory). */
int features_compute(const float *mono, size_t n, int rate, il_features *f, il_err *err);
/* Free what features_compute made. */
void features_free(il_features *f);
/* Euclidean distance between two log-mel frames of nmel bands. */
float features_dist(const float *a, const float *b, int nmel);

#endif

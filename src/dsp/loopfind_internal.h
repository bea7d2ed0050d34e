/* loopfind_internal.h: what the parts of the loop finder share.
 *
 * loopsearch.c finds candidate loops on the log-mel frame grid (coarse
 * self-similarity over every lag on block-averaged frames, fine search
 * around the best lags, beat-grid candidates); looprefine.c makes each one
 * sample-exact and measures it on the waveform; loopfind.c scores, picks
 * and reports. */
#ifndef IL_DSP_LOOPFIND_INTERNAL_H
#define IL_DSP_LOOPFIND_INTERNAL_H

#include <stddef.h>

#include "dsp/features.h"
#include "dsp/loopfind.h"
#include "dsp/tempo.h"

#define LF_MAX_CANDS 24
/* A seam judged on less than 0.75 s of context (near the clip's edges)
 * counts as this much worse, times the share of context missing: less is
 * known of it (silence-to-silence over 0.3 s proves little). */
#define LOOPFIND_SHORT_CONTEXT 0.05

typedef struct il_lf_ctx {
	const float *x;     /* interleaved input */
	size_t n;           /* frames */
	int ch, rate;
	float *mono;        /* channel mean */
	il_features f;
	il_tempo_info tp;
	double beat_samples; /* beat period in samples; 0 when no tempo */
	size_t lmin;        /* shortest loop, samples */
	long K, Kmin;       /* seam context in frames: 0.75 s, at least 0.25 s */
	double step999;     /* 99.9th percentile of |x[i+1]-x[i]| of mono */
	double typstep;     /* mean |x[i+1]-x[i]| over channels */
	il_loopfind_mode mode;
} il_lf_ctx;

typedef struct il_lf_cand {
	long fstart, flen;  /* frame grid */
	double fseam;       /* seam on the frame grid, relative */
	int from_beats;     /* a beat-grid candidate */
	size_t smin;        /* earliest start sample that keeps the seam */
	size_t start, len;  /* samples, after refinement */
	double seam, seam_rank, spectral, waveform, beat, phase, score;
	double support;     /* share of the clip that repeats at this length */
	int valid;
} il_lf_cand;

/* Candidates on the frame grid into c (at most max); their number, or -1
 * when out of memory. */
int loopsearch_run(const il_lf_ctx *x, il_lf_cand *c, int max);
/* The share of frames that match the frames len samples later (the better
 * of the two frame lags around len), relative to the overlap the shortest
 * loop would have: near 1 when the whole clip repeats at that length. */
double loopsearch_support(const il_lf_ctx *x, size_t len);
/* Beat-grid candidates (whole measures from beats) appended to c[n..max). */
int loopsearch_beats(const il_lf_ctx *x, il_lf_cand *c, int n, int max);
/* The relative log-mel seam distance of the loop [s, s+len) judged on the
 * samples themselves (the better of the two sides); 1 when it cannot be
 * judged. *rank gets the same with the cost of a short side added (see
 * LOOPFIND_SHORT_CONTEXT). */
double looprefine_seam(il_lf_ctx *x, size_t s, size_t len, double *rank);
/* Make c sample-exact (length by waveform correlation, then start and end
 * moved together to a quiet, continuous wrap) and measure it. 0, or -1
 * when out of memory; c->valid is 0 when no valid loop came out. */
int looprefine_cand(il_lf_ctx *x, il_lf_cand *c);

#endif

/* loopfind.h: finding a sample-exact seamless loop in a clip.
 *
 * Pure computation on interleaved float samples (no I/O). The "advanced"
 * mode scores candidates on spectral similarity, waveform continuity, beat
 * alignment and phase continuity; "classic" on spectral similarity only.
 * The loop length is refined to the sample, then start and end move together
 * to a quiet, continuous wrap point, so the length stays exact. */
#ifndef IL_DSP_LOOPFIND_H
#define IL_DSP_LOOPFIND_H

#include <stddef.h>

#include "dsp/beatgrid.h"
#include "util/error.h"

#define LOOPFIND_TOP 5
#define LOOPFIND_MIN_SECONDS 2.0
#define LOOPFIND_GOOD 0.6 /* composite score below this: a poor loop */

typedef enum il_loopfind_mode {
	LOOPFIND_ADVANCED,
	LOOPFIND_CLASSIC
} il_loopfind_mode;

typedef struct il_loopfind_cand {
	size_t start, end; /* frames, end exclusive */
	double score;
} il_loopfind_cand;

typedef struct il_loopfind_result {
	size_t start, end; /* frames, end exclusive */
	double bpm;        /* 0 when no tempo was found */
	int beats;         /* beats in the loop, 0 when unknown */
	il_beatgrid grid;  /* where the loop's beats and downbeats fall (beatgrid.h) */
	double score;      /* composite, 0..1 */
	int poor;          /* nothing scored well */
	char method[24];   /* advanced, classic, beatgrid, whole */
	double spectral, waveform, beat, phase; /* metrics, 0..1 */
	double seam;       /* log-mel seam distance, relative to random jumps */
	int ncand;
	il_loopfind_cand cand[LOOPFIND_TOP];
} il_loopfind_result;

/* Find the loop of x (frames frames of channels interleaved samples at
 * rate). The samples must be finite and the clip at least 2 s long. 0, or
 * -1 with err set (too short, out of memory). */
int loopfind_run(const float *x, size_t frames, int channels, int rate,
		 il_loopfind_mode mode, il_loopfind_result *r, il_err *err);
/* The same, when the clip's tempo is known (its generator said so): bpm is
 * the analyser's prior (tempo_analyze_prior) and the tempo reported in
 * r->bpm; bpm <= 0 is loopfind_run(). */
int loopfind_run_tempo(const float *x, size_t frames, int channels, int rate,
		       il_loopfind_mode mode, double bpm, il_loopfind_result *r, il_err *err);

#endif

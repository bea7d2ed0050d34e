/* tempo.h: tempo estimate and beat tracking from an onset envelope.
 *
 * Tempo: autocorrelation of the onset envelope (FFTW), weighted by a
 * log-normal preference around 120 bpm, with the octave above reinforcing.
 * Beats: dynamic programming over the envelope (Ellis 2007): each beat
 * rewards onset strength and penalises intervals away from the period. */
#ifndef IL_DSP_TEMPO_H
#define IL_DSP_TEMPO_H

#include <stddef.h>

#include "util/error.h"

#define TEMPO_MIN_BPM 40.0
#define TEMPO_MAX_BPM 240.0
#define TEMPO_PRIOR_SLACK 0.03 /* a known tempo is refined within +-3 % */

typedef struct il_tempo_info {
	double period;    /* beat period in envelope frames; 0 when none */
	double bpm;       /* 0 when no steady pulse */
	double strength;  /* 0..1, how periodic the envelope is */
	size_t *beats;    /* beat frames, ascending (malloc'ed) */
	size_t nbeats;
} il_tempo_info;

/* Estimate the tempo of the n-frame onset envelope at fps frames per
 * second and track its beats. No pulse is not an error (bpm 0, no beats);
 * -1 with err set only when out of memory. */
int tempo_analyze(const float *onset, size_t n, double fps, il_tempo_info *t, il_err *err);
/* The same with a prior: prior_bpm (40-240) is the tempo the music is known
 * to have (its generator said so). It is the tempo reported, never doubled
 * or halved; the beat period is refined within TEMPO_PRIOR_SLACK of it and
 * the beats tracked at that period. prior_bpm <= 0: tempo_analyze(). */
int tempo_analyze_prior(const float *onset, size_t n, double fps, double prior_bpm, il_tempo_info *t,
			il_err *err);
/* Free the beats of t. */
void tempo_free(il_tempo_info *t);

#endif

/* beatgrid.h: the beat grid of a loop: where its beats and downbeats fall.
 *
 * Pure computation on mono samples. The loop holds a whole number of beats
 * (from the tempo found by tempo.c), so its beats are evenly spaced at
 * length / beats. Their phase is found to the millisecond on the samples:
 * an onset curve (high-passed amplitude, 5 ms windows stepped by 1 ms,
 * taken round the loop's wrap) is folded over the beat period and the
 * strongest fold is the beat; the downbeat is the beat with the strongest
 * accent over the loop's bars. Confidence says how much of the onset
 * energy falls on the beats: near 1 for drums or clicks, near 0 for a pad
 * with no clear beat. */
#ifndef IL_DSP_BEATGRID_H
#define IL_DSP_BEATGRID_H

#include <stddef.h>

#include "util/error.h"

#define BEATGRID_FIT 0.02       /* the loop must hold whole beats within 2 % */
#define BEATGRID_CONFIDENT 0.35 /* a grid at least this clear is used */

typedef struct il_beatgrid {
	int beats;         /* beats in the loop, 0 when no grid fits */
	int per_bar;       /* beats in a bar (4, 3, else the whole loop) */
	int bars;          /* beats / per_bar */
	size_t downbeat;   /* frames from the loop's start to its first downbeat */
	double confidence; /* 0..1, see above */
} il_beatgrid;

/* The grid of the loop [start, start + len) of the n-frame mono signal at
 * rate, whose beat period is beat_samples (0: no tempo, no grid). 0, or -1
 * with err set (out of memory). With no grid g->beats is 0. */
int beatgrid_find(const float *mono, size_t n, int rate, size_t start, size_t len, double beat_samples,
		  il_beatgrid *g, il_err *err);

#endif

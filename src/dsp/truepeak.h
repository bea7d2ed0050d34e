/* truepeak.h: the true peak of a loop as it is played (libebur128's 4x
 * oversampling), kept block by block, so that after a gain and a limiter
 * that touched only some blocks, only those are measured again.
 *
 * The loop region is measured as a cycle: its first frames with its last
 * ones before them, as they are heard when it wraps. Each block's figure
 * is the largest oversampled value of the outputs computed while its
 * frames were fed, over the first two channels (a mono loop counted as
 * both). Oversampling is linear, so a block whose frames and the filter's
 * reach before them were only scaled by g has g times its old peak.
 *
 * No oversampled value exceeds the largest frame in its reach times the
 * interpolator's gain (the sum of its largest phase's coefficients'
 * magnitudes), so a block whose frames times that gain stay under a peak
 * already found cannot hold the loop's true peak: it keeps that bound
 * instead of being measured. The largest figure is the same as a full
 * measurement; only a part of the blocks (those within about 5 dB of the
 * loudest frame) pass through the costly oversampling. */
#ifndef IL_DSP_TRUEPEAK_H
#define IL_DSP_TRUEPEAK_H

#include <stddef.h>

#include "util/error.h"

#define TRUEPEAK_BLOCK 256 /* frames per block */

typedef struct il_truepeak {
	float *block;    /* linear true peak of each block, or a bound over it */
	unsigned char *exact; /* 1 where block[] was measured, 0 where a bound */
	size_t nblocks;
	size_t len;      /* frames in the loop */
	int channels, rate;
} il_truepeak;

/* Measure the loop [start, start + len) of x (interleaved, channels) at
 * rate; the largest true peak (linear) in *peak and the blocks in tp (free
 * with truepeak_free). 0, or -1 with err. */
int truepeak_measure(const float *x, int channels, int rate, size_t start, size_t len, il_truepeak *tp,
		     double *peak, il_err *err);
/* The largest oversampled value over the largest frame (in its reach) for
 * libebur128 at rate: its interpolator's gain, a little over. */
double truepeak_gain(int rate);
/* The true peak (linear) of the loop of x, which is orig times (float)g
 * except where a limiter changed it, from the blocks tp measured on orig:
 * blocks untouched within the filter's reach are scaled, the others
 * measured again; a bound that could pass the result is measured on orig
 * and kept in tp. 0, or -1 with err. */
int truepeak_again(il_truepeak *tp, const float *x, const float *orig, size_t start, double g,
		   double *peak, il_err *err);
/* Free the blocks. */
void truepeak_free(il_truepeak *tp);

#endif

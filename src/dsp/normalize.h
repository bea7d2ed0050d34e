/* normalize.h: loudness normalization of a prepared loop.
 *
 * Peak to 0.7; a very quiet clip (peak below -40 dBFS) is raised by its RMS
 * instead (to RMS 0.1), and whatever the gain, no sample exceeds 0.95. No
 * fades: an exact loop needs none. */
#ifndef IL_DSP_NORMALIZE_H
#define IL_DSP_NORMALIZE_H

#include <stddef.h>

#define NORMALIZE_PEAK 0.7
#define NORMALIZE_LIMIT 0.95
#define NORMALIZE_QUIET_PEAK 0.01
#define NORMALIZE_QUIET_RMS 0.1

/* The gain normalization would apply to the n samples of x (1 when silent). */
double normalize_gain(const float *x, size_t n);
/* Normalize the n samples of x in place; returns the gain applied. */
double normalize_apply(float *x, size_t n);

#endif

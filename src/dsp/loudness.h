/* loudness.h: loudness of a loop as it is played, and its normalization.
 *
 * Measured with libebur128 (ITU-R BS.1770 / EBU R128: K-weighting, gated
 * integrated loudness, loudness range, 4x oversampled true peak) on the
 * loop region as the player hears it: over and over (at least 6 s) and on
 * across the seam where it wraps, the first two channels, a mono clip
 * counted as both. After a plain gain only the loudness is measured again
 * (the true peak moves with the gain); after the limiter, the true peak of
 * the blocks it changed (see truepeak.h).
 *
 * Normalization brings the loop to a target integrated loudness (-16 LUFS
 * by default) under a true-peak ceiling (-1 dBTP): one gain for the whole
 * clip, and where that gain would push peaks over the ceiling, a
 * look-ahead limiter (linked channels, periodic over the loop region so
 * that the loop still wraps seamlessly) takes up to LOUDNESS_MAX_LIMIT dB
 * off the peaks; beyond that the gain is lowered instead. The result is
 * measured again and never exceeds the ceiling. */
#ifndef IL_DSP_LOUDNESS_H
#define IL_DSP_LOUDNESS_H

#include <stddef.h>

#include "util/error.h"

#define LOUDNESS_TARGET (-16.0)  /* LUFS */
#define LOUDNESS_CEILING (-1.0)  /* dBTP */
#define LOUDNESS_MAX_LIMIT 6.0   /* dB the limiter may take off a peak */

/* How a loop is normalized. */
typedef enum il_loudness_mode {
	LOUDNESS_R128,  /* to a target integrated loudness under a true-peak ceiling */
	LOUDNESS_PEAK,  /* the whole clip's sample peak to 0.7 (see normalize.h) */
	LOUDNESS_OFF    /* left as it is */
} il_loudness_mode;

typedef struct il_loudness_opts {
	il_loudness_mode mode;
	double target;   /* LUFS (LOUDNESS_R128) */
	double ceiling;  /* dBTP */
} il_loudness_opts;

/* One measurement; -HUGE_VAL integrated loudness or true peak for silence. */
typedef struct il_loudness {
	double integrated;  /* LUFS */
	double range;       /* LU */
	double true_peak;   /* dBTP */
} il_loudness;

/* What normalization did. */
typedef struct il_loudness_result {
	il_loudness before, after;
	double gain_db;     /* the gain applied to the whole clip */
	double limited_db;  /* the most the limiter took off a peak (0: not used) */
} il_loudness_result;

/* Parse a `loudness` setting: a number of LUFS (-70 to 0), "off" or
 * "peak"; 0, or -1 with err. */
int loudness_parse(const char *text, il_loudness_opts *o, il_err *err);
/* Measure the loop region [start, end) of x (frames of `channels`
 * interleaved samples at rate) as played; 0, or -1 with err. */
int loudness_measure(const float *x, size_t frames, int channels, int rate, size_t start, size_t end,
		     il_loudness *out, il_err *err);
/* Normalize x in place as o says (the loop region is what is measured);
 * r (when not NULL) tells what was done. 0, or -1 with err. */
int loudness_normalize(float *x, size_t frames, int channels, int rate, size_t start, size_t end,
		       const il_loudness_opts *o, il_loudness_result *r, il_err *err);

#endif

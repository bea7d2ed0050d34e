/* normalize.c: peak normalization with an RMS fallback and a limit. */
#include "dsp/normalize.h"

#include <math.h>

/* The gain normalization would apply to the n samples of x (1 when silent). */
double normalize_gain(const float *x, size_t n)
{
	double peak = 0, sum2 = 0;
	for (size_t i = 0; i < n; i++) {
		double a = fabs(x[i]);
		if (a > peak)
			peak = a;
		sum2 += a * a;
	}
	if (!(peak > 0) || !isfinite(peak))
		return 1.0;
	double gain = NORMALIZE_PEAK / peak;
	if (peak < NORMALIZE_QUIET_PEAK) {
		double rms = sqrt(sum2 / (double)n);
		if (rms > 0)
			gain = NORMALIZE_QUIET_RMS / rms;
	}
	if (gain * peak > NORMALIZE_LIMIT)
		gain = NORMALIZE_LIMIT / peak;
	return gain;
}

/* Normalize the n samples of x in place; returns the gain applied. */
double normalize_apply(float *x, size_t n)
{
	double gain = normalize_gain(x, n);
	float g = (float)gain;
	for (size_t i = 0; i < n; i++) {
		float v = x[i] * g;
		if (v > (float)NORMALIZE_LIMIT)
			v = (float)NORMALIZE_LIMIT;
		else if (v < -(float)NORMALIZE_LIMIT)
			v = -(float)NORMALIZE_LIMIT;
		x[i] = v;
	}
	return gain;
}

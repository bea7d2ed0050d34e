/* xfade.c: crossfade and ramp curves for playback. */
#include "dsp/xfade.h"

#include <math.h>

/* Equal-power crossfade gains at t in [0, 1] (clamped). */
void il_xfade_gains(double t, float *gout, float *gin)
{
	if (!(t > 0.0))
		t = 0.0;
	if (t > 1.0)
		t = 1.0;
	double a = t * M_PI / 2.0;
	*gout = (float)cos(a);
	*gin = (float)sin(a);
	if (t >= 1.0) {
		*gout = 0.0f;
		*gin = 1.0f;
	}
}

/* The amplitude for a software volume in percent (0-100). */
float il_xfade_volume_gain(int percent)
{
	if (percent <= 0)
		return 0.0f;
	if (percent >= 100)
		return 1.0f;
	double v = percent / 100.0;
	return (float)(v * v);
}

/* Move cur one step of at most step toward target. */
float il_xfade_slew(float cur, float target, float step)
{
	if (cur < target)
		return target - cur <= step ? target : cur + step;
	return cur - target <= step ? target : cur - step;
}

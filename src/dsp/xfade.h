/* xfade.h: crossfade and ramp curves for playback. */
#ifndef IL_DSP_XFADE_H
#define IL_DSP_XFADE_H

/* Equal-power crossfade gains at t in [0, 1] (clamped): the outgoing loop's
 * gain is cos(t*pi/2), the incoming one's sin(t*pi/2), so gout^2 + gin^2 = 1. */
void il_xfade_gains(double t, float *gout, float *gin);

/* The amplitude for a software volume in percent (0-100): (v/100)^2, so 100
 * is exactly 1 and the scale feels even to the ear. */
float il_xfade_volume_gain(int percent);

/* Move cur one step of at most step toward target; returns the new value
 * (exactly target once within step). */
float il_xfade_slew(float cur, float target, float step);

#endif

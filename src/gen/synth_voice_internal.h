/* synth_voice_internal.h: what the built-in synth's voice files share
 * (synth_voice.c, synth_voice_drums.c): the sine table and the noise
 * generator. Internal to src/gen. */
#ifndef IL_GEN_SYNTH_VOICE_INTERNAL_H
#define IL_GEN_SYNTH_VOICE_INTERNAL_H

#include <stdint.h>

#define SV_TAB 4096
#define SV_PI 3.14159265358979323846
/* Noise of snares and hats: the part both sides share and the part they
 * do not (squares sum to 1; their difference of squares is the L/R
 * correlation of the noise, about 0.3). */
#define SV_NOISE_SAME 0.8f
#define SV_NOISE_APART 0.6f

/* A cycle of sine in SV_TAB steps (and the first again), once
 * sv_tables_init has run. */
extern float sv_sin_tab[SV_TAB + 1];

/* Fill the sine table, the first time it is called in the process. */
void sv_tables_init(void);

/* Sine of a phase in cycles (any real value), by table lookup. */
static inline float sv_sin(double ph)
{
	long whole = (long)ph;
	ph -= (double)(whole - (ph < (double)whole));
	double x = ph * SV_TAB;
	int i = (int)x;
	float f = (float)(x - i);
	return sv_sin_tab[i] + f * (sv_sin_tab[i + 1] - sv_sin_tab[i]);
}

/* Fast noise in [-1, 1) from a 32-bit state. */
static inline float sv_noise(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (float)((int32_t)*s) * (1.0f / 2147483648.0f);
}

#endif

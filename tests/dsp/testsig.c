/* testsig.c: deterministic test signals and writing them to files. */
#include "testsig.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <sndfile.h>

/* xorshift32: the test signals' deterministic noise, in [-1, 1). */
static float testsig_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (float)((double)*s / 2147483648.0 - 1.0);
}

/* A click track: a 10 ms decaying burst on every beat (accented every 4th). */
float *testsig_clicks(int rate, size_t frames, double bpm)
{
	float *x = calloc(frames ? frames : 1, sizeof(float));
	if (!x)
		return NULL;
	double period = 60.0 * rate / bpm;
	size_t len = (size_t)(rate / 100);
	for (long b = 0;; b++) {
		size_t at = (size_t)llround(b * period);
		if (at >= frames)
			break;
		float amp = b % 4 == 0 ? 0.9f : 0.5f;
		for (size_t i = 0; i < len && at + i < frames; i++)
			x[at + i] += amp * (float)(exp(-(double)i / (len / 5.0)) *
						   sin(2 * M_PI * 1500.0 * i / rate));
	}
	return x;
}

/* Material for one stretch: tones with a noisy, decaying attack. */
static void testsig_fill(float *x, size_t n, int rate, unsigned seed)
{
	uint32_t s = seed * 2654435761u + 12345u;
	double f1 = 110.0 + 200.0 * (testsig_rand(&s) + 1), f2 = f1 * 1.5, f3 = f1 * 2.02;
	double ph1 = 0, ph2 = 0, ph3 = 0;
	size_t hit = (size_t)(rate / 5) + (size_t)((testsig_rand(&s) + 1) * rate / 10);
	for (size_t i = 0; i < n; i++) {
		ph1 += 2 * M_PI * f1 / rate;
		ph2 += 2 * M_PI * f2 / rate;
		ph3 += 2 * M_PI * f3 / rate;
		double env = exp(-(double)(i % hit) / (rate * 0.05));
		x[i] = (float)(0.25 * sin(ph1) + 0.15 * sin(ph2) + 0.1 * sin(ph3) +
			       0.3 * env * testsig_rand(&s));
		if (i % (size_t)(rate / 2) == 0) {
			f1 = 110.0 + 200.0 * (testsig_rand(&s) + 1);
			f2 = f1 * 1.5;
			f3 = f1 * 2.02;
		}
	}
}

/* Noisy, tonal material of one period repeated after a different intro. */
float *testsig_periodic(int rate, size_t frames, size_t period, size_t intro, unsigned seed)
{
	float *x = calloc(frames ? frames : 1, sizeof(float));
	float *seg = malloc(sizeof(float) * (period ? period : 1));
	if (!x || !seg) {
		free(x);
		free(seg);
		return NULL;
	}
	testsig_fill(seg, period, rate, seed);
	if (intro > frames)
		intro = frames;
	testsig_fill(x, intro, rate, seed + 1000);
	for (size_t i = intro; i < frames; i++)
		x[i] = seg[(i - intro) % period];
	free(seg);
	return x;
}

/* Music-like material: drums, bass and chords at bpm, varied per bar. */
float *testsig_music(int rate, size_t frames, double bpm, unsigned seed)
{
	float *x = calloc(frames ? frames : 1, sizeof(float));
	if (!x)
		return NULL;
	uint32_t s = seed * 2246822519u + 7u;
	static const double roots[4] = { 55.0, 43.65, 49.0, 41.2 };
	double beat = 60.0 * rate / bpm, ph = 0, pc[3] = { 0, 0, 0 };
	for (size_t i = 0; i < frames; i++) {
		double b = (double)i / beat;
		long bi = (long)b, bar = bi / 4;
		double t = (b - (double)bi) * beat / rate; /* seconds since the beat */
		double root = roots[bar % 4];
		float v = 0;
		/* Kick on every beat, snare (noise) on 2 and 4, hat on off-beats. */
		v += (float)(0.6 * exp(-t * 30) * sin(2 * M_PI * (50 + 80 * exp(-t * 40)) * t));
		if (bi % 2 == 1)
			v += 0.3f * (float)exp(-t * 25) * testsig_rand(&s);
		double half = (b * 2 - floor(b * 2)) * beat / 2 / rate;
		v += 0.08f * (float)exp(-half * 80) * testsig_rand(&s);
		ph += 2 * M_PI * root / rate;
		v += (float)(0.25 * sin(ph) * (0.6 + 0.4 * exp(-t * 4)));
		for (int k = 0; k < 3; k++) {
			pc[k] += 2 * M_PI * root * 4 * (k == 0 ? 1.0 : k == 1 ? 1.26 : 1.5) / rate;
			v += (float)(0.06 * sin(pc[k]));
		}
		/* A little variation in every bar. */
		v *= (float)(1.0 + 0.05 * sin(2 * M_PI * (double)bar * 0.37 + seed));
		x[i] = v * 0.7f;
	}
	return x;
}

/* White noise of the given amplitude. */
float *testsig_noise(size_t frames, float amp, unsigned seed)
{
	float *x = malloc(sizeof(float) * (frames ? frames : 1));
	if (!x)
		return NULL;
	uint32_t s = seed * 747796405u + 1u;
	for (size_t i = 0; i < frames; i++)
		x[i] = amp * testsig_rand(&s);
	return x;
}

/* Interleave ch mono signals (each frames long) into one buffer. */
float *testsig_interleave(float *const *mono, int ch, size_t frames)
{
	float *x = malloc(sizeof(float) * (frames ? frames : 1) * (size_t)ch);
	if (!x)
		return NULL;
	for (size_t i = 0; i < frames; i++)
		for (int k = 0; k < ch; k++)
			x[i * (size_t)ch + (size_t)k] = mono[k][i];
	return x;
}

/* Write interleaved samples to path with libsndfile format fmt. */
int testsig_write(const char *path, const float *x, size_t frames, int ch, int rate, int fmt)
{
	SF_INFO info = { 0 };
	info.samplerate = rate;
	info.channels = ch;
	info.format = fmt;
	SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
	if (!sf)
		return -1;
	sf_count_t w = sf_writef_float(sf, x, (sf_count_t)frames);
	int rc = sf_close(sf);
	return w == (sf_count_t)frames && rc == 0 ? 0 : -1;
}

/* testsig.h: deterministic test signals for the loop-finding tests and
 * benchmark, and writing them to audio files. */
#ifndef IL_TESTS_DSP_TESTSIG_H
#define IL_TESTS_DSP_TESTSIG_H

#include <stddef.h>

/* A click track: a 10 ms decaying 1.5 kHz burst on every beat (accented
 * every 4th), mono, frames long. Caller frees. */
float *testsig_clicks(int rate, size_t frames, double bpm);
/* Noisy, tonal material of one period repeated: x[i] == x[i + period]
 * exactly, for i >= intro (before that, different material). Mono. */
float *testsig_periodic(int rate, size_t frames, size_t period, size_t intro, unsigned seed);
/* Music-like material: drums, bass and chords at bpm, with a little
 * variation in every bar, so no length repeats exactly. Mono. */
float *testsig_music(int rate, size_t frames, double bpm, unsigned seed);
/* White noise of the given amplitude. Mono. */
float *testsig_noise(size_t frames, float amp, unsigned seed);
/* Interleave ch mono signals (each frames long) into one buffer. */
float *testsig_interleave(float *const *mono, int ch, size_t frames);
/* Write interleaved samples to path with libsndfile format fmt (e.g.
 * SF_FORMAT_WAV | SF_FORMAT_FLOAT). 0, or -1 on failure. */
int testsig_write(const char *path, const float *x, size_t frames, int ch, int rate, int fmt);

#endif

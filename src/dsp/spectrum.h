/* spectrum.h: band levels for the spectrum panel, in the manner of cava.
 *
 * A Hann-windowed real FFT (FFTW single precision, planned once) over the
 * newest IL_SPEC_FFT samples of a mono mix; bands spaced evenly in
 * log-frequency between 50 Hz and 10 kHz with at least one FFT bin each; the
 * average magnitude per band with a treble tilt; then gravity fall-off and
 * an integral (leaky) filter scaled by the frame rate, and an automatic gain
 * that backs off fast on overshoot and creeps up slowly, frozen in silence.
 * Levels come out as bytes 0-255. */
#ifndef IL_DSP_SPECTRUM_H
#define IL_DSP_SPECTRUM_H

#include "util/error.h"

#define IL_SPEC_FFT 4096     /* samples per analysis window */
#define IL_SPEC_MAX_BANDS 128

typedef struct il_spec il_spec;

/* Make an analyser for nbands bands (1-IL_SPEC_MAX_BANDS) at the given
 * sample rate. Creates the FFTW plan: call it from one thread at a time. */
il_spec *il_spec_new(int rate, int nbands, il_err *err);
/* Free an analyser (NULL is fine). */
void il_spec_free(il_spec *s);
/* Analyse the IL_SPEC_FFT newest mono samples in win (oldest first), for a
 * display running at fps frames per second. Writes nbands levels into out
 * and returns 1, or returns 0 without touching the smoothing state when the
 * window is silent. */
int il_spec_compute(il_spec *s, const float *win, double fps, unsigned char *out);
/* The lower edge of band b in Hz (after the one-bin minimum is applied). */
double il_spec_band_low(const il_spec *s, int b);

#endif

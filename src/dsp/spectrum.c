/* spectrum.c: band levels for the spectrum panel, in the manner of cava. */
#include "dsp/spectrum.h"

#include "dsp/fft.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SPEC_LOW_HZ 50.0
#define SPEC_HIGH_HZ 10000.0
#define SPEC_NOISE_REDUCTION 0.77
#define SPEC_SILENCE_RMS 1e-4

struct il_spec {
	int rate, nbands;
	float *in;             /* windowed samples, FFTW-aligned */
	fftwf_complex *out;
	fftwf_plan plan;
	float window[IL_SPEC_FFT];
	int lo[IL_SPEC_MAX_BANDS + 1]; /* first bin of each band; lo[nbands] ends the last */
	double tilt[IL_SPEC_MAX_BANDS];
	double mem[IL_SPEC_MAX_BANDS], peak[IL_SPEC_MAX_BANDS], fall[IL_SPEC_MAX_BANDS];
	double prev[IL_SPEC_MAX_BANDS];
	double sens;
	int overshot;          /* the gain has hit the top once */
};

/* Place the band edges on FFT bins, evenly in log-frequency, one bin minimum. */
static void spec_edges(il_spec *s)
{
	double binhz = (double)s->rate / IL_SPEC_FFT;
	int maxbin = IL_SPEC_FFT / 2;
	double hi = SPEC_HIGH_HZ < s->rate / 2.0 ? SPEC_HIGH_HZ : s->rate / 2.0;
	for (int b = 0; b <= s->nbands; b++) {
		double f = SPEC_LOW_HZ * pow(hi / SPEC_LOW_HZ, (double)b / s->nbands);
		int k = (int)lround(f / binhz);
		if (b > 0 && k <= s->lo[b - 1])
			k = s->lo[b - 1] + 1;
		if (k > maxbin)
			k = maxbin;
		s->lo[b] = k;
	}
	for (int b = 0; b < s->nbands; b++) {
		double fhi = s->lo[b + 1] * binhz;
		s->tilt[b] = pow(fhi > 1.0 ? fhi : 1.0, 0.85) / (IL_SPEC_FFT / 2.0) / log2(IL_SPEC_FFT);
	}
}

/* Make an analyser for nbands bands at the given sample rate. */
il_spec *il_spec_new(int rate, int nbands, il_err *err)
{
	if (nbands < 1 || nbands > IL_SPEC_MAX_BANDS || rate < 8000) {
		il_err_set(err, IL_E_INTERNAL, "spectrum needs 1-%d bands and a rate of at least 8000 Hz", IL_SPEC_MAX_BANDS);
		return NULL;
	}
	il_spec *s = calloc(1, sizeof *s);
	if (!s) {
		il_err_set(err, IL_E_INTERNAL, "out of memory");
		return NULL;
	}
	s->rate = rate;
	s->nbands = nbands;
	/* Plans come from the shared cache: FFTW's planner is not thread-safe and
	 * loop analysis plans from another thread. */
	s->in = fft_alloc_real(IL_SPEC_FFT);
	s->out = fft_alloc_complex(IL_SPEC_FFT / 2 + 1);
	if (s->in && s->out)
		s->plan = fft_plan_r2c(IL_SPEC_FFT);
	if (!s->plan) {
		il_spec_free(s);
		il_err_set(err, IL_E_INTERNAL, "cannot plan the spectrum FFT");
		return NULL;
	}
	for (int i = 0; i < IL_SPEC_FFT; i++)
		s->window[i] = (float)(0.5 * (1.0 - cos(2.0 * M_PI * i / (IL_SPEC_FFT - 1))));
	s->sens = 1.0;
	spec_edges(s);
	return s;
}

/* Free an analyser (NULL is fine). */
void il_spec_free(il_spec *s)
{
	if (!s)
		return;
	fft_free(s->in); /* the plan belongs to the shared cache */
	fft_free(s->out);
	free(s);
}

/* The lower edge of band b in Hz. */
double il_spec_band_low(const il_spec *s, int b)
{
	return s->lo[b] * (double)s->rate / IL_SPEC_FFT;
}

/* Gravity fall-off and the integral filter for band b; returns the level.
 * gravity is pow(fmod, 2.5) * 2 / noise reduction, keep is noise reduction
 * / pow(fmod, 0.1): the same for every band of a frame. */
static double spec_smooth(il_spec *s, int b, double v, double gravity, double keep)
{
	if (v < s->prev[b]) {
		v = s->peak[b] * (1.0 - s->fall[b] * s->fall[b] * gravity);
		if (v < 0.0)
			v = 0.0;
		s->fall[b] += 0.028;
	} else {
		s->peak[b] = v;
		s->fall[b] = 0.0;
	}
	s->prev[b] = v;
	v = s->mem[b] * keep + v;
	s->mem[b] = v;
	return v;
}

/* Analyse the newest window; 1 with levels in out, 0 when silent. */
int il_spec_compute(il_spec *s, const float *win, double fps, unsigned char *out)
{
	double energy = 0.0;
	for (int i = 0; i < IL_SPEC_FFT; i++) {
		energy += (double)win[i] * win[i];
		s->in[i] = win[i] * s->window[i];
	}
	if (sqrt(energy / IL_SPEC_FFT) < SPEC_SILENCE_RMS)
		return 0;
	fftwf_execute_dft_r2c(s->plan, s->in, s->out);
	if (!(fps > 1.0))
		fps = 1.0;
	double fmod = 66.0 / fps;
	double gravity = pow(fmod, 2.5) * 2.0 / SPEC_NOISE_REDUCTION;
	double keep = SPEC_NOISE_REDUCTION / pow(fmod, 0.1);
	double level[IL_SPEC_MAX_BANDS];
	int over = 0;
	for (int b = 0; b < s->nbands; b++) {
		float sum = 0.0f; /* magnitudes: no overflow to fear, so no hypot() */
		for (int k = s->lo[b]; k < s->lo[b + 1]; k++)
			sum += sqrtf(s->out[k][0] * s->out[k][0] + s->out[k][1] * s->out[k][1]);
		int n = s->lo[b + 1] - s->lo[b];
		double v = (n > 0 ? sum / n : 0.0) * s->tilt[b] * s->sens;
		v = spec_smooth(s, b, v, gravity, keep);
		if (v > 1.0) {
			over = 1;
			v = 1.0;
		}
		level[b] = v;
	}
	if (over) {
		s->sens *= 1.0 - 0.02 * fmod;
		s->overshot = 1;
	} else {
		s->sens *= 1.0 + 0.001 * fmod;
		if (!s->overshot)
			s->sens *= 1.1;
	}
	if (s->sens < 1e-6)
		s->sens = 1e-6;
	for (int b = 0; b < s->nbands; b++)
		out[b] = (unsigned char)lround(level[b] * 255.0);
	return 1;
}

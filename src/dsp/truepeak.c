/* truepeak.c: the true peak of a loop as played, block by block, with
 * libebur128 (see truepeak.h). */
#include "dsp/truepeak.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Frames before a block that its outputs depend on: libebur128's
 * interpolator has 49 taps at 4x, 13 input frames; fed again before a
 * block measured alone, they fill its history exactly. */
#define TRUEPEAK_REACH 16

/* A true-peak meter, the buffer its frames are fed through, and where the
 * last feeding ended (the next block of the same source needs no reach). */
typedef struct truepeak_meter {
	ebur128_state *st;
	float *tmp; /* a block and its reach, two channels */
	const float *src; /* the source last fed, NULL before any */
	long next;        /* the loop frame after the last one fed */
} truepeak_meter;

/* The interpolator's gain at rate (see truepeak.h). libebur128 oversamples
 * 4x below 96 kHz and 2x below 192 kHz with a Hann-windowed sinc of 49
 * taps; the sums of the largest phase's magnitudes are 1.8642 and 2.3068
 * (test_truepeak checks them against the library); above, no oversampling. */
double truepeak_gain(int rate)
{
	return rate < 96000 ? 1.866 : rate < 192000 ? 2.309 : 1.0;
}

/* Close a meter (any part of it may be missing). */
static void truepeak_close(truepeak_meter *m)
{
	if (m->st)
		ebur128_destroy(&m->st);
	free(m->tmp);
	m->tmp = NULL;
}

/* Open a meter for the first two channels of channels at rate; 0, or -1
 * with err (nothing left open). */
static int truepeak_open(truepeak_meter *m, int channels, int rate, il_err *err)
{
	int ch = channels >= 2 ? 2 : 1;
	m->st = ebur128_init((unsigned)ch, (unsigned long)rate, EBUR128_MODE_TRUE_PEAK);
	m->tmp = malloc((TRUEPEAK_BLOCK + TRUEPEAK_REACH) * 2 * sizeof *m->tmp);
	m->src = NULL;
	m->next = 0;
	if (!m->st || !m->tmp) {
		truepeak_close(m);
		return il_err_set(err, IL_E_INTERNAL, "out of memory measuring the true peak");
	}
	/* Peaks are taken on every channel whatever its role; unused, the
	 * channels skip the loudness filter this meter has no need of. */
	for (int c = 0; c < ch; c++)
		ebur128_set_channel(m->st, (unsigned)c, EBUR128_UNUSED);
	return 0;
}

/* The loop frames [*a, *b) of block k of a loop of len frames. */
static void truepeak_span(size_t k, size_t len, long *a, long *b)
{
	*a = (long)(k * TRUEPEAK_BLOCK);
	*b = *a + TRUEPEAK_BLOCK < (long)len ? *a + TRUEPEAK_BLOCK : (long)len;
}

/* The loop frame v (negative: from the loop's end, as it wraps) as an
 * index into the loop. */
static size_t truepeak_wrap(long v, size_t len)
{
	return (size_t)((v % (long)len + (long)len) % (long)len);
}

/* Feed loop frames v0 .. v1 of the first two channels of x through tmp;
 * the largest true peak among the outputs of this feeding, or -1 when the
 * meter failed. */
static double truepeak_feed(truepeak_meter *m, const float *x, int channels, size_t start, size_t len, long v0,
			    long v1)
{
	float *tmp = m->tmp;
	int ch = channels >= 2 ? 2 : 1;
	size_t n = (size_t)(v1 - v0), j = truepeak_wrap(v0, len);
	for (size_t i = 0; i < n; i++) {
		const float *f = x + (start + j) * (size_t)channels;
		tmp[i * (size_t)ch] = f[0];
		if (ch == 2)
			tmp[i * 2 + 1] = f[1];
		if (++j == len)
			j = 0;
	}
	m->src = x;
	m->next = v1;
	if (ebur128_add_frames_float(m->st, tmp, n) != EBUR128_SUCCESS)
		return -1;
	double most = 0, v;
	for (int c = 0; c < ch; c++)
		if (ebur128_prev_true_peak(m->st, (unsigned)c, &v) == EBUR128_SUCCESS && v > most)
			most = v;
	return most;
}

/* The true peak of block k of the loop of x, its reach fed first unless
 * the meter's last feeding ended where the block starts; -1 when the meter
 * failed. */
static double truepeak_block(truepeak_meter *m, const float *x, int channels, size_t start, size_t len, size_t k)
{
	long a, b;
	truepeak_span(k, len, &a, &b);
	if ((m->src != x || m->next != a) && truepeak_feed(m, x, channels, start, len, a - TRUEPEAK_REACH, a) < 0)
		return -1;
	return truepeak_feed(m, x, channels, start, len, a, b);
}

/* The largest magnitude among the first two channels of loop frames
 * v0 .. v1 of x. */
static float truepeak_loudest(const float *x, int channels, size_t start, size_t len, long v0, long v1)
{
	int ch = channels >= 2 ? 2 : 1;
	float most = 0;
	size_t j = truepeak_wrap(v0, len);
	for (long v = v0; v < v1; v++) {
		const float *f = x + (start + j) * (size_t)channels;
		for (int c = 0; c < ch; c++)
			most = fabsf(f[c]) > most ? fabsf(f[c]) : most;
		if (++j == len)
			j = 0;
	}
	return most;
}

/* Measure the loop block by block (see truepeak.h). */
int truepeak_measure(const float *x, int channels, int rate, size_t start, size_t len, il_truepeak *tp,
		     double *peak, il_err *err)
{
	memset(tp, 0, sizeof *tp);
	*peak = 0;
	if (len == 0)
		return 0;
	size_t nb = (len + TRUEPEAK_BLOCK - 1) / TRUEPEAK_BLOCK;
	truepeak_meter m;
	if (truepeak_open(&m, channels, rate, err) != 0)
		return -1;
	tp->block = malloc(nb * sizeof *tp->block);
	tp->exact = calloc(nb, 1);
	if (!tp->block || !tp->exact) {
		truepeak_close(&m);
		truepeak_free(tp);
		return il_err_set(err, IL_E_INTERNAL, "out of memory measuring the true peak");
	}
	tp->nblocks = nb;
	tp->len = len;
	tp->channels = channels;
	tp->rate = rate;
	/* Bounds first; the loudest frame is a floor under the true peak
	 * (libebur128 counts the frames themselves as peaks too). */
	double gain = truepeak_gain(rate), least = 0;
	for (size_t k = 0; k < nb; k++) {
		long a, b;
		truepeak_span(k, len, &a, &b);
		float own = truepeak_loudest(x, channels, start, len, a, b);
		float reach = truepeak_loudest(x, channels, start, len, a - TRUEPEAK_REACH, a);
		tp->block[k] = (float)(gain * (own > reach ? own : reach));
		least = own > least ? own : least;
	}
	int rc = 0;
	for (size_t k = 0; k < nb && rc == 0; k++) {
		if (tp->block[k] <= (*peak > least ? *peak : least))
			continue; /* under a peak found: the bound stays */
		double v = truepeak_block(&m, x, channels, start, len, k);
		if (v < 0)
			rc = -1;
		tp->block[k] = (float)v;
		tp->exact[k] = 1;
		*peak = v > *peak ? v : *peak;
	}
	truepeak_close(&m);
	if (rc != 0) {
		truepeak_free(tp);
		return il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
	}
	return 0;
}

/* True when a frame of block k, or of the filter's reach before it, of x
 * is not orig times gf. */
static int truepeak_touched(const il_truepeak *tp, const float *x, const float *orig, size_t start, float gf,
			    size_t k)
{
	size_t len = tp->len, ch = (size_t)tp->channels;
	long a, b;
	truepeak_span(k, len, &a, &b);
	a -= TRUEPEAK_REACH;
	size_t j = truepeak_wrap(a, len);
	for (long v = a; v < b; v++) {
		size_t o = (start + j) * ch;
		for (size_t c = 0; c < ch; c++)
			if (x[o + c] != orig[o + c] * gf)
				return 1;
		if (++j == len)
			j = 0;
	}
	return 0;
}

/* The true peak after a gain and a limiter (see truepeak.h). */
int truepeak_again(il_truepeak *tp, const float *x, const float *orig, size_t start, double g, double *peak,
		   il_err *err)
{
	*peak = 0;
	truepeak_meter m = { NULL, NULL, NULL, 0 };
	float gf = (float)g;
	double gain = truepeak_gain(tp->rate);
	int rc = 0;
	/* Measured blocks first: scaled, or measured again where changed;
	 * then the bounds that could still pass the result. */
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t k = 0; k < tp->nblocks && rc == 0; k++) {
			if (tp->exact[k] != (pass == 0))
				continue;
			int touched = truepeak_touched(tp, x, orig, start, gf, k);
			double v = g * tp->block[k];
			if (!touched && pass == 0) {
				*peak = v > *peak ? v : *peak;
				continue;
			}
			if (pass == 1) { /* a bound on x as it is now */
				long a, b;
				truepeak_span(k, tp->len, &a, &b);
				if (touched)
					v = gain * truepeak_loudest(x, tp->channels, start, tp->len, a - TRUEPEAK_REACH, b);
				if (v <= *peak)
					continue;
			}
			if (!m.st && truepeak_open(&m, tp->channels, tp->rate, err) != 0)
				return -1;
			if (touched) {
				v = truepeak_block(&m, x, tp->channels, start, tp->len, k);
			} else { /* kept for the next round: measured on orig */
				double o = truepeak_block(&m, orig, tp->channels, start, tp->len, k);
				tp->block[k] = (float)o;
				tp->exact[k] = 1;
				v = o < 0 ? -1 : g * tp->block[k];
			}
			if (v < 0)
				rc = il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
			*peak = v > *peak ? v : *peak;
		}
	truepeak_close(&m);
	return rc;
}

/* Free the blocks. */
void truepeak_free(il_truepeak *tp)
{
	free(tp->block);
	free(tp->exact);
	memset(tp, 0, sizeof *tp);
}

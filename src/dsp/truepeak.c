/* truepeak.c: the true peak of a loop as played, block by block, with
 * libebur128 (see truepeak.h). */
#include "dsp/truepeak.h"

#include <ebur128.h>
#include <stdlib.h>
#include <string.h>

/* Frames before a block that its outputs depend on: libebur128's
 * interpolator has 49 taps at 4x, 13 input frames; fed again before a
 * block measured alone, they fill its history exactly. */
#define TRUEPEAK_REACH 16

/* A true-peak meter and the buffer its frames are fed through. */
typedef struct truepeak_meter {
	ebur128_state *st;
	float *tmp; /* a block and its reach, two channels */
} truepeak_meter;

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
	if (!m->st || !m->tmp) {
		truepeak_close(m);
		return il_err_set(err, IL_E_INTERNAL, "out of memory measuring the true peak");
	}
	if (ch == 1)
		ebur128_set_channel(m->st, 0, EBUR128_DUAL_MONO);
	return 0;
}

/* The loop frames [*a, *b) of block k of a loop of len frames. */
static void truepeak_span(size_t k, size_t len, long *a, long *b)
{
	*a = (long)(k * TRUEPEAK_BLOCK);
	*b = *a + TRUEPEAK_BLOCK < (long)len ? *a + TRUEPEAK_BLOCK : (long)len;
}

/* Feed loop frames v0 .. v1 (v0 may be negative: the loop's end, as it
 * wraps) of the first two channels through tmp; the largest true peak
 * among the outputs of this feeding, or -1 when the meter failed. */
static double truepeak_feed(truepeak_meter *m, const float *x, int channels, size_t start, size_t len, long v0,
			    long v1)
{
	float *tmp = m->tmp;
	int ch = channels >= 2 ? 2 : 1;
	size_t n = (size_t)(v1 - v0), j = (size_t)((v0 % (long)len + (long)len) % (long)len);
	for (size_t i = 0; i < n; i++) {
		const float *f = x + (start + j) * (size_t)channels;
		tmp[i * (size_t)ch] = f[0];
		if (ch == 2)
			tmp[i * 2 + 1] = f[1];
		if (++j == len)
			j = 0;
	}
	if (ebur128_add_frames_float(m->st, tmp, n) != EBUR128_SUCCESS)
		return -1;
	double most = 0, v;
	for (int c = 0; c < ch; c++)
		if (ebur128_prev_true_peak(m->st, (unsigned)c, &v) == EBUR128_SUCCESS && v > most)
			most = v;
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
	if (!tp->block) {
		truepeak_close(&m);
		return il_err_set(err, IL_E_INTERNAL, "out of memory measuring the true peak");
	}
	tp->nblocks = nb;
	tp->len = len;
	tp->channels = channels;
	tp->rate = rate;
	/* The loop's end before its start, as it wraps. */
	int rc = truepeak_feed(&m, x, channels, start, len, -TRUEPEAK_REACH, 0) < 0 ? -1 : 0;
	for (size_t k = 0; k < nb && rc == 0; k++) {
		long a, b;
		truepeak_span(k, len, &a, &b);
		double v = truepeak_feed(&m, x, channels, start, len, a, b);
		if (v < 0)
			rc = -1;
		tp->block[k] = (float)v;
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
	size_t j = (size_t)((a % (long)len + (long)len) % (long)len);
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
int truepeak_again(const il_truepeak *tp, const float *x, const float *orig, size_t start, double g,
		   double *peak, il_err *err)
{
	*peak = 0;
	truepeak_meter m = { NULL, NULL };
	float gf = (float)g;
	for (size_t k = 0; k < tp->nblocks; k++) {
		double v = g * tp->block[k];
		if (truepeak_touched(tp, x, orig, start, gf, k)) {
			if (!m.st && truepeak_open(&m, tp->channels, tp->rate, err) != 0)
				return -1;
			long a, b;
			truepeak_span(k, tp->len, &a, &b);
			/* The reach before the block refills the filter's history. */
			if (truepeak_feed(&m, x, tp->channels, start, tp->len, a - TRUEPEAK_REACH, a) < 0 ||
			    (v = truepeak_feed(&m, x, tp->channels, start, tp->len, a, b)) < 0) {
				truepeak_close(&m);
				return il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
			}
		}
		*peak = v > *peak ? v : *peak;
	}
	truepeak_close(&m);
	return 0;
}

/* Free the blocks. */
void truepeak_free(il_truepeak *tp)
{
	free(tp->block);
	memset(tp, 0, sizeof *tp);
}

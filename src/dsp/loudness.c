/* loudness.c: EBU R128 loudness of a loop as played (libebur128), gain to
 * a target under a true-peak ceiling, and a periodic look-ahead limiter. */
#include "dsp/loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/normalize.h"
#include "dsp/truepeak.h"

#define LOUDNESS_MIN_SECONDS 6.0  /* the loop is measured over at least this */
#define LOUDNESS_ROUNDS 6         /* gain/limiter adjustments at most */
#define LOUDNESS_ABS_GATE (-70.0) /* LUFS: EBU R128's absolute gate */
/* LU kept between the quietest block and the absolute gate moved by the
 * gain: a 3 s block holds seven whole 400 ms blocks among its 30 tenths,
 * so it is at most 10 log10(30/28) = 0.3 LU under the quietest of them. */
#define LOUDNESS_GATE_MARGIN 0.5
#define LOUDNESS_TP_MARGIN 0.2    /* dB kept under the ceiling: what 4x oversampling may miss */
#define LOUDNESS_PEAK_MARGIN 0.3  /* dB first kept between sample peaks and that ceiling */

/* Feed len frames of src (ch interleaved) to the meter; *fed counts the
 * frames fed so far. When quietest is not NULL, each gating block (400 ms,
 * one every 100 ms, as libebur128 cuts them: frames counted from the
 * first) is read as it ends, and the lowest loudness is kept there. A
 * block is read as the mean energy of its four tenths (tenth[], the last
 * four, newest at fed / hop % 4), each read once as it ends: a quarter of
 * the reading of each block whole. */
static int loudness_feed(ebur128_state *st, const float *src, size_t len, size_t ch, size_t hop, size_t *fed,
			 double *quietest, double tenth[4])
{
	if (!quietest)
		return ebur128_add_frames_float(st, src, len) == EBUR128_SUCCESS ? 0 : -1;
	while (len > 0) {
		size_t k = hop - *fed % hop;
		k = k < len ? k : len;
		if (ebur128_add_frames_float(st, src, k) != EBUR128_SUCCESS)
			return -1;
		src += k * ch;
		len -= k;
		*fed += k;
		if (*fed % hop != 0)
			continue;
		double l;
		if (ebur128_loudness_window(st, 100, &l) != EBUR128_SUCCESS)
			return -1;
		tenth[*fed / hop % 4] = isfinite(l) ? pow(10, (l + 0.691) / 10) : 0.0; /* back to energy */
		if (*fed >= 4 * hop) {
			double e = (tenth[0] + tenth[1] + tenth[2] + tenth[3]) / 4;
			double m = e > 0 ? 10 * log10(e) - 0.691 : -HUGE_VAL;
			*quietest = m < *quietest ? m : *quietest;
		}
	}
	return 0;
}

/* Measure the region of x (its first two channels, mono counted twice)
 * played `reps` times and on over the seam where it wraps to its start:
 * the gated loudness and its range over the repetitions, and, when map is
 * not NULL, the true peak as a cycle (the costly part: see truepeak.h),
 * its blocks left in map; when quietest is not NULL, the loudness of its
 * quietest gating block there (-HUGE_VAL for a silent one). */
static int loudness_run(const float *x, int channels, int rate, size_t start, size_t len, int reps,
			il_truepeak *map, il_loudness *out, double *quietest, il_err *err)
{
	int ch = channels >= 2 ? 2 : 1;
	ebur128_state *st = ebur128_init((unsigned)ch, (unsigned long)rate, EBUR128_MODE_I | EBUR128_MODE_LRA);
	float *two = NULL;
	const float *src = x + start * (size_t)channels;
	if (channels > 2) /* the player plays the first two channels */
		two = malloc(len * 2 * sizeof *two);
	if (!st || (channels > 2 && !two)) {
		if (st)
			ebur128_destroy(&st);
		free(two);
		return il_err_set(err, IL_E_INTERNAL, "out of memory setting up the loudness meter");
	}
	if (ch == 1)
		ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
	if (two) {
		for (size_t i = 0; i < len; i++) {
			two[2 * i] = src[i * (size_t)channels];
			two[2 * i + 1] = src[i * (size_t)channels + 1];
		}
		src = two;
	}
	/* Past the last pass: the blocks (400 ms) across the seam. */
	size_t block = (size_t)rate * 2 / 5;
	block = block < len ? block : len;
	int rc = 0;
	size_t hop = ((size_t)rate + 5) / 10, fed = 0; /* libebur128's 100 ms */
	double tenth[4] = { 0 };
	if (quietest)
		*quietest = HUGE_VAL;
	for (int k = 0; k < reps && rc == 0; k++)
		if (loudness_feed(st, src, len, (size_t)ch, hop, &fed, quietest, tenth) != 0)
			rc = il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
	if (rc == 0 && loudness_feed(st, src, block, (size_t)ch, hop, &fed, quietest, tenth) != 0)
		rc = il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
	if (quietest && fed < 4 * hop)
		*quietest = -HUGE_VAL; /* no whole block: nothing is known */
	if (rc == 0 && (ebur128_loudness_global(st, &out->integrated) != EBUR128_SUCCESS ||
			ebur128_loudness_range(st, &out->range) != EBUR128_SUCCESS))
		rc = il_err_set(err, IL_E_INTERNAL, "the loudness meter failed");
	double peak = 0;
	if (rc == 0 && map && (rc = truepeak_measure(x, channels, rate, start, len, map, &peak, err)) == 0)
		out->true_peak = peak > 0 ? 20 * log10(peak) : -HUGE_VAL;
	if (!isfinite(out->integrated))
		out->integrated = -HUGE_VAL;
	free(two);
	ebur128_destroy(&st);
	return rc;
}

/* Measure the loop region as played; the true peak too when map is not
 * NULL (its blocks are left there), its quietest block's loudness when
 * quietest is not NULL. */
static int loudness_loop(const float *x, size_t frames, int channels, int rate, size_t start, size_t end,
			 il_truepeak *map, il_loudness *out, double *quietest, il_err *err)
{
	if (!x || channels < 1 || rate < 1 || start >= end || end > frames)
		return il_err_set(err, IL_E_INTERNAL, "no loop region to measure");
	size_t len = end - start;
	double secs = (double)len / rate;
	int reps = (int)ceil(LOUDNESS_MIN_SECONDS / secs);
	return loudness_run(x, channels, rate, start, len, reps > 1 ? reps : 1, map, out, quietest, err);
}

/* Measure the loop region as played. */
int loudness_measure(const float *x, size_t frames, int channels, int rate, size_t start, size_t end,
		     il_loudness *out, il_err *err)
{
	il_truepeak map;
	int rc = loudness_loop(x, frames, channels, rate, start, end, &map, out, NULL, err);
	if (rc == 0)
		truepeak_free(&map);
	return rc;
}

/* The gain each frame of r needs (1: none) to keep g times its sample
 * peak (over all channels: the gain is linked) under c. */
static void loudness_need(const float *x, size_t n, int channels, double g, double c, float *r)
{
	for (size_t i = 0; i < n; i++) {
		double m = 0;
		for (int k = 0; k < channels; k++)
			m = fmax(m, fabs(x[i * (size_t)channels + (size_t)k]));
		double v = m * g;
		r[i] = v > c ? (float)(c / v) : 1.0f;
	}
}

/* Smooth the needed gains r (n frames, periodic when cyclic) into the
 * limiter's gain e with e <= r everywhere: the minimum over +-w frames,
 * then the mean over +-w frames (a 2w look-ahead attack and release). */
static int loudness_envelope(const float *r, size_t n, int cyclic, size_t w, float *e)
{
	size_t ext = n + 4 * w;
	float *in = malloc(ext * sizeof *in), *mn = malloc(ext * sizeof *mn);
	size_t *dq = malloc(ext * sizeof *dq);
	double *sum = malloc((ext + 1) * sizeof *sum);
	if (!in || !mn || !dq || !sum) {
		free(in), free(mn), free(dq), free(sum);
		return -1;
	}
	for (size_t i = 0; i < ext; i++) {
		long j = (long)i - 2 * (long)w;
		if (cyclic)
			in[i] = r[((j % (long)n) + (long)n) % (long)n];
		else
			in[i] = j < 0 || j >= (long)n ? 1.0f : r[j];
	}
	/* Sliding minimum over [i - w, i + w] with a monotonic deque. */
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < ext + w; i++) {
		if (i < ext) {
			while (tail > head && in[dq[tail - 1]] >= in[i])
				tail--;
			dq[tail++] = i;
		}
		if (i >= w) {
			size_t c = i - w;
			while (dq[head] + w < c)
				head++;
			mn[c] = in[dq[head]];
		}
	}
	sum[0] = 0;
	for (size_t i = 0; i < ext; i++)
		sum[i + 1] = sum[i] + mn[i];
	for (size_t i = 0; i < n; i++) {
		size_t c = i + 2 * w;
		e[i] = (float)((sum[c + w + 1] - sum[c - w]) / (double)(2 * w + 1));
	}
	free(in), free(mn), free(dq), free(sum);
	return 0;
}

/* The largest magnitude of the n samples of x. */
static float loudness_peak(const float *x, size_t n)
{
	float peak = 0;
	for (size_t i = 0; i < n; i++)
		peak = fabsf(x[i]) > peak ? fabsf(x[i]) : peak;
	return peak;
}

/* Apply gain g and the limiter with sample ceiling c to the n frames of x
 * (periodic when cyclic); the most the limiter took off, in dB, is kept
 * in *most. 0, or -1 when out of memory. */
static int loudness_limit(float *x, size_t n, int channels, int rate, int cyclic, double g, double c,
			  double *most)
{
	if (n == 0)
		return 0;
	if (loudness_peak(x, n * (size_t)channels) * g <= c) { /* nothing to limit: the gain alone */
		for (size_t i = 0; i < n * (size_t)channels; i++)
			x[i] *= (float)g;
		return 0;
	}
	float *r = malloc(n * sizeof *r), *e = malloc(n * sizeof *e);
	size_t w = (size_t)(rate / 400); /* 2.5 ms: a 5 ms attack and release */
	if (!r || !e) {
		free(r), free(e);
		return -1;
	}
	loudness_need(x, n, channels, g, c, r);
	if (loudness_envelope(r, n, cyclic, w < 1 ? 1 : w, e) != 0) {
		free(r), free(e);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (e[i] < 1.0f && -20 * log10(e[i]) > *most)
			*most = -20 * log10(e[i]);
		float gi = (float)g * e[i];
		for (int k = 0; k < channels; k++)
			x[i * (size_t)channels + (size_t)k] *= gi;
	}
	free(r), free(e);
	return 0;
}

/* The clip at gain g (linear), limited under sample ceiling c where
 * needed, from the original orig into x; the limiter's most is kept in
 * *most. */
static int loudness_render(float *x, const float *orig, size_t frames, int channels, int rate, size_t start,
			   size_t end, double g, double c, double *most)
{
	size_t ch = (size_t)channels;
	memcpy(x, orig, frames * ch * sizeof *x);
	*most = 0;
	if (loudness_limit(x + start * ch, end - start, channels, rate, 1, g, c, most) != 0 ||
	    loudness_limit(x, start, channels, rate, 0, g, c, most) != 0 ||
	    loudness_limit(x + end * ch, frames - end, channels, rate, 0, g, c, most) != 0)
		return -1;
	return 0;
}

/* Whether a plain gain of gain dB moves the loudness of a loop whose
 * quietest gating block is at quietest LUFS by exactly the gain: every
 * block moves by it, and when none is near enough to the absolute gate
 * to cross it either way, both gates keep the same blocks (the relative
 * ones move with the gain), so the integrated loudness moves by the gain
 * and its range stays. Then the loop need not be measured again. */
static int loudness_shifts(double quietest, double gain)
{
	return isfinite(quietest) && isfinite(gain) && quietest > LOUDNESS_ABS_GATE + fabs(gain) + LOUDNESS_GATE_MARGIN;
}

/* The loudness and range of before after a plain gain of gain dB (see
 * loudness_shifts); the true peak is the caller's, as after a new measure. */
static void loudness_shift(const il_loudness *before, double gain, il_loudness *after)
{
	after->integrated = before->integrated + gain;
	after->range = before->range;
}

/* Whether a loop at lufs is at target, as near as the rounds aim (a
 * silent loop is: it has nothing to aim at). */
static int loudness_on_target(double lufs, double target)
{
	return !isfinite(lufs) || fabs(lufs - target) <= 0.05;
}

/* Normalize to the target under the ceiling (see loudness.h). */
static int loudness_r128(float *x, size_t frames, int channels, int rate, size_t start, size_t end,
			 const il_loudness_opts *o, il_truepeak *map, double quietest, il_loudness_result *r,
			 il_err *err)
{
	double ceiling = o->ceiling - LOUDNESS_TP_MARGIN;
	/* A silent loop has nothing to aim at: its gain stays, but peaks
	 * elsewhere in the clip still stay under the ceiling. */
	double gain = isfinite(r->before.integrated) ? o->target - r->before.integrated : 0.0;
	/* A peak needing more than the limiter may take: lower the gain. */
	if (r->before.true_peak + gain - ceiling > LOUDNESS_MAX_LIMIT)
		gain = ceiling + LOUDNESS_MAX_LIMIT - r->before.true_peak;
	size_t n = frames * (size_t)channels;
	/* The usual case: a plain gain that the limiter need not touch (under
	 * the first round's sample ceiling), that moves the loudness by itself
	 * (loudness_shifts) onto the target and the true peak no higher than
	 * the ceiling. The first round below would end with just that, so it
	 * is done here, in place, with no copy of the clip. */
	double g0 = pow(10, gain / 20);
	if (loudness_shifts(quietest, gain) && loudness_on_target(r->before.integrated + gain, o->target) &&
	    r->before.true_peak + gain <= ceiling &&
	    loudness_peak(x, n) * g0 <= pow(10, (ceiling - LOUDNESS_PEAK_MARGIN) / 20)) {
		for (size_t i = 0; i < n; i++)
			x[i] *= (float)g0;
		loudness_shift(&r->before, gain, &r->after);
		r->after.true_peak = r->before.true_peak + gain;
		r->gain_db = gain;
		r->limited_db = 0;
		return 0;
	}
	float *orig = malloc(n * sizeof *orig);
	if (!orig)
		return il_err_set(err, IL_E_INTERNAL, "out of memory normalizing loudness");
	memcpy(orig, x, n * sizeof *orig);
	/* Rounds: the gated loudness is not quite proportional to the gain (the
	 * absolute gate lets quiet passages in as the level rises), and the
	 * limiter takes a little off; sample peaks are limited a little under
	 * the ceiling to leave room for those between the samples, and the
	 * true peak is checked after each round. */
	double margin = LOUDNESS_PEAK_MARGIN, most = 0;
	int rc = 0;
	for (int round = 0; round < LOUDNESS_ROUNDS && rc == 0; round++) {
		double c = pow(10, (ceiling - margin) / 20);
		/* Untouched by the limiter, the true peak moved by the gain
		 * exactly: only the loudness is measured again, and the true
		 * peak of the blocks the limiter changed. */
		double tp = 0, g = pow(10, gain / 20);
		if (loudness_render(x, orig, frames, channels, rate, start, end, g, c, &most) != 0)
			rc = il_err_set(err, IL_E_INTERNAL, "out of memory normalizing loudness");
		else if (!(most > 0) && loudness_shifts(quietest, gain))
			loudness_shift(&r->before, gain, &r->after);
		else
			rc = loudness_loop(x, frames, channels, rate, start, end, NULL, &r->after, NULL, err);
		if (rc == 0 && !(most > 0))
			r->after.true_peak = r->before.true_peak + gain;
		else if (rc == 0 && (rc = truepeak_again(map, x, orig, start, g, &tp, err)) == 0)
			r->after.true_peak = tp > 0 ? 20 * log10(tp) : -HUGE_VAL;
		if (rc != 0)
			break;
		int loud_ok = loudness_on_target(r->after.integrated, o->target);
		if (r->after.true_peak > ceiling)
			margin += r->after.true_peak - ceiling + 0.1;
		else if (loud_ok || most >= LOUDNESS_MAX_LIMIT)
			break;
		if (!loud_ok && most < LOUDNESS_MAX_LIMIT)
			gain += o->target - r->after.integrated;
	}
	if (rc == 0 && r->after.true_peak > ceiling) { /* last resort: a plain lower gain */
		double g = pow(10, (ceiling - r->after.true_peak - 0.05) / 20);
		for (size_t i = 0; i < n; i++)
			x[i] = (float)(x[i] * g);
		gain += 20 * log10(g);
		rc = loudness_measure(x, frames, channels, rate, start, end, &r->after, err);
	}
	r->gain_db = gain;
	r->limited_db = most;
	free(orig);
	return rc;
}

/* Normalize x in place as o says. */
int loudness_normalize(float *x, size_t frames, int channels, int rate, size_t start, size_t end,
		       const il_loudness_opts *o, il_loudness_result *r, il_err *err)
{
	il_loudness_result tmp;
	if (!r)
		r = &tmp;
	memset(r, 0, sizeof *r);
	il_truepeak map;
	double quietest;
	if (loudness_loop(x, frames, channels, rate, start, end, &map, &r->before, &quietest, err) != 0)
		return -1;
	int rc = 0;
	if (o->mode == LOUDNESS_OFF) {
		r->after = r->before;
	} else if (o->mode == LOUDNESS_PEAK) {
		/* A plain gain: the true peak moves with it, as in loudness_r128. */
		r->gain_db = 20 * log10(normalize_apply(x, frames * (size_t)channels));
		if (loudness_shifts(quietest, r->gain_db))
			loudness_shift(&r->before, r->gain_db, &r->after);
		else
			rc = loudness_loop(x, frames, channels, rate, start, end, NULL, &r->after, NULL, err);
		if (rc == 0)
			r->after.true_peak = r->before.true_peak + r->gain_db;
	} else {
		rc = loudness_r128(x, frames, channels, rate, start, end, o, &map, quietest, r, err);
	}
	truepeak_free(&map);
	return rc;
}

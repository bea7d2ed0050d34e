/* test_truepeak.c: the true peak of a loop block by block, against one
 * plain libebur128 pass over the loop as played, and again after a gain
 * and changes to a few blocks (what the limiter does); the bound that
 * spares quiet blocks the oversampling, against the library; the loudness
 * after a plain gain, taken from the measure before it when no block is
 * near the absolute gate, against a new measure. */
#include <check.h>
#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#include "../testutil.h"
#include "dsp/loudness.h"
#include "dsp/truepeak.h"

#define RATE 48000

/* A loop with sharp edges (where the true peak exceeds the sample peak):
 * a square-ish chord with clicks, frames of ch channels after a lead-in of
 * `start` frames of other sound. */
static float *tp_signal(size_t start, size_t len, int ch)
{
	float *x = malloc((start + len + 100) * (size_t)ch * sizeof *x);
	for (size_t i = 0; i < start + len + 100; i++)
		for (int c = 0; c < ch; c++) {
			double t = (double)i / RATE, v = 0.3 * sin(2 * M_PI * (220 + 30 * c) * t) +
							  0.2 * (sin(2 * M_PI * 331 * t) > 0 ? 1 : -1);
			if (i % 4801 < 3)
				v += (i % 2 ? 0.45 : -0.45);
			x[i * (size_t)ch + (size_t)c] = (float)v;
		}
	return x;
}

/* The true peak of the loop [start, start + len) played twice and on over
 * the seam, in one libebur128 pass over its first two channels. */
static double tp_plain(const float *x, size_t start, size_t len, int ch)
{
	int n2 = ch >= 2 ? 2 : 1;
	size_t total = 2 * len + 256;
	float *buf = malloc(total * (size_t)n2 * sizeof *buf);
	for (size_t i = 0; i < total; i++)
		for (int c = 0; c < n2; c++)
			buf[i * (size_t)n2 + (size_t)c] = x[(start + i % len) * (size_t)ch + (size_t)c];
	ebur128_state *st = ebur128_init((unsigned)n2, RATE, EBUR128_MODE_TRUE_PEAK);
	if (n2 == 1)
		ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
	/* The first pass fills the filter; the second is the loop as played. */
	ebur128_add_frames_float(st, buf, len);
	ebur128_add_frames_float(st, buf + len * (size_t)n2, len + 256);
	double most = 0, v;
	for (int c = 0; c < n2; c++)
		if (ebur128_prev_true_peak(st, (unsigned)c, &v) == EBUR128_SUCCESS && v > most)
			most = v;
	ebur128_destroy(&st);
	free(buf);
	return most;
}

/* Block by block equals one plain pass, for mono, stereo and 3 channels,
 * loops shorter and longer than a block. */
START_TEST(test_measure)
{
	static const size_t lens[] = { 700, 4 * TRUEPEAK_BLOCK, 48000 + 333 };
	for (int ch = 1; ch <= 3; ch++)
		for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
			float *x = tp_signal(500, lens[k], ch);
			il_truepeak tp;
			il_err err;
			double peak;
			ck_assert_int_eq(truepeak_measure(x, ch, RATE, 500, lens[k], &tp, &peak, &err), 0);
			double want = tp_plain(x, 500, lens[k], ch);
			ck_assert_msg(fabs(peak - want) <= 1e-6 * want, "%d ch, %zu frames: %.9f, plain pass %.9f", ch,
				      lens[k], peak, want);
			ck_assert_uint_eq(tp.nblocks, (lens[k] + TRUEPEAK_BLOCK - 1) / TRUEPEAK_BLOCK);
			truepeak_free(&tp);
			free(x);
		}
}
END_TEST

/* After a gain, with some frames changed (a louder click in one block, a
 * frame lowered at the loop's end, so across the wrap), the figure equals
 * a new full measurement; with nothing changed it is the gain times the
 * old one. */
START_TEST(test_again)
{
	size_t start = 300, len = 20 * TRUEPEAK_BLOCK + 77;
	int ch = 2;
	float *orig = tp_signal(start, len, ch);
	size_t n = (start + len + 100) * (size_t)ch;
	float *x = malloc(n * sizeof *x);
	il_truepeak tp;
	il_err err;
	double before, after, full;
	ck_assert_int_eq(truepeak_measure(orig, ch, RATE, start, len, &tp, &before, &err), 0);
	double g = pow(10, 3.5 / 20);
	for (size_t i = 0; i < n; i++)
		x[i] = orig[i] * (float)g;
	ck_assert_int_eq(truepeak_again(&tp, x, orig, start, g, &after, &err), 0);
	ck_assert_msg(fabs(after - g * before) <= 1e-6 * after, "plain gain: %.9f against %.9f", after, g * before);
	/* A frame made much louder in block 7: the peak is there now. */
	x[(start + 7 * TRUEPEAK_BLOCK + 500) * 2] = 1.9f;
	/* Frames lowered at the very end: the filter's reach of block 0. */
	for (size_t i = len - 5; i < len; i++)
		x[(start + i) * 2 + 1] *= 0.5f;
	ck_assert_int_eq(truepeak_again(&tp, x, orig, start, g, &after, &err), 0);
	il_truepeak tp2;
	ck_assert_int_eq(truepeak_measure(x, ch, RATE, start, len, &tp2, &full, &err), 0);
	ck_assert_msg(fabs(after - full) <= 1e-6 * full, "changed blocks: %.9f, measured anew %.9f", after, full);
	ck_assert_msg(after >= 1.89, "the louder frame: %.6f", after);
	truepeak_free(&tp2);
	truepeak_free(&tp);
	free(x);
	free(orig);
}
END_TEST

/* libebur128's interpolator coefficient j of taps at factor (a
 * Hann-windowed sinc), restated to build its worst case. */
static double tp_coeff(int j, int taps, int factor)
{
	double m = j - (taps - 1) / 2.0, c = 1.0;
	if (fabs(m) > 1e-6)
		c = sin(m * M_PI / factor) / (m * M_PI / factor);
	return c * 0.5 * (1 - cos(2 * M_PI * j / (taps - 1)));
}

/* The bound holds and is tight: frames of +-1 signed as the coefficients
 * of the interpolator's largest phase give a true peak of that phase's
 * gain, just under truepeak_gain, at 48 kHz (4x) and 96 kHz (2x). */
START_TEST(test_gain)
{
	static const struct { int rate, factor, phase; double want; } cases[] = {
		{ 48000, 4, 2, 1.864 }, { 96000, 2, 1, 2.306 },
	};
	for (size_t q = 0; q < sizeof cases / sizeof cases[0]; q++) {
		int rate = cases[q].rate, f = cases[q].factor;
		size_t n = 4096, at = 2000;
		float *x = calloc(n, sizeof *x);
		for (int j = cases[q].phase, i = 0; j < 49; j += f, i++)
			x[at - (size_t)i] = tp_coeff(j, 49, f) < 0 ? -1.0f : 1.0f;
		ebur128_state *st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_TRUE_PEAK);
		double v;
		ebur128_add_frames_float(st, x, n);
		ebur128_prev_true_peak(st, 0, &v);
		ebur128_destroy(&st);
		ck_assert_msg(v > cases[q].want && v <= truepeak_gain(rate), "%d Hz: %.6f, bound %.6f", rate, v,
			      truepeak_gain(rate));
		il_truepeak tp;
		il_err err;
		double peak;
		ck_assert_int_eq(truepeak_measure(x, 1, rate, 0, n, &tp, &peak, &err), 0);
		ck_assert_msg(fabs(peak - v) <= 1e-6 * v, "%d Hz: %.9f, plain pass %.9f", rate, peak, v);
		truepeak_free(&tp);
		free(x);
	}
}
END_TEST

/* Quiet blocks keep a bound and are not measured; the figure is the full
 * pass's. When a limiter then lowers the loud part under the quiet ones,
 * their bounds no longer hold the result and they are measured. */
START_TEST(test_bounds)
{
	size_t start = 100, len = 40 * TRUEPEAK_BLOCK;
	int ch = 2;
	size_t n = (start + len + 100) * (size_t)ch;
	float *orig = tp_signal(start, len, ch), *x = malloc(n * sizeof *x);
	for (size_t i = 0; i < n; i++) /* quiet, but for blocks 10 and 11 */
		if (i / 2 < start + 10 * TRUEPEAK_BLOCK || i / 2 >= start + 12 * TRUEPEAK_BLOCK)
			orig[i] *= 0.2f;
	il_truepeak tp, tp2;
	il_err err;
	double before, after, full;
	ck_assert_int_eq(truepeak_measure(orig, ch, RATE, start, len, &tp, &before, &err), 0);
	ck_assert_msg(fabs(before - tp_plain(orig, start, len, ch)) <= 1e-6 * before, "%.9f", before);
	size_t measured = 0;
	for (size_t k = 0; k < tp.nblocks; k++)
		measured += tp.exact[k];
	ck_assert_msg(measured <= 4, "%zu of %zu blocks measured", measured, tp.nblocks);
	double g = 2.0;
	for (size_t i = 0; i < n; i++)
		x[i] = orig[i] * (float)g;
	ck_assert_int_eq(truepeak_again(&tp, x, orig, start, g, &after, &err), 0);
	ck_assert_msg(fabs(after - g * before) <= 1e-6 * after, "plain gain: %.9f against %.9f", after, g * before);
	for (size_t i = (start + 10 * TRUEPEAK_BLOCK) * 2; i < (start + 12 * TRUEPEAK_BLOCK) * 2; i++)
		x[i] *= 0.05f;
	ck_assert_int_eq(truepeak_again(&tp, x, orig, start, g, &after, &err), 0);
	ck_assert_int_eq(truepeak_measure(x, ch, RATE, start, len, &tp2, &full, &err), 0);
	ck_assert_msg(fabs(after - full) <= 1e-6 * full, "quiet part loudest: %.9f, measured anew %.9f", after, full);
	ck_assert_msg(after < g * before * 0.5, "the loud part was lowered: %.6f", after);
	truepeak_free(&tp2);
	truepeak_free(&tp);
	free(x);
	free(orig);
}
END_TEST

/* A stereo 1 kHz tone of 8 s at 48 kHz whose level alternates each second
 * between a and b (amplitudes). */
static float *loud_steps(size_t n, double a, double b)
{
	float *x = malloc(2 * n * sizeof *x);
	ck_assert_ptr_nonnull(x);
	for (size_t i = 0; i < n; i++) {
		double amp = (i / 48000) % 2 ? b : a;
		x[2 * i] = x[2 * i + 1] = (float)(amp * sin(2 * M_PI * 1000.0 * (double)i / 48000.0));
	}
	return x;
}

START_TEST(test_after_gain)
{
	/* Loud steps: no block near -70 LUFS, so the loudness after the gain
	 * is the one before moved by it; quiet steps at about -65 and -72
	 * LUFS: the gain of some +50 dB lifts the quieter over the absolute
	 * gate, which changes what is measured, so the loop is measured
	 * again. Either way the figures are those of a new measure. */
	const double levels[2][2] = { { 0.5, 0.1 }, { 5.6e-4, 2.5e-4 } };
	for (int k = 0; k < 2; k++) {
		size_t n = 8 * 48000;
		float *x = loud_steps(n, levels[k][0], levels[k][1]);
		il_loudness_opts o = { LOUDNESS_R128, -16.0, -1.0 };
		il_loudness_result r;
		il_loudness m;
		il_err err;
		ck_assert_int_eq(loudness_normalize(x, n, 2, 48000, 0, n, &o, &r, &err), 0);
		ck_assert_int_eq(loudness_measure(x, n, 2, 48000, 0, n, &m, &err), 0);
		ck_assert_msg(fabs(r.after.integrated - m.integrated) < 0.01, "case %d: %.3f LUFS said, %.3f measured", k,
			      r.after.integrated, m.integrated);
		ck_assert_msg(fabs(r.after.range - m.range) < 0.05, "case %d: %.2f LU said, %.2f measured", k,
			      r.after.range, m.range);
		ck_assert_double_eq_tol(m.integrated, -16.0, 0.05);
		ck_assert_double_eq_tol(r.limited_db, 0.0, 1e-9);
		free(x);
	}
}
END_TEST

/* The suite. */
static Suite *truepeak_suite(void)
{
	Suite *s = suite_create("truepeak");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_measure);
	tcase_add_test(tc, test_again);
	tcase_add_test(tc, test_gain);
	tcase_add_test(tc, test_bounds);
	tcase_add_test(tc, test_after_gain);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(truepeak_suite());
}

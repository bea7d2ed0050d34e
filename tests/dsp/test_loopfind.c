/* test_loopfind.c: the loop finder on signals with known answers. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h"
#include "dsp/loopfind.h"
#include "dsp/tempo.h"
#include "testsig.h"

#define RATE 32000

static il_loopfind_result res;
static il_err err;

/* Run the finder on a mono signal; 0 or -1 like loopfind_run. */
static int find_mono(const float *x, size_t n, int rate, il_loopfind_mode mode)
{
	return loopfind_run(x, n, 1, rate, mode, &res, &err);
}

/* Compare doubles for qsort. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The 99.9th percentile of |m[i+1] - m[i]| of the channel mean m. */
static double step999(const float *x, size_t n, int ch)
{
	double *d = malloc(sizeof(double) * n);
	ck_assert_ptr_nonnull(d);
	for (size_t i = 1; i < n; i++) {
		double a = 0, b = 0;
		for (int k = 0; k < ch; k++) {
			a += x[(i - 1) * (size_t)ch + (size_t)k];
			b += x[i * (size_t)ch + (size_t)k];
		}
		d[i - 1] = fabs(b - a) / ch;
	}
	qsort(d, n - 1, sizeof *d, cmp_double);
	double v = d[(size_t)(0.999 * (double)(n - 2))];
	free(d);
	return v;
}

/* The loop found is valid, long enough, and its wrap makes no click. */
static void assert_sound_loop(const float *x, size_t n, int ch, int rate)
{
	size_t lmin = (size_t)(2 * rate) > (n + 3) / 4 ? (size_t)(2 * rate) : (n + 3) / 4;
	ck_assert_uint_lt(res.start, res.end);
	ck_assert_uint_le(res.end, n);
	ck_assert_uint_ge(res.end - res.start, lmin);
	double a = 0, b = 0;
	for (int k = 0; k < ch; k++) {
		a += x[(res.end - 1) * (size_t)ch + (size_t)k];
		b += x[res.start * (size_t)ch + (size_t)k];
	}
	ck_assert_double_le(fabs(a - b) / ch, step999(x, n, ch) * 1.0001 + 1e-6);
	ck_assert_int_ge(res.ncand, 1);
	ck_assert_uint_eq(res.cand[0].start, res.start);
	ck_assert_uint_eq(res.cand[0].end, res.end);
}

START_TEST(test_click_tracks)
{
	static const double bpms[] = { 90.0, 120.0, 140.0 };
	double bpm = bpms[_i];
	size_t n = (size_t)RATE * 20;
	float *x = testsig_clicks(RATE, n, bpm);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_double_le(fabs(res.bpm - bpm), bpm * 0.02);
	double period = 60.0 * RATE / bpm, beats = (double)(res.end - res.start) / period;
	ck_assert_double_le(fabs(beats - round(beats)), 0.01);
	ck_assert_int_eq(res.beats, (int)lround(beats));
	ck_assert_int_eq(res.poor, 0);
	assert_sound_loop(x, n, 1, RATE);
	/* The beat grid: clear, the downbeat on a click within 3 ms; with bars
	 * of 4, on an accented one (every 4th beat from frame 0). */
	ck_assert_double_ge(res.grid.confidence, BEATGRID_CONFIDENT);
	ck_assert_int_eq(res.grid.beats, res.beats);
	ck_assert_int_eq(res.grid.per_bar, res.beats % 4 == 0 ? 4 : res.beats % 3 == 0 ? 3 : res.beats);
	ck_assert_int_eq(res.grid.bars * res.grid.per_bar, res.beats);
	double down = (double)(res.start + res.grid.downbeat), bar = res.grid.per_bar == 4 ? 4 * period : period;
	double off = down - round(down / bar) * bar;
	ck_assert_msg(fabs(off) <= 0.003 * RATE, "downbeat %.1f ms off (%d beats)", off * 1000.0 / RATE, res.beats);
	free(x);
}
END_TEST

/* A pad with a slow, smooth tremolo (no attack anywhere): a tempo may be
 * found, but no clear beat grid. */
START_TEST(test_no_clear_beat)
{
	size_t n = (size_t)RATE * 8;
	float *x = malloc(n * sizeof *x);
	ck_assert_ptr_nonnull(x);
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / RATE;
		x[i] = (float)((0.6 + 0.4 * sin(2 * M_PI * 2 * t)) *
			       (0.3 * sin(2 * M_PI * 220 * t) + 0.2 * sin(2 * M_PI * 330 * t)));
	}
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_double_lt(res.grid.confidence, BEATGRID_CONFIDENT);
	free(x);
}
END_TEST

START_TEST(test_odd_periods)
{
	static const size_t periods[] = { 97, 313, 97313 };
	size_t p = periods[_i], n = (size_t)RATE * 12;
	float *x = testsig_periodic(RATE, n, p, 0, (unsigned)p);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_uint_eq((res.end - res.start) % p, 0);
	ck_assert_double_lt(res.seam, 0.05);
	ck_assert_int_eq(res.poor, 0);
	assert_sound_loop(x, n, 1, RATE);
	free(x);
}
END_TEST

START_TEST(test_intro_then_loop)
{
	size_t n = (size_t)RATE * 15, intro = 41600, p = 80017;
	float *x = testsig_periodic(RATE, n, p, intro, 7);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_uint_ge(res.start, intro);
	ck_assert_uint_eq((res.end - res.start) % p, 0);
	assert_sound_loop(x, n, 1, RATE);
	/* The same in classic mode (spectral only). */
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_CLASSIC), 0);
	ck_assert_str_eq(res.method, "classic");
	ck_assert_uint_ge(res.start, intro);
	ck_assert_uint_eq((res.end - res.start) % p, 0);
	free(x);
}
END_TEST

START_TEST(test_music_like)
{
	size_t n = (size_t)RATE * 24;
	float *x = testsig_music(RATE, n, 100.0, 3);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_double_le(fabs(res.bpm - 100.0), 2.0);
	/* The material repeats every 4 bars (16 beats) up to a slight level
	 * change per bar: the loop is a whole number of bars. */
	double bar = 4 * 60.0 * RATE / 100.0, bars = (double)(res.end - res.start) / bar;
	ck_assert_double_le(fabs(bars - round(bars)), 0.01);
	ck_assert_str_eq(res.method, "advanced");
	assert_sound_loop(x, n, 1, RATE);
	free(x);
}
END_TEST

START_TEST(test_white_noise)
{
	size_t n = (size_t)RATE * 10;
	float *x = testsig_noise(n, 0.3f, 11);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	/* Any loop of noise has an audible seam: a loop, but a poor one. */
	ck_assert_int_eq(res.poor, 1);
	ck_assert_double_lt(res.score, LOOPFIND_GOOD);
	assert_sound_loop(x, n, 1, RATE);
	free(x);
}
END_TEST

START_TEST(test_two_seconds_exactly)
{
	size_t n = (size_t)RATE * 2;
	float *x = testsig_music(RATE, n, 120.0, 5);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), 0);
	ck_assert_uint_eq(res.start, 0);
	ck_assert_uint_eq(res.end, n);
	ck_assert_str_eq(res.method, "whole");
	ck_assert_int_eq(res.poor, 1);
	free(x);
}
END_TEST

START_TEST(test_too_short)
{
	size_t n = RATE / 2;
	float *x = testsig_music(RATE, n, 120.0, 5);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, RATE, LOOPFIND_ADVANCED), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "too short"));
	free(x);
}
END_TEST

START_TEST(test_rates)
{
	static const int rates[] = { 8000, 96000 };
	int rate = rates[_i];
	size_t p = rate == 8000 ? 20011 : 240007, n = (size_t)rate * 10;
	float *x = testsig_periodic(rate, n, p, (size_t)rate, 21);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find_mono(x, n, rate, LOOPFIND_ADVANCED), 0);
	ck_assert_uint_ge(res.start, (size_t)rate);
	ck_assert_uint_eq((res.end - res.start) % p, 0);
	assert_sound_loop(x, n, 1, rate);
	free(x);
}
END_TEST

START_TEST(test_six_channels)
{
	size_t n = (size_t)RATE * 12, p = 70001;
	float *m[6];
	for (int k = 0; k < 6; k++) {
		m[k] = testsig_periodic(RATE, n, p, 20000, 100 + (unsigned)k);
		ck_assert_ptr_nonnull(m[k]);
	}
	float *x = testsig_interleave(m, 6, n);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(loopfind_run(x, n, 6, RATE, LOOPFIND_ADVANCED, &res, &err), 0);
	ck_assert_uint_ge(res.start, 20000);
	ck_assert_uint_eq((res.end - res.start) % p, 0);
	assert_sound_loop(x, n, 6, RATE);
	/* Every channel wraps cleanly, not just the mix. */
	for (int k = 0; k < 6; k++)
		ck_assert_double_le(fabs(m[k][res.end - 1] - m[k][res.start]),
				    step999(m[k], n, 1) * 1.0001 + 1e-6);
	for (int k = 0; k < 6; k++)
		free(m[k]);
	free(x);
}
END_TEST

/* An onset envelope at 100 fps of a slow groove: kicks on the beats of
 * bpm, hats on every eighth (as loud), a little noise. */
static float *groove_onsets(size_t n, double bpm)
{
	float *e = calloc(n, sizeof *e);
	ck_assert_ptr_nonnull(e);
	unsigned long s = 7;
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005UL + 1442695040888963407UL;
		e[i] = (float)(0.05 * (double)(s >> 40) / 16777216.0);
	}
	double eighth = 100.0 * 60.0 / bpm / 2.0;
	for (int k = 0; k * eighth < (double)n - 1; k++)
		e[(size_t)llround(k * eighth)] += k % 2 ? 0.9f : 1.0f;
	return e;
}

START_TEST(test_tempo_prior)
{
	/* A known tempo is the tempo: 80 bpm stays 80 (not 160), and the
	 * beats are tracked at its period. */
	size_t n = 3000; /* 30 s */
	float *e = groove_onsets(n, 80.0);
	il_tempo_info t;
	ck_assert_int_eq(tempo_analyze_prior(e, n, 100.0, 80.0, &t, &err), 0);
	ck_assert_double_eq(t.bpm, 80.0);
	ck_assert_double_le(fabs(t.period - 75.0), 75.0 * TEMPO_PRIOR_SLACK);
	ck_assert_uint_ge(t.nbeats, 30);
	size_t near = 0;
	for (size_t k = 1; k < t.nbeats; k++)
		near += fabs((double)(t.beats[k] - t.beats[k - 1]) - 75.0) <= 3.0;
	ck_assert_uint_ge(near, (t.nbeats - 1) * 9 / 10);
	tempo_free(&t);
	/* Without a prior, tempo_analyze_prior is tempo_analyze. */
	il_tempo_info a, b;
	ck_assert_int_eq(tempo_analyze_prior(e, n, 100.0, 0, &a, &err), 0);
	ck_assert_int_eq(tempo_analyze(e, n, 100.0, &b, &err), 0);
	ck_assert_double_eq(a.bpm, b.bpm);
	ck_assert_uint_eq(a.nbeats, b.nbeats);
	tempo_free(&a);
	tempo_free(&b);
	free(e);
}
END_TEST

START_TEST(test_loopfind_known_tempo)
{
	/* The finder reports the generator's tempo (174 stays 174). */
	size_t n = 8 * RATE;
	float *x = calloc(n, sizeof *x);
	ck_assert_ptr_nonnull(x);
	double beat = 60.0 / 174.0 * RATE;
	for (int k = 0; k * beat / 2 < (double)n - 200; k++)
		for (int i = 0; i < 200; i++)
			x[(size_t)llround(k * beat / 2) + (size_t)i] += (float)((k % 2 ? 0.5 : 0.6) *
				sin(i * 0.3) * exp(-i / 40.0));
	ck_assert_int_eq(loopfind_run_tempo(x, n, 1, RATE, LOOPFIND_ADVANCED, 174.0, &res, &err), 0);
	ck_assert_double_eq(res.bpm, 174.0);
	free(x);
}
END_TEST

/* The suite. */
static Suite *loopfind_suite(void)
{
	Suite *s = suite_create("loopfind");
	TCase *tc = tcase_create("known answers");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_click_tracks, 0, 3);
	tcase_add_loop_test(tc, test_odd_periods, 0, 3);
	tcase_add_test(tc, test_no_clear_beat);
	tcase_add_test(tc, test_intro_then_loop);
	tcase_add_test(tc, test_music_like);
	tcase_add_test(tc, test_white_noise);
	tcase_add_test(tc, test_two_seconds_exactly);
	tcase_add_test(tc, test_too_short);
	tcase_add_loop_test(tc, test_rates, 0, 2);
	tcase_add_test(tc, test_six_channels);
	tcase_add_test(tc, test_tempo_prior);
	tcase_add_test(tc, test_loopfind_known_tempo);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(loopfind_suite());
}

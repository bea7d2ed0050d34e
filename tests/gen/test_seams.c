/* test_seams.c: the loop finder on synth clips finds clean seams: for every
 * style, the loop is a whole number of the synth's bars, scores well, the
 * jump at the wrap is no bigger than ordinary sample-to-sample steps, and
 * the audio leading into the wrap is as loud as what led into the start. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h"
#include "engine/loopprep.h"
#include "gen/prompt.h"
#include "gen/synth.h"

/* Compare floats for qsort. */
static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* RMS of channel-summed frames [a, b). */
static double rms(const il_loop *l, size_t a, size_t b)
{
	double s = 0;
	for (size_t i = a; i < b; i++)
		for (int c = 0; c < l->channels; c++)
			s += (double)l->frames[i * l->channels + c] * l->frames[i * l->channels + c];
	return sqrt(s / (double)((b - a) * l->channels));
}

/* Check the loop of one synth clip. */
static void check_clip(const char *prompt, uint64_t seed)
{
	il_synth_params p = { prompt, 15.0, seed, NULL, NULL, 0, 0, 0 };
	float *x;
	size_t n;
	il_synth_plan pl;
	il_err err;
	ck_assert_int_eq(synth_render(&p, &x, &n, &pl, &err), 0);
	il_loop *l;
	ck_assert_msg(loopprep_samples(x, n, SYNTH_RATE, SYNTH_CHANNELS, prompt, NULL, &l, &err) == 0,
		      "%s", err.msg);
	size_t len = l->loop_end - l->loop_start;
	double bars = (double)len / SYNTH_RATE / pl.bar_s;
	ck_assert_msg(!l->poor && l->score >= 0.7, "%s/%llu: score %.3f", prompt,
		      (unsigned long long)seed, l->score);
	ck_assert_msg(bars > 0.9 && fabs(bars - round(bars)) < 0.02,
		      "%s/%llu: the loop is %.3f bars", prompt, (unsigned long long)seed, bars);
	/* The step across the wrap, against the 99.9th percentile of steps. */
	float *steps = malloc(len * sizeof *steps);
	ck_assert_ptr_nonnull(steps);
	for (size_t i = l->loop_start; i + 1 < l->loop_end; i++)
		steps[i - l->loop_start] = fabsf(l->frames[(i + 1) * 2] - l->frames[i * 2]);
	qsort(steps, len - 1, sizeof *steps, cmp_float);
	float p999 = steps[(size_t)((len - 2) * 0.999)];
	free(steps);
	float wrap = fabsf(l->frames[l->loop_start * 2] - l->frames[(l->loop_end - 1) * 2]);
	ck_assert_msg(wrap <= p999, "%s/%llu: the wrap jumps %.4f (99.9%% of steps are below %.4f)",
		      prompt, (unsigned long long)seed, wrap, p999);
	/* What leads into the wrap sounds like what led into the start. */
	size_t w = SYNTH_RATE / 10;
	ck_assert(l->loop_start >= w);
	double before_end = rms(l, l->loop_end - w, l->loop_end);
	double before_start = rms(l, l->loop_start - w, l->loop_start);
	double ratio = before_end / before_start;
	ck_assert_msg(ratio > 0.7 && ratio < 1.43, "%s/%llu: level %.3f into the wrap, %.3f into the start",
		      prompt, (unsigned long long)seed, before_end, before_start);
	il_loop_free(l);
}

START_TEST(test_styles)
{
	static const char *const prompts[GEN_STYLE_COUNT] = {
		"lo-fi hip hop", "ambient", "deep house", "techno", "jazz trio", "solo piano",
		"chiptune", "cinematic orchestral", "synthwave", "drum and bass", "bossa nova", "chill trap",
		"dub reggae", "funk", "rock", "upbeat pop", "celtic folk", "string quartet", "waltz", "blues",
		"latin salsa", "heavy metal" };
	check_clip(prompts[_i], 1);
	check_clip(prompts[_i], 2);
}
END_TEST

/* The suite. */
int main(void)
{
	Suite *s = suite_create("seams");
	TCase *tc = tcase_create("synth");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_styles, 0, GEN_STYLE_COUNT);
	suite_add_tcase(s, tc);
	return testutil_run(s);
}

/* test_gen.c: unit tests of prompt parsing (and its problems), the synth and
 * clip validation. */
#include <check.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testutil.h"
#include "gen/job.h"
#include "gen/prompt.h"
#include "gen/synth.h"

static char dir[256];

/* A temporary folder for each test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-gen"));
}

/* Remove the temporary folder. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}

/* A path inside the temporary folder. */
static const char *tmp_path(const char *name)
{
	static char p[2][512];
	static int k;
	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

START_TEST(test_prompt_parse)
{
	il_gen_prompt_info pi;
	gen_prompt_parse("lo-fi hip hop, 80 bpm, A minor, rainy", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_LOFI);
	ck_assert(fabs(pi.bpm - 80) < 1e-9);
	ck_assert_int_eq(pi.key_root, 9);
	ck_assert_int_eq(pi.minor, 1);
	gen_prompt_parse("Techno 128BPM in F# major", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_TECHNO);
	ck_assert(fabs(pi.bpm - 128) < 1e-9);
	ck_assert_int_eq(pi.key_root, 6);
	ck_assert_int_eq(pi.minor, 0);
	gen_prompt_parse("cinematic orchestral, Bb min", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_CINEMATIC);
	ck_assert_int_eq(pi.key_root, 10);
	ck_assert_int_eq(pi.minor, 1);
	gen_prompt_parse("8-bit quest, Em", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_CHIPTUNE);
	ck_assert_int_eq(pi.key_root, 4);
	ck_assert_int_eq(pi.minor, 1);
	gen_prompt_parse("an honest tune with a drum and bass feel, 500 bpm", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_DNB); /* "nes" inside "honest" is no chiptune */
	ck_assert(pi.bpm == 0);                    /* out of range */
	gen_prompt_parse("something", &pi);
	ck_assert_int_eq(pi.style, -1);
	ck_assert_int_eq(pi.key_root, -1);
	ck_assert_int_eq(pi.minor, -1);
	static const char *const words[GEN_STYLE_COUNT] = {
		"lofi", "ambient", "house", "techno", "jazz", "piano", "chiptune", "cinematic", "synthwave",
		"dnb", "bossa nova", "trap", "reggae", "funk", "rock", "pop", "folk", "classical", "waltz",
		"blues", "latin", "metal" };
	for (int s = 0; s < GEN_STYLE_COUNT; s++) {
		gen_prompt_parse(words[s], &pi);
		ck_assert_int_eq(pi.style, s);
	}
}
END_TEST

/* gen_prompt_problems callback: append the note and a ';' to the buffer. */
static void collect_note(void *ud, const char *note)
{
	char *b = ud;
	size_t l = strlen(b);
	snprintf(b + l, 1024 - l, "%s;", note);
}

START_TEST(test_prompt_problems)
{
	/* A tempo out of range and a key that is no key are named, as the
	 * prompt says them; good ones and words that only look alike are not. */
	char notes[1024] = "";
	ck_assert_int_eq(gen_prompt_problems("lo-fi, 999 bpm, in H minor", 1, collect_note, notes), 2);
	ck_assert_str_eq(notes, "999 bpm (40-220);H minor (a key is A to G, with # or b);");
	notes[0] = '\0';
	ck_assert_int_eq(gen_prompt_problems("tempo of 12, key of X, Bpm 300, 2000 beats per minute, 30bpm, "
					     "Hb major", 1, collect_note, notes), 6);
	ck_assert_str_eq(notes, "tempo of 12 (40-220);key of X (a key is A to G, with # or b);Bpm 300 (40-220);"
			 "2000 beats per minute (40-220);30bpm (40-220);Hb major (a key is A to G, with # or b);");
	notes[0] = '\0';
	ck_assert_int_eq(gen_prompt_problems("jazz, 120 bpm, in A minor, key of Eb, in minor key, 40 bpm, "
					     "220 bpm, so major, 3/4, 6/8, 12/8, 2/4, 4/4, AC/DC, 24/7 radio", 1, collect_note, notes), 0);
	ck_assert_int_eq(gen_prompt_problems(NULL, 1, collect_note, notes), 0);
	ck_assert_str_eq(notes, "");
	/* A metre the composer does not play is named, for the composer only. */
	ck_assert_int_eq(gen_prompt_problems("jazz in 5/4, blues 7/8", 1, collect_note, notes), 2);
	ck_assert_str_eq(notes, "5/4 (the composer plays 2/4, 3/4, 4/4, 6/8 and 12/8);"
			 "7/8 (the composer plays 2/4, 3/4, 4/4, 6/8 and 12/8);");
	notes[0] = '\0';
	ck_assert_int_eq(gen_prompt_problems("jazz in 5/4", 0, collect_note, notes), 0);
	ck_assert_str_eq(notes, "");
	/* A prompt of which the composer knows no word, in another script or
	 * not, is named whole; one word it knows is enough to say nothing. */
	static const char *const known_none = "no word the composer knows: name a genre, an instrument or a mood, "
					      "in English";
	char want[1024];
	ck_assert_int_eq(gen_prompt_problems("\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x81\xe5\xa4\x8f", 1, collect_note, notes), 1);
	snprintf(want, sizeof want, "\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x81\xe5\xa4\x8f (%s);", known_none);
	ck_assert_str_eq(notes, want);
	notes[0] = '\0';
	ck_assert_int_eq(gen_prompt_problems("rainy evening", 1, collect_note, notes), 1);
	ck_assert_int_eq(gen_prompt_problems("rainy evening", 0, collect_note, notes), 0);
	ck_assert_int_eq(gen_prompt_problems("rainy evening, calm", 1, collect_note, notes), 0);
	ck_assert_int_eq(gen_prompt_problems("lo-fi", 1, collect_note, notes), 0);
	snprintf(want, sizeof want, "rainy evening (%s);", known_none);
	ck_assert_str_eq(notes, want);
	/* A long one is cut after 100 bytes, where a character starts. */
	char longp[200] = "";
	for (int k = 0; k < 40; k++)
		strcat(longp, "\xe5\xa4\x8f"); /* 3 bytes each */
	notes[0] = '\0';
	ck_assert_int_eq(gen_prompt_problems(longp, 1, collect_note, notes), 1);
	ck_assert_int_eq((int)(strstr(notes, "...") - notes), 99);
}
END_TEST

START_TEST(test_prompt_words_utf8)
{
	/* Words in other scripts and with accents are words, kept whole among
	 * those not understood; UTF-8 punctuation parts them as a comma does. */
	il_gen_prompt_info pi;
	gen_prompt_parse("caf\xc3\xa9 au lait jazz \xc2\xabsmooth\xc2\xbb \xe2\x80\x94 rainy", &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_JAZZ);
	ck_assert_str_eq(pi.ignored, "caf\xc3\xa9, au, lait, rainy");
	gen_prompt_parse("\xe5\xa4\x8f\xe7\xa5\xad\xe3\x82\x8a\xe3\x80\x81\xe5\xa4\xaa\xe9\xbc\x93\xef\xbc\x8c"
			 "piano\xe3\x80\x82", &pi);
	ck_assert_int_eq(pi.ninst, 1);
	ck_assert_str_eq(pi.ignored, "\xe5\xa4\x8f\xe7\xa5\xad\xe3\x82\x8a, \xe5\xa4\xaa\xe9\xbc\x93");
}
END_TEST

START_TEST(test_prompt_long)
{
	/* Every word of a long prompt counts (none is dropped after the first
	 * hundred or so), and a prompt over the limit is refused with it. */
	char p[GEN_PROMPT_MAX + 2] = "";
	for (int k = 0; k < 250; k++)
		strcat(p, "a ");
	strcat(p, "jazz, 90 bpm, D minor");
	il_gen_prompt_info pi;
	gen_prompt_parse(p, &pi);
	ck_assert_int_eq(pi.style, GEN_STYLE_JAZZ);
	ck_assert(fabs(pi.bpm - 90) < 1e-9);
	ck_assert_int_eq(pi.key_root, 2);
	il_err err;
	ck_assert_int_eq(gen_prompt_check(p, &err), 0);
	memset(p, 'x', GEN_PROMPT_MAX + 1);
	p[GEN_PROMPT_MAX + 1] = '\0';
	ck_assert_int_eq(gen_prompt_check(p, &err), -1);
	ck_assert_int_eq(err.code, IL_E_BAD_VALUE);
	ck_assert_str_eq(err.msg, "the prompt is 1024 bytes long; at most 1023");
	p[GEN_PROMPT_MAX] = '\0';
	ck_assert_int_eq(gen_prompt_check(p, &err), 0);
}
END_TEST

START_TEST(test_backoff)
{
	ck_assert(gen_backoff(1) == 2);
	ck_assert(gen_backoff(2) == 4);
	ck_assert(gen_backoff(3) == 8);
	ck_assert(gen_backoff(5) == 32);
	ck_assert(gen_backoff(6) == 60);
	ck_assert(gen_backoff(20) == 60);
}
END_TEST

/* RMS of interleaved stereo frames [a, b). */
static double rms(const float *x, size_t a, size_t b)
{
	double s = 0;
	for (size_t i = 2 * a; i < 2 * b; i++)
		s += (double)x[i] * x[i];
	return sqrt(s / (double)(2 * (b - a)));
}

START_TEST(test_synth_clip)
{
	il_synth_params p = { "house, 120 bpm, A minor", 15.0, 42, NULL, NULL, 0, 0, 0 };
	float *a, *b, *c;
	size_t na, nb, nc;
	il_synth_plan pl;
	il_err err;
	ck_assert_int_eq(synth_render(&p, &a, &na, &pl, &err), 0);
	ck_assert_uint_eq(na, 15 * SYNTH_RATE);
	ck_assert_int_eq(pl.style, GEN_STYLE_HOUSE);
	ck_assert(fabs(pl.bpm - 120) < 1e-9);
	ck_assert_int_eq(pl.key_root, 9);
	ck_assert_int_eq(pl.minor, 1);
	for (size_t i = 0; i < 2 * na; i++)
		ck_assert(isfinite(a[i]) && fabsf(a[i]) <= 1.0f);
	/* Same seed, same clip; another seed, another clip. */
	ck_assert_int_eq(synth_render(&p, &b, &nb, NULL, &err), 0);
	ck_assert_int_eq(memcmp(a, b, 2 * na * sizeof *a), 0);
	p.seed = 43;
	ck_assert_int_eq(synth_render(&p, &c, &nc, NULL, &err), 0);
	ck_assert_int_ne(memcmp(a, c, 2 * na * sizeof *a), 0);
	/* A quiet intro, a loud main part, and an ending that fades to silence. */
	size_t bar = (size_t)(pl.bar_s * SYNTH_RATE), m0 = (size_t)(pl.intro_s * SYNTH_RATE);
	double intro = rms(a, 0, m0 / 2), main1 = rms(a, m0, m0 + bar), main2 = rms(a, m0 + bar, m0 + 2 * bar);
	ck_assert_msg(intro < 0.5 * main1, "intro %g, main %g", intro, main1);
	ck_assert_msg(main1 > 0.1 && main2 > 0.1, "main part too quiet: %g %g", main1, main2);
	ck_assert(rms(a, na - SYNTH_RATE / 20, na) < 0.02);
	ck_assert(rms(a, na - SYNTH_RATE / 20, na) < 0.1 * main1);
	/* Bars differ from each other (chords and fills change). */
	double diff = 0;
	for (size_t i = 0; i < bar; i++) {
		double d = a[2 * (m0 + i)] - a[2 * (m0 + bar + i)];
		diff += d * d;
	}
	ck_assert_msg(sqrt(diff / bar) > 0.05, "bars 0 and 1 are the same");
	ck_assert_int_gt(pl.main_bars, 4);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_synth_styles)
{
	static const char *const prompts[GEN_STYLE_COUNT] = {
		"lo-fi", "ambient", "house", "techno", "jazz", "piano", "chiptune", "cinematic",
		"synthwave", "drum and bass", "bossa nova", "trap", "reggae", "funk", "rock", "pop", "folk",
		"classical", "waltz", "blues", "latin", "metal" };
	for (int s = 0; s < GEN_STYLE_COUNT; s++) {
		il_synth_params p = { prompts[s], 6.0, 7, NULL, NULL, 0, 0, 0 };
		float *x;
		size_t n;
		il_synth_plan pl;
		il_err err;
		ck_assert_int_eq(synth_render(&p, &x, &n, &pl, &err), 0);
		ck_assert_int_eq(pl.style, s);
		ck_assert_msg(rms(x, 0, n) > 0.05, "%s is too quiet", prompts[s]);
		double dc = 0;
		for (size_t i = 0; i < 2 * n; i++)
			dc += x[i];
		ck_assert_msg(fabs(dc / (2.0 * n)) < 0.005, "%s has a DC offset of %g", prompts[s], dc / (2.0 * n));
		free(x);
	}
	il_synth_params bad = { "x", 1.0, 1, NULL, NULL, 0, 0, 0 };
	float *x;
	size_t n;
	il_err err;
	ck_assert_int_eq(synth_render(&bad, &x, &n, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "2 to 60 seconds"));
}
END_TEST

/* Write a mono 32 kHz float WAV of n samples from fn(i). */
static void write_wav(const char *path, size_t n, float (*fn)(size_t))
{
	SF_INFO info = { 0, 32000, 1, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0, 0 };
	SNDFILE *f = sf_open(path, SFM_WRITE, &info);
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++) {
		float v = fn(i);
		sf_writef_float(f, &v, 1);
	}
	sf_close(f);
}

static float sig_tone(size_t i) { return 0.3f * sinf((float)i * 0.05f); }
static float sig_zero(size_t i) { (void)i; return 0.0f; }
static float sig_nan(size_t i) { return i == 5000 ? NAN : sig_tone(i); }

START_TEST(test_validate)
{
	double secs;
	il_err err;
	write_wav(tmp_path("ok.wav"), 96000, sig_tone);
	ck_assert_int_eq(gen_validate(tmp_path("ok.wav"), 96000, &secs, &err), 0);
	ck_assert(fabs(secs - 3.0) < 1e-9);
	ck_assert_int_eq(gen_validate(tmp_path("ok.wav"), 0, &secs, &err), 0);
	ck_assert_int_eq(gen_validate(tmp_path("ok.wav"), 100000, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "expected 100000"));
	write_wav(tmp_path("short.wav"), 32000, sig_tone);
	ck_assert_int_eq(gen_validate(tmp_path("short.wav"), 0, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "at least 2 s"));
	write_wav(tmp_path("zero.wav"), 96000, sig_zero);
	ck_assert_int_eq(gen_validate(tmp_path("zero.wav"), 0, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "silent"));
	write_wav(tmp_path("nan.wav"), 96000, sig_nan);
	ck_assert_int_eq(gen_validate(tmp_path("nan.wav"), 0, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "NaN"));
	FILE *f = fopen(tmp_path("text.wav"), "w");
	fputs("not audio at all\n", f);
	fclose(f);
	ck_assert_int_eq(gen_validate(tmp_path("text.wav"), 0, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a readable audio file"));
	ck_assert_int_eq(gen_validate(tmp_path("none.wav"), 0, &secs, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "no audio file was written"));
}
END_TEST

/* The suite. */
int main(void)
{
	Suite *s = suite_create("gen");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 240); /* a hang guard: 21 styles under the sanitizers on a busy machine */
	tcase_add_test(tc, test_prompt_parse);
	tcase_add_test(tc, test_prompt_problems);
	tcase_add_test(tc, test_prompt_words_utf8);
	tcase_add_test(tc, test_prompt_long);
	tcase_add_test(tc, test_backoff);
	tcase_add_test(tc, test_synth_clip);
	tcase_add_test(tc, test_synth_styles);
	tcase_add_test(tc, test_validate);
	suite_add_tcase(s, tc);
	return testutil_run(s);
}

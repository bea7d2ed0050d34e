/* test_loopprep.c: reading audio files, validation, normalization and the
 * whole file -> prepared loop path. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sndfile.h>
#include <unistd.h>

#include "../testutil.h"
#include "audio/audiofile.h"
#include "dsp/normalize.h"
#include "engine/loopprep.h"
#include "testsig.h"

static char dir[256];
static il_err err;

/* A private temporary folder for the test's files. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-loopprep"));
}

/* Remove the folder and its files. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}

/* Path of a file in the test folder (static buffer). */
static const char *tpath(const char *name)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* Largest |x| of n samples. */
static float peak_of(const float *x, size_t n)
{
	float p = 0;
	for (size_t i = 0; i < n; i++)
		p = fabsf(x[i]) > p ? fabsf(x[i]) : p;
	return p;
}

START_TEST(test_formats)
{
	static const struct {
		const char *name;
		int fmt, rate, exact;
	} f[] = {
		{ "pcm16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 32000, 0 },
		{ "float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 32000, 1 },
		{ "ext.wav", SF_FORMAT_WAVEX | SF_FORMAT_FLOAT, 44100, 1 },
		{ "a.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 0 },
		{ "a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 0 },
		{ "a.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 0 },
	};
	int i = _i;
	size_t n = (size_t)f[i].rate * 3;
	float *m[2] = { testsig_music(f[i].rate, n, 120, 1), testsig_music(f[i].rate, n, 120, 2) };
	float *x = testsig_interleave(m, 2, n);
	ck_assert_ptr_nonnull(x);
	SF_INFO info = { .samplerate = f[i].rate, .channels = 2, .format = f[i].fmt };
	if (!sf_format_check(&info)) {
		fprintf(stderr, "skipped: libsndfile cannot write %s\n", f[i].name);
	} else {
		ck_assert_int_eq(testsig_write(tpath(f[i].name), x, n, 2, f[i].rate, f[i].fmt), 0);
		il_audiofile af;
		ck_assert_int_eq(audiofile_read(tpath(f[i].name), &af, &err), 0);
		ck_assert_int_eq(af.rate, f[i].rate);
		ck_assert_int_eq(af.channels, 2);
		/* Lossy codecs may pad a little; lossless ones keep every frame. */
		ck_assert_uint_ge(af.frames, n - n / 100);
		ck_assert_uint_le(af.frames, n + n / 100);
		if (f[i].exact)
			ck_assert_int_eq(memcmp(af.samples, x, sizeof(float) * n * 2), 0);
		ck_assert_int_eq(audiofile_check(&af, "x", &err), 0);
		audiofile_free(&af);
		il_loop *l;
		ck_assert_int_eq(loopprep_file(tpath(f[i].name), NULL, &l, &err), 0);
		ck_assert_uint_lt(l->loop_start, l->loop_end);
		ck_assert_uint_le(l->loop_end, l->nframes);
		il_loop_free(l);
	}
	free(m[0]);
	free(m[1]);
	free(x);
}
END_TEST

START_TEST(test_prepared_loop)
{
	size_t n = 32000 * 12, p = 90001, intro = 30000;
	float *x = testsig_periodic(32000, n, p, intro, 3);
	ck_assert_ptr_nonnull(x);
	for (size_t i = 0; i < n; i++)
		x[i] *= 0.5f;
	ck_assert_int_eq(testsig_write(tpath("p.wav"), x, n, 1, 32000, SF_FORMAT_WAV | SF_FORMAT_FLOAT), 0);
	il_loop *l;
	il_loopprep_opts o = { "advanced", "peak", -1.0 };
	ck_assert_int_eq(loopprep_file(tpath("p.wav"), &o, &l, &err), 0);
	ck_assert_int_eq(l->rate, 32000);
	ck_assert_int_eq(l->channels, 1);
	ck_assert_uint_eq(l->nframes, n);
	ck_assert_uint_ge(l->loop_start, intro);
	ck_assert_uint_eq((l->loop_end - l->loop_start) % p, 0);
	ck_assert_str_eq(l->method, "advanced");
	ck_assert_int_eq(l->poor, 0);
	ck_assert_int_ge(l->ncandidates, 1);
	char metrics[256];
	il_loop_metrics_format(l, metrics, sizeof metrics);
	ck_assert_ptr_nonnull(strstr(metrics, "spectral="));
	ck_assert_str_eq(l->source, tpath("p.wav"));
	/* loudness = peak: peak normalized to 0.7; the same gain everywhere: no fades. */
	ck_assert_float_eq_tol(peak_of(l->frames, n), 0.7f, 1e-6f);
	float g = 0.7f / peak_of(x, n);
	for (size_t i = l->loop_start; i < l->loop_start + 64; i++)
		ck_assert_float_eq_tol(l->frames[i], x[i] * g, 1e-6f);
	for (size_t i = l->loop_end - 64; i < l->loop_end; i++)
		ck_assert_float_eq_tol(l->frames[i], x[i] * g, 1e-6f);
	il_loop_free(l);
	/* The default: the loop as played at -16 LUFS under -1 dBTP, one
	 * gain for the whole clip when no peak needs the limiter. */
	o.loudness = NULL;
	ck_assert_int_eq(loopprep_file(tpath("p.wav"), &o, &l, &err), 0);
	ck_assert_double_eq_tol(l->loudness.after.integrated, -16.0, 0.05);
	ck_assert_double_le(l->loudness.after.true_peak, -1.0);
	ck_assert_double_eq_tol(l->loudness.gain_db, -16.0 - l->loudness.before.integrated, 0.3);
	if (l->loudness.limited_db == 0) {
		g = (float)pow(10, l->loudness.gain_db / 20);
		for (size_t i = l->loop_start; i < l->loop_start + 64; i++)
			ck_assert_float_eq_tol(l->frames[i], x[i] * g, 1e-5f);
	}
	il_loop_free(l);
	/* Classic mode is chosen by the settings' name. */
	o.algorithm = "classic";
	ck_assert_int_eq(loopprep_file(tpath("p.wav"), &o, &l, &err), 0);
	ck_assert_str_eq(l->method, "classic");
	ck_assert_uint_eq((l->loop_end - l->loop_start) % p, 0);
	il_loop_free(l);
	free(x);
}
END_TEST

START_TEST(test_rates_and_channels)
{
	static const int rates[] = { 8000, 96000, 32000 };
	static const int chans[] = { 1, 2, 6 };
	int rate = rates[_i], ch = chans[_i];
	size_t n = (size_t)rate * 9, p = (size_t)rate * 2 + 17;
	float *m[6];
	for (int k = 0; k < ch; k++)
		m[k] = testsig_periodic(rate, n, p, (size_t)rate / 2, 40 + (unsigned)k);
	float *x = testsig_interleave(m, ch, n);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(testsig_write(tpath("r.wav"), x, n, ch, rate, SF_FORMAT_WAV | SF_FORMAT_PCM_24), 0);
	il_loop *l;
	ck_assert_int_eq(loopprep_file(tpath("r.wav"), NULL, &l, &err), 0);
	ck_assert_int_eq(l->rate, rate);
	ck_assert_int_eq(l->channels, ch);
	ck_assert_uint_eq(l->nframes, n);
	ck_assert_uint_ge(l->loop_start, (size_t)rate / 2);
	ck_assert_uint_eq((l->loop_end - l->loop_start) % p, 0);
	il_loop_free(l);
	for (int k = 0; k < ch; k++)
		free(m[k]);
	free(x);
}
END_TEST

/* Write n mono float samples to name and expect loopprep to fail with a
 * message naming the file and containing what. */
static void expect_reject(const char *name, const float *x, size_t n, const char *what)
{
	ck_assert_int_eq(testsig_write(tpath(name), x, n, 1, 32000, SF_FORMAT_WAV | SF_FORMAT_FLOAT), 0);
	il_loop *l = (il_loop *)1;
	ck_assert_int_eq(loopprep_file(tpath(name), NULL, &l, &err), -1);
	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(err.msg, tpath(name)));
	ck_assert_msg(strstr(err.msg, what), "'%s' lacks '%s'", err.msg, what);
}

START_TEST(test_rejects)
{
	size_t n = 32000 * 3;
	float *x = calloc(n, sizeof(float));
	ck_assert_ptr_nonnull(x);
	expect_reject("silent.wav", x, n, "silent");
	for (size_t i = 0; i < n; i++)
		x[i] = 0.25f;
	expect_reject("dc.wav", x, n, "DC");
	free(x);
	x = testsig_music(32000, n, 120, 1);
	x[12345] = NAN;
	expect_reject("nan.wav", x, n, "not a finite number");
	x[12345] = INFINITY;
	expect_reject("inf.wav", x, n, "not a finite number");
	x[12345] = 5000.0f;
	expect_reject("huge.wav", x, n, "out of range");
	x[12345] = 0;
	expect_reject("short.wav", x, 16000, "too short");
	free(x);
	il_loop *l;
	ck_assert_int_eq(loopprep_file(tpath("missing.wav"), NULL, &l, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot open"));
	FILE *f = fopen(tpath("junk.wav"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("RIFF this is not audio at all, just words in a file\n", f);
	fclose(f);
	ck_assert_int_eq(loopprep_file(tpath("junk.wav"), NULL, &l, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "unreadable"));
	f = fopen(tpath("empty.wav"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(loopprep_file(tpath("empty.wav"), NULL, &l, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "empty"));
	ck_assert_int_eq(loopprep_file(dir, NULL, &l, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a regular file"));
}
END_TEST

START_TEST(test_normalize)
{
	float x[1000];
	/* Peak 0.35 -> 0.7. */
	for (int i = 0; i < 1000; i++)
		x[i] = 0.35f * sinf((float)i * 0.1f);
	float p = peak_of(x, 1000);
	ck_assert_double_eq_tol(normalize_apply(x, 1000), 0.7 / p, 1e-9);
	ck_assert_float_eq_tol(peak_of(x, 1000), 0.7f, 1e-6f);
	/* Very quiet (peak -48 dBFS): raised by RMS to 0.1, not by peak. */
	for (int i = 0; i < 1000; i++)
		x[i] = 0.004f * sinf((float)i * 0.1f);
	normalize_apply(x, 1000);
	double rms = 0;
	for (int i = 0; i < 1000; i++)
		rms += (double)x[i] * x[i];
	ck_assert_double_eq_tol(sqrt(rms / 1000), 0.1, 1e-3);
	/* Quiet with one spike: the RMS gain would clip; limited to 0.95. */
	for (int i = 0; i < 1000; i++)
		x[i] = 0.0005f * sinf((float)i * 0.1f);
	x[500] = 0.009f;
	normalize_apply(x, 1000);
	ck_assert_float_eq_tol(peak_of(x, 1000), 0.95f, 1e-6f);
	/* Silence stays silence. */
	memset(x, 0, sizeof x);
	ck_assert_double_eq(normalize_apply(x, 1000), 1.0);
	ck_assert_float_eq(peak_of(x, 1000), 0.0f);
}
END_TEST

START_TEST(test_memory_read)
{
	size_t n = 32000 * 3;
	float *x = testsig_music(32000, n, 120, 4);
	ck_assert_int_eq(testsig_write(tpath("m.wav"), x, n, 1, 32000, SF_FORMAT_WAV | SF_FORMAT_FLOAT), 0);
	FILE *f = fopen(tpath("m.wav"), "rb");
	ck_assert_ptr_nonnull(f);
	static unsigned char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	il_audiofile af;
	ck_assert_int_eq(audiofile_read_memory(buf, len, "mem", &af, &err), 0);
	ck_assert_uint_eq(af.frames, n);
	ck_assert_int_eq(memcmp(af.samples, x, sizeof(float) * n), 0);
	audiofile_free(&af);
	/* Cut short: still read (what is there), then refused as too short. */
	ck_assert_int_eq(audiofile_read_memory(buf, 2000, "cut", &af, &err), 0);
	ck_assert_int_eq(audiofile_check(&af, "cut", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cut: too short"));
	audiofile_free(&af);
	ck_assert_int_eq(audiofile_read_memory(buf, 20, "hdr", &af, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "hdr: "));
	free(x);
}
END_TEST

/* The suite. */
static Suite *loopprep_suite(void)
{
	Suite *s = suite_create("loopprep");
	TCase *tc = tcase_create("files");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_formats, 0, 6);
	tcase_add_test(tc, test_prepared_loop);
	tcase_add_loop_test(tc, test_rates_and_channels, 0, 3);
	tcase_add_test(tc, test_rejects);
	tcase_add_test(tc, test_normalize);
	tcase_add_test(tc, test_memory_read);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(loopprep_suite());
}

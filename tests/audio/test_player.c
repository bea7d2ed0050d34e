/* test_player.c: the player's pieces: crossfade curves, conversion at queue
 * time, 1000 switches into a file sink (sample-exact against a model),
 * smoothed volume and pause, WAV saving with loop points, spectrum bands. */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../testutil.h"
#include "audio/player.h"
#include "audio/wavsave.h"
#include "dsp/spectrum.h"
#include "dsp/xfade.h"

static char tmpdir[256];

/* Make a private temporary folder for a test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(tmpdir, sizeof tmpdir, "il-player"));
}

/* Remove the temporary folder. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(tmpdir), 0);
}

/* A loop of n frames (region [start, start+len)) of seeded noise with a tone. */
static il_loop *make_loop(size_t n, size_t start, size_t len, int rate, int ch, unsigned seed)
{
	il_loop *l = il_loop_new();
	l->frames = malloc(n * (size_t)ch * sizeof(float));
	l->nframes = n;
	l->rate = rate;
	l->channels = ch;
	l->loop_start = start;
	l->loop_end = start + len;
	unsigned long s = seed;
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < ch; c++) {
			s = s * 6364136223846793005UL + 1442695040888963407UL;
			double r = (double)(s >> 11) / 9007199254740992.0 - 0.5;
			l->frames[i * (size_t)ch + (size_t)c] = (float)(0.3 * r + 0.3 * sin(i * 0.05 * (seed + 1)));
		}
	snprintf(l->title, sizeof l->title, "loop %u", seed);
	return l;
}

/* Read a whole WAV file (stereo float) into *x; returns frames or -1. */
static long read_wav(const char *path, float **x)
{
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	if (!sf)
		return -1;
	*x = malloc((size_t)(info.frames + 1) * (size_t)info.channels * sizeof **x);
	long n = (long)sf_readf_float(sf, *x, info.frames);
	sf_close(sf);
	return n;
}

START_TEST(xfade_equal_power)
{
	for (int k = 0; k <= 1000; k++) {
		float go, gi;
		il_xfade_gains(k / 1000.0, &go, &gi);
		ck_assert_double_eq_tol((double)go * go + (double)gi * gi, 1.0, 1e-6);
		if (k == 500)
			ck_assert_double_eq_tol(20 * log10(go), -3.0103, 1e-3);
	}
	float go, gi;
	il_xfade_gains(0.0, &go, &gi);
	ck_assert(go == 1.0f && gi == 0.0f);
	il_xfade_gains(1.0, &go, &gi);
	ck_assert(go == 0.0f && gi == 1.0f);
	ck_assert(il_xfade_volume_gain(100) == 1.0f);
	ck_assert(il_xfade_volume_gain(0) == 0.0f);
	ck_assert_double_eq_tol(il_xfade_volume_gain(50), 0.25, 1e-7);
	ck_assert(il_xfade_slew(0.0f, 1.0f, 0.3f) == 0.3f);
	ck_assert(il_xfade_slew(0.95f, 1.0f, 0.3f) == 1.0f);
}
END_TEST

START_TEST(track_identity_and_resampling)
{
	il_err err;
	il_track *t;
	il_loop *l = make_loop(1000, 100, 700, 48000, 2, 1);
	float first = l->frames[200], last = l->frames[2 * 799 + 1];
	float *whole = malloc(2000 * sizeof *whole);
	memcpy(whole, l->frames, 2000 * sizeof *whole);
	ck_assert_int_eq(il_track_new(l, &t, &err), 0);
	ck_assert_uint_eq(t->len, 700);
	ck_assert(t->pcm[0] == first && t->pcm[2 * 699 + 1] == last);
	/* The whole clip comes back as it was, while the track plays on. */
	il_loop *clip;
	ck_assert_int_eq(il_track_clip(t, &clip, &err), 0);
	ck_assert_uint_eq(clip->nframes, 1000);
	ck_assert_uint_eq(clip->loop_start, 100);
	ck_assert(memcmp(clip->frames, whole, 2000 * sizeof *whole) == 0);
	il_loop_free(clip);
	free(whole);
	ck_assert(t->pcm[0] == first);
	il_track_unref(t);

	/* A region starting pages into its clip: read from the clip's file
	 * (the clip leaves memory), the same samples before and after the
	 * player lets them go. */
	l = make_loop(8000, 3001, 4000, 48000, 2, 7);
	memcpy(whole = malloc(16000 * sizeof *whole), l->frames, 16000 * sizeof *whole);
	ck_assert_int_eq(il_track_new(l, &t, &err), 0);
	if (t->clip_fd >= 0) { /* (where $TMPDIR takes nameless files) */
		ck_assert_ptr_null(t->loop->frames);
		ck_assert_int_eq(t->own_pcm, 2);
	}
	ck_assert(memcmp(t->pcm, whole + 2 * 3001, 8000 * sizeof *whole) == 0);
	il_track_page_out(t);
	ck_assert(memcmp(t->pcm, whole + 2 * 3001, 8000 * sizeof *whole) == 0);
	ck_assert_int_eq(il_track_clip(t, &clip, &err), 0);
	ck_assert(memcmp(clip->frames, whole, 16000 * sizeof *whole) == 0);
	il_loop_free(clip);
	free(whole);
	il_track_unref(t);

	/* A 44.1 kHz mono sine of exactly 441 periods in its loop region:
	 * converted to 48 kHz stereo it still wraps smoothly. */
	size_t len = 44100;
	il_loop *m = il_loop_new();
	m->frames = malloc(50000 * sizeof(float));
	m->nframes = 50000;
	m->rate = 44100;
	m->channels = 1;
	m->loop_start = 2000;
	m->loop_end = 2000 + len;
	for (size_t i = 0; i < 50000; i++)
		m->frames[i] = (float)(0.5 * sin(2 * M_PI * 441.0 * (double)i / 44100.0));
	ck_assert_int_eq(il_track_new(m, &t, &err), 0);
	ck_assert_uint_eq(t->len, 48000);
	double maxstep = 0, seam = fabs(t->pcm[0] - t->pcm[2 * 47999]);
	for (size_t i = 1000; i < 47000; i++) {
		ck_assert(t->pcm[2 * i] == t->pcm[2 * i + 1]);
		maxstep = fmax(maxstep, fabs(t->pcm[2 * i] - t->pcm[2 * i - 2]));
	}
	ck_assert_double_le(seam, maxstep * 1.01);
	ck_assert_double_eq_tol(maxstep, 0.5 * 2 * M_PI * 441 / 48000, 2e-3);
	il_track_unref(t);

	/* Bad loop points are refused. */
	il_loop *bad = make_loop(100, 50, 80, 48000, 2, 2);
	ck_assert_int_eq(il_track_new(bad, &t, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "loop points"));
}
END_TEST

typedef struct ended_flag {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ended, loops, audio_events;
} ended_flag;

/* Callback: count loop starts. */
static void on_loop(void *ctx, il_track *t, unsigned long long at)
{
	ended_flag *f = ctx;
	(void)t;
	(void)at;
	pthread_mutex_lock(&f->lock);
	f->loops++;
	pthread_mutex_unlock(&f->lock);
}

/* Callback: a limit was reached. */
static void on_ended(void *ctx)
{
	ended_flag *f = ctx;
	pthread_mutex_lock(&f->lock);
	f->ended = 1;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

/* Wait for the ended callback. */
static void wait_ended(ended_flag *f)
{
	pthread_mutex_lock(&f->lock);
	while (!f->ended)
		pthread_cond_wait(&f->cond, &f->lock);
	pthread_mutex_unlock(&f->lock);
}

START_TEST(thousand_switches_sample_exact)
{
	const long M = 4800, X = 960, N = 1000; /* 0.1 s per loop, 0.02 s crossfades */
	il_err err;
	il_track *t[3];
	ck_assert_int_eq(il_track_new(make_loop(4801, 0, 4801, 48000, 2, 3), &t[0], &err), 0);
	ck_assert_int_eq(il_track_new(make_loop(7300, 100, 7000, 48000, 2, 4), &t[1], &err), 0);
	ck_assert_int_eq(il_track_new(make_loop(4000, 10, 3333, 44100, 1, 5), &t[2], &err), 0);
	il_player_cfg cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.sink.kind = IL_SINK_FILE;
	cfg.sink.fast = 1;
	snprintf(cfg.sink.path, sizeof cfg.sink.path, "%s/out.wav", tmpdir);
	cfg.min_duration = 0.1;
	cfg.crossfade = 0.02;
	cfg.volume = 100;
	cfg.repeat = 1;
	cfg.max_switches = N;
	ended_flag f = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };
	il_player_cb cb = { &f, on_loop, NULL, on_ended, NULL };
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, &cfg, &cb, &err), 0);
	il_player_hold(p, 1);
	for (int k = 0; k < 3; k++)
		il_player_enqueue(p, il_track_ref(t[k]));
	il_player_hold(p, -1);
	wait_ended(&f);
	il_player_status st;
	il_player_get_status(p, &st);
	ck_assert_uint_eq(st.switches, N);
	il_player_free(p);
	ck_assert_int_eq(f.loops, N + 1);

	float *x;
	long n = read_wav(cfg.sink.path, &x);
	ck_assert_int_eq(n, (N + 1) * M);
	long inexact = 0, off = 0;
	double worst_xf = 0, step_out = 0, step_src = 0;
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < t[k]->len; i++) {
			size_t j = (i + 1) % t[k]->len;
			step_src = fmax(step_src, fabs(t[k]->pcm[2 * j] - t[k]->pcm[2 * i]));
		}
	for (long fr = 0; fr < n; fr++) {
		long k = fr / M, loc = fr % M;
		const il_track *cur = t[k % 3];
		for (int c = 0; c < 2; c++) {
			float v = cur->pcm[2 * ((size_t)loc % cur->len) + (size_t)c];
			float got = x[2 * fr + c];
			if (k > 0 && loc < X) {
				const il_track *prev = t[(k - 1) % 3];
				float go, gi;
				il_xfade_gains((double)loc / X, &go, &gi);
				float e = go * prev->pcm[2 * ((size_t)(M + loc) % prev->len) + (size_t)c] + gi * v;
				worst_xf = fmax(worst_xf, fabs(got - e));
			} else if (fr >= 480) {
				inexact += got != v;
			} else {
				off += fabsf(got) > fabsf(v) + 1e-7f;
			}
		}
		if (fr > 0 && !(k > 0 && loc < X))
			step_out = fmax(step_out, fabs(x[2 * fr] - x[2 * fr - 2]));
	}
	ck_assert_int_eq(inexact, 0);
	ck_assert_int_eq(off, 0);
	ck_assert_double_le(worst_xf, 1e-6);
	ck_assert_double_le(step_out, step_src + 1e-6);
	free(x);
	for (int k = 0; k < 3; k++)
		il_track_unref(t[k]);
}
END_TEST

/* A track of 0.1 s of the constant 0.5: every change in what plays is the
 * gain's. */
static il_track *const_track(void)
{
	il_err err;
	il_loop *l = il_loop_new();
	l->frames = malloc(2 * 4800 * sizeof(float));
	for (int i = 0; i < 2 * 4800; i++)
		l->frames[i] = 0.5f;
	l->nframes = 4800;
	l->rate = 48000;
	l->channels = 2;
	l->loop_end = 4800;
	il_track *t;
	ck_assert_int_eq(il_track_new(l, &t, &err), 0);
	return t;
}

/* A player at volume 100 writing max_seconds (real time) to the file name
 * in tmpdir, its end signalled in f; cfg is filled. */
static il_player *file_player(il_player_cfg *cfg, const char *name, double max_seconds, ended_flag *f)
{
	il_err err;
	memset(cfg, 0, sizeof *cfg);
	cfg->sink.kind = IL_SINK_FILE; /* real time, so requests land mid-play */
	snprintf(cfg->sink.path, sizeof cfg->sink.path, "%s/%s", tmpdir, name);
	cfg->min_duration = 10;
	cfg->volume = 100;
	cfg->max_seconds = max_seconds;
	il_player_cb cb = { f, on_loop, NULL, on_ended, NULL };
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, cfg, &cb, &err), 0);
	return p;
}

START_TEST(volume_and_pause_are_smooth)
{
	il_err err;
	il_player_cfg cfg;
	ended_flag f = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };
	il_player *p = file_player(&cfg, "vol.wav", 1.0, &f);
	il_player_enqueue(p, const_track());
	usleep(200000);
	il_player_set_volume(p, 20);
	usleep(200000);
	ck_assert_int_eq(il_player_pause(p, 1, &err), 0);
	usleep(200000);
	ck_assert_int_eq(il_player_pause(p, 0, &err), 0);
	wait_ended(&f);
	il_player_free(p);
	float *x;
	long n = read_wav(cfg.sink.path, &x);
	ck_assert_int_eq(n, 48000);
	double maxstep = 0, minv = 1;
	for (long i = 1; i < n; i++) {
		maxstep = fmax(maxstep, fabs(x[2 * i] - x[2 * i - 2]));
		minv = fmin(minv, x[2 * i]);
	}
	ck_assert_double_le(maxstep, 0.5 / 480 + 1e-6); /* no click: 10 ms ramps at most */
	ck_assert_double_le(minv, 1e-6);                /* the pause reached silence */
	ck_assert_double_eq_tol(x[2 * (n - 1)], 0.5 * 0.04, 1e-6); /* volume 20 % = 0.04 */
	free(x);
}
END_TEST

START_TEST(volume_set_while_silent_applies_at_once)
{
	/* A volume set while nothing is heard (before the first loop) is the
	 * volume the loop starts at: past its 10 ms start ramp, no slope from
	 * the old volume. */
	il_player_cfg cfg;
	ended_flag f = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };
	il_player *p = file_player(&cfg, "vol0.wav", 0.2, &f);
	il_player_set_volume(p, 20);
	il_player_enqueue(p, const_track());
	wait_ended(&f);
	il_player_free(p);
	float *x;
	long n = read_wav(cfg.sink.path, &x);
	ck_assert_int_eq(n, 9600);
	for (long i = 480; i < n; i++)
		ck_assert_double_eq_tol(x[2 * i], 0.5 * 0.04, 1e-6); /* volume 20 % = 0.04 */
	free(x);
}
END_TEST

START_TEST(pause_with_nothing_playing_is_refused)
{
	/* A pause while nothing plays must not leave a hidden state: the loop
	 * queued afterwards plays (issue: Space on a stopped station). */
	il_err err;
	il_player_cfg cfg;
	ended_flag f = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };
	il_player *p = file_player(&cfg, "idle.wav", 0.5, &f);
	ck_assert_int_eq(il_player_pause(p, 1, &err), -1);
	ck_assert_int_eq(err.code, IL_E_STATE);
	ck_assert_str_eq(err.msg, "nothing is playing, so there is nothing to pause");
	ck_assert_int_eq(il_player_pause(p, 0, &err), -1);
	il_player_status st;
	il_player_get_status(p, &st);
	ck_assert_int_eq(st.state, IL_PLAYER_IDLE);
	il_track *t;
	ck_assert_int_eq(il_track_new(make_loop(24000, 0, 24000, 48000, 2, 3), &t, &err), 0);
	il_player_enqueue(p, t);
	wait_ended(&f);
	il_player_get_status(p, &st);
	ck_assert_int_eq(st.state, IL_PLAYER_PLAYING);
	il_player_stop(p);
	ck_assert_int_eq(il_player_pause(p, 1, &err), -1);
	il_player_free(p);
	float *x;
	long n = read_wav(cfg.sink.path, &x);
	ck_assert_int_eq(n, 24000);
	double peak = 0;
	for (long i = 0; i < 2 * n; i++)
		peak = fmax(peak, fabs(x[i]));
	ck_assert_double_gt(peak, 0.1); /* the queued loop was heard */
	free(x);
}
END_TEST

START_TEST(wav_save_loop_points)
{
	il_err err;
	char path[512], cmd[700];
	il_loop *l = make_loop(48000, 1234, 40000, 48000, 2, 6);
	snprintf(path, sizeof path, "%s/loop.wav", tmpdir);
	ck_assert_int_eq(il_wav_save(l, path, 0, &err), 0);
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	ck_assert_ptr_nonnull(sf);
	SF_INSTRUMENT inst;
	ck_assert_int_eq(sf_command(sf, SFC_GET_INSTRUMENT, &inst, sizeof inst), SF_TRUE);
	ck_assert_int_eq(inst.loop_count, 1);
	ck_assert_uint_eq(inst.loops[0].start, 1234);
	ck_assert_uint_eq(inst.loops[0].end, 41234);
	ck_assert_str_eq(sf_get_string(sf, SF_STR_COMMENT), "LOOPSTART=1234 LOOPLENGTH=40000");
	float *x = malloc(48000 * 2 * sizeof *x);
	ck_assert_int_eq(sf_readf_float(sf, x, 48000), 48000);
	ck_assert(memcmp(x, l->frames, 48000 * 2 * sizeof *x) == 0);
	sf_close(sf);
	free(x);
	/* No overwrite without force; force replaces. */
	ck_assert_int_eq(il_wav_save(l, path, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "force=1"));
	ck_assert_int_eq(il_wav_save(l, path, 1, &err), 0);
	/* An unwritable place: a clear error. */
	snprintf(path, sizeof path, "%s/no/such/dir/x.wav", tmpdir);
	ck_assert_int_eq(il_wav_save(l, path, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot write"));
	/* A full disk (file size limit): an error and no partial file. */
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit rl = { 100000, 100000 };
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	snprintf(path, sizeof path, "%s/full.wav", tmpdir);
	ck_assert_int_eq(il_wav_save(l, path, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot write"));
	ck_assert_int_ne(access(path, F_OK), 0);
	snprintf(cmd, sizeof cmd, "test $(ls '%s' | wc -l) -eq 1", tmpdir);
	ck_assert_int_eq(system(cmd), 0); /* only loop.wav: no temporary left */
	il_loop_free(l);
}
END_TEST

START_TEST(wav_save_formats)
{
	il_err err;
	char path[512];
	il_loop *l = make_loop(48000, 1234, 40000, 48000, 2, 6);
	static const struct {
		const char *name;
		int major;
	} cases[] = { { "loop.flac", SF_FORMAT_FLAC }, { "loop.OGG", SF_FORMAT_OGG } };
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, cases[k].name);
		ck_assert_int_eq(il_wav_save(l, path, 0, &err), 0);
		SF_INFO info = { 0 };
		SNDFILE *sf = sf_open(path, SFM_READ, &info);
		ck_assert_ptr_nonnull(sf);
		ck_assert_int_eq(info.format & SF_FORMAT_TYPEMASK, cases[k].major);
		ck_assert_int_eq(info.frames, 48000);
		ck_assert_int_eq(info.channels, 2);
		ck_assert_str_eq(sf_get_string(sf, SF_STR_COMMENT), "LOOPSTART=1234 LOOPLENGTH=40000");
		float *x = malloc(48000 * 2 * sizeof *x);
		ck_assert_int_eq(sf_readf_float(sf, x, 48000), 48000);
		double maxerr = 0, e2 = 0, s2 = 0;
		for (long i = 0; i < 48000 * 2; i++) {
			maxerr = fmax(maxerr, fabs(x[i] - l->frames[i]));
			e2 += (x[i] - l->frames[i]) * (x[i] - l->frames[i]);
			s2 += l->frames[i] * l->frames[i];
		}
		if (cases[k].major == SF_FORMAT_FLAC)
			ck_assert_double_le(maxerr, 1e-6); /* 24-bit: exact to its step */
		else
			ck_assert_double_le(e2, 0.25 * s2); /* lossy, but the same music */
		sf_close(sf);
		free(x);
	}
	/* Another extension is refused, and nothing is written. */
	snprintf(path, sizeof path, "%s/loop.mp3", tmpdir);
	ck_assert_int_eq(il_wav_save(l, path, 1, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "the formats are .wav, .flac and .ogg"));
	ck_assert_int_ne(access(path, F_OK), 0);
	/* A folder is named as one, with or without force. */
	for (int force = 0; force < 2; force++) {
		ck_assert_int_eq(il_wav_save(l, tmpdir, force, &err), -1);
		ck_assert_ptr_nonnull(strstr(err.msg, "is a directory"));
	}
	/* A missing folder is named and not created. */
	snprintf(path, sizeof path, "%s/missing/x.wav", tmpdir);
	ck_assert_int_eq(il_wav_save(l, path, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not exist"));
	snprintf(path, sizeof path, "%s/missing", tmpdir);
	ck_assert_int_ne(access(path, F_OK), 0);
	il_loop_free(l);
}
END_TEST

START_TEST(spectrum_bands)
{
	il_err err;
	il_spec *s = il_spec_new(48000, 32, &err);
	ck_assert_ptr_nonnull(s);
	float win[IL_SPEC_FFT];
	unsigned char out[32];
	memset(win, 0, sizeof win);
	ck_assert_int_eq(il_spec_compute(s, win, 30, out), 0); /* silence: nothing */
	for (int i = 0; i < IL_SPEC_FFT; i++)
		win[i] = (float)(0.5 * sin(2 * M_PI * 1000.0 * i / 48000));
	for (int k = 0; k < 60; k++)
		ck_assert_int_eq(il_spec_compute(s, win, 30, out), 1);
	int best = 0;
	for (int b = 1; b < 32; b++)
		if (out[b] > out[best])
			best = b;
	ck_assert_double_le(il_spec_band_low(s, best), 1000.0);
	ck_assert_double_gt(il_spec_band_low(s, best + 1), 1000.0);
	ck_assert_int_gt(out[best], 100);
	ck_assert_int_lt(out[0], out[best] / 4);
	for (int b = 1; b <= 32; b++) /* the edges rise: one FFT bin at least per band */
		ck_assert_double_gt(il_spec_band_low(s, b), il_spec_band_low(s, b - 1));
	il_spec_free(s);
}
END_TEST

START_TEST(sink_parse)
{
	il_sink_spec s;
	il_err err;
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(il_sink_parse("pulse", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_PULSE);
	ck_assert_int_eq(il_sink_parse("file:/tmp/x.wav", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_FILE);
	ck_assert_str_eq(s.path, "/tmp/x.wav");
	ck_assert_int_eq(il_sink_parse("null", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_NULL);
	ck_assert_int_eq(il_sink_parse("alsa", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_ALSA);
	ck_assert_str_eq(s.device, "default");
	ck_assert_int_eq(il_sink_parse("alsa:plughw:1,0", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_ALSA);
	ck_assert_str_eq(s.device, "plughw:1,0");
	ck_assert_int_eq(il_sink_parse("auto", &s, &err), 0);
	ck_assert_int_eq(s.kind, IL_SINK_AUTO);
	ck_assert_int_eq(il_sink_parse("oss", &s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "auto, pulse, alsa, alsa:DEVICE, null or file:PATH"));
	ck_assert_int_eq(il_sink_parse("alsa:", &s, &err), -1);
	ck_assert_int_eq(il_sink_parse("file:", &s, &err), -1);
}
END_TEST

/* The test suite. */
static Suite *player_suite(void)
{
	Suite *s = suite_create("player");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, xfade_equal_power);
	tcase_add_test(tc, track_identity_and_resampling);
	tcase_add_test(tc, thousand_switches_sample_exact);
	tcase_add_test(tc, volume_and_pause_are_smooth);
	tcase_add_test(tc, volume_set_while_silent_applies_at_once);
	tcase_add_test(tc, pause_with_nothing_playing_is_refused);
	tcase_add_test(tc, wav_save_loop_points);
	tcase_add_test(tc, wav_save_formats);
	tcase_add_test(tc, spectrum_bands);
	tcase_add_test(tc, sink_parse);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(player_suite());
}

/* test_player_ctl.c: the player's station controls: a kept loop plays past
 * the minimum while the queue waits, a jump crossfades to the loop given
 * and leaves the queue, a stop fades out over the time asked and what is
 * queued meanwhile plays after it; a new station's first loop and the
 * loop after a stand-in come at the next bar line; the loops a listener
 * asked for come ahead of the station's. Real-time file sinks, read
 * back. */
#include <check.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testutil.h"
#include "audio/player.h"

static char tmpdir[256];

/* Make a private temporary folder for a test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(tmpdir, sizeof tmpdir, "il-player-ctl"));
}

/* Remove the temporary folder. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(tmpdir), 0);
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

/* A loop of one constant value v (every change is the gain's), titled. */
static il_track *make_const(float v, const char *title)
{
	il_loop *l = il_loop_new();
	l->frames = malloc(2 * 4800 * sizeof(float));
	for (int i = 0; i < 2 * 4800; i++)
		l->frames[i] = v;
	l->nframes = l->loop_end = 4800;
	l->rate = 48000;
	l->channels = 2;
	snprintf(l->title, sizeof l->title, "%s", title);
	il_track *t;
	il_err err;
	ck_assert_int_eq(il_track_new(l, &t, &err), 0);
	return t;
}

/* Callback: keep the titles of the loops started, in order. */
static void on_loop_title(void *ctx, il_track *t, unsigned long long at)
{
	char *titles = ctx;
	(void)at;
	size_t l = strlen(titles);
	snprintf(titles + l, 256 - l, "%s;", t->loop->title);
}

/* Poll the status (every 10 ms, at most 10 s) until done(st) is true. */
static int wait_status(il_player *p, int (*done)(const il_player_status *st), il_player_status *st)
{
	for (int k = 0; k < 1000; k++) {
		il_player_get_status(p, st);
		if (done(st))
			return 1;
		usleep(10000);
	}
	return 0;
}

/* wait_status: the current loop has played 0.3 s. */
static int past_min(const il_player_status *st) { return st->elapsed >= 0.3; }
/* wait_status: one switch came. */
static int switched(const il_player_status *st) { return st->switches >= 1; }
/* wait_status: two switches came. */
static int switched2(const il_player_status *st) { return st->switches >= 2; }

/* A player's settings for a test: a real-time file sink NAME.wav in the
 * test's folder, at full volume. */
static il_player_cfg file_cfg(const char *name, double min_duration, double crossfade, int max_switches)
{
	il_player_cfg cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.sink.kind = IL_SINK_FILE; /* real time */
	snprintf(cfg.sink.path, sizeof cfg.sink.path, "%s/%s.wav", tmpdir, name);
	cfg.min_duration = min_duration;
	cfg.crossfade = crossfade;
	cfg.volume = 100;
	cfg.max_switches = max_switches;
	return cfg;
}

START_TEST(keep_and_jump)
{
	/* A kept loop plays past the minimum while the queue waits; a jump
	 * crossfades to the loop given and leaves the queue as it was. */
	il_err err;
	il_track *t[3] = { make_const(0.1f, "a"), make_const(0.2f, "b"), make_const(0.3f, "c") };
	il_player_cfg cfg = file_cfg("keep", 0.1, 0.01, 2);
	char titles[256] = "";
	il_player_cb cb = { titles, on_loop_title, NULL, NULL, NULL };
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, &cfg, &cb, &err), 0);
	il_player_status st;
	ck_assert_int_eq(il_player_jump(p, t[1], &err), -1); /* nothing plays */
	ck_assert_int_eq(err.code, IL_E_STATE);
	il_player_keep(p, 1);
	il_player_enqueue(p, il_track_ref(t[0]));
	il_player_enqueue(p, il_track_ref(t[2]));
	ck_assert(wait_status(p, past_min, &st));
	ck_assert_int_eq(st.keep, 1);
	ck_assert_uint_eq(st.switches, 0); /* 0.3 s played, minimum 0.1 s: kept */
	ck_assert_int_eq(st.queued, 1);
	ck_assert_int_eq(il_player_jump(p, t[1], &err), 0);
	ck_assert(wait_status(p, switched, &st));
	ck_assert_str_eq(st.title, "b");
	ck_assert_int_eq(st.queued, 1); /* c still waits */
	il_player_keep(p, 0);
	il_player_get_status(p, &st);
	ck_assert_int_eq(st.keep, 0);
	ck_assert(wait_status(p, switched2, &st)); /* released: c follows */
	il_player_free(p);
	ck_assert_str_eq(titles, "a;b;c;");
	for (int k = 0; k < 3; k++)
		il_track_unref(t[k]);
}
END_TEST

/* The frames at which loops started, and how many did (callback context). */
typedef struct starts {
	unsigned long long at[8];
	int n;
} starts;

/* Callback: keep the frame at which each loop started. */
static void on_loop_frame(void *ctx, il_track *t, unsigned long long at)
{
	starts *s = ctx;
	(void)t;
	if (s->n < 8)
		s->at[s->n++] = at;
}

/* A constant loop of 0.1 s in 4 bars (1200 frames each), titled. */
static il_track *make_bars(float v, const char *title, int interim)
{
	il_track *t = make_const(v, title);
	t->loop->bars = 4;
	t->loop->interim = interim;
	return t;
}

START_TEST(asked_loops_come_first)
{
	/* Loops a listener asked for (files to play) come next, in the order
	 * asked, ahead of the station's loops already queued. */
	il_err err;
	il_player_cfg cfg = file_cfg("asked", 0.2, 0.01, 4);
	char titles[256] = "";
	il_player_cb cb = { titles, on_loop_title, NULL, NULL, NULL };
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, &cfg, &cb, &err), 0);
	il_player_enqueue(p, make_const(0.1f, "g1"));
	il_player_status st;
	for (int k = 0; k < 1000 && strcmp(titles, "g1;") != 0; k++)
		usleep(10000);
	ck_assert_str_eq(titles, "g1;");
	il_track *a1 = make_const(0.2f, "a1"), *a2 = make_const(0.3f, "a2");
	a1->asked = a2->asked = 1;
	il_player_enqueue(p, make_const(0.4f, "g2"));
	il_player_enqueue(p, a1);
	il_player_get_status(p, &st);
	ck_assert_str_eq(st.next_title, "a1");
	il_player_enqueue(p, a2);
	il_player_enqueue(p, make_const(0.5f, "g3"));
	il_player_get_status(p, &st);
	ck_assert_str_eq(st.next_title, "a1");
	ck_assert_int_eq(st.queued, 4);
	for (int k = 0; k < 1000 && strlen(titles) < strlen("g1;a1;a2;g2;g3;"); k++)
		usleep(10000);
	ck_assert_str_eq(titles, "g1;a1;a2;g2;g3;");
	il_player_free(p);
}
END_TEST

START_TEST(hurry_at_the_next_bar)
{
	/* A new station (hurry) or the loop after a stand-in (interim) starts
	 * at the next bar line, not at the minimum (10 s); a loop queued after
	 * it waits for the minimum again; a kept loop gives way to a new
	 * station, a kept stand-in does not; status names the next loop and
	 * when it starts. */
	il_err err;
	il_player_cfg cfg = file_cfg("hurry", 10, 0.01, 0);
	starts s = { { 0 }, 0 };
	il_player_cb cb = { &s, on_loop_frame, NULL, NULL, NULL };
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, &cfg, &cb, &err), 0);
	il_player_status st;
	il_player_hurry(p); /* nothing plays: no hurry for the first loop */
	il_player_enqueue(p, make_bars(0.1f, "a", 0));
	ck_assert(wait_status(p, past_min, &st));
	ck_assert_str_eq(st.next_title, "");
	ck_assert_double_eq(st.next_in, -1);
	il_player_enqueue(p, make_bars(0.2f, "b", 0));
	il_player_get_status(p, &st);
	ck_assert_str_eq(st.next_title, "b");
	ck_assert_double_ge(st.next_in, st.min_left - 0.001); /* no hurry: the minimum */
	ck_assert_double_le(st.next_in, st.min_left + 0.026);
	il_player_clear_queue(p);
	/* A new station: hurry, then its first loop. */
	il_player_hurry(p);
	unsigned long long q = il_player_enqueue(p, make_bars(0.3f, "c", 1));
	il_player_get_status(p, &st);
	if (st.switches == 0) { /* (not yet: the bar line is at most 25 ms away) */
		ck_assert_str_eq(st.next_title, "c");
		ck_assert_double_le(st.next_in, 0.026);
	}
	ck_assert(wait_status(p, switched, &st));
	ck_assert_str_eq(st.title, "c");
	ck_assert_int_eq(s.n, 2);
	ck_assert_uint_gt(s.at[1], q);
	ck_assert_uint_le(s.at[1] - q, 1200);
	ck_assert_uint_eq(s.at[1] % 1200, 0); /* a started at frame 0: on its bar line */
	/* c is a stand-in: the loop after it comes at its next bar too. */
	q = il_player_enqueue(p, make_bars(0.4f, "d", 0));
	ck_assert(wait_status(p, switched2, &st));
	ck_assert_str_eq(st.title, "d");
	ck_assert_uint_le(s.at[2] - q, 1200);
	ck_assert_uint_gt(s.at[2], s.at[1]);
	ck_assert_uint_eq((s.at[2] - s.at[1]) % 1200, 0);
	/* d is no stand-in and the hurry was used: e waits for the minimum. */
	il_player_enqueue(p, make_bars(0.5f, "e", 0));
	il_player_get_status(p, &st);
	ck_assert_str_eq(st.next_title, "e");
	ck_assert_double_ge(st.next_in, st.min_left - 0.001);
	ck_assert_double_ge(st.min_left, 9);
	/* Held, a new station comes all the same, and is held in turn; a held
	 * stand-in stays. */
	il_player_keep(p, 1);
	il_player_clear_queue(p);
	il_player_hurry(p);
	q = il_player_enqueue(p, make_bars(0.6f, "f", 1));
	for (int k = 0; k < 1000 && s.n < 4; k++)
		usleep(10000);
	ck_assert_int_eq(s.n, 4);
	ck_assert_uint_le(s.at[3] - q, 1200);
	ck_assert_uint_eq((s.at[3] - s.at[2]) % 1200, 0);
	il_player_enqueue(p, make_bars(0.7f, "g", 0));
	usleep(300000);
	il_player_get_status(p, &st);
	ck_assert_str_eq(st.title, "f");
	ck_assert_int_eq(st.keep, 1);
	ck_assert_str_eq(st.next_title, "g");
	ck_assert_double_eq(st.next_in, -1); /* held: not before it is released */
	ck_assert_int_eq(s.n, 4);
	il_player_free(p);
}
END_TEST

START_TEST(stop_fade_is_long_and_smooth)
{
	/* A stop with a 0.5 s fade ramps down over 24000 frames; a loop queued
	 * during the fade plays after it. */
	il_err err;
	il_player_cfg cfg = file_cfg("fade", 10, 0, 0);
	il_player *p;
	ck_assert_int_eq(il_player_new(&p, &cfg, NULL, &err), 0);
	il_player_enqueue(p, make_const(0.5f, "x"));
	il_player_status st;
	ck_assert(wait_status(p, past_min, &st));
	il_player_stop_fade(p, 0.5);
	il_player_get_status(p, &st);
	ck_assert_int_eq(st.state, IL_PLAYER_STOPPED);
	il_player_enqueue(p, make_const(0.25f, "y"));
	ck_assert(wait_status(p, past_min, &st)); /* the new loop plays */
	ck_assert_int_eq(st.state, IL_PLAYER_PLAYING);
	il_player_free(p);
	float *x;
	long n = read_wav(cfg.sink.path, &x), from = -1, to = -1;
	double maxstep = 0;
	for (long i = 1000; i < n && to < 0; i++) { /* (after the start's ramp) */
		if (from < 0 && x[2 * i] < 0.5f)
			from = i;
		if (from >= 0 && x[2 * i] == 0.0f)
			to = i;
		maxstep = fmax(maxstep, fabs(x[2 * i] - x[2 * i - 2]));
	}
	ck_assert_int_ge(from, 0);
	ck_assert_int_gt(to, from);
	ck_assert_int_le(labs(to - from - 24000), 240); /* 0.5 s of fade (float steps) */
	ck_assert_double_le(maxstep, 0.5 / 24000 * 1.01);
	double late = 0;
	for (long i = to; i < n; i++)
		late = fmax(late, x[2 * i]);
	ck_assert_double_eq_tol(late, 0.25, 1e-6); /* the loop queued meanwhile played */
	free(x);
}
END_TEST

/* The test suite. */
static Suite *player_ctl_suite(void)
{
	Suite *s = suite_create("player_ctl");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, keep_and_jump);
	tcase_add_test(tc, stop_fade_is_long_and_smooth);
	tcase_add_test(tc, hurry_at_the_next_bar);
	tcase_add_test(tc, asked_loops_come_first);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(player_ctl_suite());
}

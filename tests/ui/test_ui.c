/* test_ui.c: unit tests of the UI's curses-free parts: colour parsing and
 * fallback, theme files, the model built from events (an unchanged status
 * drawing nothing), the messages and their history, command-line words,
 * sleep times, the Timing panel's word on the next loop, the Generation
 * panel's estimate. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../testutil.h"
#include "ui/commands.h"
#include "util/timeutil.h"
#include "ui/model.h"
#include "ui/paneltext.h"
#include "ui/theme.h"

/* Apply one event line to m at time now; dirty bits. */
static unsigned feed_at(il_uimodel *m, const char *line, double now)
{
	static il_proto_msg msg;
	il_err err;
	ck_assert_int_eq(proto_parse_line(line, strlen(line), &msg, &err), 1);
	return uimodel_apply(m, &msg, now);
}

/* Feed one event line at time 100.0. */
static unsigned feed(il_uimodel *m, const char *line)
{
	return feed_at(m, line, 100.0);
}

START_TEST(test_parse_color)
{
	int c;
	ck_assert_int_eq(theme_parse_color("default", &c), 0);
	ck_assert_int_eq(c, -1);
	ck_assert_int_eq(theme_parse_color("cyan", &c), 0);
	ck_assert_int_eq(c, 6);
	ck_assert_int_eq(theme_parse_color("brightred", &c), 0);
	ck_assert_int_eq(c, 9);
	ck_assert_int_eq(theme_parse_color("200", &c), 0);
	ck_assert_int_eq(c, 200);
	ck_assert_int_eq(theme_parse_color("#ff0000", &c), 0);
	ck_assert_int_eq(c, THEME_RGB | 0xff0000);
	ck_assert_int_eq(theme_parse_color("256", &c), -1);
	ck_assert_int_eq(theme_parse_color("#ff00", &c), -1);
	ck_assert_int_eq(theme_parse_color("purple", &c), -1);
}
END_TEST

START_TEST(test_map_color)
{
	int bold;
	/* #rrggbb to the xterm cube or grey ramp. */
	ck_assert_int_eq(theme_map_color(THEME_RGB | 0xff0000, 256, &bold), 196);
	ck_assert_int_eq(theme_map_color(THEME_RGB | 0x5fafd7, 256, &bold), 74);
	ck_assert_int_eq(theme_map_color(THEME_RGB | 0x808080, 256, &bold), 244);
	/* 256 to 16: the nearest basic colour. */
	ck_assert_int_eq(theme_map_color(196, 16, &bold), 9);
	ck_assert_int_eq(theme_map_color(21, 16, &bold), 4);
	ck_assert_int_eq(bold, 0);
	/* 16 to 8: bright becomes base plus bold. */
	ck_assert_int_eq(theme_map_color(9, 8, &bold), 1);
	ck_assert_int_eq(bold, 1);
	ck_assert_int_eq(theme_map_color(THEME_RGB | 0xff0000, 8, &bold), 1);
	ck_assert_int_eq(bold, 1);
	ck_assert_int_eq(theme_map_color(2, 8, &bold), 2);
	ck_assert_int_eq(bold, 0);
	ck_assert_int_eq(theme_map_color(-1, 8, &bold), -1);
}
END_TEST

START_TEST(test_shipped_themes)
{
	const char *names[] = { "default", "high-contrast", "light" };
	for (size_t k = 0; k < 3; k++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/themes/%s.theme", getenv("top_srcdir") ? getenv("top_srcdir") : ".",
			 names[k]);
		il_theme t;
		il_err err;
		int rc = theme_load_file(&t, path, &err);
		ck_assert_msg(rc == 0, "%s: %s", path, err.msg);
		ck_assert_str_eq(t.name, names[k]);
	}
	il_theme d;
	theme_builtin(&d);
	char path[4096];
	snprintf(path, sizeof path, "%s/themes/high-contrast.theme", getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	il_theme hc;
	il_err err;
	ck_assert_int_eq(theme_load_file(&hc, path, &err), 0);
	ck_assert_int_ne(hc.roles[ROLE_HEADER].bg, d.roles[ROLE_HEADER].bg);
}
END_TEST

START_TEST(test_bad_theme)
{
	char dir[256], path[300];
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-test-theme"));
	snprintf(path, sizeof path, "%s/bad.theme", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	const char *text = "name = \"bad\";\nroles = {\n  header = { fg = \"chartreuse\"; };\n};\n";
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	il_theme t;
	il_err err;
	ck_assert_int_eq(theme_load_file(&t, path, &err), -1);
	ck_assert_msg(strstr(err.msg, ":3: bad colour 'chartreuse' for header.fg"), "%s", err.msg);
	FILE *f = fopen(path, "w");
	fputs("roles = { header = { fg = \"red\" } ;\n", f);
	fclose(f);
	ck_assert_int_eq(theme_load_file(&t, path, &err), -1);
	ck_assert_msg(strstr(err.msg, path) != NULL, "%s", err.msg);
	ck_assert_int_eq(testutil_rmtree(dir), 0);
	ck_assert_int_eq(theme_load(&t, "../etc/passwd", &err), -1);
}
END_TEST

/* A theme that @includes a FIFO is refused at once (it never blocks). */
START_TEST(test_theme_fifo_include)
{
	char dir[256], fifo[300], path[300];
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-test-theme"));
	snprintf(fifo, sizeof fifo, "%s/colours.fifo", dir);
	snprintf(path, sizeof path, "%s/inc.theme", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "name = \"inc\";\n@include \"%s\"\n", fifo);
	fclose(f);
	il_theme t;
	il_err err;
	ck_assert_int_eq(theme_load_file(&t, path, &err), -1);
	ck_assert_msg(strstr(err.msg, "colours.fifo: is a FIFO, not a file that can be read"), "%s", err.msg);
	ck_assert_int_eq(theme_load_file(&t, fifo, &err), -1);
	ck_assert_msg(strstr(err.msg, "is a FIFO"), "%s", err.msg);
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}
END_TEST

START_TEST(test_model_events)
{
	il_uimodel m;
	uimodel_init(&m);
	ck_assert_uint_ne(feed(&m, "ready version=1 program=\"x 1\" pid=42") & UIM_D_ALL, 0);
	ck_assert_int_eq(m.pid, 42);
	feed(&m, "setting key=min_duration value=30 min=10 max=300");
	feed(&m, "preset index=0 name=A prompt=\"a a\"");
	feed(&m, "preset index=1 name=B prompt=b");
	ck_assert_int_eq(m.npresets, 2);
	feed(&m, "preset index=0 name=C prompt=c"); /* a new list */
	ck_assert_int_eq(m.npresets, 1);
	ck_assert_str_eq(m.presets[0].name, "C");
	feed(&m, "status state=playing prompt=\"calm piano\" backend=synth model=small volume=70 output=null "
		 "audio=none gen=running progress=0.5 eta=4 attempt=1 title=T artist=A loop_seconds=6.5 "
		 "bpm=90 elapsed=3 min_left=27 next_ready=0");
	ck_assert_str_eq(uimodel_state_name(&m), "playing");
	ck_assert_int_eq(m.volume, 70);
	ck_assert(uimodel_generating(&m));
	ck_assert_double_eq_tol(uimodel_elapsed(&m, 102.0), 5.0, 1e-9);
	ck_assert_double_eq_tol(uimodel_min_left(&m, 102.0), 25.0, 1e-9);
	ck_assert_int_eq(m.hold, 0);
	ck_assert_double_eq(uimodel_sleep_left(&m, 102.0), 0.0);
	feed(&m, "status state=playing hold=1 sleep_left=600.0");
	ck_assert_int_eq(m.hold, 1);
	ck_assert_double_eq_tol(uimodel_sleep_left(&m, 160.0), 540.0, 1e-9); /* counted down */
	ck_assert_double_eq(uimodel_sleep_left(&m, 800.0), 0.0);
	feed(&m, "status state=playing hold=0 sleep_left=0.0");
	ck_assert_int_eq(m.hold, 0);
	ck_assert_double_eq(uimodel_sleep_left(&m, 102.0), 0.0);
	ck_assert_uint_eq(feed(&m, "spectrum bands=00ff80"), UIM_D_SPECTRUM);
	ck_assert_int_eq(m.nbands, 3);
	ck_assert_int_eq(m.bands[1], 255);
	/* Frames for later (at=MS, from the time fed: 100.0) wait for their
	 * time; when two are due at once, the newer shows. */
	double next;
	ck_assert_uint_eq(feed(&m, "spectrum bands=00ff80 at=0"), UIM_D_SPECTRUM);
	ck_assert_uint_eq(feed(&m, "spectrum bands=10ff80 at=33"), 0);
	ck_assert_uint_eq(feed(&m, "spectrum bands=20ff80 at=67"), 0);
	ck_assert_uint_eq(uimodel_spectrum_due(&m, 100.020, &next), 0);
	ck_assert_double_eq_tol(next, 100.033, 1e-9);
	ck_assert_int_eq(m.bands[0], 0x00);
	ck_assert_uint_eq(uimodel_spectrum_due(&m, 100.040, &next), UIM_D_SPECTRUM);
	ck_assert_int_eq(m.bands[0], 0x10);
	ck_assert_double_eq_tol(next, 100.067, 1e-9);
	/* A newer frame replaces one waiting for a later time. */
	ck_assert_uint_eq(feed(&m, "spectrum bands=30ff80 at=33"), 0);
	ck_assert_uint_eq(uimodel_spectrum_due(&m, 100.040, &next), UIM_D_SPECTRUM);
	ck_assert_int_eq(m.bands[0], 0x30);
	ck_assert_double_eq(next, 0.0);
	/* One shown now replaces all those waiting, even overdue ones (a
	 * screen that ran late). */
	feed(&m, "spectrum bands=40ff80 at=33");
	ck_assert_uint_eq(feed_at(&m, "spectrum bands=50ff80 at=0", 100.110), UIM_D_SPECTRUM);
	ck_assert_uint_eq(uimodel_spectrum_due(&m, 100.5, &next), 0);
	ck_assert_int_eq(m.bands[0], 0x50);
	feed(&m, "loop title=\"New One\" artist=X prompt=\"calm piano\" seconds=7 bpm=80 score=0.9 method=advanced quality=good");
	ck_assert_str_eq(m.title, "New One");
	ck_assert_str_eq(m.loop_prompt, "calm piano");
	ck_assert_double_eq_tol(m.min_left, 30.0, 1e-9);
	feed(&m, "gen state=retry progress=0 eta=4 attempt=2 wait=4 msg=\"it broke\"");
	ck_assert_str_eq(gen_state_name(m.gen), "retry");
	ck_assert(strstr(m.msg, "retrying in 4 s: it broke") != NULL);
	feed(&m, "error code=state msg=\"nothing is playing\" verb=skip");
	ck_assert_str_eq(m.msg, "skip: nothing is playing");
	ck_assert_int_eq(m.event, UIM_EV_ERROR);
	ck_assert_uint_eq(feed(&m, "bye"), 0);
	ck_assert_int_eq(m.event, UIM_EV_BYE);
	ck_assert_uint_eq(feed(&m, "frobnicate x=1"), 0); /* unknown events are ignored */
	ck_assert_int_eq(m.event, UIM_EV_OTHER);
	feed(&m, "error code=bad_value msg=\"crossfade must be between 0 and 10\" verb=set");
	ck_assert_int_eq(m.msg_level, UIM_MSG_ERROR);
	ck_assert(strstr(m.msg, "crossfade must be") != NULL);
	feed(&m, "log level=info msg=\"queued X\"");
	ck_assert(strstr(m.msg, "crossfade must be") != NULL); /* a fresh error stays */
	feed(&m, "stat seconds=15 runs=4 ok=3 avg=2.5");
	feed(&m, "history time=1 backend=synth model=builtin prompt=p secs=15 actual=15 wall=2 outcome=ok "
		 "error=\"\" loop_seconds=6 bpm=90 score=0.8");
	ck_assert_int_eq(m.nstats, 1);
	ck_assert_int_eq(m.nhist, 1);
	ck_assert(m.stats_answered);
	feed(&m, "analysis frames=100 rate=10 loop_start=10 loop_end=90 bpm=90 score=0.9 method=advanced "
		 "quality=good metrics=spectral=1.0 candidates=10-90:0.9");
	feed(&m, "waveform points=0010ff");
	ck_assert(m.have_analysis);
	ck_assert_int_eq(m.nwave, 3);
	ck_assert_int_eq(m.loop_end, 90);
	/* Favourites: newest first; the same id again is updated, not added. */
	ck_assert_uint_eq(feed(&m, "favourite id=1 title=\"Old One\" artist=A prompt=p backend=synth time=100 seed=7 "
				   "bpm=80.0 loop_seconds=6.000"), UIM_D_STATS);
	ck_assert_int_eq(m.event, UIM_EV_FAVOURITE);
	feed(&m, "favourite id=3 title=New artist=B prompt=\"\" backend=\"\" time=300 seed=0 bpm=0.0 loop_seconds=2.5");
	feed(&m, "favourite id=2 title=Mid artist=C prompt=q backend=musicgpt time=200 seed=0 bpm=90.0 loop_seconds=4.0");
	feed(&m, "favourite id=1 title=\"Old One\" artist=A prompt=p backend=synth time=100 seed=7 bpm=80.0 loop_seconds=6.000");
	ck_assert_int_eq(m.nfavs, 3);
	ck_assert_int_eq(m.favs[0].id, 3);
	ck_assert_int_eq(m.favs[1].id, 2);
	ck_assert_int_eq(m.favs[2].id, 1);
	ck_assert_str_eq(m.favs[2].title, "Old One");
	ck_assert_int_eq(m.favs[2].seed, 7);
	ck_assert_double_eq(m.favs[1].bpm, 90.0);
	ck_assert_uint_eq(feed(&m, "favourite title=none"), 0); /* no id: not a favourite */
	ck_assert_int_eq(m.nfavs, 3);
}
END_TEST

/* A status the same as the last one, with no other event between (paused,
 * idle), draws nothing; a changed one, or one after another event, does. */
START_TEST(test_model_status_unchanged)
{
	il_uimodel m;
	uimodel_init(&m);
	const char *paused = "status state=paused volume=80 title=T artist=A elapsed=3.0 gen=idle";
	ck_assert_uint_ne(feed(&m, paused), 0);
	ck_assert_uint_eq(feed(&m, paused), 0);
	ck_assert_uint_eq(feed(&m, "spectrum bands=00ff80"), UIM_D_SPECTRUM);
	ck_assert_uint_eq(feed(&m, paused), 0); /* the spectrum is not part of it */
	ck_assert_uint_ne(feed(&m, "status state=paused volume=75 title=T artist=A elapsed=3.0 gen=idle"), 0);
	ck_assert_int_eq(m.volume, 75);
	ck_assert_uint_ne(feed(&m, paused), 0);
	ck_assert_int_eq(m.volume, 80);
	/* Another event may have changed what is shown: the next one is drawn. */
	feed(&m, "loop title=\"Other\" artist=X prompt=p seconds=7 bpm=80 score=0.9 method=advanced quality=good");
	ck_assert_str_eq(m.title, "Other");
	ck_assert_uint_ne(feed(&m, paused), 0);
	ck_assert_str_eq(m.title, "T");
	ck_assert_uint_eq(feed(&m, paused), 0);
}
END_TEST

START_TEST(test_model_messages)
{
	il_uimodel m;
	uimodel_init(&m);
	feed(&m, "ready version=1 program=\"x 1\" pid=42");
	feed(&m, "log level=warn msg=\"config:2: crossfade must be between 0 and 10, not 99\"");
	feed(&m, "log level=info msg=\"queued X\"");
	ck_assert(strstr(m.msg, "crossfade") != NULL); /* information does not hide a warning */
	feed(&m, "status state=idle");                  /* the first answer: start-up is over */
	feed(&m, "log level=warn msg=later");
	ck_assert_str_eq(m.msg, "later");               /* a newer warning does */
	ck_assert_int_eq(m.nproblems, 1);               /* only start-up warnings are kept for exit */
	ck_assert(strstr(m.problems[0], "crossfade") != NULL);
	uimodel_problem(&m, m.problems[0]);
	ck_assert_int_eq(m.nproblems, 1);               /* once */
	m.replying = 1;
	uimodel_msg(&m, UIM_MSG_INFO, 100.5, "preset %d", 3);
	m.replying = 0;
	ck_assert_str_eq(m.msg, "preset 3");            /* the answer to a key shows at once */
	uimodel_msg(&m, UIM_MSG_ERROR, 101, "bad");
	uimodel_msg(&m, UIM_MSG_WARN, 102, "meh");
	ck_assert_str_eq(m.msg, "bad");                 /* a warning does not hide a fresh error */
	feed(&m, "saved path=/x.wav frames=10");
	ck_assert_str_eq(m.msg, "saved /x.wav");        /* the answer to a save always shows */
	uimodel_msg(&m, UIM_MSG_ERROR, 101, "bad");
	uimodel_msg(&m, UIM_MSG_INFO, 101 + uimodel_msg_seconds(UIM_MSG_ERROR), "after");
	ck_assert_str_eq(m.msg, "after");               /* after its time it goes */
	/* The history keeps every message in order, the newest UIM_LOG_MAX. */
	ck_assert_int_eq(m.log_n, 9);
	ck_assert_str_eq(uimodel_logline(&m, 1)->text, "queued X");
	ck_assert_int_eq(uimodel_logline(&m, 5)->level, UIM_MSG_WARN);
	for (int k = 0; k < UIM_LOG_MAX + 5; k++)
		uimodel_msg(&m, UIM_MSG_INFO, 200 + k, "n%d", k);
	ck_assert_int_eq(m.log_n, UIM_LOG_MAX);
	ck_assert_str_eq(uimodel_logline(&m, 0)->text, "n5");
	ck_assert_ptr_null(uimodel_logline(&m, UIM_LOG_MAX));
	/* A running attempt is timed from its start; a stop clears the loop. */
	feed(&m, "gen state=running progress=0 eta=4 attempt=1");
	ck_assert_double_eq(m.job_at, 100.0);
	feed(&m, "loop title=T artist=A prompt=\"calm piano\" seconds=7 bpm=80 score=0.9 method=advanced quality=good");
	feed(&m, "status state=stopped gen=idle title=\"\"");
	ck_assert_str_eq(m.title, "");
	ck_assert_str_eq(m.loop_prompt, "");
	ck_assert_str_eq(m.quality, "");
	ck_assert_double_eq(m.bpm, 0);
}
END_TEST

START_TEST(test_next_text)
{
	/* The next loop and when it starts, counted down while playing; the
	 * hold; before the engine names it. */
	il_uimodel m;
	char s[320];
	uimodel_init(&m);
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "next not ready");
	feed(&m, "status state=playing gen=running elapsed=3 min_left=27 next_ready=0 next_title=\"\" next_in=-1.0");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "next generating");
	feed(&m, "status state=playing gen=idle elapsed=3 min_left=27 next_ready=1 next_title=\"Lunar Skylines\" "
		 "next_in=12.0 hold=0");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "next: Lunar Skylines in 0:12");
	paneltext_next(&m, 104.5, s, sizeof s);
	ck_assert_str_eq(s, "next: Lunar Skylines in 0:08"); /* 7.5 s: the second under way counts */
	paneltext_next(&m, 130.0, s, sizeof s);
	ck_assert_str_eq(s, "next: Lunar Skylines in 0:00");
	feed(&m, "status state=paused next_ready=1 next_title=\"Lunar Skylines\" next_in=12.0 hold=0");
	paneltext_next(&m, 150.0, s, sizeof s);
	ck_assert_str_eq(s, "next: Lunar Skylines in 0:12"); /* paused: no countdown */
	feed(&m, "status state=playing next_ready=1 next_title=\"Lunar Skylines\" next_in=-1.0 hold=1");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "held, next: Lunar Skylines");
	feed(&m, "status state=playing next_ready=1 next_title=\"Lunar Skylines\" next_in=2.5 hold=1");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "held, next: Lunar Skylines in 0:03"); /* a station chosen comes all the same */
	feed(&m, "status state=playing next_ready=0 next_title=\"\" next_in=-1.0 hold=1");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "held");
	feed(&m, "status state=playing next_ready=1 next_title=\"Lunar Skylines\" next_in=80.0 hold=0");
	feed(&m, "loop title=\"Lunar Skylines\" artist=A prompt=p seconds=7 bpm=80 score=0.9 method=composer quality=good");
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "next not ready"); /* it started: the next status names the one after */
	feed(&m, "status state=playing next_ready=1");  /* an engine that does not name it */
	paneltext_next(&m, 100.0, s, sizeof s);
	ck_assert_str_eq(s, "next ready");
}
END_TEST

START_TEST(test_eta_text)
{
	/* The estimate counts down from the attempt's start, says by how much
	 * it overruns (never "99 %" and "0:00 left"), and is "-" while nothing
	 * is generated. */
	il_uimodel m;
	char s[128];
	uimodel_init(&m);
	ck_assert_int_eq(paneltext_eta(&m, 100.0, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "-");
	feed(&m, "gen state=running progress=0 eta=30 attempt=1 elapsed=0"); /* at 100 */
	ck_assert_int_eq(paneltext_eta(&m, 112.0, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "0:18 left of ~0:30");
	ck_assert_int_eq(paneltext_eta(&m, 112.0, 1, s, sizeof s), 0);
	ck_assert_str_eq(s, "0:18");
	ck_assert_int_eq(paneltext_eta(&m, 129.5, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "0:01 left of ~0:30");
	feed(&m, "gen state=running progress=0.99 eta=30 attempt=1 elapsed=30");
	ck_assert_int_eq(paneltext_eta(&m, 142.0, 0, s, sizeof s), 1);
	ck_assert_str_eq(s, "overrunning +0:12 (expected ~0:30)");
	ck_assert_int_eq(paneltext_eta(&m, 142.0, 1, s, sizeof s), 1);
	ck_assert_str_eq(s, "+0:12");
	feed(&m, "gen state=analyzing progress=1 eta=30 attempt=1 elapsed=43");
	ck_assert_int_eq(paneltext_eta(&m, 143.0, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "-");
	feed(&m, "gen state=retry progress=0 eta=0 attempt=2 wait=4 elapsed=0");
	ck_assert_int_eq(paneltext_eta(&m, 150.0, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "-");
	ck_assert_int_eq(paneltext_eta(&m, 150.0, 1, s, sizeof s), 0);
	ck_assert_str_eq(s, "");
	/* Under a second (the composer): whole seconds, rounded up. */
	feed_at(&m, "gen state=running progress=0 eta=0.4 attempt=1 elapsed=0", 200.0);
	ck_assert_int_eq(paneltext_eta(&m, 200.1, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "0:01 left of ~0:01");
	ck_assert_int_eq(paneltext_eta(&m, 200.7, 0, s, sizeof s), 1);
	ck_assert_str_eq(s, "overrunning +0:01 (expected ~0:01)");
	/* A client that attached late: status says how long the attempt ran. */
	uimodel_init(&m);
	feed(&m, "status state=playing gen=running progress=0.990 eta=20.0 attempt=1 gen_elapsed=25.0");
	ck_assert_int_eq(paneltext_eta(&m, 100.0, 0, s, sizeof s), 1);
	ck_assert_str_eq(s, "overrunning +0:05 (expected ~0:20)");
	feed(&m, "status state=playing gen=idle progress=0.000 eta=0.0 attempt=1 gen_elapsed=0.0");
	ck_assert_int_eq(paneltext_eta(&m, 100.0, 0, s, sizeof s), 0);
	ck_assert_str_eq(s, "-");
}
END_TEST

START_TEST(test_split)
{
	char buf[256], *argv[8];
	ck_assert_int_eq(commands_split("start 'calm piano'", buf, sizeof buf, argv, 8), 2);
	ck_assert_str_eq(argv[1], "calm piano");
	ck_assert_int_eq(commands_split("  save \"a b\\\".wav\" ", buf, sizeof buf, argv, 8), 2);
	ck_assert_str_eq(argv[1], "a b\".wav");
	ck_assert_int_eq(commands_split("set theme it\\'s", buf, sizeof buf, argv, 8), 3);
	ck_assert_str_eq(argv[2], "it's");
	ck_assert_int_eq(commands_split("start 'open", buf, sizeof buf, argv, 8), -1);
	ck_assert_int_eq(commands_split("", buf, sizeof buf, argv, 8), 0);
	ck_assert_int_eq(commands_split("a b c", buf, sizeof buf, argv, 2), -1);
}
END_TEST

START_TEST(test_duration)
{
	long s = -1;
	const struct { const char *text; long secs; } ok[] = {
		{ "45m", 2700 }, { "90", 5400 }, { "1h30m", 5400 }, { "1h30", 5400 }, { "2h", 7200 },
		{ "30s", 30 }, { "1m30s", 90 }, { "off", 0 }, { "0", 0 }, { "24h", 86400 },
	};
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		ck_assert_msg(time_parse_duration(ok[k].text, &s) == 0, "'%s' refused", ok[k].text);
		ck_assert_int_eq(s, ok[k].secs);
	}
	const char *bad[] = { "", "m", "45x", "1m1h", "1h2h", "1m30", "25h", "1441", "-5", "45 m", "99999999999" };
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		ck_assert_msg(time_parse_duration(bad[k], &s) == -1, "'%s' accepted", bad[k]);
}
END_TEST

/* The suite. */
static Suite *ui_suite(void)
{
	Suite *s = suite_create("ui");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_parse_color);
	tcase_add_test(tc, test_map_color);
	tcase_add_test(tc, test_shipped_themes);
	tcase_add_test(tc, test_bad_theme);
	tcase_add_test(tc, test_theme_fifo_include);
	tcase_add_test(tc, test_model_events);
	tcase_add_test(tc, test_model_status_unchanged);
	tcase_add_test(tc, test_model_messages);
	tcase_add_test(tc, test_next_text);
	tcase_add_test(tc, test_eta_text);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_duration);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 0 when every test passed. */
int main(void)
{
	return testutil_run(ui_suite());
}

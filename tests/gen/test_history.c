/* test_history.c: the SQLite generation history: schema and migrations,
 * WAL mode, rows, the ETA, statistics, the benchdata.json import and the
 * favourites. */
#include <check.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testutil.h"
#include "store/favourites.h"
#include "store/history.h"

static char dir[256];
static char db[300];
static il_err err;

/* A fresh temporary folder for each test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-hist"));
	snprintf(db, sizeof db, "%s/history.db", dir);
}

/* Remove the temporary folder. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}

/* Run SQL on the file directly; returns the first column of the first row as an integer. */
static long sql_long(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Add a row with the given backend, model, secs, wall and outcome. */
static void add(il_history *h, const char *backend, const char *model, int secs, double wall,
		const char *outcome, double t)
{
	il_history_row r;
	memset(&r, 0, sizeof r);
	r.time = t;
	snprintf(r.backend, sizeof r.backend, "%s", backend);
	snprintf(r.model, sizeof r.model, "%s", model);
	snprintf(r.prompt, sizeof r.prompt, "prompt %g", wall);
	r.secs = secs;
	r.wall = wall;
	r.actual = strcmp(outcome, "ok") ? 0 : secs - 0.06;
	snprintf(r.outcome, sizeof r.outcome, "%s", outcome);
	if (strcmp(outcome, "ok"))
		snprintf(r.error, sizeof r.error, "it broke");
	ck_assert_int_eq(history_add(h, &r, &err), 0);
}

static int seen;
static char first_outcome[16];
static long first_seed;

/* Remember the first row passed. */
static int on_row(void *ud, const il_history_row *r)
{
	(void)ud;
	if (!seen++) {
		snprintf(first_outcome, sizeof first_outcome, "%s", r->outcome);
		first_seed = r->seed;
	}
	return 0;
}

START_TEST(test_create_wal)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	ck_assert_int_eq(history_schema(h), HISTORY_SCHEMA);
	add(h, "musicgpt", "small", 10, 30.0, "ok", 1000);
	add(h, "musicgpt", "small", 10, 2.0, "error", 1001);
	il_history_row r;
	memset(&r, 0, sizeof r);
	r.time = 1002;
	snprintf(r.backend, sizeof r.backend, "synth");
	snprintf(r.outcome, sizeof r.outcome, "ok");
	r.seed = 2147483647;
	ck_assert_int_eq(history_add(h, &r, &err), 0);
	seen = 0;
	ck_assert_int_eq(history_recent(h, 1, on_row, NULL, &err), 0);
	ck_assert_int_eq(first_seed, 2147483647); /* the seed comes back */
	history_close(h);
	ck_assert_int_eq(sql_long("PRAGMA user_version"), HISTORY_SCHEMA);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts"), 3);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts WHERE outcome='error' AND error='it broke'"), 1);
	ck_assert_int_eq(sql_long("SELECT seed FROM attempts WHERE backend='synth'"), 2147483647);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts WHERE backend='musicgpt' AND seed=0"), 2);
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open(db, &raw), SQLITE_OK);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(raw);
}
END_TEST

START_TEST(test_eta)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	double eta;
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 10, &eta, &err), 0);
	ck_assert(eta == 0);
	/* 12 old runs at 100 s, then 10 recent at 40 s: the recent ones count. */
	for (int k = 0; k < 12; k++)
		add(h, "musicgpt", "small", 10, 100.0, "ok", 1000 + k);
	for (int k = 0; k < 10; k++)
		add(h, "musicgpt", "small", 10, 38.0 + (k % 2) * 4, "ok", 2000 + k);
	add(h, "musicgpt", "small", 10, 1.0, "error", 3000);   /* failures do not count */
	add(h, "musicgpt", "medium", 10, 500.0, "ok", 3001);  /* other models do not */
	add(h, "synth", "builtin", 10, 0.2, "ok", 3002);      /* nor other backends */
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 10, &eta, &err), 0);
	ck_assert_msg(fabs(eta - 40.0) < 1e-9, "eta %g", eta);
	/* Between known durations: interpolated; beyond: extrapolated. */
	add(h, "musicgpt", "small", 20, 60.0, "ok", 4000);
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 15, &eta, &err), 0);
	double avg10 = (12 * 100.0 + 10 * 40.0) / 22;
	ck_assert_msg(fabs(eta - (avg10 + 60.0) / 2) < 1e-9, "eta %g", eta);
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 30, &eta, &err), 0);
	ck_assert_msg(fabs(eta - (60.0 + (60.0 - avg10))) < 1e-9, "eta %g", eta);
	ck_assert_int_eq(history_eta(h, "musicgpt", "large", 10, &eta, &err), 0);
	ck_assert(eta == 0);
	history_close(h);
}
END_TEST

/* Timeouts raise the estimate (a slower machine after a faster one): each
 * counts twice its wall time, so the timeout grows until a run succeeds. */
START_TEST(test_eta_timeouts)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	for (int k = 0; k < 10; k++)
		add(h, "musicgpt", "small", 5, 4.0, "ok", 1000 + k); /* fast runs (a GPU) */
	double eta;
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 5, &eta, &err), 0);
	ck_assert_msg(fabs(eta - 4.0) < 1e-9, "eta %g", eta);
	add(h, "musicgpt", "small", 5, 60.0, "timeout", 2000); /* then a slow one stopped at 60 s */
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 5, &eta, &err), 0);
	ck_assert_msg(fabs(eta - (9 * 4.0 + 120.0) / 10) < 1e-9, "eta %g", eta);
	add(h, "musicgpt", "small", 5, 76.8, "timeout", 2001);
	double before = eta;
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 5, &eta, &err), 0);
	ck_assert_msg(eta > before && fabs(eta - (8 * 4.0 + 120.0 + 153.6) / 10) < 1e-9, "eta %g", eta);
	add(h, "musicgpt", "small", 5, 70.0, "ok", 2002); /* it succeeds: that counts as it is */
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 5, &eta, &err), 0);
	ck_assert_msg(fabs(eta - (7 * 4.0 + 120.0 + 153.6 + 70.0) / 10) < 1e-9, "eta %g", eta);
	/* Only timeouts for a duration: the interpolation uses them too. */
	add(h, "musicgpt", "small", 15, 100.0, "timeout", 3000);
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 15, &eta, &err), 0);
	ck_assert_msg(fabs(eta - 200.0) < 1e-9, "eta %g", eta);
	history_close(h);
}
END_TEST

START_TEST(test_stats_recent)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	add(h, "synth", "builtin", 15, 0.2, "ok", 100);
	add(h, "synth", "builtin", 15, 0.4, "ok", 101);
	add(h, "synth", "builtin", 15, 0.1, "analysis", 102);
	add(h, "synth", "builtin", 15, 0.05, "stopped", 102.5); /* neither a success nor a failure */
	add(h, "synth", "builtin", 30, 0.5, "ok", 103);
	add(h, "musicgpt", "small", 15, 50, "ok", 104);
	il_history_stat st[8];
	int n;
	ck_assert_int_eq(history_stats(h, "synth", "builtin", st, 8, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(st[0].secs, 15);
	ck_assert_int_eq(st[0].runs, 3);
	ck_assert_int_eq(st[0].ok, 2);
	ck_assert(fabs(st[0].avg - 0.3) < 1e-9);
	ck_assert_int_eq(st[1].secs, 30);
	seen = 0;
	ck_assert_int_eq(history_recent(h, 3, on_row, NULL, &err), 0);
	ck_assert_int_eq(seen, 3);
	ck_assert_str_eq(first_outcome, "ok"); /* the newest: musicgpt at t=104 */
	history_close(h);
}
END_TEST

START_TEST(test_migration)
{
	/* A file of schema 1, as the first release wrote it. */
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open(db, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw,
		"CREATE TABLE attempts (id INTEGER PRIMARY KEY, time REAL NOT NULL, backend TEXT NOT NULL,"
		" model TEXT NOT NULL, prompt TEXT NOT NULL, secs INTEGER NOT NULL, actual REAL NOT NULL DEFAULT 0,"
		" wall REAL NOT NULL, outcome TEXT NOT NULL, error TEXT NOT NULL DEFAULT '',"
		" loop_seconds REAL NOT NULL DEFAULT 0, bpm REAL NOT NULL DEFAULT 0, score REAL NOT NULL DEFAULT 0);"
		"INSERT INTO attempts (time, backend, model, prompt, secs, wall, outcome)"
		" VALUES (5, 'musicgpt', 'small', 'old', 10, 33, 'ok');"
		"PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	ck_assert_int_eq(history_schema(h), HISTORY_SCHEMA);
	double eta;
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 10, &eta, &err), 0);
	ck_assert(eta == 33);
	history_close(h);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts WHERE source='engine' AND prompt='old'"), 1);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM sqlite_master WHERE name='attempts_eta'"), 1);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM sqlite_master WHERE name='favourites'"), 1);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts WHERE prompt='old' AND seed=0"), 1);
	ck_assert_int_eq(sql_long("PRAGMA user_version"), HISTORY_SCHEMA);
	/* A file from a newer program is refused, not damaged. */
	ck_assert_int_eq(sqlite3_open(db, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "PRAGMA user_version = 99;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	ck_assert_int_eq(history_open(db, &h, &err), -1);
	ck_assert_msg(strstr(err.msg, "schema version 99"), "%s", err.msg);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts"), 1);
}
END_TEST

/* A favourite of the composer (seed > 0) or of another generator. */
static il_favourite fav(const char *title, long seed, double t)
{
	il_favourite f;
	memset(&f, 0, sizeof f);
	f.time = t;
	snprintf(f.title, sizeof f.title, "%s", title);
	snprintf(f.artist, sizeof f.artist, "The %s Band", title);
	snprintf(f.prompt, sizeof f.prompt, "lo-fi hip hop");
	snprintf(f.backend, sizeof f.backend, "%s", seed ? "synth" : "musicgpt");
	snprintf(f.model, sizeof f.model, "%s", seed ? "builtin" : "small");
	f.seed = seed;
	f.secs = 15;
	f.station_bpm = seed ? 84 : 0;
	snprintf(f.station_key, sizeof f.station_key, "%s", seed ? "D minor" : "");
	f.loop_seconds = 11.428;
	f.bpm = 84;
	return f;
}

static il_favourite listed[8];
static int nlisted;

/* favourites_list callback: keep the rows. */
static int on_fav(void *ud, const il_favourite *f)
{
	(void)ud;
	if (nlisted < 8)
		listed[nlisted++] = *f;
	return 0;
}

START_TEST(test_favourites)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	il_favourite a = fav("Amber", 1234567, 100), b = fav("Blue", 0, 200), got;
	long ida, idb, found;
	ck_assert_int_eq(favourites_add(h, &a, &ida, &err), 0);
	ck_assert_int_eq(favourites_add(h, &b, &idb, &err), 0);
	ck_assert_int_gt(ida, 0);
	ck_assert_int_gt(idb, ida);
	/* The same loop is found; another seed or length is another loop. */
	ck_assert_int_eq(favourites_find(h, &a, &found, &err), 0);
	ck_assert_int_eq(found, ida);
	il_favourite c = a;
	c.seed = 7;
	ck_assert_int_eq(favourites_find(h, &c, &found, &err), 0);
	ck_assert_int_eq(found, 0);
	c = b;
	c.loop_seconds = 11.5;
	ck_assert_int_eq(favourites_find(h, &c, &found, &err), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(favourites_find(h, &b, &found, &err), 0);
	ck_assert_int_eq(found, idb);
	/* Newest first, every field back. */
	ck_assert_int_eq(favourites_set_path(h, idb, "/music/favourites/2-Blue.wav", &err), 0);
	nlisted = 0;
	ck_assert_int_eq(favourites_list(h, 10, on_fav, NULL, &err), 0);
	ck_assert_int_eq(nlisted, 2);
	ck_assert_str_eq(listed[0].title, "Blue");
	ck_assert_str_eq(listed[0].path, "/music/favourites/2-Blue.wav");
	ck_assert_int_eq(listed[0].seed, 0);
	ck_assert_str_eq(listed[1].title, "Amber");
	ck_assert_str_eq(listed[1].artist, "The Amber Band");
	ck_assert_int_eq(listed[1].seed, 1234567);
	ck_assert_int_eq(listed[1].secs, 15);
	ck_assert(listed[1].station_bpm == 84);
	ck_assert_str_eq(listed[1].station_key, "D minor");
	ck_assert(listed[1].loop_seconds == 11.428);
	ck_assert_str_eq(listed[1].path, "");
	nlisted = 0;
	ck_assert_int_eq(favourites_list(h, 1, on_fav, NULL, &err), 0);
	ck_assert_int_eq(nlisted, 1);
	ck_assert_int_eq(favourites_get(h, ida, &got, &err), 1);
	ck_assert_str_eq(got.prompt, "lo-fi hip hop");
	ck_assert_str_eq(got.backend, "synth");
	ck_assert_int_eq(favourites_get(h, 999, &got, &err), 0);
	/* Removed once; a second time there is nothing to remove. */
	ck_assert_int_eq(favourites_remove(h, ida, &err), 1);
	ck_assert_int_eq(favourites_remove(h, ida, &err), 0);
	history_close(h);
	/* In the file: NULL for no seed, the seed of the composer's loop. */
	ck_assert_int_eq(sql_long("SELECT count(*) FROM favourites"), 1);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM favourites WHERE seed IS NULL AND title='Blue'"), 1);
}
END_TEST

/* Write text to a file in the temporary folder; returns its path. */
static const char *write_file(const char *name, const char *text)
{
	static char p[400];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return p;
}

START_TEST(test_import_benchdata)
{
	il_history *h;
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	const char *p = write_file("benchdata.json",
		"[\n  {\"duration_requested\": 8, \"generation_time\": 75.123},\n"
		"  {\"generation_time\": 70.5, \"duration_requested\": 8, \"extra\": [1, {\"x\": \"}\"}]},\n"
		"  {\"duration_requested\": 12, \"generation_time\": 101.0},\n"
		"  {\"duration_requested\": \"oops\", \"generation_time\": 1}\n]\n");
	int n;
	ck_assert_int_eq(history_import_benchdata(h, p, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	double eta;
	ck_assert_int_eq(history_eta(h, "musicgpt", "small", 8, &eta, &err), 0);
	ck_assert(fabs(eta - (75.123 + 70.5) / 2) < 1e-9);
	ck_assert_int_eq(history_import_benchdata(h, p, &n, &err), 0);
	ck_assert_int_eq(n, 0); /* the same file twice is imported once */
	history_close(h);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts WHERE source='benchdata'"), 3);
	ck_assert_int_eq(history_open(db, &h, &err), 0);
	p = write_file("bad.json", "{\"duration_requested\": 8}");
	ck_assert_int_eq(history_import_benchdata(h, p, &n, &err), -1);
	ck_assert_msg(strstr(err.msg, "expected a JSON array"), "%s", err.msg);
	p = write_file("broken.json", "[{\"duration_requested\": 8, \"generation_time\": 3}, {\"dur");
	ck_assert_int_eq(history_import_benchdata(h, p, &n, &err), -1);
	ck_assert_msg(strstr(err.msg, "malformed JSON"), "%s", err.msg);
	history_close(h);
	ck_assert_int_eq(sql_long("SELECT count(*) FROM attempts"), 3); /* nothing half-imported */
}
END_TEST

/* The suite. */
int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_wal);
	tcase_add_test(tc, test_eta);
	tcase_add_test(tc, test_eta_timeouts);
	tcase_add_test(tc, test_stats_recent);
	tcase_add_test(tc, test_migration);
	tcase_add_test(tc, test_import_benchdata);
	tcase_add_test(tc, test_favourites);
	suite_add_tcase(s, tc);
	return testutil_run(s);
}

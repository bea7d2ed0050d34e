/* history.c: the generation history in SQLite (see history.h). */
#include "store/history.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/history_internal.h"
#include "store/paths.h"
#include "util/sbuf.h"

/* Schema steps: migration k brings a file from version k-1 to k. */
static const char *const history_migrations[HISTORY_SCHEMA] = {
	"CREATE TABLE attempts ("
	" id INTEGER PRIMARY KEY,"
	" time REAL NOT NULL,"
	" backend TEXT NOT NULL,"
	" model TEXT NOT NULL,"
	" prompt TEXT NOT NULL,"
	" secs INTEGER NOT NULL,"
	" actual REAL NOT NULL DEFAULT 0,"
	" wall REAL NOT NULL,"
	" outcome TEXT NOT NULL,"
	" error TEXT NOT NULL DEFAULT '',"
	" loop_seconds REAL NOT NULL DEFAULT 0,"
	" bpm REAL NOT NULL DEFAULT 0,"
	" score REAL NOT NULL DEFAULT 0);",
	"ALTER TABLE attempts ADD COLUMN source TEXT NOT NULL DEFAULT 'engine';"
	"CREATE INDEX attempts_eta ON attempts(backend, model, secs, outcome);"
	"CREATE TABLE imports (path TEXT PRIMARY KEY, size INTEGER NOT NULL,"
	" mtime INTEGER NOT NULL, time REAL NOT NULL, rows INTEGER NOT NULL);",
	/* Each attempt's seed (0: its generator takes none), and the
	 * favourites (store/favourites.h): seed NULL when the generator takes
	 * none; path the saved copy of the clip, '' when the composer makes it
	 * again from the prompt, seed, secs and station tempo and key. */
	"ALTER TABLE attempts ADD COLUMN seed INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE favourites ("
	" id INTEGER PRIMARY KEY,"
	" time REAL NOT NULL,"
	" title TEXT NOT NULL,"
	" artist TEXT NOT NULL,"
	" prompt TEXT NOT NULL,"
	" backend TEXT NOT NULL DEFAULT '',"
	" model TEXT NOT NULL DEFAULT '',"
	" seed INTEGER,"
	" secs INTEGER NOT NULL DEFAULT 0,"
	" station_bpm REAL NOT NULL DEFAULT 0,"
	" station_key TEXT NOT NULL DEFAULT '',"
	" loop_seconds REAL NOT NULL DEFAULT 0,"
	" bpm REAL NOT NULL DEFAULT 0,"
	" path TEXT NOT NULL DEFAULT '');",
};

/* Fill err with the database's last message; returns -1. */
static int history_fail(il_history *h, il_err *err, const char *what)
{
	return il_err_set(err, IL_E_IO, "history %s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
}

/* Run SQL with no result rows. */
static int history_exec(il_history *h, const char *sql, il_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		il_err_set(err, IL_E_IO, "history %s: %s", h->path, msg ? msg : sqlite3_errmsg(h->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Read PRAGMA user_version. */
static int history_version(il_history *h, int *v, il_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot read the schema version");
	*v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

/* Bring the file to HISTORY_SCHEMA, one transaction per step. */
static int history_migrate(il_history *h, il_err *err)
{
	int v = 0;
	if (history_version(h, &v, err) != 0)
		return -1;
	if (v > HISTORY_SCHEMA)
		return il_err_set(err, IL_E_IO, "history %s has schema version %d, newer than this program's %d; "
				  "it was written by a newer infiniloop-tui", h->path, v, HISTORY_SCHEMA);
	for (; v < HISTORY_SCHEMA; v++) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", v + 1);
		if (history_exec(h, "BEGIN IMMEDIATE;", err) != 0)
			return -1;
		if (history_exec(h, history_migrations[v], err) != 0 || history_exec(h, sql, err) != 0) {
			history_exec(h, "ROLLBACK;", NULL);
			return -1;
		}
		if (history_exec(h, "COMMIT;", err) != 0)
			return -1;
	}
	h->schema = v;
	return 0;
}

/* True when rc (or the handle's extended code) says the file is not a
 * usable database. */
static int history_damaged(il_history *h, int rc)
{
	int x = h->db ? sqlite3_extended_errcode(h->db) & 0xff : rc;
	return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || x == SQLITE_NOTADB || x == SQLITE_CORRUPT;
}

/* True when rc says the file or its folder cannot be written. */
static int history_unwritable(il_history *h, int rc)
{
	int x = h->db ? sqlite3_extended_errcode(h->db) & 0xff : rc;
	return rc == SQLITE_READONLY || x == SQLITE_READONLY || rc == SQLITE_CANTOPEN ||
	       x == SQLITE_CANTOPEN || x == SQLITE_IOERR || x == SQLITE_PERM;
}

/* Run PRAGMA quick_check; 0 when the file is sound. */
static int history_check(il_history *h)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return -1;
	int ok = sqlite3_step(st) == SQLITE_ROW &&
		 strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* Open h->path with flags and bring it up to date; the SQLite result code. */
static int history_try(il_history *h, int flags, il_err *err)
{
	/* On a read-only file system a WAL file can only be read as immutable. */
	char uri[IL_PATH_MAX + 32];
	const char *name = h->path;
	if (flags & SQLITE_OPEN_URI) {
		il_sbuf u = SBUF_INIT;
		sbuf_puts(&u, "file:");
		for (const char *c = h->path; *c; c++) {
			if (*c == '?' || *c == '#' || *c == '%')
				sbuf_printf(&u, "%%%02X", (unsigned char)*c);
			else
				sbuf_putc(&u, *c);
		}
		sbuf_puts(&u, "?immutable=1");
		snprintf(uri, sizeof uri, "%s", sbuf_str(&u));
		sbuf_free(&u);
		name = uri;
	}
	int rc = sqlite3_open_v2(name, &h->db, flags | SQLITE_OPEN_FULLMUTEX, NULL);
	if (rc != SQLITE_OK) {
		il_err_set(err, IL_E_IO, "cannot open the history %s: %s", h->path,
			   h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
		return rc;
	}
	sqlite3_busy_timeout(h->db, 5000);
	if (flags & SQLITE_OPEN_READONLY) {
		int v = 0;
		if (history_version(h, &v, err) != 0)
			return sqlite3_errcode(h->db);
		if (v != HISTORY_SCHEMA) {
			il_err_set(err, IL_E_IO, "history %s is read-only and of schema %d, not %d", h->path, v,
				   HISTORY_SCHEMA);
			return SQLITE_READONLY;
		}
		h->schema = v;
		return history_check(h) == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	}
	if (history_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", err) != 0 ||
	    history_migrate(h, err) != 0)
		return sqlite3_errcode(h->db) != SQLITE_OK ? sqlite3_errcode(h->db) : SQLITE_ERROR;
	if (history_check(h) != 0) {
		il_err_set(err, IL_E_IO, "history %s: the file is damaged", h->path);
		return SQLITE_CORRUPT;
	}
	return SQLITE_OK;
}

/* Close the handle of a failed attempt. */
static void history_reset(il_history *h)
{
	sqlite3_close(h->db);
	h->db = NULL;
	h->schema = 0;
}

/* Move a damaged file (and its -wal and -shm) aside; 0 or -1 with err. */
static int history_move_aside(il_history *h, char *aside, size_t n, il_err *err)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	if ((size_t)snprintf(aside, n, "%s.damaged-%s", h->path, stamp) >= n)
		return il_err_set(err, IL_E_IO, "history path too long: %s", h->path);
	if (rename(h->path, aside) != 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot move the damaged history %s aside", h->path);
	for (int k = 0; k < 2; k++) {
		char from[IL_PATH_MAX + 8], to[IL_PATH_MAX + 48];
		const char *sfx = k ? "-shm" : "-wal";
		snprintf(from, sizeof from, "%s%s", h->path, sfx);
		snprintf(to, sizeof to, "%s%s", aside, sfx);
		if (rename(from, to) != 0 && errno != ENOENT)
			unlink(from);
	}
	return 0;
}

/* Open (creating or migrating) the history at path (see history.h). */
int history_open(const char *path, il_history **out, il_err *err)
{
	*out = NULL;
	il_history *h = calloc(1, sizeof *h);
	if (!h)
		return il_err_set(err, IL_E_INTERNAL, "out of memory opening the history");
	if (path) {
		snprintf(h->path, sizeof h->path, "%s", path);
	} else {
		char dir[IL_PATH_MAX];
		if (paths_data_dir(dir, sizeof dir, err) != 0 || paths_mkdir_p(dir, 0700, err) != 0 ||
		    paths_join(h->path, sizeof h->path, dir, "history.db", err) != 0) {
			free(h);
			return -1;
		}
	}
	/* Made here, so that it is private (0600 less the umask) from the start. */
	int fd = open(h->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	int rc = history_try(h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
	if (rc != SQLITE_OK && history_damaged(h, rc)) {
		char aside[IL_PATH_MAX + 40];
		history_reset(h);
		if (history_move_aside(h, aside, sizeof aside, err) != 0) {
			free(h);
			return -1;
		}
		fd = open(h->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		rc = history_try(h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
		if (rc == SQLITE_OK)
			snprintf(h->notice, sizeof h->notice,
				 "the history %s was damaged: kept as %s, a fresh one started", h->path, aside);
	} else if (rc != SQLITE_OK && history_unwritable(h, rc)) {
		history_reset(h);
		il_err ro;
		int rrc = history_try(h, SQLITE_OPEN_READONLY, &ro);
		if (rrc != SQLITE_OK) {
			history_reset(h);
			rrc = history_try(h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &ro);
		}
		if (rrc == SQLITE_OK) {
			h->readonly = 1;
			rc = SQLITE_OK;
			snprintf(h->notice, sizeof h->notice,
				 "the history %s cannot be written: read-only, new attempts are not recorded",
				 h->path);
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_close(h->db);
		free(h);
		return -1;
	}
	*out = h;
	return 0;
}

/* What opening the history had to do, or "" (see history.h). */
const char *history_notice(const il_history *h)
{
	return h ? h->notice : "";
}

/* Close the history (NULL is fine). */
void history_close(il_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h);
}

/* The schema version of the open file. */
int history_schema(il_history *h)
{
	return h->schema;
}

/* Append one row (committed at once). */
int history_add(il_history *h, const il_history_row *r, il_err *err)
{
	static const char sql[] =
		"INSERT INTO attempts (time, backend, model, prompt, secs, actual, wall, outcome, error,"
		" loop_seconds, bpm, score, source, seed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	if (h->readonly)
		return 0; /* said once, by history_notice() */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot add a row");
	sqlite3_bind_double(st, 1, r->time);
	sqlite3_bind_text(st, 2, r->backend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->model, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->prompt, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, r->secs);
	sqlite3_bind_double(st, 6, r->actual);
	sqlite3_bind_double(st, 7, r->wall);
	sqlite3_bind_text(st, 8, r->outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->error, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 10, r->loop_seconds);
	sqlite3_bind_double(st, 11, r->bpm);
	sqlite3_bind_double(st, 12, r->score);
	sqlite3_bind_text(st, 13, r->source[0] ? r->source : "engine", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, r->seed > 0 ? r->seed : 0);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (h->add_failing)
			return 0; /* said at the first failure */
		h->add_failing = 1;
		history_fail(h, err, "cannot add a row");
		if (err) {
			size_t n = strlen(err->msg);
			snprintf(err->msg + n, sizeof err->msg - n, "; attempts are not recorded until it works again");
		}
		return -1;
	}
	h->add_failing = 0;
	return 0;
}

/* Expected wall time for a job (see history.h). */
int history_eta(il_history *h, const char *backend, const char *model, int secs, double *eta,
		il_err *err)
{
	*eta = 0;
	sqlite3_stmt *st;
	/* A timeout was stopped before the job was done: it counts twice its
	 * wall time, so that timeouts raise the estimate until one succeeds. */
	static const char exact[] =
		"SELECT avg(CASE outcome WHEN 'timeout' THEN 2 * wall ELSE wall END) FROM (SELECT wall,"
		" outcome FROM attempts WHERE backend=? AND model=? AND secs=? AND outcome IN ('ok', 'timeout')"
		" ORDER BY time DESC, id DESC LIMIT 10)";
	if (sqlite3_prepare_v2(h->db, exact, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot estimate");
	sqlite3_bind_text(st, 1, backend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, model, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, secs);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*eta = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	if (*eta > 0)
		return 0;
	/* Interpolate between the durations known for this backend and model. */
	static const char per[] =
		"SELECT secs, avg(CASE outcome WHEN 'timeout' THEN 2 * wall ELSE wall END) FROM attempts"
		" WHERE backend=? AND model=? AND outcome IN ('ok', 'timeout') GROUP BY secs ORDER BY secs";
	if (sqlite3_prepare_v2(h->db, per, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot estimate");
	sqlite3_bind_text(st, 1, backend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, model, -1, SQLITE_STATIC);
	double xs[64], ys[64];
	int n = 0;
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		xs[n] = sqlite3_column_double(st, 0);
		ys[n] = sqlite3_column_double(st, 1);
		n++;
	}
	sqlite3_finalize(st);
	if (n < 2)
		return 0;
	int a = 0, b = 1; /* the pair that brackets secs, or the nearest pair at an end */
	if (secs > xs[n - 1]) {
		a = n - 2;
		b = n - 1;
	} else if (secs > xs[0]) {
		for (int k = 1; k < n; k++)
			if (xs[k] >= secs) {
				a = k - 1;
				b = k;
				break;
			}
	}
	double v = ys[a] + (ys[b] - ys[a]) * (secs - xs[a]) / (xs[b] - xs[a]);
	*eta = v > 0 ? v : 0;
	return 0;
}

/* Per requested duration: runs, successes and mean wall time (see
 * history.h). An attempt stopped (a new station, :stop) neither succeeded
 * nor failed: it is not counted. */
int history_stats(il_history *h, const char *backend, const char *model, il_history_stat *out, int max,
		  int *n, il_err *err)
{
	static const char sql[] =
		"SELECT secs, count(*), sum(outcome='ok'), avg(CASE WHEN outcome='ok' THEN wall END)"
		" FROM attempts WHERE backend=? AND model=? AND outcome<>'stopped' GROUP BY secs ORDER BY secs";
	sqlite3_stmt *st;
	*n = 0;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot read statistics");
	sqlite3_bind_text(st, 1, backend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, model, -1, SQLITE_STATIC);
	while (*n < max && sqlite3_step(st) == SQLITE_ROW) {
		il_history_stat *s = &out[(*n)++];
		s->secs = sqlite3_column_int(st, 0);
		s->runs = sqlite3_column_int(st, 1);
		s->ok = sqlite3_column_int(st, 2);
		s->avg = sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Copy a text column into dst of size n. */
static void history_text(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

/* The most recent rows, newest first (see history.h). */
int history_recent(il_history *h, int limit, int (*fn)(void *ud, const il_history_row *r), void *ud,
		   il_err *err)
{
	static const char sql[] =
		"SELECT time, backend, model, prompt, secs, actual, wall, outcome, error, loop_seconds,"
		" bpm, score, source, seed FROM attempts ORDER BY time DESC, id DESC LIMIT ?";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_fail(h, err, "cannot read the history");
	sqlite3_bind_int(st, 1, limit);
	il_history_row *r = malloc(sizeof *r);
	if (!r) {
		sqlite3_finalize(st);
		return il_err_set(err, IL_E_INTERNAL, "out of memory reading the history");
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->time = sqlite3_column_double(st, 0);
		history_text(st, 1, r->backend, sizeof r->backend);
		history_text(st, 2, r->model, sizeof r->model);
		history_text(st, 3, r->prompt, sizeof r->prompt);
		r->secs = sqlite3_column_int(st, 4);
		r->actual = sqlite3_column_double(st, 5);
		r->wall = sqlite3_column_double(st, 6);
		history_text(st, 7, r->outcome, sizeof r->outcome);
		history_text(st, 8, r->error, sizeof r->error);
		r->loop_seconds = sqlite3_column_double(st, 9);
		r->bpm = sqlite3_column_double(st, 10);
		r->score = sqlite3_column_double(st, 11);
		history_text(st, 12, r->source, sizeof r->source);
		r->seed = (long)sqlite3_column_int64(st, 13);
		if (fn(ud, r) != 0)
			break;
	}
	free(r);
	sqlite3_finalize(st);
	return 0;
}

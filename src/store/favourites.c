/* favourites.c: the favourite loops in the history's file (see
 * favourites.h). */
#include "store/favourites.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/history_internal.h"

#define FAVOURITES_COLUMNS \
	"id, time, title, artist, prompt, backend, model, seed, secs, station_bpm, station_key," \
	" loop_seconds, bpm, path"

/* Fill err with the database's last message; returns -1. */
static int favourites_fail(il_history *h, il_err *err, const char *what)
{
	return il_err_set(err, IL_E_IO, "favourites in %s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
}

/* A statement for sql, or NULL with err. */
static sqlite3_stmt *favourites_prepare(il_history *h, const char *sql, const char *what, il_err *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		favourites_fail(h, err, what);
		return NULL;
	}
	return st;
}

/* Refuse to change a history opened read-only; 0 when it can be written. */
static int favourites_writable(il_history *h, il_err *err)
{
	if (h->readonly)
		return il_err_set(err, IL_E_IO, "favourites in %s: the file cannot be written", h->path);
	return 0;
}

/* Add f as a new favourite (see favourites.h). */
int favourites_add(il_history *h, const il_favourite *f, long *id, il_err *err)
{
	*id = 0;
	if (favourites_writable(h, err) != 0)
		return -1;
	sqlite3_stmt *st = favourites_prepare(h,
		"INSERT INTO favourites (time, title, artist, prompt, backend, model, seed, secs, station_bpm,"
		" station_key, loop_seconds, bpm, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"cannot add a favourite", err);
	if (!st)
		return -1;
	sqlite3_bind_double(st, 1, f->time);
	sqlite3_bind_text(st, 2, f->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->artist, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->prompt, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->backend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->model, -1, SQLITE_STATIC);
	if (f->seed > 0)
		sqlite3_bind_int64(st, 7, f->seed);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_int(st, 8, f->secs);
	sqlite3_bind_double(st, 9, f->station_bpm);
	sqlite3_bind_text(st, 10, f->station_key, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 11, f->loop_seconds);
	sqlite3_bind_double(st, 12, f->bpm);
	sqlite3_bind_text(st, 13, f->path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return favourites_fail(h, err, "cannot add a favourite");
	*id = (long)sqlite3_last_insert_rowid(h->db);
	return 0;
}

/* The favourite that is the same loop as f (see favourites.h). */
int favourites_find(il_history *h, const il_favourite *f, long *id, il_err *err)
{
	*id = 0;
	sqlite3_stmt *st = favourites_prepare(h,
		"SELECT id FROM favourites WHERE title=? AND artist=? AND prompt=? AND backend=?"
		" AND ifnull(seed, 0)=? AND abs(loop_seconds - ?) < 0.0005 ORDER BY id LIMIT 1",
		"cannot look for a favourite", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->artist, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->prompt, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->backend, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, f->seed > 0 ? f->seed : 0);
	sqlite3_bind_double(st, 6, f->loop_seconds);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return favourites_fail(h, err, "cannot look for a favourite");
	return 0;
}

/* Copy a text column into dst of size n. */
static void favourites_text(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

/* Read a row of FAVOURITES_COLUMNS into f. */
static void favourites_row(sqlite3_stmt *st, il_favourite *f)
{
	f->id = (long)sqlite3_column_int64(st, 0);
	f->time = sqlite3_column_double(st, 1);
	favourites_text(st, 2, f->title, sizeof f->title);
	favourites_text(st, 3, f->artist, sizeof f->artist);
	favourites_text(st, 4, f->prompt, sizeof f->prompt);
	favourites_text(st, 5, f->backend, sizeof f->backend);
	favourites_text(st, 6, f->model, sizeof f->model);
	f->seed = (long)sqlite3_column_int64(st, 7); /* NULL reads as 0 */
	f->secs = sqlite3_column_int(st, 8);
	f->station_bpm = sqlite3_column_double(st, 9);
	favourites_text(st, 10, f->station_key, sizeof f->station_key);
	f->loop_seconds = sqlite3_column_double(st, 11);
	f->bpm = sqlite3_column_double(st, 12);
	favourites_text(st, 13, f->path, sizeof f->path);
}

/* Favourite id into out (see favourites.h). */
int favourites_get(il_history *h, long id, il_favourite *out, il_err *err)
{
	sqlite3_stmt *st = favourites_prepare(h, "SELECT " FAVOURITES_COLUMNS " FROM favourites WHERE id=?",
					      "cannot read a favourite", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		favourites_row(st, out);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return favourites_fail(h, err, "cannot read a favourite");
	return rc == SQLITE_ROW;
}

/* Run a statement that changes favourite id (bound last, after text when
 * not NULL); the number of rows changed, or -1 with err. */
static int favourites_change(il_history *h, const char *sql, const char *text, long id, const char *what,
			     il_err *err)
{
	if (favourites_writable(h, err) != 0)
		return -1;
	sqlite3_stmt *st = favourites_prepare(h, sql, what, err);
	if (!st)
		return -1;
	int k = 1;
	if (text)
		sqlite3_bind_text(st, k++, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, k, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return favourites_fail(h, err, what);
	return sqlite3_changes(h->db);
}

/* Set the path of favourite id's saved copy (see favourites.h). */
int favourites_set_path(il_history *h, long id, const char *path, il_err *err)
{
	int n = favourites_change(h, "UPDATE favourites SET path=? WHERE id=?", path, id,
				  "cannot record the saved copy", err);
	return n < 0 ? -1 : 0;
}

/* Remove favourite id (see favourites.h). */
int favourites_remove(il_history *h, long id, il_err *err)
{
	int n = favourites_change(h, "DELETE FROM favourites WHERE id=?", NULL, id, "cannot remove a favourite",
				  err);
	return n < 0 ? -1 : n > 0;
}

/* Up to limit favourites, newest first (see favourites.h). */
int favourites_list(il_history *h, int limit, int (*fn)(void *ud, const il_favourite *f), void *ud,
		    il_err *err)
{
	sqlite3_stmt *st = favourites_prepare(h, "SELECT " FAVOURITES_COLUMNS " FROM favourites"
					      " ORDER BY time DESC, id DESC LIMIT ?", "cannot list the favourites", err);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	il_favourite *f = malloc(sizeof *f);
	if (!f) {
		sqlite3_finalize(st);
		return il_err_set(err, IL_E_INTERNAL, "out of memory listing the favourites");
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		favourites_row(st, f);
		if (fn(ud, f) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	free(f);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return favourites_fail(h, err, "cannot list the favourites");
	return 0;
}

/* history_import.c: import of the earlier Python station's benchdata.json. */
#include <ctype.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/history.h"
#include "store/history_internal.h"
#include "util/timeutil.h"

#define HISTORY_JSON_MAX (16u << 20)

typedef struct history_json {
	const char *p, *end;
} history_json;

/* Skip blanks. */
static void history_json_ws(history_json *j)
{
	while (j->p < j->end && isspace((unsigned char)*j->p))
		j->p++;
}

/* Read a string into out (escapes kept simple: \x -> x); 0 or -1. */
static int history_json_string(history_json *j, char *out, size_t n)
{
	if (j->p >= j->end || *j->p != '"')
		return -1;
	size_t o = 0;
	for (j->p++; j->p < j->end && *j->p != '"'; j->p++) {
		if (*j->p == '\\' && j->p + 1 < j->end)
			j->p++;
		if (o + 1 < n)
			out[o++] = *j->p;
	}
	if (j->p >= j->end)
		return -1;
	j->p++;
	out[o] = '\0';
	return 0;
}

/* Skip any value (string, number, literal, object, array); 0 or -1. */
static int history_json_skip(history_json *j)
{
	history_json_ws(j);
	if (j->p >= j->end)
		return -1;
	char tmp[8];
	if (*j->p == '"')
		return history_json_string(j, tmp, sizeof tmp);
	if (*j->p == '{' || *j->p == '[') {
		int depth = 0;
		for (; j->p < j->end; j->p++) {
			if (*j->p == '"') {
				if (history_json_string(j, tmp, sizeof tmp) != 0)
					return -1;
				j->p--;
			} else if (*j->p == '{' || *j->p == '[') {
				depth++;
			} else if ((*j->p == '}' || *j->p == ']') && --depth == 0) {
				j->p++;
				return 0;
			}
		}
		return -1;
	}
	while (j->p < j->end && !strchr(",]} \t\r\n", *j->p))
		j->p++;
	return 0;
}

/* Read one object; sets *secs and *wall when both keys hold numbers.
 * 1 when both were found, 0 when not, -1 on a syntax error. */
static int history_json_entry(history_json *j, double *secs, double *wall)
{
	int have = 0;
	history_json_ws(j);
	if (j->p >= j->end || *j->p != '{')
		return history_json_skip(j) == 0 ? 0 : -1;
	j->p++;
	for (;;) {
		history_json_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return have == 3;
		}
		char key[64];
		if (history_json_string(j, key, sizeof key) != 0)
			return -1;
		history_json_ws(j);
		if (j->p >= j->end || *j->p != ':')
			return -1;
		j->p++;
		history_json_ws(j);
		int which = !strcmp(key, "duration_requested") ? 1 : !strcmp(key, "generation_time") ? 2 : 0;
		if (which && j->p < j->end && (isdigit((unsigned char)*j->p) || *j->p == '-')) {
			char *e;
			double v = strtod(j->p, &e);
			if (e == j->p)
				return -1;
			j->p = e;
			*(which == 1 ? secs : wall) = v;
			have |= which;
		} else if (history_json_skip(j) != 0) {
			return -1;
		}
		history_json_ws(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
	}
}

/* Read the whole file into memory (NUL-terminated); NULL with err. */
static char *history_slurp(const char *path, size_t *len, il_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		il_err_errno(err, IL_E_IO, errno, "cannot open %s", path);
		return NULL;
	}
	char *buf = malloc(HISTORY_JSON_MAX + 1);
	if (!buf) {
		fclose(f);
		il_err_set(err, IL_E_INTERNAL, "out of memory reading %s", path);
		return NULL;
	}
	*len = fread(buf, 1, HISTORY_JSON_MAX + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad || *len > HISTORY_JSON_MAX) {
		free(buf);
		il_err_set(err, IL_E_IO, "%s: %s", path, bad ? "read error" : "too large for a benchdata.json file");
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/* Import benchdata.json (see history.h). */
int history_import_benchdata(il_history *h, const char *path, int *imported, il_err *err)
{
	*imported = 0;
	struct stat stt;
	if (stat(path, &stt) != 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot read %s", path);
	sqlite3 *db = h->db;
	sqlite3_stmt *st;
	char *real = realpath(path, NULL);
	const char *key = real ? real : path;
	int done = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM imports WHERE path=? AND size=? AND mtime=?", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)stt.st_size);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)stt.st_mtime);
		done = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (done) {
		free(real);
		return 0;
	}
	size_t len;
	char *text = history_slurp(path, &len, err);
	if (!text) {
		free(real);
		return -1;
	}
	history_json j = { text, text + len };
	history_json_ws(&j);
	int rc = 0, rows = 0;
	if (j.p >= j.end || *j.p != '[') {
		rc = il_err_set(err, IL_E_IO, "%s is not a benchdata.json file (expected a JSON array)", path);
		goto out;
	}
	j.p++;
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (;;) {
		history_json_ws(&j);
		if (j.p < j.end && *j.p == ']')
			break;
		double secs = 0, wall = 0;
		int e = history_json_entry(&j, &secs, &wall);
		if (e < 0) {
			rc = il_err_set(err, IL_E_IO, "%s: malformed JSON near byte %ld", path, (long)(j.p - text));
			break;
		}
		if (e == 1 && secs >= 1 && secs <= 30 && wall > 0 && wall < 1e6) {
			il_history_row r;
			memset(&r, 0, sizeof r);
			r.time = (double)stt.st_mtime;
			snprintf(r.backend, sizeof r.backend, "musicgpt");
			snprintf(r.model, sizeof r.model, "small");
			r.secs = (int)secs;
			r.wall = wall;
			snprintf(r.outcome, sizeof r.outcome, "ok");
			snprintf(r.source, sizeof r.source, "benchdata");
			if (history_add(h, &r, err) != 0) {
				rc = -1;
				break;
			}
			rows++;
		}
		history_json_ws(&j);
		if (j.p < j.end && *j.p == ',')
			j.p++;
		else if (!(j.p < j.end && *j.p == ']')) {
			rc = il_err_set(err, IL_E_IO, "%s: malformed JSON near byte %ld", path, (long)(j.p - text));
			break;
		}
	}
	if (rc == 0 && sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO imports VALUES (?,?,?,?,?)", -1, &st,
					  NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)stt.st_size);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)stt.st_mtime);
		sqlite3_bind_double(st, 4, time_wall());
		sqlite3_bind_int(st, 5, rows);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = il_err_set(err, IL_E_IO, "cannot record the import of %s: %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	sqlite3_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	*imported = rc == 0 ? rows : 0;
out:
	free(text);
	free(real);
	return rc;
}

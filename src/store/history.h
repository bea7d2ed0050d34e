/* history.h: the generation history, one SQLite row per attempt.
 *
 * $XDG_DATA_HOME/infiniloop/history.db, in WAL mode, every row committed at
 * once (a killed engine loses nothing already written). PRAGMA user_version
 * holds the schema version; older files are migrated when opened, newer
 * ones are refused. The average wall time of recent successful attempts
 * with the same backend, model and requested seconds is the ETA of the next
 * one. The original program's benchdata.json can be imported. A row keeps
 * the attempt's seed; the same file keeps the favourite loops
 * (store/favourites.h). */
#ifndef IL_STORE_HISTORY_H
#define IL_STORE_HISTORY_H

#include "util/error.h"

#define HISTORY_SCHEMA 3

typedef struct il_history il_history;

typedef struct il_history_row {
	double time;        /* seconds since the epoch */
	char backend[16];
	char model[64];
	char prompt[1024];
	int secs;           /* requested */
	double actual;      /* seconds of audio produced (0: none) */
	double wall;        /* seconds the attempt took */
	char outcome[16];   /* ok, error, timeout, invalid, analysis, stopped, missing */
	char error[512];
	double loop_seconds, bpm, score; /* of the loop found (0: none) */
	char source[16];    /* "engine" or "benchdata" */
	long seed;          /* the seed it was given, 0 when its generator takes none */
} il_history_row;

typedef struct il_history_stat {
	int secs, runs, ok;
	double avg;         /* mean wall time of the successful runs */
} il_history_stat;

/* Open (creating or migrating) the history at path; NULL path means the
 * default file. A new file is created 0600 (less the umask). A damaged
 * file is renamed aside (PATH.damaged-TIME, its -wal and -shm too) and a
 * fresh one made; a file that cannot be written is opened read-only. Both
 * are told by history_notice(). 0 with *out set, or -1 with err (a file
 * that stays locked, or of a newer schema). */
int history_open(const char *path, il_history **out, il_err *err);
/* What opening the history had to do, as one sentence for the user, or ""
 * when nothing: a damaged file moved aside and a fresh one made, or a file
 * opened read-only because it cannot be written. */
const char *history_notice(const il_history *h);
/* Close the history (NULL is fine). */
void history_close(il_history *h);
/* Append one row (committed at once). A failure (a full disk) is reported
 * once: until a row is added again, further failures return 0 and the rows
 * are not recorded. */
int history_add(il_history *h, const il_history_row *r, il_err *err);
/* Expected wall time for a job: mean of the last 10 successful or timed-out
 * attempts with the same backend, model and seconds (a timeout counts twice
 * its wall time: the job needed longer), else interpolated from other
 * durations of that backend and model. *eta is 0 when nothing is known. */
int history_eta(il_history *h, const char *backend, const char *model, int secs, double *eta,
		il_err *err);
/* Per requested duration (ascending): runs, successes and mean wall time,
 * of one backend and model, attempts that were stopped left out. Up to
 * max entries; *n set. */
int history_stats(il_history *h, const char *backend, const char *model, il_history_stat *out, int max,
		  int *n, il_err *err);
/* The most recent rows, newest first, passed to fn (which returns 0 to go on). */
int history_recent(il_history *h, int limit, int (*fn)(void *ud, const il_history_row *r), void *ud,
		   il_err *err);
/* Import a benchdata.json file of the earlier Python station (an array of
 * {"duration_requested": N, "generation_time": F}) as MusicGPT "small"
 * rows; a file already imported (same path, size and time) is skipped.
 * *imported is the number of rows added. */
int history_import_benchdata(il_history *h, const char *path, int *imported, il_err *err);
/* The schema version of the open file. */
int history_schema(il_history *h);

#endif

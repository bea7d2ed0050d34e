/* favourites.h: the favourite loops, a table in the history's file
 * (store/history.h, schema 3).
 *
 * A favourite keeps what made its loop. The composer's loops are made
 * again from the prompt, the seed, the seconds asked for and the tempo and
 * key the station gave the composer (the same inputs give the same clip);
 * the loops of other generators and of files keep a saved copy of their
 * clip, whose path is in the row. Rows are committed at once. */
#ifndef IL_STORE_FAVOURITES_H
#define IL_STORE_FAVOURITES_H

#include "store/history.h"
#include "store/paths.h"
#include "util/error.h"

typedef struct il_favourite {
	long id;                /* from 1; set by favourites_add */
	double time;            /* when it was marked, seconds since the epoch */
	char title[96], artist[96];
	char prompt[1024];      /* "" for a file */
	char backend[16];       /* synth, musicgpt, command; "" for a file */
	char model[64];
	long seed;              /* the generator's seed, 0 when it took none */
	int secs;               /* seconds of clip asked for */
	double station_bpm;     /* the tempo the composer was given, 0: its own */
	char station_key[16];   /* the key it was given ("D minor"), "": its own */
	double loop_seconds, bpm;
	char path[IL_PATH_MAX]; /* the saved copy of the clip, "" when none */
} il_favourite;

/* Add f as a new favourite (its id is ignored); *id is the new row's.
 * 0, or -1 with err (a read-only history included). */
int favourites_add(il_history *h, const il_favourite *f, long *id, il_err *err);
/* The favourite that is the same loop as f (title, artist, prompt,
 * backend, seed and loop length): *id, or 0 when there is none. 0 or -1. */
int favourites_find(il_history *h, const il_favourite *f, long *id, il_err *err);
/* Favourite id into out: 1 when found, 0 when there is no such favourite,
 * -1 with err. */
int favourites_get(il_history *h, long id, il_favourite *out, il_err *err);
/* Set the path of favourite id's saved copy; 0 or -1 with err. */
int favourites_set_path(il_history *h, long id, const char *path, il_err *err);
/* Remove favourite id: 1 when it was there, 0 when not, -1 with err. */
int favourites_remove(il_history *h, long id, il_err *err);
/* Up to limit favourites, newest first, passed to fn (which returns 0 to
 * go on); 0 or -1 with err. */
int favourites_list(il_history *h, int limit, int (*fn)(void *ud, const il_favourite *f), void *ud,
		    il_err *err);

#endif

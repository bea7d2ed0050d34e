/* engine_player_internal.h: the playback part's private state, shared by
 * engine_player.c (the player, its callbacks and requests) and
 * engine_prep.c (the loop preparation worker). */
#ifndef IL_ENGINE_ENGINE_PLAYER_INTERNAL_H
#define IL_ENGINE_ENGINE_PLAYER_INTERNAL_H

#include <pthread.h>

#include "audio/player.h"
#include "engine/engine_internal.h"

#define PLAYER_SPECTRUM_BANDS 32
#define EPLAYER_SPECTRUM_FPS 30.0 /* `spectrum` events a second while a loop plays */
#define EPLAYER_SPECTRUM_BATCH 3  /* frames made at each tick of the clock, heard a frame apart */
#define EPLAYER_RECENT 2 /* loops held for `save loop=ID`: current and previous */

typedef struct il_player_job {
	struct il_player_job *next;
	char *path;        /* a file to prepare, or */
	il_loop *loop;     /* a prepared loop to convert */
	il_engine_remake *remake; /* the favourite the file is a copy of, or NULL */
	int now;           /* crossfade to it at once (as skip), not after the queue */
	char algorithm[16];
	char loudness[16];
	double true_peak;
} il_player_job;

struct engine_player {
	il_engine *e;
	il_player *pl;
	il_sink_spec spec;
	pthread_t worker;
	int have_worker;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	il_player_job *jobs, *last;
	int njobs;         /* jobs waiting or being worked on */
	unsigned long epoch; /* bumped when the queue is dropped: a job taken before is dropped when done */
	int quit;
	int ended;         /* a headless limit was reached (set by the player thread) */
	int nothing_left;  /* headless --play: ticks seen with nothing to play */
	/* The loops played last, newest first, with the ids their `loop`
	 * events gave them (under lock): `save loop=ID` saves the loop that
	 * played when the user asked, even after a switch. */
	il_track *recent[EPLAYER_RECENT];
	unsigned long recent_id[EPLAYER_RECENT];
	unsigned long loop_id;
	double spec_at;    /* when the next `spectrum` event is due (0: none planned) */
	unsigned long spec_frame; /* the engine's spectrum frames, counted at EPLAYER_SPECTRUM_FPS */
};

/* Post an `error` event for err from any thread. */
void engine_prep_post_error(il_engine *e, const char *verb, const il_err *err);
/* Free a job and what it holds. */
void engine_prep_job_free(il_player_job *j);
/* The worker thread: prepares queued jobs one after the other. */
void *engine_prep_worker(void *arg);
/* Hand a job to the worker (now: crossfade to it at once; remake: the
 * favourite a file is a copy of, copied); 0 or -1 when out of memory. */
int engine_prep_push(il_engine *e, const char *path, il_loop *loop, int now, const il_engine_remake *remake);

#endif

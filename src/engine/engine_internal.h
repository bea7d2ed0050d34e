/* engine_internal.h: what the parts of the engine share.
 *
 * engine.c owns the main loop and the core requests; engine_emit.c the
 * output (events, posts from threads, log and error events); engine_client.c the
 * clients and their output; engine_server.c the socket of `--daemon`;
 * engine_player.c the playback requests; engine_gen.c generation;
 * engine_inspect.c save, validate and analysis; engine_station.c the
 * station controls (hold, prev, sleep);
 * engine_stats.c the history's statistics; engine_fav.c the favourites; each adds its rows to the request table
 * (engine_request.h). engine_hook.c runs the
 * on_loop hook for the `loop` events the main thread sends. Only the main thread
 * touches struct engine. Other threads (the player thread, the loop
 * preparation worker, the generation worker) use only engine_post(),
 * engine_post_droppable() and engine_post_log(), which take post_lock and
 * read debug_on atomically; they never read the settings. */
#ifndef IL_ENGINE_ENGINE_INTERNAL_H
#define IL_ENGINE_ENGINE_INTERNAL_H

#include <pthread.h>
#include <sys/types.h>

#include "audio/loop.h"
#include "engine/engine.h"
#include "engine/engine_client.h"
#include "engine/engine_request.h"
#include "engine/protocol.h"
#include "options.h"
#include "store/paths.h"
#include "store/settings.h"
#include "util/sbuf.h"

struct engine_player; /* engine_player.c */
struct engine_gen;    /* engine_gen.c */
struct engine_hook;   /* engine_hook.c */
struct engine_station; /* engine_station.c */
struct il_player;     /* audio/player.h */
struct il_track;      /* audio/track.h */

typedef struct il_engine {
	const il_opts *opts;  /* settings overrides, -p, --fast */
	il_engine_headless hl;   /* how it runs (see engine.h) */
	int debug_run;        /* `debug on=`: -1 none, else on/off for this run only */
	int debug_on;         /* debug log events wanted: read by any thread with
			       * __atomic_load_n, written by engine_debug_update */
	il_settings set;
	il_engine_client *clients[ENGINE_CLIENTS_MAX];
	int nclients;
	unsigned client_ids;  /* clients so far */
	il_engine_client *cur; /* the client whose request runs, or NULL */
	il_engine_client *stdio; /* the stdin/stdout client, or NULL */
	int server;           /* --daemon: listening on the socket */
	int listen_fd, lock_fd;
	char sock_path[IL_PATH_MAX], lock_path[IL_PATH_MAX];
	dev_t sock_dev;          /* the socket file made, so that only it is */
	ino_t sock_ino;          /* removed at the end (not a later engine's) */
	il_sbuf last_audio, last_loop, last_gen; /* replayed to a new client */
	il_sbuf notes;           /* the settings' problems (log lines), for new clients */
	int wake[2];          /* self-pipe: worker threads wake the main loop */
	pthread_mutex_t post_lock;
	il_sbuf posted;        /* lines queued by engine_post */
	int quit;
	int status;              /* the exit status, when not 0 */
	char tmpdir[IL_PATH_MAX]; /* private 0700 directory, removed at exit */
	struct engine_player *player;
	struct engine_gen *gen;
	struct engine_hook *hook; /* the on_loop hook, once a loop started one */
	struct engine_station *station;
} il_engine;

/* A favourite's loop to play again: its names and what made it, from the
 * saved copy of its clip (path) or, with no path, made again by the
 * composer from the prompt, seed, seconds, tempo and key. */
typedef struct il_engine_remake {
	long id;                  /* the favourite's */
	char title[96], artist[96];
	char prompt[1024];
	char backend[16], model[64];
	long seed;
	int secs;
	double bpm;               /* the tempo the composer was given (0: its own) */
	int key;                  /* the key it was given, 1 + root + 12 * minor (0: its own) */
	char path[IL_PATH_MAX];   /* the saved copy, "" when the composer makes it */
} il_engine_remake;

/* Queue n bytes of protocol lines for every client (main thread); a
 * droppable line is dropped for a client that lags far behind. */
void engine_broadcast(il_engine *e, const char *line, size_t n, int droppable);
/* Queue a spectrum line for the clients that take frame number frame (the
 * engine's frames advance by step; see the `spectrum` request). */
void engine_broadcast_frame(il_engine *e, const char *line, size_t n, unsigned long frame, int step);
/* Move the lines posted by threads into the clients' queues (and start
 * the on_loop hook for a `loop` event); main thread. */
void engine_take_posted(il_engine *e);
/* Queue a finished protocol line (ending in "\n") for output; main thread. */
void engine_emit(il_engine *e, const il_sbuf *line);
/* Queue a finished protocol line from any thread and wake the main loop. */
void engine_post(il_engine *e, const char *line);
/* Like engine_post, for a line that may be dropped when the reader lags
 * far behind (spectrum events). */
void engine_post_droppable(il_engine *e, const char *line);
/* Send a new client `ready`, the settings' problems and the last audio,
 * loop and gen events. */
void engine_greet(il_engine *e, il_engine_client *c);
/* Emit an `error` event with the code's wire name; verb may be NULL. */
void engine_error(il_engine *e, il_errcode code, const char *verb, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Emit an `error` event from an il_err (its code and message). */
void engine_error_err(il_engine *e, const char *verb, const il_err *err);
/* The level of a `log` event. */
typedef enum il_engine_level { ENGINE_DEBUG, ENGINE_INFO, ENGINE_WARN } il_engine_level;

/* Emit a `log` event (debug ones only when debug messages are on). */
void engine_log(il_engine *e, il_engine_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Emit a `log` event from any thread. */
void engine_post_log(il_engine *e, il_engine_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Save setting d (config key or runtime state) and report a failure as an
 * error event carrying verb, the request that changed it; 0 or -1. */
int engine_save_setting(il_engine *e, const il_settings_def *d, const char *verb);

/* The playback part (engine_player.c). */
int engine_player_init(il_engine *e, il_err *err);
void engine_player_free(il_engine *e);
/* Periodic work; returns milliseconds until it wants to run again (-1: idle). */
int engine_player_tick(il_engine *e);
/* Append the playback fields of a `status` event. */
void engine_player_status(il_engine *e, il_sbuf *sb);
/* A setting that applies to the player (SETTING_TO_PLAYER, _SINK) changed. */
void engine_player_setting(il_engine *e, const il_settings_def *d);
/* Take ownership of a prepared loop and queue it; it starts at once when
 * nothing plays, else after the minimum duration with a crossfade, or with
 * now set, at once with a crossfade (as `skip`; the queue stays). */
int engine_player_enqueue(il_engine *e, il_loop *loop, int now, il_err *err);
/* Prepare the saved copy of a favourite (r->path) as `play` does, give it
 * r's names and origin, and crossfade to it at once when it is ready. */
int engine_player_play_remake(il_engine *e, const il_engine_remake *r, il_err *err);
/* Number of loops queued and not yet playing. */
int engine_player_queued(il_engine *e);
/* True while a loop is playing (paused counts as playing). */
int engine_player_playing(il_engine *e);
/* A loop is on its way from a generator (delta +1 when a job starts, -1
 * once its loop has been queued or it failed): with a fast sink the player
 * then waits at a due switch instead of looping on, so fast runs do not
 * depend on how long generation takes. */
void engine_player_expect(il_engine *e, int delta);
/* Drop the queued loops (they belong to an old prompt). */
void engine_player_clear_queue(il_engine *e);
/* Resume a paused loop (a new station always plays). */
void engine_player_resume(il_engine *e);
/* Stop playback: fade out over fade seconds (0: quickly, 10 ms, no
 * click); the loops held for `save` and `prev` are dropped. */
void engine_player_stop(il_engine *e, double fade);
/* The player, or NULL when it could not be started. */
struct il_player *engine_player_get(il_engine *e);
/* The player for request m, or NULL after an `error` event saying that it
 * could not be started. */
struct il_player *engine_player_need(il_engine *e, const il_proto_msg *m);
/* A new reference to the loop with `loop` event id among those held (the
 * current and the previous ones), or NULL. */
struct il_track *engine_player_held(il_engine *e, unsigned long id);

/* The generation part (engine_gen.c). */
int engine_gen_init(il_engine *e, il_err *err);
void engine_gen_free(il_engine *e);
/* True while a station plays a prompt or a job runs. */
int engine_gen_active(il_engine *e);
int engine_gen_tick(il_engine *e);
void engine_gen_status(il_engine *e, il_sbuf *sb);
/* A setting that applies to generation (SETTING_TO_GEN) changed. */
void engine_gen_setting(il_engine *e, const il_settings_def *d);
/* Stop the station (as `stop`): no more generation, playback fades out
 * over fade seconds (0: quickly) and stops. */
void engine_gen_stop(il_engine *e, double fade);
/* Start a station on r's prompt as `start` does, without a startup loop;
 * with remake set its first loop is r made again by the composer (whatever
 * the backend setting), crossfaded to at once when it is ready. */
void engine_gen_start_favourite(il_engine *e, const il_engine_remake *r, int remake);
/* The generation history (also the favourites' file), NULL when it could
 * not be opened. */
struct il_history *engine_gen_history(il_engine *e);

/* The favourites (engine_fav.c): give loop the names and origin of the
 * favourite r it is made from. */
void engine_fav_apply(const il_engine_remake *r, il_loop *loop);

/* The station controls (engine_station.c): hold, prev, sleep, toggle. Set
 * up before the player starts, freed after it ended. */
int engine_station_init(il_engine *e, il_err *err);
void engine_station_free(il_engine *e);
/* Periodic work (the sleep timer); milliseconds until it wants to run
 * again (-1: idle). */
int engine_station_tick(il_engine *e);
/* Append the station fields of a `status` event (hold, sleep_left). */
void engine_station_status(il_engine *e, il_sbuf *sb);
/* A loop became current (called by the player thread; t is borrowed). */
void engine_station_played(il_engine *e, struct il_track *t);
/* Drop the loops held for `prev` (playback stopped). */
void engine_station_forget(il_engine *e);
/* A new station was chosen (`start`): the loop playing gives way at its
 * next bar line once the station's first loop is ready, not at the
 * minimum duration, also when it is held (the hold stays, for the new
 * loop). */
void engine_station_begin(il_engine *e);

#endif

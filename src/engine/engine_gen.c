/* engine_gen.c: generation requests of the engine (start, stop, stats) and
 * the background pipeline.
 *
 * `start` makes the station active: one worker thread at a time runs a
 * generation job (pipeline.c) while the current loop plays, and the main
 * loop (engine_gen_tick) hands each finished loop to the player. A new job
 * starts when the player's queue is empty, i.e. once the loop generated
 * before began to play. When nothing plays at `start`, a startup loop
 * (shipped in the data folder) is queued first so that music starts at
 * once; it gives way at its next bar line once the first loop is ready,
 * and so does the loop of an earlier station (engine_station_begin). Failures are retried by the job with backoff; a job that gives up
 * leaves the current loop playing and waits for a new `start` or a change
 * of a generation setting. The worker never touches struct engine except
 * through engine_post() and engine_post_log(); what it needs of the
 * settings is copied into the pipeline by the main thread. */
#include "engine/engine_internal.h"
#include "gen/prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/loopprep.h"
#include "engine/names.h"
#include "engine/pipeline.h"
#include "gen/cancel.h"
#include "gen/synth.h"
#include "util/timeutil.h"

#define GEN_READY_MAX 2

struct engine_gen {
	il_engine *e;
	il_history *hist;            /* NULL when the history cannot be opened */
	il_names nm;
	int active;               /* a prompt is playing */
	int failed;               /* the last job gave up */
	unsigned long settings_changed; /* settings changes so far (a change retries) */
	unsigned long job_settings; /* settings_changed when the running job started */
	int want_startup;         /* queue a startup loop before the first job */
	unsigned long station;    /* bumped by start and stop: older results are dropped */
	pthread_t thr;
	int thr_live;
	il_gen_cancel cancel;
	il_pipeline pl;              /* the running job (owned by the worker while it runs) */
	int startup;              /* the running job queues a startup loop first */
	il_engine_remake remake;     /* a favourite the composer makes again, */
	int want_remake;          /* as the next job */
	il_engine_remake job_fav;    /* the running job's favourite (owned by the worker while it runs) */
	int job_remake;           /* the running job makes job_fav */
	unsigned long job_station;
	char last_note[200];      /* the generator's last remark, logged when it changes (worker only) */
	pthread_mutex_t mu;       /* guards what follows */
	il_gen_state state;
	double progress, eta;
	int attempt;
	double attempt_t0;        /* when the running attempt started (monotonic) */
	il_loop *ready[GEN_READY_MAX];
	int nready;
	int done, result;
	char msg[IL_ERR_MAX];
	double last_gen_s, last_analysis_ms; /* timings of the last loop made */
	int expecting;            /* the player was told loops are on their way */
	/* The station's programme: its tempo, set by its first loop when the
	 * prompt names none, and the key of its last loop (1 + root + 12 *
	 * minor; 0 unknown), from which the next moves to a related key. */
	double st_bpm;
	int st_key;
	unsigned st_rng;
};

/* Format a `gen` event into sb: every state carries the same fields; eta
 * and elapsed are 0 while nothing generates (retry, failed, stopped). */
static void engine_gen_fmt(il_sbuf *sb, il_gen_state state, double progress, double eta, int attempt,
			   double elapsed, double wait, const char *msg)
{
	int busy = state == GEN_STATE_RUNNING || state == GEN_STATE_ANALYZING;
	proto_fmt_begin(sb, "gen");
	proto_fmt_str(sb, "state", gen_state_name(state));
	proto_fmt_double(sb, "progress", progress, 3);
	proto_fmt_double(sb, "eta", busy || state == GEN_STATE_READY ? eta : 0, 1);
	proto_fmt_long(sb, "attempt", attempt);
	if (wait > 0)
		proto_fmt_double(sb, "wait", wait, 1);
	if (msg && *msg)
		proto_fmt_str(sb, "msg", msg);
	proto_fmt_double(sb, "elapsed", busy ? elapsed : 0, 1);
	proto_fmt_end(sb);
}

/* Post a `gen` event from any thread. */
static void engine_gen_post(struct engine_gen *g, il_gen_state state, double progress, double eta,
			    int attempt, double wait, const char *msg)
{
	pthread_mutex_lock(&g->mu);
	double elapsed = g->attempt_t0 > 0 ? time_mono() - g->attempt_t0 : 0;
	pthread_mutex_unlock(&g->mu);
	il_sbuf sb = SBUF_INIT;
	engine_gen_fmt(&sb, state, progress, eta, attempt, elapsed, wait, msg);
	engine_post(g->e, sbuf_str(&sb));
	sbuf_free(&sb);
}

/* Pipeline progress (worker thread): shared state and `gen` events. */
static void engine_gen_report(void *ud, il_gen_state state, double progress, double eta, int attempt,
			      double wait, const char *msg)
{
	struct engine_gen *g = ud;
	pthread_mutex_lock(&g->mu);
	int changed = g->state != state || g->attempt != attempt ||
		      progress - g->progress >= 0.05;
	if (state == GEN_STATE_RUNNING && (g->attempt != attempt || g->state != GEN_STATE_RUNNING))
		g->attempt_t0 = time_mono(); /* a new attempt */
	else if (state != GEN_STATE_RUNNING && state != GEN_STATE_ANALYZING)
		g->attempt_t0 = 0;
	g->state = state;
	g->progress = progress;
	g->eta = eta;
	g->attempt = attempt;
	pthread_mutex_unlock(&g->mu);
	/* The job's own "failed" is not an event: the worker reports the end
	 * once, with the whole reason (see engine_gen_worker). */
	if ((changed || msg) && state != GEN_STATE_FAILED)
		engine_gen_post(g, state, progress, eta, attempt, wait, msg);
	if (state == GEN_STATE_RETRY)
		engine_post_log(g->e, ENGINE_WARN, "generation attempt %d failed: %s; trying again in %.0f s",
				attempt, msg ? msg : "", wait);
}

/* Pipeline warning (worker thread): a `log` event. */
static void engine_gen_log(void *ud, const char *msg)
{
	struct engine_gen *g = ud;
	engine_post_log(g->e, ENGINE_WARN, "%s", msg);
}

/* Hand a loop to the main thread. */
static void engine_gen_push(struct engine_gen *g, il_loop *loop)
{
	pthread_mutex_lock(&g->mu);
	if (g->nready < GEN_READY_MAX) {
		g->ready[g->nready++] = loop;
		loop = NULL;
	}
	pthread_mutex_unlock(&g->mu);
	il_loop_free(loop);
}

/* Queue one of the two startup loops (worker thread). */
static void engine_gen_startup(struct engine_gen *g)
{
	char name[32], path[IL_PATH_MAX];
	il_err err;
	snprintf(name, sizeof name, "startup%d.wav", 1 + (int)((unsigned long)(time_wall() * 1000) % 2));
	if (paths_find_data(name, path, sizeof path, &err) != 0) {
		engine_post_log(g->e, ENGINE_WARN, "no startup loop: %s", err.msg);
		return;
	}
	il_loopprep_opts o = { g->pl.algorithm, g->pl.loudness, g->pl.true_peak };
	il_loop *loop;
	if (loopprep_file(path, &o, &loop, &err) != 0) {
		engine_post_log(g->e, ENGINE_WARN, "the startup loop cannot be played: %s", err.msg);
		return;
	}
	snprintf(loop->prompt, sizeof loop->prompt, "startup loop");
	loop->interim = 1; /* gives way at its next bar once the station's first loop is ready */
	engine_gen_push(g, loop);
	engine_post(g->e, ""); /* wake the main loop */
}

/* The worker thread: an optional startup loop, then one generation job. */
static void *engine_gen_worker(void *arg)
{
	struct engine_gen *g = arg;
	if (g->startup)
		engine_gen_startup(g);
	il_loop *loop = NULL;
	il_err err;
	double t0 = time_mono();
	int rc = pipeline_run(&g->pl, &g->cancel, &loop, &err);
	if (rc == 0 && g->job_remake)
		engine_fav_apply(&g->job_fav, loop);
	if (rc == 0) {
		double bar = loop->rate > 0 ? (double)(loop->loop_end - loop->loop_start) / loop->rate : 0;
		engine_post_log(g->e, ENGINE_INFO, "new loop ready: %.2f s loop at %.1f bpm, score %.2f%s "
				"(generated in %.2f s, analysed in %.0f ms, seed %ld, total %.2f s)",
				bar, loop->bpm, loop->score, loop->poor ? ", poor" : "", g->pl.gen_wall,
				loop->analysis_ms, g->pl.seed, time_mono() - t0);
		/* (A soundfont or FluidSynth missing or stalled: said once, not for every loop.) */
		if (g->pl.note[0] && strcmp(g->pl.note, g->last_note) != 0)
			engine_post_log(g->e, ENGINE_WARN, "note: %s", g->pl.note);
		snprintf(g->last_note, sizeof g->last_note, "%s", g->pl.note);
		pthread_mutex_lock(&g->mu);
		g->last_gen_s = g->pl.gen_wall;
		g->last_analysis_ms = loop->analysis_ms;
		pthread_mutex_unlock(&g->mu);
		engine_gen_push(g, loop);
	}
	int stopped = gen_cancel_requested(&g->cancel);
	if (rc == 0)
		engine_gen_post(g, GEN_STATE_READY, 1.0, g->pl.eta, g->attempt, 0, NULL);
	else if (!stopped) /* a stop is reported once, by the request */
		engine_gen_post(g, GEN_STATE_FAILED, 0, 0, g->attempt, 0, err.msg);
	pthread_mutex_lock(&g->mu);
	g->done = 1;
	g->result = rc;
	g->attempt_t0 = 0;
	snprintf(g->msg, sizeof g->msg, "%s", rc == 0 ? "" : err.msg);
	g->state = rc == 0 ? GEN_STATE_READY : stopped ? GEN_STATE_STOPPED : GEN_STATE_FAILED;
	pthread_mutex_unlock(&g->mu);
	engine_post(g->e, ""); /* the main loop joins this thread when woken */
	return NULL;
}

/* The key of the station's next loop: the last one's, its relative, or a
 * fifth up or down (the composer keeps the prompt's key when it names one). */
static int engine_gen_next_key(struct engine_gen *g)
{
	if (g->st_key <= 0)
		return 0;
	int root, minor;
	synth_key_decode(g->st_key, &root, &minor);
	g->st_rng = g->st_rng * 1103515245u + 12345u;
	switch ((g->st_rng >> 16) % 5) {
	case 0:
	case 1: break;                                                   /* the same key */
	case 2: root = minor ? (root + 3) % 12 : (root + 9) % 12; minor = !minor; break; /* relative */
	case 3: root = (root + 7) % 12; break;                           /* a fifth up */
	default: root = (root + 5) % 12; break;                          /* a fifth down */
	}
	return synth_key_code(root, minor);
}

/* Set up the pipeline for the next job: the current prompt with the
 * settings, or the favourite to make again with the composer; 0 or -1. */
static int engine_gen_setup(il_engine *e, il_err *err)
{
	struct engine_gen *g = e->gen;
	if (!g->want_remake)
		return pipeline_setup(&g->pl, &e->set, e->set.last_prompt, e->tmpdir, g->hist, err);
	il_settings *s = malloc(sizeof *s);
	if (!s)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	*s = e->set; /* a copy to read from: the favourite's generator, seed and seconds */
	snprintf(s->backend, sizeof s->backend, "synth");
	s->seed = g->remake.seed;
	s->duration = g->remake.secs;
	int rc = pipeline_setup(&g->pl, s, g->remake.prompt, e->tmpdir, g->hist, err);
	free(s);
	return rc;
}

/* Start a job for the current prompt; 0, or -1 (reported) when it cannot. */
static int engine_gen_start_job(il_engine *e)
{
	struct engine_gen *g = e->gen;
	il_err err;
	const char *verb = g->want_remake ? "play_favourite" : "start";
	if (engine_gen_setup(e, &err) != 0) {
		engine_error(e, IL_E_GEN, verb, "%s", err.msg);
		g->failed = 1;
		g->want_remake = 0;
		return -1;
	}
	g->pl.report = engine_gen_report;
	g->pl.log = engine_gen_log;
	g->pl.ud = g;
	g->pl.cfg.bpm = g->want_remake ? g->remake.bpm : g->st_bpm;
	g->pl.cfg.key = g->want_remake ? g->remake.key : engine_gen_next_key(g);
	g->job_remake = g->want_remake;
	g->want_remake = 0;
	if (g->job_remake)
		g->job_fav = g->remake;
	if (gen_cancel_init(&g->cancel, &err) != 0) {
		engine_error(e, IL_E_INTERNAL, verb, "%s", err.msg);
		g->failed = 1;
		return -1;
	}
	g->startup = g->want_startup;
	g->want_startup = 0;
	g->job_station = g->station;
	g->job_settings = g->settings_changed;
	g->done = 0;
	g->progress = 0;
	g->attempt = 0;
	g->eta = g->pl.eta;
	g->state = GEN_STATE_RUNNING;
	if (pthread_create(&g->thr, NULL, engine_gen_worker, g) != 0) {
		gen_cancel_free(&g->cancel);
		engine_error(e, IL_E_INTERNAL, verb, "cannot start the generation thread");
		g->failed = 1;
		return -1;
	}
	g->thr_live = 1;
	return 0;
}

/* Wait for the worker (it has finished or been cancelled) and release it. */
static void engine_gen_join(struct engine_gen *g)
{
	if (!g->thr_live)
		return;
	pthread_join(g->thr, NULL);
	gen_cancel_free(&g->cancel);
	g->thr_live = 0;
}

static int engine_gen_start_prompt(il_engine *e, const char *prompt, const char *verb);

/* Set up the generation part. */
int engine_gen_init(il_engine *e, il_err *err)
{
	struct engine_gen *g = calloc(1, sizeof *g);
	if (!g)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	g->e = e;
	pthread_mutex_init(&g->mu, NULL);
	g->state = GEN_STATE_IDLE;
	e->gen = g;
	if (names_load(&g->nm, err) != 0)
		return -1;
	il_err herr;
	if (history_open(NULL, &g->hist, &herr) != 0) {
		g->hist = NULL;
		engine_log(e, ENGINE_WARN, "no generation history: %s", herr.msg);
	} else {
		if (*history_notice(g->hist))
			engine_log(e, ENGINE_WARN, "%s", history_notice(g->hist));
		char dir[IL_PATH_MAX], path[IL_PATH_MAX];
		int n;
		if (paths_data_dir(dir, sizeof dir, &herr) == 0 &&
		    paths_join(path, sizeof path, dir, "benchdata.json", &herr) == 0 &&
		    access(path, F_OK) == 0) {
			if (history_import_benchdata(g->hist, path, &n, &herr) != 0)
				engine_log(e, ENGINE_WARN, "%s", herr.msg);
			else if (n > 0)
				engine_log(e, ENGINE_INFO, "imported %d runs from %s", n, path);
		}
	}
	if (e->opts->prompt && *e->opts->prompt)
		engine_gen_start_prompt(e, e->opts->prompt, "start");
	return 0;
}

/* True while a station plays a prompt or a job runs. */
int engine_gen_active(il_engine *e)
{
	return e->gen && (e->gen->active || e->gen->thr_live);
}

/* Tear down the generation part: the running job is stopped (its process
 * group killed) and waited for. */
void engine_gen_free(il_engine *e)
{
	struct engine_gen *g = e->gen;
	if (!g)
		return;
	if (g->thr_live)
		gen_cancel_request(&g->cancel);
	engine_gen_join(g);
	for (int k = 0; k < g->nready; k++)
		il_loop_free(g->ready[k]);
	history_close(g->hist);
	names_free(&g->nm);
	pthread_mutex_destroy(&g->mu);
	free(g);
	e->gen = NULL;
}

/* Cancel the running job, if any (it finishes on its own thread). */
static void engine_gen_cancel(struct engine_gen *g)
{
	if (g->thr_live)
		gen_cancel_request(&g->cancel);
}

/* A problem of the prompt (gen_prompt_problems): a warning. */
static void engine_gen_note(void *ud, const char *note)
{
	engine_log(ud, ENGINE_WARN, "ignored: %s", note);
}

/* `start prompt=S` (or --prompt, or verb): a new station; the old job and
 * queued loops are dropped; what the prompt asks for that cannot be used
 * is named in warnings. 0, or -1 after an error event. */
static int engine_gen_start_prompt(il_engine *e, const char *prompt, const char *verb)
{
	struct engine_gen *g = e->gen;
	il_err err;
	if (gen_prompt_check(prompt, &err) != 0 || settings_set(&e->set, "last_prompt", prompt, &err) != 0) {
		engine_error(e, IL_E_BAD_VALUE, verb, "%s", err.msg);
		return -1;
	}
	engine_save_setting(e, settings_find("last_prompt"), verb);
	engine_gen_cancel(g);
	g->want_remake = 0;
	g->station++;
	g->active = 1;
	g->failed = 0;
	g->st_bpm = 0;
	g->st_key = 0;
	g->st_rng = (unsigned)(time_wall() * 1000.0) | 1u;
	engine_player_clear_queue(e);
	engine_player_resume(e);
	engine_station_begin(e);
	g->want_startup = !engine_player_playing(e);
	engine_log(e, ENGINE_INFO, "station started: %s (%s)", prompt, e->set.backend);
	gen_prompt_problems(prompt, !strcmp(e->set.backend, "synth"), engine_gen_note, e);
	return 0;
}

/* A station on a favourite's prompt, its first loop the favourite made
 * again when remake is set (see engine_internal.h). */
void engine_gen_start_favourite(il_engine *e, const il_engine_remake *r, int remake)
{
	struct engine_gen *g = e->gen;
	if (!g || engine_gen_start_prompt(e, r->prompt, "play_favourite") != 0)
		return;
	g->want_startup = 0; /* the favourite comes first */
	g->remake = *r;
	g->want_remake = remake;
}

/* The generation history, NULL when it could not be opened. */
il_history *engine_gen_history(il_engine *e)
{
	return e->gen ? e->gen->hist : NULL;
}

/* Stop the station: no more generation, playback fades out over fade
 * seconds (0: quickly) and stops. */
void engine_gen_stop(il_engine *e, double fade)
{
	struct engine_gen *g = e->gen;
	if (!g) {
		engine_player_clear_queue(e);
		engine_player_stop(e, fade);
		return;
	}
	int was = g->active || g->thr_live;
	engine_gen_cancel(g);
	g->station++;
	g->active = 0;
	g->failed = 0;
	engine_player_clear_queue(e);
	engine_player_stop(e, fade);
	if (!g->thr_live) {
		pthread_mutex_lock(&g->mu);
		g->state = GEN_STATE_IDLE;
		pthread_mutex_unlock(&g->mu);
	}
	if (was) {
		pthread_mutex_lock(&g->mu);
		int attempt = g->attempt;
		pthread_mutex_unlock(&g->mu);
		il_sbuf sb = SBUF_INIT;
		engine_gen_fmt(&sb, GEN_STATE_STOPPED, 0, 0, attempt, 0, 0, NULL);
		engine_emit(e, &sb);
		sbuf_free(&sb);
	}
}

/* `stop`: no more generation, playback stops. */
static void engine_gen_req_stop(il_engine *e, const il_proto_msg *m)
{
	(void)m;
	engine_gen_stop(e, 0);
}

/* `start prompt=S`. */
static void engine_gen_req_start(il_engine *e, const il_proto_msg *m)
{
	engine_gen_start_prompt(e, proto_get(m, "prompt"), "start");
}

/* The generation requests (see engine_request.h). */
const il_engine_request engine_gen_requests[] = {
	{ "start", { "prompt", NULL }, { NULL }, "prompt=S", engine_gen_req_start },
	{ "stop", { NULL }, { NULL }, "", engine_gen_req_stop },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* Give a finished loop its title and artist (a favourite has its own) and
 * queue it for the player, or crossfade to it at once (now). */
static void engine_gen_enqueue(il_engine *e, il_loop *loop, int now)
{
	struct engine_gen *g = e->gen;
	il_err err;
	if (!loop->title[0])
		names_pick(&g->nm, loop->title, sizeof loop->title, loop->artist, sizeof loop->artist);
	int root, minor;
	if (loop->style[0] && !strcmp(loop->prompt, e->set.last_prompt)) { /* the station's own loop */
		if (g->st_bpm <= 0 && loop->bpm > 0)
			g->st_bpm = loop->bpm;
		if (synth_key_parse(loop->key, &root, &minor) == 0)
			g->st_key = synth_key_code(root, minor);
	}
	if (engine_player_enqueue(e, loop, now, &err) != 0) {
		engine_error_err(e, "start", &err);
		g->failed = 1; /* no player: generating more would only repeat this */
	}
}

/* Work after a wake-up: queue finished loops, reap the worker, start the
 * next job; -1: no clock (the workers post when they finish). */
int engine_gen_tick(il_engine *e)
{
	struct engine_gen *g = e->gen;
	if (!g)
		return -1;
	il_loop *ready[GEN_READY_MAX];
	pthread_mutex_lock(&g->mu);
	int nready = g->nready, done = g->done;
	memcpy(ready, g->ready, sizeof ready);
	g->nready = 0;
	pthread_mutex_unlock(&g->mu);
	for (int k = 0; k < nready; k++) {
		if (g->active && g->job_station == g->station)
			engine_gen_enqueue(e, ready[k], g->job_remake);
		else
			il_loop_free(ready[k]); /* made for a prompt that was replaced or stopped */
	}
	if (g->thr_live && done) {
		engine_gen_join(g);
		/* A job that failed gives up the station, unless a setting changed
		 * since it started (the change is the retry, even when it came
		 * between the job's last event and this join). */
		if (g->result != 0 && g->job_station == g->station && g->active &&
		    g->job_settings == g->settings_changed) {
			g->failed = 1;
			engine_log(e, ENGINE_WARN, "generation gave up: %s; the current loop keeps playing "
				   "(start again or change a setting to retry)", g->msg);
		}
	}
	if (g->active && !g->thr_live && !g->failed && engine_player_queued(e) == 0)
		engine_gen_start_job(e);
	/* While the station runs, a next loop is always on its way: a fast sink
	 * waits for it at each switch. Loops made above are already queued. */
	int want = g->active && !g->failed;
	if (want != g->expecting) {
		engine_player_expect(e, want ? 1 : -1);
		g->expecting = want;
	}
	return -1; /* woken by the workers' posts, never by a clock */
}

/* Append the generation fields of a `status` event. */
void engine_gen_status(il_engine *e, il_sbuf *sb)
{
	struct engine_gen *g = e->gen;
	char model[64];
	pipeline_model_name(&e->set, model, sizeof model);
	proto_fmt_str(sb, "prompt", e->set.last_prompt);
	proto_fmt_str(sb, "backend", e->set.backend);
	proto_fmt_str(sb, "model", model);
	if (!g) {
		proto_fmt_str(sb, "gen", gen_state_name(GEN_STATE_IDLE));
		return;
	}
	pthread_mutex_lock(&g->mu);
	il_gen_state state = g->thr_live && !g->done ? g->state : g->failed ? GEN_STATE_FAILED : GEN_STATE_IDLE;
	if (state == GEN_STATE_READY || state == GEN_STATE_STOPPED)
		state = GEN_STATE_IDLE;
	proto_fmt_str(sb, "gen", gen_state_name(state));
	int busy = state == GEN_STATE_RUNNING || state == GEN_STATE_ANALYZING;
	proto_fmt_double(sb, "progress", g->thr_live ? g->progress : 0, 3);
	proto_fmt_double(sb, "eta", busy ? g->eta : 0, 1); /* no ETA while nothing generates */
	proto_fmt_long(sb, "attempt", g->attempt);
	proto_fmt_double(sb, "gen_elapsed", busy && g->attempt_t0 > 0 ? time_mono() - g->attempt_t0 : 0, 1);
	proto_fmt_double(sb, "gen_seconds", g->last_gen_s, 2);
	proto_fmt_double(sb, "analysis_ms", g->last_analysis_ms, 0);
	pthread_mutex_unlock(&g->mu);
}

/* A generation setting changed: a job that gave up may try again with it. */
void engine_gen_setting(il_engine *e, const il_settings_def *d)
{
	(void)d;
	if (e->gen) {
		e->gen->failed = 0;
		e->gen->settings_changed++;
	}
}

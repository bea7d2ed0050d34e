/* engine_player.c: playback requests of the engine (play, pause, resume,
 * skip, volume) and the glue between the engine and the player thread
 * (src/audio/player.h).
 *
 * Loops to queue (files from `play` or --play, loops from the generator)
 * are prepared on a worker thread (engine_prep.c): loop finding and the
 * conversion to the player's format take time and must not stall the main
 * loop. The player thread reports through callbacks that format protocol
 * lines and hand them to engine_post(); the spectrum is taken from it on
 * the main loop's clock. `save`, `validate` and `analysis` are in
 * engine_inspect.c. */
#include "engine/engine_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/audiofile.h"
#include "audio/player.h"
#include "engine/engine_player_internal.h"
#include "util/timeutil.h"

/* Player callback: a loop became current. */
static void eplayer_on_loop(void *ctx, il_track *t, unsigned long long at)
{
	struct engine_player *ep = ctx;
	const il_loop *l = t->loop;
	pthread_mutex_lock(&ep->lock);
	il_track *drop = ep->recent[EPLAYER_RECENT - 1];
	memmove(ep->recent + 1, ep->recent, (EPLAYER_RECENT - 1) * sizeof *ep->recent);
	memmove(ep->recent_id + 1, ep->recent_id, (EPLAYER_RECENT - 1) * sizeof *ep->recent_id);
	ep->recent[0] = il_track_ref(t);
	unsigned long id = ep->recent_id[0] = ++ep->loop_id;
	pthread_mutex_unlock(&ep->lock);
	il_track_unref(drop);
	engine_station_played(ep->e, t);
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "loop");
	proto_fmt_str(&sb, "title", l->title);
	proto_fmt_str(&sb, "artist", l->artist);
	proto_fmt_str(&sb, "prompt", l->prompt);
	proto_fmt_double(&sb, "seconds", il_track_seconds(t), 3);
	proto_fmt_double(&sb, "bpm", l->bpm, 1);
	proto_fmt_double(&sb, "score", l->score, 3);
	proto_fmt_str(&sb, "method", l->method[0] ? l->method : "none");
	proto_fmt_str(&sb, "quality", l->poor ? "poor" : "good");
	proto_fmt_str(&sb, "style", l->style);
	proto_fmt_str(&sb, "key", l->key);
	proto_fmt_str(&sb, "metre", l->metre);
	proto_fmt_str(&sb, "instruments", l->instruments);
	if (l->seed > 0)
		proto_fmt_long(&sb, "seed", l->seed);
	proto_fmt_long(&sb, "id", (long)id);
	proto_fmt_end(&sb);
	engine_post(ep->e, sbuf_str(&sb));
	sbuf_free(&sb);
	engine_post_log(ep->e, ENGINE_DEBUG, "loop started at frame %llu", at);
}

/* Player callback: the audio output came or went. */
static void eplayer_on_audio(void *ctx, il_audio_state state, const char *msg, const char *sink)
{
	struct engine_player *ep = ctx;
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "audio");
	proto_fmt_str(&sb, "state", il_audio_state_name(state));
	proto_fmt_str(&sb, "msg", msg);
	proto_fmt_str(&sb, "sink", sink);
	proto_fmt_end(&sb);
	engine_post(ep->e, sbuf_str(&sb));
	sbuf_free(&sb);
}

/* Player callback: the output ran dry. */
static void eplayer_on_underrun(void *ctx, unsigned long count, int buffer_ms, int grew)
{
	struct engine_player *ep = ctx;
	if (grew)
		engine_post_log(ep->e, ENGINE_WARN, "audio underruns keep happening (%lu so far): the buffer "
				"grows to %d ms", count, buffer_ms);
	else
		engine_post_log(ep->e, ENGINE_WARN, "audio underrun: the output ran dry (%lu so far, buffer %d ms)",
				count, buffer_ms);
}

/* Player callback: a limit was reached. */
static void eplayer_on_ended(void *ctx)
{
	struct engine_player *ep = ctx;
	__atomic_store_n(&ep->ended, 1, __ATOMIC_RELEASE);
	engine_post_log(ep->e, ENGINE_INFO, "playback limit reached");
}

/* Fill a sink spec from the settings and options; 0 or -1 with err. */
static int eplayer_spec(il_engine *e, il_sink_spec *spec, il_err *err)
{
	memset(spec, 0, sizeof *spec);
	if (il_sink_parse(e->set.output, spec, err) != 0)
		return -1;
	spec->latency_ms = e->set.latency_ms;
	spec->fast = e->opts->fast && spec->kind != IL_SINK_PULSE && spec->kind != IL_SINK_AUTO;
	return 0;
}

/* Set up the playback part: the player thread, the worker, --play files. */
int engine_player_init(il_engine *e, il_err *err)
{
	struct engine_player *ep = calloc(1, sizeof *ep);
	if (!ep)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	ep->e = e;
	if (eplayer_spec(e, &ep->spec, err) != 0) {
		il_err spec_err = *err;
		engine_error_err(e, NULL, &spec_err);
		memset(&ep->spec, 0, sizeof ep->spec);
		ep->spec.kind = IL_SINK_NULL;
	}
	il_player_cfg cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.sink = ep->spec;
	cfg.min_duration = e->set.min_duration;
	cfg.crossfade = e->set.crossfade;
	cfg.volume = e->set.volume;
	cfg.bands = PLAYER_SPECTRUM_BANDS;
	cfg.spectrum_fps = EPLAYER_SPECTRUM_FPS;
	if (e->hl.on) {
		cfg.repeat = e->hl.nfiles > 0;
		cfg.max_switches = e->hl.max_switches;
		cfg.max_seconds = e->hl.max_seconds;
	}
	il_player_cb cb = { ep, eplayer_on_loop, eplayer_on_audio, eplayer_on_ended, eplayer_on_underrun };
	pthread_mutex_init(&ep->lock, NULL);
	pthread_cond_init(&ep->cond, NULL);
	e->player = ep;
	if (il_player_new(&ep->pl, &cfg, &cb, err) != 0)
		return -1;
	int rc = pthread_create(&ep->worker, NULL, engine_prep_worker, ep);
	if (rc != 0)
		return il_err_errno(err, IL_E_INTERNAL, rc, "cannot start the loop preparation thread");
	ep->have_worker = 1;
	for (int k = 0; k < e->hl.nfiles; k++)
		engine_prep_push(e, e->hl.files[k], NULL, 0, NULL);
	return 0;
}

/* Drop the loops held for `save loop=ID`. */
static void eplayer_forget_recent(struct engine_player *ep)
{
	il_track *drop[EPLAYER_RECENT];
	pthread_mutex_lock(&ep->lock);
	memcpy(drop, ep->recent, sizeof drop);
	memset(ep->recent, 0, sizeof ep->recent);
	pthread_mutex_unlock(&ep->lock);
	for (int k = 0; k < EPLAYER_RECENT; k++)
		il_track_unref(drop[k]);
}

/* Tear down the playback part. */
void engine_player_free(il_engine *e)
{
	struct engine_player *ep = e->player;
	if (!ep)
		return;
	if (ep->have_worker) {
		pthread_mutex_lock(&ep->lock);
		ep->quit = 1;
		pthread_cond_signal(&ep->cond);
		pthread_mutex_unlock(&ep->lock);
		pthread_join(ep->worker, NULL);
	}
	while (ep->jobs) {
		il_player_job *j = ep->jobs;
		ep->jobs = j->next;
		engine_prep_job_free(j);
	}
	il_player_free(ep->pl);
	eplayer_forget_recent(ep);
	pthread_cond_destroy(&ep->cond);
	pthread_mutex_destroy(&ep->lock);
	free(ep);
	e->player = NULL;
}

/* A loop is on its way from a generator (see engine_internal.h). */
void engine_player_expect(il_engine *e, int delta)
{
	if (e->player && e->player->pl)
		il_player_hold(e->player->pl, delta);
}

/* The player, or NULL when it could not be started. */
static il_player *eplayer_pl(il_engine *e)
{
	return e->player ? e->player->pl : NULL;
}

/* The player, or NULL when it could not be started (engine_internal.h). */
il_player *engine_player_get(il_engine *e)
{
	return eplayer_pl(e);
}

/* The player for request m, or NULL after an `error` event saying that it
 * could not be started (engine_internal.h). */
il_player *engine_player_need(il_engine *e, const il_proto_msg *m)
{
	il_player *pl = eplayer_pl(e);
	if (!pl)
		engine_error(e, IL_E_AUDIO, m->verb, "the player could not be started");
	return pl;
}

/* `play file=PATH`: prepare and queue the file. */
static void eplayer_req_play(il_engine *e, const il_proto_msg *m)
{
	if (!engine_player_need(e, m))
		return;
	const char *path = proto_get(m, "file");
	if (!path || !*path) {
		engine_error(e, IL_E_BAD_VALUE, "play", "play needs a file name");
		return;
	}
	/* A missing or foreign file is answered at once, in order (so that
	 * --remote play can say so); the rest is found out by the worker. */
	il_err err;
	if (audiofile_probe(path, &err) != 0) {
		engine_error_err(e, "play", &err);
		return;
	}
	if (engine_prep_push(e, path, NULL, 0, NULL) != 0)
		engine_error(e, IL_E_INTERNAL, "play", "out of memory");
	else
		engine_log(e, ENGINE_INFO, "preparing %s", path);
}

/* `volume level=N | delta=N`. */
static void eplayer_req_volume(il_engine *e, const il_proto_msg *m)
{
	long v;
	il_err err;
	if (!engine_player_need(e, m))
		return;
	if (proto_get(m, "level") && proto_get(m, "delta")) {
		engine_error(e, IL_E_BAD_VALUE, "volume", "give 'level' or 'delta', not both");
		return;
	}
	if (proto_get(m, "level")) {
		if (proto_get_long(m, "level", 0, 100, &v, &err) != 0) {
			engine_error_err(e, "volume", &err);
			return;
		}
	} else if (proto_get(m, "delta")) {
		if (proto_get_long(m, "delta", -100, 100, &v, &err) != 0) {
			engine_error_err(e, "volume", &err);
			return;
		}
		v += e->set.volume;
		v = v < 0 ? 0 : (v > 100 ? 100 : v);
	} else {
		engine_error(e, IL_E_MISSING_FIELD, "volume", "'volume' needs field 'level' or 'delta'");
		return;
	}
	e->set.volume = (int)v;
	engine_save_setting(e, settings_find("volume"), "volume");
	il_player_set_volume(eplayer_pl(e), (int)v);
	engine_log(e, ENGINE_INFO, "volume %ld", v);
}

/* A new reference to the loop with `loop` event id among those held (the
 * current and the previous ones), or NULL (engine_internal.h). */
il_track *engine_player_held(il_engine *e, unsigned long id)
{
	struct engine_player *ep = e->player;
	il_track *t = NULL;
	if (!ep)
		return NULL;
	pthread_mutex_lock(&ep->lock);
	for (int k = 0; k < EPLAYER_RECENT && !t; k++)
		if (ep->recent[k] && ep->recent_id[k] == id)
			t = il_track_ref(ep->recent[k]);
	pthread_mutex_unlock(&ep->lock);
	return t;
}

/* Pause (on) or resume the output with a short ramp, for request m. */
static void eplayer_pause(il_engine *e, const il_proto_msg *m, int on)
{
	il_player *pl = engine_player_need(e, m);
	il_err err;
	if (!pl)
		return;
	if (il_player_pause(pl, on, &err) != 0)
		engine_error_err(e, m->verb, &err);
	else
		engine_log(e, ENGINE_INFO, "%s", on ? "paused" : "resumed");
}

/* `pause`: pause the output. */
static void eplayer_req_pause(il_engine *e, const il_proto_msg *m)
{
	eplayer_pause(e, m, 1);
}

/* `resume`: resume the output. */
static void eplayer_req_resume(il_engine *e, const il_proto_msg *m)
{
	eplayer_pause(e, m, 0);
}

/* `skip`: crossfade to the next loop now. */
static void eplayer_req_skip(il_engine *e, const il_proto_msg *m)
{
	il_player *pl = engine_player_need(e, m);
	il_err err;
	if (pl && il_player_skip(pl, &err) != 0)
		engine_error_err(e, m->verb, &err);
}

/* Set the rate of this client's `spectrum` events: fps of the engine's
 * EPLAYER_SPECTRUM_FPS (every second frame for 15, none for 0). */
static void eplayer_req_spectrum(il_engine *e, const il_proto_msg *m)
{
	long fps;
	il_err err;
	if (proto_get_long(m, "fps", 0, (long)EPLAYER_SPECTRUM_FPS, &fps, &err) != 0) {
		engine_error_err(e, "spectrum", &err);
		return;
	}
	if (e->cur)
		e->cur->spec_every = fps > 0 ? (int)lround(EPLAYER_SPECTRUM_FPS / (double)fps) : 0;
}

/* The playback requests (see engine_request.h). */
const il_engine_request engine_player_requests[] = {
	{ "play", { "file", NULL }, { NULL }, "file=PATH", eplayer_req_play },
	{ "pause", { NULL }, { NULL }, "", eplayer_req_pause },
	{ "resume", { NULL }, { NULL }, "", eplayer_req_resume },
	{ "skip", { NULL }, { NULL }, "", eplayer_req_skip },
	{ "volume", { NULL }, { "level", "delta", NULL }, "level=N | delta=N", eplayer_req_volume },
	{ "spectrum", { "fps", NULL }, { NULL }, "fps=N", eplayer_req_spectrum },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* The smallest spec_every of the clients that take the spectrum (the
 * engine's step), or 0 when none does. */
static int eplayer_spectrum_step(const il_engine *e)
{
	int step = 0;
	for (int k = 0; k < e->nclients; k++) {
		int v = e->clients[k]->spec_every;
		if (v > 0 && (step == 0 || v < step))
			step = v;
	}
	return step;
}

/* The spectrum on the engine's clock: `spectrum` events at the rate of the
 * fastest client that takes them, each client getting its own share, while
 * a loop plays (no such client: no work at all); the milliseconds to the
 * next, or -1 when none is due. Each tick makes EPLAYER_SPECTRUM_BATCH
 * frames, of what is heard now and a frame and two frames later (at=
 * says when, in ms), sent together: the engine wakes a third as often,
 * and the client shows each frame at its time. */
static int eplayer_spectrum_tick(il_engine *e)
{
	struct engine_player *ep = e->player;
	if (!ep || !ep->pl)
		return -1;
	int step = eplayer_spectrum_step(e);
	il_player_status st;
	if (step > 0)
		il_player_get_status(ep->pl, &st);
	if (step == 0 || st.state != IL_PLAYER_PLAYING) {
		ep->spec_at = 0;
		return -1;
	}
	double now = time_mono(), frame = step / EPLAYER_SPECTRUM_FPS, period = frame * EPLAYER_SPECTRUM_BATCH;
	if (ep->spec_at > now)
		return (int)((ep->spec_at - now) * 1000) + 1;
	/* On the beat of the clock, unless the loop fell far behind it; the
	 * next tick after the frames made (fewer than three when the output
	 * holds less than two frames ahead: a short latency). */
	double tick = ep->spec_at > 0 && now - ep->spec_at < period ? ep->spec_at : now;
	int k = 0;
	for (; k < EPLAYER_SPECTRUM_BATCH; k++) {
		unsigned char bands[PLAYER_SPECTRUM_BANDS];
		int made = il_player_spectrum(ep->pl, k * frame, bands);
		if (made < 0)
			break;
		if (made) {
			il_sbuf sb = SBUF_INIT;
			proto_fmt_begin(&sb, "spectrum");
			proto_fmt_hex(&sb, "bands", bands, sizeof bands);
			proto_fmt_long(&sb, "at", lround(k * frame * 1000));
			proto_fmt_end(&sb);
			engine_broadcast_frame(e, sb.buf, sb.len, ep->spec_frame, step);
			sbuf_free(&sb);
		}
		ep->spec_frame += (unsigned long)step;
	}
	ep->spec_at = tick + (k > 0 ? k : 1) * frame;
	return (int)((ep->spec_at - now) * 1000) + 1;
}

/* Periodic work: the spectrum; end a headless run when its limit was
 * reached. */
int engine_player_tick(il_engine *e)
{
	struct engine_player *ep = e->player;
	int spec = eplayer_spectrum_tick(e);
	if (ep && __atomic_load_n(&ep->ended, __ATOMIC_ACQUIRE)) {
		e->quit = 1;
		return 0; /* run the loop once more so that it sees quit */
	}
	if (ep && ep->pl && e->hl.nfiles > 0) {
		/* --play: once every file failed or was stopped, nothing is left. */
		pthread_mutex_lock(&ep->lock);
		int jobs = ep->njobs;
		pthread_mutex_unlock(&ep->lock);
		il_player_status st;
		il_player_get_status(ep->pl, &st);
		if (jobs == 0 && st.queued == 0 && (st.state == IL_PLAYER_IDLE || st.state == IL_PLAYER_STOPPED)) {
			if (ep->nothing_left++ == 0)
				return 100; /* once more, after the workers' last events */
			engine_log(e, ENGINE_WARN, "nothing left to play");
			e->quit = 1;
			return 0;
		}
		ep->nothing_left = 0;
		return spec >= 0 && spec < 500 ? spec : 500; /* look again while the files are being prepared */
	}
	return spec;
}

/* Append the playback fields of a `status` event. */
void engine_player_status(il_engine *e, il_sbuf *sb)
{
	il_player_status st;
	memset(&st, 0, sizeof st);
	st.state = IL_PLAYER_IDLE;
	st.next_in = -1;
	st.audio = IL_AUDIO_NONE;
	st.volume = e->set.volume;
	if (eplayer_pl(e))
		il_player_get_status(eplayer_pl(e), &st);
	proto_fmt_str(sb, "state", il_player_state_name(st.state));
	proto_fmt_long(sb, "volume", e->set.volume);
	proto_fmt_str(sb, "output", e->set.output);
	proto_fmt_str(sb, "audio", il_audio_state_name(st.audio));
	proto_fmt_str(sb, "sink", st.sink);
	proto_fmt_long(sb, "underruns", (long)st.underruns);
	proto_fmt_long(sb, "buffer_ms", st.buffer_ms);
	proto_fmt_str(sb, "title", st.title);
	proto_fmt_str(sb, "artist", st.artist);
	proto_fmt_double(sb, "loop_seconds", st.loop_seconds, 3);
	proto_fmt_double(sb, "bpm", st.bpm, 1);
	proto_fmt_double(sb, "elapsed", st.elapsed, 3);
	proto_fmt_double(sb, "min_left", st.min_left, 3);
	proto_fmt_long(sb, "next_ready", st.next_ready);
	proto_fmt_str(sb, "next_title", st.next_title);
	proto_fmt_double(sb, "next_in", st.next_in, 1);
}

/* A setting that applies to the player changed: pass the player's
 * settings on (the sink only when its own settings changed). */
void engine_player_setting(il_engine *e, const il_settings_def *d)
{
	il_player *pl = eplayer_pl(e);
	if (!pl)
		return;
	if (d->applies & SETTING_TO_PLAYER) {
		il_player_set_volume(pl, e->set.volume);
		il_player_set_times(pl, e->set.min_duration, e->set.crossfade);
	}
	if (d->applies & SETTING_TO_SINK) {
		il_sink_spec spec;
		il_err err;
		if (eplayer_spec(e, &spec, &err) != 0) {
			engine_error_err(e, "set", &err);
			return;
		}
		if (spec.kind == e->player->spec.kind && spec.latency_ms == e->player->spec.latency_ms &&
		    !strcmp(spec.device, e->player->spec.device) &&
		    !strcmp(spec.path, e->player->spec.path))
			return; /* nothing changed for the sink */
		e->player->spec = spec;
		il_player_set_sink(pl, &spec);
	}
}

/* Take ownership of a prepared loop and queue it (converted on the
 * worker), or with now set crossfade to it once it is converted. */
int engine_player_enqueue(il_engine *e, il_loop *loop, int now, il_err *err)
{
	if (!eplayer_pl(e)) {
		il_loop_free(loop);
		return il_err_set(err, IL_E_AUDIO, "the player could not be started");
	}
	if (engine_prep_push(e, NULL, loop, now, NULL) != 0)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	return 0;
}

/* Prepare a favourite's saved copy and crossfade to it at once. */
int engine_player_play_remake(il_engine *e, const il_engine_remake *r, il_err *err)
{
	if (!eplayer_pl(e))
		return il_err_set(err, IL_E_AUDIO, "the player could not be started");
	if (engine_prep_push(e, r->path, NULL, 1, r) != 0)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	return 0;
}

/* Number of loops queued and not yet playing (those being prepared count). */
int engine_player_queued(il_engine *e)
{
	if (!eplayer_pl(e))
		return 0;
	il_player_status st;
	il_player_get_status(eplayer_pl(e), &st);
	pthread_mutex_lock(&e->player->lock);
	int n = st.queued + e->player->njobs;
	pthread_mutex_unlock(&e->player->lock);
	return n;
}

/* True while a loop is playing (paused counts as playing). */
int engine_player_playing(il_engine *e)
{
	if (!eplayer_pl(e))
		return 0;
	il_player_status st;
	il_player_get_status(eplayer_pl(e), &st);
	return st.state == IL_PLAYER_PLAYING || st.state == IL_PLAYER_PAUSED;
}

/* Drop the queued loops (and those being prepared). */
void engine_player_clear_queue(il_engine *e)
{
	struct engine_player *ep = e->player;
	if (!eplayer_pl(e))
		return;
	pthread_mutex_lock(&ep->lock);
	while (ep->jobs) {
		il_player_job *j = ep->jobs;
		ep->jobs = j->next;
		engine_prep_job_free(j);
		ep->njobs--;
		il_player_hold(ep->pl, -1);
	}
	ep->last = NULL;
	ep->epoch++; /* and the one being prepared, when it is done */
	il_player_clear_queue(ep->pl);
	pthread_mutex_unlock(&ep->lock);
}

/* Resume a paused loop (a new station always plays). */
void engine_player_resume(il_engine *e)
{
	il_err err;
	if (eplayer_pl(e))
		il_player_pause(eplayer_pl(e), 0, &err);
}

/* Stop playback: fade out over fade seconds (0: quickly, no click). */
void engine_player_stop(il_engine *e, double fade)
{
	if (eplayer_pl(e))
		il_player_stop_fade(eplayer_pl(e), fade);
	if (e->player)
		eplayer_forget_recent(e->player);
	engine_station_forget(e);
}

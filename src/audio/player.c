/* player.c: the player thread, its spectrum, and the requests
 * of other threads (see player.h); the sink is in player_output.c,
 * rendering in player_render.c. */
#include "audio/player_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dsp/xfade.h"
#include "util/timeutil.h"

/* Wait on the condition until woken or until the monotonic time `until`. */
void player_wait_until(il_player *p, double until)
{
	struct timespec ts;
	double s = until > 0 ? until : time_mono() + 3600;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec >= 1000000000L)
		ts.tv_nsec = 999999999L;
	pthread_cond_timedwait(&p->cond, &p->lock, &ts);
}

/* Remember an audio state change to report after unlocking. */
void player_set_audio(il_player *p, il_audio_state state, const char *msg)
{
	p->audio = state;
	p->audio_known = 1;
	p->ev_audio = state;
	snprintf(p->ev_audio_msg, sizeof p->ev_audio_msg, "%s", msg);
	snprintf(p->ev_audio_sink, sizeof p->ev_audio_sink, "%s", p->sink_name);
}

/* Deliver the events gathered under the lock; called unlocked. */
static void player_deliver(il_player *p, il_player_events *ev)
{
	if (ev->audio >= 0 && p->cb.audio)
		p->cb.audio(p->cb.ctx, (il_audio_state)ev->audio, ev->audio_msg, ev->audio_sink);
	if (ev->underrun && p->cb.underrun)
		p->cb.underrun(p->cb.ctx, ev->underruns, ev->buffer_ms, ev->grew);
	for (int k = 0; k < ev->nstarted; k++) {
		if (p->cb.loop_started)
			p->cb.loop_started(p->cb.ctx, ev->started[k], ev->started_at[k]);
		il_track_unref(ev->started[k]);
	}
	if (ev->ended && p->cb.ended)
		p->cb.ended(p->cb.ctx);
	for (int k = 0; k < ev->nfree; k++)
		il_track_unref(ev->tofree[k]);
}

/* Move the pending events out of the player (lock held). */
static void player_take_events(il_player *p, il_player_events *ev)
{
	*ev = p->ev;
	ev->audio = p->ev_audio;
	memcpy(ev->audio_msg, p->ev_audio_msg, sizeof ev->audio_msg);
	memcpy(ev->audio_sink, p->ev_audio_sink, sizeof ev->audio_sink);
	memset(&p->ev, 0, sizeof p->ev);
	p->ev_audio = -1;
}

/* Keep a written block for the spectrum (see player_internal.h): its
 * frames, mixed to mono, in the ring, published under the lock. */
void player_spectrum(il_player *p, const float *frames, size_t n, double latency)
{
	if (!p->spec)
		return;
	size_t mask = PLAYER_RING - 1;
	unsigned long long w = p->ring_w; /* only this thread changes it */
	for (size_t i = 0; i < n; i++)
		p->ring[(w + i) & mask] = 0.5f * (frames[2 * i] + frames[2 * i + 1]);
	double now = time_mono();
	pthread_mutex_lock(&p->lock);
	p->ring_w = w + n;
	p->spec_lat = latency;
	p->spec_t = now;
	pthread_mutex_unlock(&p->lock);
}

/* Band levels of what is heard now (see player.h). What is heard lags the
 * frames written by the output's latency, less the time since. */
int il_player_spectrum(il_player *p, double ahead, unsigned char *bands)
{
	if (!p->spec)
		return 0;
	double now = time_mono();
	pthread_mutex_lock(&p->lock);
	unsigned long long w = p->ring_w;
	double behind = p->spec_lat - (now - p->spec_t);
	pthread_mutex_unlock(&p->lock);
	if (behind < -0.1)
		return 0; /* all heard a while ago: nothing plays */
	if (ahead > 0 && behind < ahead)
		return -1; /* not written yet */
	behind -= ahead;
	unsigned long long lat = behind > 0 ? (unsigned long long)(behind * IL_SINK_RATE) : 0;
	if (lat > PLAYER_RING - IL_SPEC_FFT - 2 * IL_PLAYER_BLOCK_MAX)
		lat = PLAYER_RING - IL_SPEC_FFT - 2 * IL_PLAYER_BLOCK_MAX;
	if (w < lat + IL_SPEC_FFT)
		return 0;
	/* Frames far behind the writer's: the ring is long enough that they
	 * stay while they are copied. */
	size_t mask = PLAYER_RING - 1;
	unsigned long long end = w - lat;
	for (size_t i = 0; i < IL_SPEC_FFT; i++)
		p->win[i] = p->ring[(end - IL_SPEC_FFT + i) & mask];
	double fps = p->cfg.spectrum_fps > 0 ? p->cfg.spectrum_fps : 30.0;
	return il_spec_compute(p->spec, p->win, fps, bands);
}

/* The player thread. */
static void *player_main(void *arg)
{
	il_player *p = arg;
	il_player_events ev;
	pthread_mutex_lock(&p->lock);
	while (!p->quit) {
		if (p->reopen && p->sink) {
			il_sink *s = p->sink;
			p->sink = NULL;
			p->reopen = 0;
			pthread_mutex_unlock(&p->lock);
			il_sink_close(s, 0, NULL);
			pthread_mutex_lock(&p->lock);
		}
		p->reopen = 0;
		int open = player_output_open(p);
		if (p->ev_audio >= 0 || p->ev.nfree) {
			player_take_events(p, &ev);
			pthread_mutex_unlock(&p->lock);
			player_deliver(p, &ev);
			pthread_mutex_lock(&p->lock);
		}
		if (!open || p->quit)
			continue;
		if (p->npending) {
			size_t n = p->npending;
			p->npending = 0;
			memcpy(p->block, p->pending, n * 2 * sizeof(float));
			pthread_mutex_unlock(&p->lock);
			player_output_write(p, p->block, n);
			pthread_mutex_lock(&p->lock);
			continue;
		}
		/* As much as the output takes now (waiting for room first), so
		 * that each of its requests is one write. */
		size_t want = player_output_room(p);
		if (!want)
			continue;
		size_t n = player_render(p, p->block, want);
		player_take_events(p, &ev);
		il_sink *s = p->sink;
		pthread_mutex_unlock(&p->lock);
		player_deliver(p, &ev);
		if (n > 0) {
			player_output_write(p, p->block, n);
			pthread_mutex_lock(&p->lock);
			continue;
		}
		il_sink_idle(s);
		pthread_mutex_lock(&p->lock);
		if (!p->quit && !player_render_can(p)) {
			/* Idle: look at the server once a second so that its loss is
			 * reported (and recovered) even while nothing is written. */
			player_wait_until(p, time_mono() + 1.0);
			if (!p->quit && !player_render_can(p) && p->sink && !p->reopen)
				player_output_check(p);
		}
	}
	p->ramped_out = player_output_ramp_out(p);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Start the player thread. */
int il_player_new(il_player **out, const il_player_cfg *cfg, const il_player_cb *cb, il_err *err)
{
	*out = NULL;
	il_player *p = calloc(1, sizeof *p);
	if (!p)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	p->cfg = *cfg;
	if (cb)
		p->cb = *cb;
	p->ev_audio = -1;
	p->retry_delay = 0.5;
	p->buffer_ms = cfg->sink.latency_ms > 0 ? cfg->sink.latency_ms : 150;
	p->vtarget = p->vgain = il_xfade_volume_gain(cfg->volume);
	if (cfg->bands > 0) {
		p->spec = il_spec_new(IL_SINK_RATE, cfg->bands > IL_SPEC_MAX_BANDS ? IL_SPEC_MAX_BANDS : cfg->bands, err);
		p->ring = calloc(PLAYER_RING, sizeof *p->ring);
		p->win = calloc(IL_SPEC_FFT, sizeof *p->win);
		if (!p->spec || !p->ring || !p->win) {
			il_spec_free(p->spec);
			free(p->ring);
			free(p->win);
			free(p);
			return il_err_set(err, IL_E_INTERNAL, "cannot set up the spectrum");
		}
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &ca);
	pthread_condattr_destroy(&ca);
	int e = pthread_create(&p->thread, NULL, player_main, p);
	if (e != 0) {
		il_spec_free(p->spec);
		free(p->ring);
		free(p->win);
		free(p);
		return il_err_errno(err, IL_E_INTERNAL, e, "cannot start the player thread");
	}
	*out = p;
	return 0;
}

/* Stop the thread and close the sink. */
void il_player_free(il_player *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	__atomic_store_n(&p->cancel, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	il_sink_close(p->sink, p->ended || p->ramped_out, NULL);
	player_render_drop_all(p);
	il_player_events ev;
	player_take_events(p, &ev);
	for (int k = 0; k < ev.nstarted; k++)
		il_track_unref(ev.started[k]);
	for (int k = 0; k < ev.nfree; k++)
		il_track_unref(ev.tofree[k]);
	for (size_t k = 0; k < p->nplayed; k++)
		il_track_unref(p->played[k]);
	free(p->played);
	free(p->queue);
	il_spec_free(p->spec);
	free(p->ring);
	free(p->win);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* Queue a track, a listener's ahead of the station's (see player.h); the
 * frame it was queued at. */
unsigned long long il_player_enqueue(il_player *p, il_track *t)
{
	pthread_mutex_lock(&p->lock);
	unsigned long long at = p->timeline;
	if (player_render_push(&p->queue, &p->nqueue, &p->qcap, t) != 0) {
		il_track_unref(t);
	} else if (t->asked) {
		size_t k = p->nqueue - 1;
		for (; k > 0 && !p->queue[k - 1]->asked; k--)
			p->queue[k] = p->queue[k - 1];
		p->queue[k] = t;
	}
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return at;
}

/* Loops on their way: delta +1 or -1. */
void il_player_hold(il_player *p, int delta)
{
	pthread_mutex_lock(&p->lock);
	p->hold += delta;
	if (p->hold < 0)
		p->hold = 0;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* A new station: the next loop queued starts at the next bar line. */
void il_player_hurry(il_player *p)
{
	pthread_mutex_lock(&p->lock);
	p->hurry = p->cur && !p->stopping;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Crossfade to the next loop now. */
int il_player_skip(il_player *p, il_err *err)
{
	int rc = 0;
	pthread_mutex_lock(&p->lock);
	if (!p->cur || p->stopping)
		rc = il_err_set(err, IL_E_STATE, "nothing is playing");
	else if (!player_render_next_ready(p))
		rc = il_err_set(err, IL_E_STATE, "the next loop is not ready yet");
	else
		p->skip = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

/* Pause (1) or resume (0); only a loop that plays can be paused. */
int il_player_pause(il_player *p, int on, il_err *err)
{
	int rc = 0;
	pthread_mutex_lock(&p->lock);
	if (on && (!p->cur || p->stopping)) {
		rc = il_err_set(err, IL_E_STATE, "nothing is playing, so there is nothing to pause");
	} else if (!on && !p->paused) {
		rc = p->cur && !p->stopping ? 0 : il_err_set(err, IL_E_STATE, "nothing is paused");
	} else {
		p->paused = on;
		p->ptarget = on ? 0.0f : 1.0f;
		p->pramp = 0;
	}
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

/* Set the software volume: smoothed while sound plays, at once while
 * nothing is heard (the next start must not ramp from the old volume). */
void il_player_set_volume(il_player *p, int volume)
{
	pthread_mutex_lock(&p->lock);
	p->cfg.volume = volume;
	p->vtarget = il_xfade_volume_gain(volume);
	if (!p->cur || p->pgain == 0.0f)
		p->vgain = p->vtarget;
	pthread_mutex_unlock(&p->lock);
}

/* Change the minimum duration and the crossfade length. */
void il_player_set_times(il_player *p, double min_duration, double crossfade)
{
	pthread_mutex_lock(&p->lock);
	p->cfg.min_duration = min_duration;
	p->cfg.crossfade = crossfade;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Switch to another sink. */
void il_player_set_sink(il_player *p, const il_sink_spec *spec)
{
	pthread_mutex_lock(&p->lock);
	int fast = p->cfg.sink.fast;
	int append = p->cfg.sink.append && spec->kind == IL_SINK_FILE &&
		     p->cfg.sink.kind == IL_SINK_FILE && !strcmp(spec->path, p->cfg.sink.path);
	p->cfg.sink = *spec;
	p->cfg.sink.fast = fast;
	p->cfg.sink.append = append; /* the same recording goes on */
	p->reopen = 1;
	p->audio_known = 0;
	p->buffer_ms = spec->latency_ms > 0 ? spec->latency_ms : 150;
	p->retry_at = 0;
	p->retry_delay = 0.5;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Release the queued tracks (lock held). */
static void player_drop_queue(il_player *p)
{
	for (size_t k = 0; k < p->nqueue; k++)
		il_track_unref(p->queue[k]);
	p->nqueue = 0;
}

/* Fade out (10 ms) and drop everything. */
void il_player_stop(il_player *p)
{
	il_player_stop_fade(p, 0);
}

/* Fade out over the given seconds and drop everything. */
void il_player_stop_fade(il_player *p, double seconds)
{
	size_t frames = seconds * IL_SINK_RATE > PLAYER_RAMP ? (size_t)(seconds * IL_SINK_RATE) : 0;
	pthread_mutex_lock(&p->lock);
	player_drop_queue(p);
	p->hurry = 0;
	if (p->cur && p->pgain > 0.0f) {
		p->stopping = 1; /* the render ramps down, then drops what played */
		p->ptarget = 0.0f;
		p->pramp = frames;
	} else {
		player_render_drop_all(p);
		p->stopped = 1;
	}
	p->paused = 0;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Keep the current loop past the minimum duration (1) or not (0). */
void il_player_keep(il_player *p, int on)
{
	pthread_mutex_lock(&p->lock);
	p->keep = on != 0;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Crossfade to t now; the queue is left as it is. */
int il_player_jump(il_player *p, il_track *t, il_err *err)
{
	int rc = 0;
	il_track *drop = NULL;
	pthread_mutex_lock(&p->lock);
	if (!p->cur || p->stopping) {
		rc = il_err_set(err, IL_E_STATE, "nothing is playing");
	} else {
		drop = p->jump;
		p->jump = il_track_ref(t);
	}
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	il_track_unref(drop);
	return rc;
}

/* Drop the queued loops. */
void il_player_clear_queue(il_player *p)
{
	pthread_mutex_lock(&p->lock);
	player_drop_queue(p);
	for (size_t k = 0; k < p->nplayed; k++)
		il_track_unref(p->played[k]);
	p->nplayed = 0;
	p->cycle = 0;
	pthread_mutex_unlock(&p->lock);
}

/* The current loop (a new reference) or NULL. */
il_track *il_player_current(il_player *p)
{
	pthread_mutex_lock(&p->lock);
	il_track *t = p->cur && !p->stopping ? il_track_ref(p->cur) : NULL;
	pthread_mutex_unlock(&p->lock);
	return t;
}

/* The next loop (a new reference) or NULL. */
il_track *il_player_next(il_player *p)
{
	pthread_mutex_lock(&p->lock);
	il_track *t = p->nqueue ? il_track_ref(p->queue[0]) : NULL;
	pthread_mutex_unlock(&p->lock);
	return t;
}

/* A snapshot of the player's state. */
void il_player_get_status(il_player *p, il_player_status *st)
{
	memset(st, 0, sizeof *st);
	pthread_mutex_lock(&p->lock);
	if (p->cur && !p->stopping)
		st->state = p->paused ? IL_PLAYER_PAUSED : IL_PLAYER_PLAYING;
	else
		st->state = p->stopped || p->stopping ? IL_PLAYER_STOPPED : IL_PLAYER_IDLE;
	st->audio = p->audio_known ? p->audio : p->cfg.sink.kind == IL_SINK_NULL ? IL_AUDIO_OFF : IL_AUDIO_NONE;
	snprintf(st->sink, sizeof st->sink, "%s", p->sink ? p->sink_name : "");
	st->underruns = p->underruns;
	st->buffer_ms = p->buffer_ms;
	st->volume = p->cfg.volume;
	st->next_ready = player_render_next_ready(p);
	st->keep = p->keep;
	st->queued = (int)p->nqueue;
	st->switches = p->switches;
	st->frames = p->timeline;
	if (p->cur && !p->stopping) {
		unsigned long long minf = player_render_min_frames(p);
		st->elapsed = (double)p->elapsed / IL_SINK_RATE;
		st->loop_seconds = il_track_seconds(p->cur);
		st->min_left = p->elapsed < minf ? (double)(minf - p->elapsed) / IL_SINK_RATE : 0.0;
		snprintf(st->title, sizeof st->title, "%s", p->cur->loop->title);
		snprintf(st->artist, sizeof st->artist, "%s", p->cur->loop->artist);
		st->bpm = p->cur->loop->bpm;
	}
	const il_track *next = player_render_peek_next(p);
	long long in = player_render_next_in(p);
	st->next_in = -1;
	if (next && p->cur && !p->stopping) {
		snprintf(st->next_title, sizeof st->next_title, "%s", next->loop->title);
		st->next_in = in < 0 ? -1 : (double)in / IL_SINK_RATE;
	}
	pthread_mutex_unlock(&p->lock);
}

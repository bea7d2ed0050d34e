/* player_render.c: rendering, the queue and the requests of the player. */
#include "audio/player_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/xfade.h"

/* Frames in the minimum duration. */
static unsigned long long render_min_frames(const il_player *p)
{
	return (unsigned long long)llround(p->cfg.min_duration * IL_SINK_RATE);
}

/* Drop a reference outside the lock if there is room, else now. */
static void render_release(il_player *p, il_track *t)
{
	if (!t)
		return;
	if (p->ev.nfree < PLAYER_EV_MAX)
		p->ev.tofree[p->ev.nfree++] = t;
	else
		il_track_unref(t);
}

/* Append to a growable array of tracks; 0 or -1 when out of memory. */
static int render_push(il_track ***arr, size_t *n, size_t *cap, il_track *t)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		il_track **a = realloc(*arr, c * sizeof *a);
		if (!a)
			return -1;
		*arr = a;
		*cap = c;
	}
	(*arr)[(*n)++] = t;
	return 0;
}

/* True when a next loop can be taken now. */
static int render_next_ready(const il_player *p)
{
	return p->nqueue > 0 || (p->cfg.repeat && p->hold == 0 && p->nplayed > 0);
}

/* Take the next loop: the queue first, then (repeat) the loops played. */
static il_track *render_take_next(il_player *p)
{
	if (p->nqueue > 0) {
		il_track *t = p->queue[0];
		memmove(p->queue, p->queue + 1, (p->nqueue - 1) * sizeof *p->queue);
		p->nqueue--;
		if (p->cfg.repeat && render_push(&p->played, &p->nplayed, &p->pcap, t) == 0)
			il_track_ref(t);
		return t;
	}
	if (p->cfg.repeat && p->hold == 0 && p->nplayed > 0)
		return il_track_ref(p->played[p->cycle++ % p->nplayed]);
	return NULL;
}

/* Report that t became current. */
static void render_started(il_player *p, il_track *t)
{
	if (p->ev.nstarted < PLAYER_EV_MAX) {
		p->ev.started[p->ev.nstarted] = il_track_ref(t);
		p->ev.started_at[p->ev.nstarted++] = p->timeline;
	}
}

/* True when a switch is due but must wait for a loop being prepared. */
static int render_waiting(const il_player *p)
{
	return p->cur && !p->old && p->cfg.sink.fast && p->hold > 0 && p->nqueue == 0 &&
	       (p->skip || p->elapsed >= render_min_frames(p));
}

/* True when player_render would render something (lock held). */
int il_player_can_render(const il_player *p)
{
	if (p->ended || (p->paused && p->pgain == 0.0f) || render_waiting(p))
		return 0;
	return p->cur != NULL || (p->nqueue > 0 && !p->paused);
}

/* Drop the current loop, the fading one and the queue (lock held). */
void il_player_drop_all(il_player *p)
{
	render_release(p, p->cur);
	render_release(p, p->old);
	p->cur = p->old = NULL;
	for (size_t k = 0; k < p->nqueue; k++)
		il_track_unref(p->queue[k]);
	p->nqueue = 0;
	for (size_t k = 0; k < p->nplayed; k++)
		il_track_unref(p->played[k]);
	p->nplayed = 0;
	p->cycle = 0;
	p->skip = 0;
}

/* Decide about a switch before the next frame; 0 to go on, -1 to stop
 * rendering this block. */
static int render_switch(il_player *p)
{
	if (!p->cur) {
		if (p->paused)
			return -1;
		il_track *t = render_take_next(p);
		if (!t)
			return -1;
		p->cur = t;
		p->pos = 0;
		p->elapsed = 0;
		p->pgain = 0.0f;
		p->ptarget = 1.0f;
		p->stopped = 0;
		render_started(p, t);
		return 0;
	}
	if (p->old || !(p->skip || p->elapsed >= render_min_frames(p)))
		return 0;
	if (p->cfg.max_switches > 0 && p->switches >= (unsigned long)p->cfg.max_switches) {
		p->ended = 1;
		p->ev.ended = 1;
		return -1;
	}
	if (!render_next_ready(p))
		return render_waiting(p) ? -1 : 0;
	il_track *t = render_take_next(p);
	p->old = p->cur;
	p->opos = p->pos;
	p->cur = t;
	p->pos = 0;
	p->elapsed = 0;
	p->skip = 0;
	p->switches++;
	p->xf_pos = 0;
	p->xf_len = (size_t)llround(p->cfg.crossfade * IL_SINK_RATE);
	if (p->xf_len == 0) {
		render_release(p, p->old);
		p->old = NULL;
	}
	render_started(p, t);
	return 0;
}

/* Render up to n frames into out (lock held). */
size_t il_player_render(il_player *p, float *out, size_t n)
{
	unsigned long long maxf = p->cfg.max_seconds > 0
		? (unsigned long long)llround(p->cfg.max_seconds * IL_SINK_RATE) : 0;
	float vstep = 1.0f / PLAYER_VOLUME_RAMP, pstep = 1.0f / PLAYER_RAMP;
	size_t i = 0;
	while (i < n && !p->ended) {
		if (maxf && p->timeline >= maxf) {
			p->ended = 1;
			p->ev.ended = 1;
			break;
		}
		if (render_switch(p) != 0 || (p->paused && p->pgain == 0.0f))
			break;
		const float *a = p->cur->pcm + 2 * p->pos;
		float l = a[0], r = a[1];
		if (p->old) {
			float go, gi;
			il_xfade_gains((double)p->xf_pos / (double)p->xf_len, &go, &gi);
			const float *b = p->old->pcm + 2 * p->opos;
			l = go * b[0] + gi * l;
			r = go * b[1] + gi * r;
			if (++p->opos == p->old->len)
				p->opos = 0;
			if (++p->xf_pos >= p->xf_len) {
				render_release(p, p->old);
				p->old = NULL;
			}
		}
		if (++p->pos == p->cur->len)
			p->pos = 0;
		p->elapsed++;
		p->timeline++;
		p->vgain = il_xfade_slew(p->vgain, p->vtarget, vstep);
		p->pgain = il_xfade_slew(p->pgain, p->ptarget, pstep);
		float g = p->vgain * p->pgain;
		out[2 * i] = l * g;
		out[2 * i + 1] = r * g;
		i++;
		if (p->pgain == 0.0f && p->ptarget == 0.0f && p->stopping) {
			il_player_drop_all(p);
			p->stopping = 0;
			p->stopped = 1;
			break;
		}
	}
	return i;
}

/* Queue a track (the player takes the reference). */
void il_player_enqueue(il_player *p, il_track *t)
{
	pthread_mutex_lock(&p->lock);
	if (render_push(&p->queue, &p->nqueue, &p->qcap, t) != 0)
		il_track_unref(t);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
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

/* Crossfade to the next loop now. */
int il_player_skip(il_player *p, il_err *err)
{
	int rc = 0;
	pthread_mutex_lock(&p->lock);
	if (!p->cur || p->stopping)
		rc = il_err_set(err, "state: nothing is playing");
	else if (!render_next_ready(p))
		rc = il_err_set(err, "state: the next loop is not ready yet");
	else
		p->skip = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

/* Pause (1) or resume (0). */
void il_player_pause(il_player *p, int on)
{
	pthread_mutex_lock(&p->lock);
	p->paused = on;
	if (p->cur)
		p->ptarget = on ? 0.0f : 1.0f;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Set the software volume, smoothed. */
void il_player_set_volume(il_player *p, int volume)
{
	pthread_mutex_lock(&p->lock);
	p->cfg.volume = volume;
	p->vtarget = il_xfade_volume_gain(volume);
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
	p->cfg.sink = *spec;
	p->cfg.sink.fast = fast;
	p->reopen = 1;
	p->audio = PLAYER_AUDIO_UNKNOWN;
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

/* Fade out and drop everything. */
void il_player_stop(il_player *p)
{
	pthread_mutex_lock(&p->lock);
	player_drop_queue(p);
	if (p->cur && p->pgain > 0.0f) {
		p->stopping = 1; /* the render ramps down, then drops everything */
		p->ptarget = 0.0f;
	} else {
		il_player_drop_all(p);
		p->stopped = 1;
	}
	p->paused = 0;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
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
	static const char *names[] = { "ok", "lost", "none", "file", "none" };
	memset(st, 0, sizeof *st);
	pthread_mutex_lock(&p->lock);
	if (p->cur && !p->stopping)
		st->state = p->paused ? "paused" : "playing";
	else
		st->state = p->stopped || p->stopping ? "stopped" : "idle";
	st->audio = names[p->audio];
	st->volume = p->cfg.volume;
	st->next_ready = render_next_ready(p);
	st->queued = (int)p->nqueue;
	st->switches = p->switches;
	st->frames = p->timeline;
	if (p->cur && !p->stopping) {
		unsigned long long minf = render_min_frames(p);
		st->elapsed = (double)p->elapsed / IL_SINK_RATE;
		st->loop_seconds = il_track_seconds(p->cur);
		st->min_left = p->elapsed < minf ? (double)(minf - p->elapsed) / IL_SINK_RATE : 0.0;
		snprintf(st->title, sizeof st->title, "%s", p->cur->loop->title);
		snprintf(st->artist, sizeof st->artist, "%s", p->cur->loop->artist);
		st->bpm = p->cur->loop->bpm;
	}
	pthread_mutex_unlock(&p->lock);
}

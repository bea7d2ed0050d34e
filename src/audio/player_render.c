/* player_render.c: rendering and the queue of the player (lock held
 * throughout); the thread and the requests are in player.c. */
#include "audio/player_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/xfade.h"

/* Frames in the minimum duration. */
unsigned long long player_render_min_frames(const il_player *p)
{
	return (unsigned long long)llround(p->cfg.min_duration * IL_SINK_RATE);
}

/* Drop a reference outside the lock if there is room, else now. */
static void player_render_release(il_player *p, il_track *t)
{
	if (!t)
		return;
	if (p->ev.nfree < PLAYER_EV_MAX)
		p->ev.tofree[p->ev.nfree++] = t;
	else
		il_track_unref(t);
}

/* Append to a growable array of tracks; 0 or -1 when out of memory. */
int player_render_push(il_track ***arr, size_t *n, size_t *cap, il_track *t)
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
int player_render_next_ready(const il_player *p)
{
	return p->nqueue > 0 || (p->cfg.repeat && p->hold == 0 && p->nplayed > 0);
}

/* Take the next loop: the queue first, then (repeat) the loops played. */
static il_track *player_render_take_next(il_player *p)
{
	if (p->nqueue > 0) {
		il_track *t = p->queue[0];
		memmove(p->queue, p->queue + 1, (p->nqueue - 1) * sizeof *p->queue);
		p->nqueue--;
		p->hurry = 0; /* the new station's first loop is on */
		if (p->cfg.repeat && player_render_push(&p->played, &p->nplayed, &p->pcap, t) == 0)
			il_track_ref(t);
		return t;
	}
	if (p->cfg.repeat && p->hold == 0 && p->nplayed > 0)
		return il_track_ref(p->played[p->cycle++ % p->nplayed]);
	return NULL;
}

/* Report that t became current. */
static void player_render_started(il_player *p, il_track *t)
{
	if (p->ev.nstarted < PLAYER_EV_MAX) {
		p->ev.started[p->ev.nstarted] = il_track_ref(t);
		p->ev.started_at[p->ev.nstarted++] = p->timeline;
	}
}

/* True when a switch is asked for (skip, jump) or due (the minimum has
 * passed and the loop is not kept). */
static int player_render_due(const il_player *p)
{
	return p->skip || p->jump || (!p->keep && p->elapsed >= player_render_min_frames(p));
}

/* True when the current loop gives way at its next bar line rather than
 * at the minimum duration: a new station's first loop (il_player_hurry,
 * also while the loop is held: it was asked for), or any loop after a
 * stand-in that is not held (the startup loop), is queued. Never with a
 * fast sink, whose timeline must not depend on how quickly loops are made. */
static int player_render_hurried(const il_player *p)
{
	return p->cur && p->nqueue > 0 && !p->cfg.sink.fast && (p->hurry || (p->cur->loop->interim && !p->keep));
}

/* Frames from now to the first bar line (bar frames a bar, 0: any frame)
 * of the current loop at least wait frames ahead. */
static unsigned long long player_render_bar_after(const il_player *p, unsigned long long wait, size_t bar)
{
	size_t at = (size_t)((p->pos + wait) % p->cur->len);
	return wait + il_track_to_downbeat(p->cur, at, bar);
}

/* Frames until the next loop starts, as things stand: -1 when none is
 * ready or the current loop is held. */
long long player_render_next_in(const il_player *p)
{
	if (!p->cur || p->stopping || (!p->jump && !player_render_next_ready(p)))
		return -1;
	int asked = p->skip || p->jump, hurried = !asked && player_render_hurried(p);
	if (!asked && p->keep && !hurried)
		return -1;
	unsigned long long xf = p->old && p->xf_len > p->xf_pos ? p->xf_len - p->xf_pos : 0;
	unsigned long long minf = player_render_min_frames(p), in = ULLONG_MAX;
	unsigned long long wait = asked || p->elapsed >= minf ? 0 : minf - p->elapsed;
	if (asked || !p->keep)
		in = player_render_bar_after(p, wait > xf ? wait : xf, il_track_bar(p->cur));
	if (hurried) {
		unsigned long long h = p->elapsed == 0 && xf == 0 ? 1 : xf;
		h = player_render_bar_after(p, h, il_track_bar_guess(p->cur));
		if (h < in)
			in = h;
	}
	return (long long)in;
}

/* The loop that starts next, or NULL (borrowed). */
const il_track *player_render_peek_next(const il_player *p)
{
	if (p->jump)
		return p->jump;
	if (p->nqueue > 0)
		return p->queue[0];
	if (p->cfg.repeat && p->hold == 0 && p->nplayed > 0)
		return p->played[p->cycle % p->nplayed];
	return NULL;
}

/* True when a switch is due but must wait for a loop being prepared. */
static int player_render_waiting(const il_player *p)
{
	return p->cur && !p->old && !p->jump && p->cfg.sink.fast && p->hold > 0 && p->nqueue == 0 &&
	       player_render_due(p);
}

/* True when player_render would render something (lock held). */
int player_render_can(const il_player *p)
{
	if (p->ended || (p->paused && p->pgain == 0.0f) || player_render_waiting(p))
		return 0;
	return p->cur != NULL || (p->nqueue > 0 && !p->paused);
}

/* Drop the current loop, the fading one and those played (lock held). */
void player_render_drop_playing(il_player *p)
{
	il_track_page_out(p->cur);
	il_track_page_out(p->old);
	player_render_release(p, p->cur);
	player_render_release(p, p->old);
	player_render_release(p, p->jump);
	p->cur = p->old = p->jump = NULL;
	for (size_t k = 0; k < p->nplayed; k++)
		il_track_unref(p->played[k]);
	p->nplayed = 0;
	p->cycle = 0;
	p->skip = 0;
}

/* Drop the current loop, the fading one and the queue (lock held). */
void player_render_drop_all(il_player *p)
{
	player_render_drop_playing(p);
	for (size_t k = 0; k < p->nqueue; k++)
		il_track_unref(p->queue[k]);
	p->nqueue = 0;
}

/* Decide about a switch before the next frame; 0 to go on, -1 to stop
 * rendering this block. */
static int player_render_switch(il_player *p)
{
	if (!p->cur) {
		if (p->paused)
			return -1;
		il_track *t = player_render_take_next(p);
		if (!t)
			return -1;
		p->cur = t;
		p->pos = il_track_downbeat(t);
		p->elapsed = 0;
		p->pgain = 0.0f;
		p->ptarget = 1.0f;
		p->pramp = 0;
		p->stopped = 0;
		player_render_started(p, t);
		return 0;
	}
	int due = player_render_due(p);
	if (p->old || !(due || player_render_hurried(p)))
		return 0;
	if (p->cfg.max_switches > 0 && p->switches >= (unsigned long)p->cfg.max_switches) {
		p->ended = 1;
		p->ev.ended = 1;
		return -1;
	}
	if (!p->jump && !player_render_next_ready(p))
		return player_render_waiting(p) ? -1 : 0;
	/* The crossfade starts on a downbeat of the outgoing loop and the
	 * incoming one enters on its own; in a hurry, on the next one, as
	 * well as the loop's tempo tells. */
	size_t bar = due ? il_track_bar(p->cur) : il_track_bar_guess(p->cur);
	if (il_track_to_downbeat(p->cur, p->pos, bar) != 0 || (!due && p->elapsed == 0))
		return 0;
	if (!p->jump && p->nqueue == 0 && player_render_peek_next(p) == p->cur) {
		/* The next loop would be this one again: it plays on, with no
		 * crossfade into its own start (the two would add up, up to
		 * +3 dB), and counts as a switch. */
		p->cycle++;
		p->elapsed = 0;
		p->skip = 0;
		p->switches++;
		player_render_started(p, p->cur);
		return 0;
	}
	il_track *t = p->jump ? p->jump : player_render_take_next(p);
	p->jump = NULL;
	p->hurry = 0; /* a loop jumped to (a favourite, prev) ends it too */
	p->old = p->cur;
	p->opos = p->pos;
	p->cur = t;
	p->pos = il_track_downbeat(t);
	p->elapsed = 0;
	p->skip = 0;
	p->switches++;
	p->xf_pos = 0;
	p->xf_len = (size_t)llround(p->cfg.crossfade * IL_SINK_RATE);
	/* Two grooves (loops with bars) more than 3 % apart in tempo overlap
	 * for one bar of the outgoing loop at most. */
	double bo = p->old->loop->bpm, bi = t->loop->bpm;
	size_t obar = il_track_bar(p->old);
	if (bo > 0 && bi > 0 && fabs(bo / bi - 1.0) > 0.03 && obar > 0 && il_track_bar(t) > 0 &&
	    obar < p->xf_len)
		p->xf_len = obar;
	if (p->xf_len < PLAYER_MIN_FADE) /* crossfade 0 still ramps: no click */
		p->xf_len = PLAYER_MIN_FADE;
	player_render_started(p, t);
	return 0;
}

/* Frames from now, at most n, that the steady state lasts: one loop
 * playing on, no crossfade, pause or stop under way, gains at their
 * targets, no switch asked for or due (and none becoming due meanwhile),
 * the region not wrapping; 0 when not steady. Over them every frame is its
 * sample times the same gain, as player_render's loop would make it. */
static size_t player_render_steady(const il_player *p, size_t n, unsigned long long maxf)
{
	if (!p->cur || p->old || p->paused || p->stopping || p->vgain != p->vtarget || p->pgain != p->ptarget ||
	    player_render_due(p) || player_render_hurried(p))
		return 0;
	size_t m = p->cur->len - p->pos < n ? p->cur->len - p->pos : n;
	if (!p->keep && player_render_min_frames(p) - p->elapsed < m)
		m = (size_t)(player_render_min_frames(p) - p->elapsed);
	if (maxf && maxf - p->timeline < m)
		m = (size_t)(maxf - p->timeline);
	return m;
}

/* Render up to n frames into out (lock held). */
size_t player_render(il_player *p, float *out, size_t n)
{
	unsigned long long maxf = p->cfg.max_seconds > 0
		? (unsigned long long)llround(p->cfg.max_seconds * IL_SINK_RATE) : 0;
	float vstep = 1.0f / PLAYER_VOLUME_RAMP, pstep = 1.0f / (float)(p->pramp ? p->pramp : PLAYER_RAMP);
	size_t i = 0;
	while (i < n && !p->ended) {
		if (maxf && p->timeline >= maxf) {
			p->ended = 1;
			p->ev.ended = 1;
			break;
		}
		if (player_render_switch(p) != 0 || (p->paused && p->pgain == 0.0f))
			break;
		size_t m = player_render_steady(p, n - i, maxf);
		if (m > 0) {
			const float *a = p->cur->pcm + 2 * p->pos;
			float g = p->vgain * p->pgain, *o = out + 2 * i;
			for (size_t k = 0; k < 2 * m; k++)
				o[k] = a[k] * g;
			if ((p->pos += m) == p->cur->len)
				p->pos = 0;
			p->elapsed += m;
			p->timeline += m;
			i += m;
			continue;
		}
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
				if (p->old != p->cur)
					il_track_page_out(p->old);
				player_render_release(p, p->old);
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
			player_render_drop_playing(p); /* what was queued since plays next */
			p->stopping = 0;
			p->pramp = 0;
			p->stopped = 1;
			break;
		}
	}
	return i;
}

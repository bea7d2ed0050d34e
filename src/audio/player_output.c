/* player_output.c: the player thread's output: opening the sink (and
 * reopening it when it comes back), writing to it, counting underruns and
 * growing the buffer, the ramp out at the end. Lock held unless said. */
#include "audio/player_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

/* Open the sink if it is closed and due (lock held; unlocks meanwhile).
 * Returns 1 when a sink is open. */
int player_output_open(il_player *p)
{
	if (p->sink)
		return 1;
	if (time_mono() < p->retry_at) {
		player_wait_until(p, p->retry_at);
		return 0;
	}
	il_sink_spec spec = p->cfg.sink;
	spec.latency_ms = p->buffer_ms;
	spec.cancel = &p->cancel;
	pthread_mutex_unlock(&p->lock);
	il_sink *s = NULL;
	il_err err;
	int rc = il_sink_open(&s, &spec, &err);
	pthread_mutex_lock(&p->lock);
	if (rc != 0) {
		const char *msg = err.msg;
		if (!p->audio_known) {
			char m[IL_ERR_MAX + 32];
			snprintf(m, sizeof m, "%.400s; the station runs on and retries", msg);
			p->sink_name[0] = '\0';
			player_set_audio(p, IL_AUDIO_NONE, m);
		}
		p->retry_at = time_mono() + p->retry_delay;
		p->retry_delay = p->retry_delay * 2 > 5.0 ? 5.0 : p->retry_delay * 2;
		return 0;
	}
	if (p->quit || p->reopen) { /* changed meanwhile: try again */
		pthread_mutex_unlock(&p->lock);
		il_sink_close(s, 0, NULL);
		pthread_mutex_lock(&p->lock);
		p->reopen = 0;
		return 0;
	}
	p->sink = s;
	p->sink_underruns = 0;
	p->retry_delay = 0.5;
	if (spec.kind == IL_SINK_FILE)
		p->cfg.sink.append = 1; /* a reopen adds to this recording */
	snprintf(p->sink_name, sizeof p->sink_name, "%s", il_sink_name(s));
	il_sink_kind kind = il_sink_kind_of(s);
	if (kind == IL_SINK_PULSE || kind == IL_SINK_ALSA) {
		char m[IL_ERR_MAX];
		if (p->audio_known && p->audio == IL_AUDIO_LOST)
			snprintf(m, sizeof m, "audio %s back; playing on", kind == IL_SINK_PULSE ? "server" : "device");
		else if (kind == IL_SINK_PULSE)
			snprintf(m, sizeof m, "playing through the audio server (PulseAudio)");
		else
			snprintf(m, sizeof m, "playing through ALSA device %.200s", il_sink_name(s) + 5);
		player_set_audio(p, IL_AUDIO_OK, m);
	} else { /* no event: status says file or off */
		p->audio = kind == IL_SINK_FILE ? IL_AUDIO_FILE : IL_AUDIO_OFF;
		p->audio_known = 1;
	}
	return 1;
}

/* Count new underruns of the sink (lock held): report them at most every
 * 2 s, and when they recur, double the buffer and reopen the sink. */
static void player_output_underruns(il_player *p, unsigned long n)
{
	double now = time_mono();
	if (n > 0) {
		p->underruns += n;
		p->underrun_pending += (int)n;
		memmove(p->underrun_at + 1, p->underrun_at, (PLAYER_UNDERRUN_GROW - 1) * sizeof p->underrun_at[0]);
		p->underrun_at[0] = now;
	}
	if (!p->underrun_pending)
		return;
	int grow = p->underrun_at[PLAYER_UNDERRUN_GROW - 1] > 0 &&
		   now - p->underrun_at[PLAYER_UNDERRUN_GROW - 1] < PLAYER_UNDERRUN_WINDOW &&
		   p->buffer_ms < PLAYER_BUFFER_MAX;
	if (!grow && p->underrun_reported > 0 && now - p->underrun_reported < 2.0)
		return;
	if (grow) {
		p->buffer_ms = p->buffer_ms * 2 > PLAYER_BUFFER_MAX ? PLAYER_BUFFER_MAX : p->buffer_ms * 2;
		memset(p->underrun_at, 0, sizeof p->underrun_at);
		p->grow = 1;
	}
	p->ev.underrun = 1;
	p->ev.underruns = p->underruns;
	p->ev.buffer_ms = p->buffer_ms;
	p->ev.grew = grow;
	p->underrun_pending = 0;
	p->underrun_reported = now;
}

/* Say the audio server is lost and schedule a reconnection (lock held). */
static void player_output_lost(il_player *p, const il_err *err)
{
	const char *msg = err->msg;
	char m[IL_ERR_MAX + 32];
	snprintf(m, sizeof m, "%.400s; reconnecting", msg);
	player_set_audio(p, IL_AUDIO_LOST, m);
	p->sink_name[0] = '\0';
	p->retry_at = time_mono() + 0.2;
	p->retry_delay = 0.5;
}

/* Wait until the sink takes a block (lock held; unlocks meanwhile); the
 * frames to render (IL_PLAYER_BLOCK to IL_PLAYER_BLOCK_MAX), or 0 when the
 * sink failed (closed and reported) or changed meanwhile. */
size_t player_output_room(il_player *p)
{
	il_sink *s = p->sink;
	il_err err;
	pthread_mutex_unlock(&p->lock);
	long room = il_sink_room(s, IL_PLAYER_BLOCK, IL_PLAYER_BLOCK_MAX, &err);
	pthread_mutex_lock(&p->lock);
	if (p->sink != s || p->quit || p->reopen)
		return 0;
	if (room < 0) {
		p->sink = NULL;
		player_output_lost(p, &err);
		pthread_mutex_unlock(&p->lock);
		il_sink_close(s, 0, NULL);
		pthread_mutex_lock(&p->lock);
		return 0;
	}
	return (size_t)room > IL_PLAYER_BLOCK ? (size_t)room : IL_PLAYER_BLOCK;
}

/* Write a block; on failure close the sink and keep the block for later.
 * Called unlocked; returns 0 or -1. */
int player_output_write(il_player *p, const float *buf, size_t n)
{
	il_err err;
	double lat = il_sink_latency(p->sink);
	player_spectrum(p, buf, n, lat);
	if (il_sink_write(p->sink, buf, n, &err) == 0) {
		unsigned long u = il_sink_underruns(p->sink);
		pthread_mutex_lock(&p->lock);
		if (u != p->sink_underruns || p->underrun_pending) {
			player_output_underruns(p, u - p->sink_underruns);
			p->sink_underruns = u;
		}
		int grow = p->grow, ms = p->buffer_ms;
		p->grow = 0;
		pthread_mutex_unlock(&p->lock);
		/* A longer buffer: in place when the sink can, else reopened. */
		if (grow && il_sink_set_latency(p->sink, ms) != 0) {
			pthread_mutex_lock(&p->lock);
			p->reopen = 1;
			pthread_mutex_unlock(&p->lock);
		}
		return 0;
	}
	pthread_mutex_lock(&p->lock);
	il_sink *s = p->sink;
	p->sink = NULL;
	memcpy(p->pending, buf, n * 2 * sizeof(float));
	p->npending = n;
	player_output_lost(p, &err);
	pthread_mutex_unlock(&p->lock);
	il_sink_close(s, 0, NULL);
	return -1;
}

/* Quitting: ramp what plays down to silence and write it, so that the
 * sound ends without a click (lock held; unlocks meanwhile). Returns 1
 * when a ramp was written. */
int player_output_ramp_out(il_player *p)
{
	if (!p->sink || !p->cur || (p->stopping && !p->pramp) || p->ended || p->pgain == 0.0f)
		return 0;
	p->paused = 1;
	p->ptarget = 0.0f;
	p->pramp = 0; /* a long stop fade ends quickly too */
	size_t n = player_render(p, p->block, PLAYER_RAMP + 1);
	pthread_mutex_unlock(&p->lock);
	int rc = n > 0 ? player_output_write(p, p->block, n) : -1;
	pthread_mutex_lock(&p->lock);
	return rc == 0 && p->sink != NULL;
}

/* Check an idle sink; when it failed, close it and report the loss
 * (lock held; unlocks meanwhile). */
void player_output_check(il_player *p)
{
	il_sink *s = p->sink;
	il_err err;
	pthread_mutex_unlock(&p->lock);
	int ok = il_sink_alive(s, &err);
	pthread_mutex_lock(&p->lock);
	if (ok || p->sink != s)
		return;
	p->sink = NULL;
	player_output_lost(p, &err);
	pthread_mutex_unlock(&p->lock);
	il_sink_close(s, 0, NULL);
	pthread_mutex_lock(&p->lock);
}

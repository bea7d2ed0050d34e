/* engine_station.c: station controls of the engine (hold, prev, sleep,
 * toggle) and what they keep: the way back through the loops played, and
 * the sleep timer.
 *
 * The loops played are held newest first, the current one at [0], for
 * `prev`: at most ESTATION_BACK loops, and the ones before the current
 * one at most ESTATION_BACK_BYTES of audio together. The player thread
 * reports each loop that becomes current (engine_station_played); the
 * other functions run on the main thread. The sleep timer counts wall
 * time (a paused station counts too). */
#include "engine/engine_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/player.h"
#include "util/timeutil.h"

#define ESTATION_BACK 5                   /* the current loop and the 4 before it */
#define ESTATION_BACK_BYTES (32u << 20)   /* audio of those before it: 87 s at 48 kHz stereo */
#define ESTATION_SLEEP_FADE 5.0           /* seconds of the sleep timer's fade-out */

struct engine_station {
	pthread_mutex_t lock;
	il_track *back[ESTATION_BACK]; /* newest first: [0] plays (under lock) */
	int nback;
	il_track *going;               /* the loop `prev` went back to, until it starts */
	double sleep_at;               /* when the sleep timer ends (monotonic), 0: off */
};

/* Set up the station controls; 0 or -1 with err. */
int engine_station_init(il_engine *e, il_err *err)
{
	struct engine_station *s = calloc(1, sizeof *s);
	if (!s)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	pthread_mutex_init(&s->lock, NULL);
	e->station = s;
	return 0;
}

/* Drop the loops held for `prev`. */
void engine_station_forget(il_engine *e)
{
	struct engine_station *s = e->station;
	il_track *drop[ESTATION_BACK];
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	int n = s->nback;
	memcpy(drop, s->back, sizeof drop);
	s->nback = 0;
	s->going = NULL;
	pthread_mutex_unlock(&s->lock);
	for (int k = 0; k < n; k++)
		il_track_unref(drop[k]);
}

/* Tear down the station controls (after the player thread ended). */
void engine_station_free(il_engine *e)
{
	if (!e->station)
		return;
	engine_station_forget(e);
	pthread_mutex_destroy(&e->station->lock);
	free(e->station);
	e->station = NULL;
}

/* Bytes of the audio a loop holds in memory. */
static size_t estation_bytes(const il_track *t)
{
	return t->len * 2 * sizeof(float);
}

/* A loop became current (player thread): it goes first, unless it is the
 * one `prev` went back to, which is first already. */
void engine_station_played(il_engine *e, il_track *t)
{
	struct engine_station *s = e->station;
	il_track *drop[ESTATION_BACK];
	int ndrop = 0;
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->going == t && s->nback > 0 && s->back[0] == t) {
		s->going = NULL;
		pthread_mutex_unlock(&s->lock);
		return;
	}
	s->going = NULL;
	if (s->nback == ESTATION_BACK)
		drop[ndrop++] = s->back[--s->nback];
	memmove(s->back + 1, s->back, (size_t)s->nback * sizeof *s->back);
	s->back[0] = il_track_ref(t);
	s->nback++;
	size_t bytes = 0;
	for (int k = 1; k < s->nback; k++)
		bytes += estation_bytes(s->back[k]);
	while (s->nback > 1 && bytes > ESTATION_BACK_BYTES) {
		bytes -= estation_bytes(s->back[s->nback - 1]);
		drop[ndrop++] = s->back[--s->nback];
	}
	pthread_mutex_unlock(&s->lock);
	for (int k = 0; k < ndrop; k++)
		il_track_unref(drop[k]);
}

/* A new station was chosen: the loop playing gives way at its next bar
 * line once the station's first loop is ready, held or not (as cmus plays
 * the track chosen under repeat_current); a hold stays, for the new loop. */
void engine_station_begin(il_engine *e)
{
	il_player *pl = engine_player_get(e);
	if (pl)
		il_player_hurry(pl);
}

/* The station controls' state for request m, or NULL after an `error`
 * event (it could not be set up). */
static struct engine_station *estation_of(il_engine *e, const il_proto_msg *m)
{
	if (!e->station)
		engine_error(e, IL_E_INTERNAL, m->verb, "the station controls could not be set up");
	return e->station;
}

/* The player for request m, or NULL after an `error` event. */
static il_player *estation_need(il_engine *e, const il_proto_msg *m)
{
	il_player *pl = engine_player_get(e);
	if (!pl)
		engine_error(e, IL_E_AUDIO, m->verb, "the player could not be started");
	return pl;
}

/* `hold [on=0|1]`: keep the current loop past the minimum duration, or
 * let the switches come again; no field toggles. */
static void estation_req_hold(il_engine *e, const il_proto_msg *m)
{
	il_player *pl = estation_need(e, m);
	il_player_status st;
	il_err err;
	long on;
	if (!pl)
		return;
	il_player_get_status(pl, &st);
	if (!proto_get(m, "on"))
		on = !st.keep;
	else if (proto_get_long(m, "on", 0, 1, &on, &err) != 0) {
		engine_error_err(e, "hold", &err);
		return;
	}
	il_player_keep(pl, (int)on);
	if (!on)
		engine_log(e, ENGINE_INFO, "hold released");
	else if (st.title[0])
		engine_log(e, ENGINE_INFO, "holding %s", st.title);
	else
		engine_log(e, ENGINE_INFO, "holding (the next loop that plays)");
}

/* `prev`: crossfade back to the loop that played before the current one;
 * the current one is dropped from the way back, the queue stays. */
static void estation_req_prev(il_engine *e, const il_proto_msg *m)
{
	struct engine_station *s = estation_of(e, m);
	il_player *pl = s ? estation_need(e, m) : NULL;
	il_err err;
	if (!pl)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->nback < 2) {
		pthread_mutex_unlock(&s->lock);
		engine_error(e, IL_E_STATE, "prev", "no previous loop");
		return;
	}
	il_track *to = s->back[1], *drop = NULL;
	int rc = il_player_jump(pl, to, &err);
	if (rc == 0) {
		drop = s->back[0];
		memmove(s->back, s->back + 1, (size_t)(s->nback - 1) * sizeof *s->back);
		s->nback--;
		s->going = to;
	}
	pthread_mutex_unlock(&s->lock);
	if (rc != 0) {
		engine_error_err(e, "prev", &err);
		return;
	}
	engine_log(e, ENGINE_INFO, "back to %s", to->loop->title);
	il_track_unref(drop);
}

/* `sleep minutes=N | seconds=S`: stop the station after that long (0: the
 * timer is off). */
static void estation_req_sleep(il_engine *e, const il_proto_msg *m)
{
	struct engine_station *s = estation_of(e, m);
	il_err err;
	long v;
	int in_minutes = proto_get(m, "minutes") != NULL;
	if (!s)
		return;
	if (in_minutes && proto_get(m, "seconds")) {
		engine_error(e, IL_E_BAD_VALUE, "sleep", "give 'minutes' or 'seconds', not both");
		return;
	}
	if (!in_minutes && !proto_get(m, "seconds")) {
		engine_error(e, IL_E_MISSING_FIELD, "sleep", "'sleep' needs field 'minutes' or 'seconds'");
		return;
	}
	if (proto_get_long(m, in_minutes ? "minutes" : "seconds", 0, in_minutes ? 1440 : 86400, &v, &err) != 0) {
		engine_error_err(e, "sleep", &err);
		return;
	}
	double secs = in_minutes ? 60.0 * (double)v : (double)v;
	s->sleep_at = v > 0 ? time_mono() + secs : 0;
	if (v == 0)
		engine_log(e, ENGINE_INFO, "sleep timer off");
	else
		engine_log(e, ENGINE_INFO, "sleep timer: the station stops in %ld %s", v,
			   in_minutes ? (v == 1 ? "minute" : "minutes") : (v == 1 ? "second" : "seconds"));
}

/* `toggle`: pause what plays, resume what is paused. */
static void estation_req_toggle(il_engine *e, const il_proto_msg *m)
{
	il_player *pl = estation_need(e, m);
	il_player_status st;
	il_err err;
	if (!pl)
		return;
	il_player_get_status(pl, &st);
	int on = st.state != IL_PLAYER_PAUSED;
	if (il_player_pause(pl, on, &err) != 0)
		engine_error_err(e, "toggle", &err);
	else
		engine_log(e, ENGINE_INFO, "%s", on ? "paused" : "resumed");
}

/* The station requests (see engine_request.h). */
const il_engine_request engine_station_requests[] = {
	{ "hold", { NULL }, { "on", NULL }, "[on=0|1]", estation_req_hold },
	{ "prev", { NULL }, { NULL }, "", estation_req_prev },
	{ "sleep", { NULL }, { "minutes", "seconds", NULL }, "minutes=N | seconds=S", estation_req_sleep },
	{ "toggle", { NULL }, { NULL }, "", estation_req_toggle },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* Periodic work: the sleep timer; milliseconds until it wants to run
 * again (-1: idle). */
int engine_station_tick(il_engine *e)
{
	struct engine_station *s = e->station;
	if (!s || s->sleep_at <= 0)
		return -1;
	double left = s->sleep_at - time_mono();
	if (left > 0)
		return (int)(left * 1000) + 1;
	s->sleep_at = 0;
	engine_gen_stop(e, ESTATION_SLEEP_FADE);
	engine_log(e, ENGINE_INFO, "sleep timer: stopped");
	return -1;
}

/* Append the station fields of a `status` event. */
void engine_station_status(il_engine *e, il_sbuf *sb)
{
	struct engine_station *s = e->station;
	il_player_status st;
	st.keep = 0;
	if (engine_player_get(e))
		il_player_get_status(engine_player_get(e), &st);
	double left = s && s->sleep_at > 0 ? s->sleep_at - time_mono() : 0;
	proto_fmt_long(sb, "hold", st.keep);
	proto_fmt_double(sb, "sleep_left", left > 0 ? left : 0, 1);
}

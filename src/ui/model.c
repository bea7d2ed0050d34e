/* model.c: what the UI knows about the engine, built from protocol events. */
#include "ui/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reset m to "nothing known yet". */
void uimodel_init(il_uimodel *m)
{
	memset(m, 0, sizeof *m);
	m->state = IL_PLAYER_IDLE; /* shown as "starting" until a status says (have_status) */
	m->gen = GEN_STATE_IDLE;
	m->volume = -1;
	m->next_in = -1;
	m->presets_fresh = 1;
	m->stats_fresh = 1;
}

/* Copy field key of msg into dst (size n) when present; 1 if it was. */
static int uimodel_str(const il_proto_msg *msg, const char *key, char *dst, size_t n)
{
	const char *v = proto_get(msg, key);
	if (!v)
		return 0;
	snprintf(dst, n, "%s", v);
	return 1;
}

/* Read a number field when present and finite. */
static void uimodel_num(const il_proto_msg *msg, const char *key, double *dst)
{
	const char *v = proto_get(msg, key);
	if (!v)
		return;
	char *end;
	double d = strtod(v, &end);
	if (end != v && isfinite(d))
		*dst = d;
}

/* Read an integer field when present. */
static void uimodel_long(const il_proto_msg *msg, const char *key, long *dst)
{
	const char *v = proto_get(msg, key);
	if (!v)
		return;
	char *end;
	long d = strtol(v, &end, 10);
	if (end != v)
		*dst = d;
}

/* The setting named key, or NULL. */
il_uim_setting *uimodel_setting(il_uimodel *m, const char *key)
{
	for (int k = 0; k < m->nsettings; k++)
		if (!strcmp(m->settings[k].key, key))
			return &m->settings[k];
	return NULL;
}

/* A signature of a message's fields, names and values (FNV-1a). */
static unsigned long uimodel_sig(const il_proto_msg *msg)
{
	unsigned long h = 2166136261UL;
	for (int k = 0; k < msg->nfields; k++) {
		const il_proto_field *f = &msg->fields[k];
		for (const char *c = f->key; *c; c++)
			h = (h ^ (unsigned char)*c) * 16777619UL;
		h = (h ^ '=') * 16777619UL;
		for (size_t i = 0; i < f->len; i++)
			h = (h ^ (unsigned char)f->value[i]) * 16777619UL;
		h = (h ^ ' ') * 16777619UL;
	}
	return h;
}

/* `status`: the whole playback and generation state. */
static unsigned uimodel_status(il_uimodel *m, const il_proto_msg *msg, double now)
{
	/* The same fields as the last status, with no other event between
	 * (paused, idle): nothing to draw. */
	unsigned long sig = uimodel_sig(msg);
	int same = m->have_status && sig == m->status_sig;
	m->status_sig = sig;
	char title[sizeof m->title];
	snprintf(title, sizeof title, "%s", m->title);
	if (il_player_state_parse(proto_get(msg, "state"), &m->state) == 0)
		m->have_status = 1;
	uimodel_str(msg, "prompt", m->prompt, sizeof m->prompt);
	uimodel_str(msg, "backend", m->backend, sizeof m->backend);
	uimodel_str(msg, "model", m->model, sizeof m->model);
	uimodel_str(msg, "output", m->output, sizeof m->output);
	if (il_audio_state_parse(proto_get(msg, "audio"), &m->audio) == 0)
		m->have_audio = 1;
	uimodel_str(msg, "sink", m->sink, sizeof m->sink);
	uimodel_long(msg, "underruns", &m->underruns);
	uimodel_long(msg, "buffer_ms", &m->buffer_ms);
	long vol = m->volume;
	uimodel_long(msg, "volume", &vol);
	m->volume = (int)vol;
	gen_state_parse(proto_get(msg, "gen"), &m->gen);
	uimodel_num(msg, "progress", &m->progress);
	uimodel_num(msg, "eta", &m->eta);
	uimodel_long(msg, "attempt", &m->attempt);
	double took = 0;
	uimodel_num(msg, "gen_elapsed", &took);
	if (m->gen == GEN_STATE_RUNNING && took > 0)
		m->job_at = now - took; /* the engine timed the attempt (e.g. before this client attached) */
	uimodel_str(msg, "title", m->title, sizeof m->title);
	uimodel_str(msg, "artist", m->artist, sizeof m->artist);
	uimodel_num(msg, "loop_seconds", &m->loop_seconds);
	uimodel_num(msg, "bpm", &m->bpm);
	uimodel_num(msg, "elapsed", &m->elapsed);
	uimodel_num(msg, "min_left", &m->min_left);
	long nr = m->next_ready, hold = m->hold;
	uimodel_long(msg, "next_ready", &nr);
	m->next_ready = (int)nr;
	m->next_title[0] = '\0';
	uimodel_str(msg, "next_title", m->next_title, sizeof m->next_title);
	m->next_in = -1;
	uimodel_num(msg, "next_in", &m->next_in);
	uimodel_long(msg, "hold", &hold);
	m->hold = hold != 0;
	double sleep = -1;
	uimodel_num(msg, "sleep_left", &sleep);
	if (sleep >= 0)
		m->sleep_until = sleep > 0 ? now + sleep : 0;
	m->status_at = now;
	m->starting = 0;
	if (m->state == IL_PLAYER_STOPPED) { /* nothing of the last loop stays on screen */
		m->title[0] = m->artist[0] = m->loop_prompt[0] = '\0';
		m->method[0] = m->quality[0] = '\0';
		m->score = m->bpm = m->loop_seconds = 0;
	}
	return same ? 0 : UIM_D_TIMING | UIM_D_GEN | UIM_D_STATUS | UIM_D_INFO;
}

/* `gen`: generation progress. */
static unsigned uimodel_gen(il_uimodel *m, const il_proto_msg *msg, double now)
{
	int was_running = m->gen_last == GEN_STATE_RUNNING;
	long attempt = m->attempt;
	if (gen_state_parse(proto_get(msg, "state"), &m->gen_last) == 0)
		m->gen = m->gen_last;
	uimodel_num(msg, "progress", &m->progress);
	uimodel_num(msg, "eta", &m->eta);
	uimodel_long(msg, "attempt", &m->attempt);
	if (m->gen_last != GEN_STATE_RUNNING)
		m->job_at = 0;
	else if (!was_running || m->attempt != attempt)
		m->job_at = now; /* an attempt began: the ETA counts from here */
	m->gen_wait = 0;
	uimodel_num(msg, "wait", &m->gen_wait);
	m->gen_msg[0] = '\0';
	uimodel_str(msg, "msg", m->gen_msg, sizeof m->gen_msg);
	m->gen_at = now;
	if (m->gen_last == GEN_STATE_FAILED)
		uimodel_msg(m, UIM_MSG_ERROR, now, "generation failed: %s",
			    m->gen_msg[0] ? m->gen_msg : "no reason given");
	else if (m->gen_last == GEN_STATE_RETRY)
		uimodel_msg(m, UIM_MSG_WARN, now, "generation failed, retrying in %.0f s: %s",
			    m->gen_wait, m->gen_msg);
	return UIM_D_GEN | UIM_D_STATUS | UIM_D_MSG;
}

/* `loop`: a new loop started playing. */
static unsigned uimodel_loop(il_uimodel *m, const il_proto_msg *msg, double now)
{
	double id = 0;
	uimodel_num(msg, "id", &id);
	m->loop_id = (long)id;
	uimodel_str(msg, "title", m->title, sizeof m->title);
	uimodel_str(msg, "artist", m->artist, sizeof m->artist);
	uimodel_str(msg, "prompt", m->loop_prompt, sizeof m->loop_prompt);
	uimodel_num(msg, "seconds", &m->loop_seconds);
	uimodel_num(msg, "bpm", &m->bpm);
	uimodel_num(msg, "score", &m->score);
	uimodel_str(msg, "method", m->method, sizeof m->method);
	uimodel_str(msg, "quality", m->quality, sizeof m->quality);
	uimodel_str(msg, "style", m->style, sizeof m->style);
	uimodel_str(msg, "key", m->key, sizeof m->key);
	uimodel_str(msg, "metre", m->metre, sizeof m->metre);
	uimodel_str(msg, "instruments", m->instruments, sizeof m->instruments);
	m->elapsed = 0;
	m->status_at = now;
	il_uim_setting *md = uimodel_setting(m, "min_duration");
	m->min_left = md ? atof(md->value) : 0; /* until the next status says */
	m->next_ready = 0;
	m->next_title[0] = '\0'; /* it is this one, or another: the next status says */
	m->next_in = -1;
	if (m->state != IL_PLAYER_PAUSED)
		m->state = IL_PLAYER_PLAYING;
	m->have_status = 1;
	m->have_analysis = 0;
	uimodel_msg(m, UIM_MSG_INFO, now, "now playing: %s", m->title);
	return UIM_D_INFO | UIM_D_TIMING | UIM_D_STATUS | UIM_D_MSG | UIM_D_ANALYSIS;
}

/* `spectrum`: band levels, shown now or, with at=MS, MS milliseconds from
 * now (uimodel_spectrum_due). A newer frame replaces those waiting for
 * the same time or later (and one shown now, all of them): they were
 * made earlier, from what the output held then. The oldest waiting is
 * dropped for room. */
static unsigned uimodel_spectrum(il_uimodel *m, const il_proto_msg *msg, double now)
{
	const char *hex = proto_get(msg, "bands"), *at = proto_get(msg, "at");
	unsigned char bands[UIM_BANDS_MAX];
	long n = hex ? proto_hex_decode(hex, bands, UIM_BANDS_MAX) : -1;
	if (n < 0)
		return 0;
	double later = at ? atof(at) / 1000 : 0;
	if (!(later > 0 && later < 1))
		m->nlater = 0; /* shown now: those waiting were made before it */
	while (m->nlater > 0 && m->later[m->nlater - 1].due >= now + later)
		m->nlater--; /* (they stay in the order of their times) */
	if (later > 0 && later < 1) {
		if (m->nlater == UIM_LATER_MAX)
			memmove(m->later, m->later + 1, --m->nlater * sizeof *m->later);
		struct uim_frame *f = &m->later[m->nlater++];
		memcpy(f->bands, bands, (size_t)n);
		f->nbands = (int)n;
		f->due = now + later;
		return 0;
	}
	memcpy(m->bands, bands, (size_t)n);
	m->nbands = (int)n;
	m->spectrum_at = now;
	return UIM_D_SPECTRUM;
}

/* Show the spectrum frames whose time has come (see model.h). */
unsigned uimodel_spectrum_due(il_uimodel *m, double now, double *next)
{
	int k = 0;
	while (k < m->nlater && m->later[k].due <= now)
		k++;
	if (k > 0) {
		const struct uim_frame *f = &m->later[k - 1];
		memcpy(m->bands, f->bands, (size_t)f->nbands);
		m->nbands = f->nbands;
		m->spectrum_at = now;
		memmove(m->later, m->later + k, (size_t)(m->nlater - k) * sizeof *m->later);
		m->nlater -= k;
	}
	*next = m->nlater > 0 ? m->later[0].due : 0;
	return k > 0 ? UIM_D_SPECTRUM : 0;
}

/* `setting`: one setting's value and its range or choices. */
static unsigned uimodel_setting_ev(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	const char *key = proto_get(msg, "key");
	m->starting = 0;
	if (!key)
		return 0;
	il_uim_setting *s = uimodel_setting(m, key);
	if (!s) {
		if (m->nsettings >= UIM_SETTINGS_MAX)
			return 0;
		s = &m->settings[m->nsettings++];
		memset(s, 0, sizeof *s);
		snprintf(s->key, sizeof s->key, "%s", key);
	}
	uimodel_str(msg, "value", s->value, sizeof s->value);
	s->has_range = proto_get(msg, "min") && proto_get(msg, "max");
	uimodel_num(msg, "min", &s->min);
	uimodel_num(msg, "max", &s->max);
	s->choices[0] = '\0';
	uimodel_str(msg, "choices", s->choices, sizeof s->choices);
	s->about[0] = '\0';
	uimodel_str(msg, "about", s->about, sizeof s->about);
	if (!strcmp(key, "volume")) {
		m->volume = atoi(s->value);
		return UIM_D_SETTINGS | UIM_D_STATUS;
	}
	return UIM_D_SETTINGS | UIM_D_GEN;
}

/* `preset`: one preset (index 0 starts a new list). */
static unsigned uimodel_preset(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	long idx = -1;
	uimodel_long(msg, "index", &idx);
	if (idx == 0 || m->presets_fresh)
		m->npresets = 0;
	m->presets_fresh = 0;
	if (m->npresets >= UIM_PRESETS_MAX)
		return 0;
	il_uim_preset *p = &m->presets[m->npresets++];
	p->name[0] = p->prompt[0] = '\0';
	uimodel_str(msg, "name", p->name, sizeof p->name);
	uimodel_str(msg, "prompt", p->prompt, sizeof p->prompt);
	return UIM_D_PRESETS;
}

/* Start new statistics lists when a fresh answer begins. */
static void uimodel_stats_begin(il_uimodel *m)
{
	if (m->stats_fresh) {
		m->nstats = m->nhist = 0;
		m->stats_fresh = 0;
	}
	m->stats_answered = 1;
}

/* `stat`: one requested duration's record. */
static unsigned uimodel_stat(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	uimodel_stats_begin(m);
	if (m->nstats >= UIM_STATS_MAX)
		return 0;
	il_uim_stat *s = &m->stats[m->nstats++];
	memset(s, 0, sizeof *s);
	uimodel_long(msg, "seconds", &s->seconds);
	uimodel_long(msg, "runs", &s->runs);
	uimodel_long(msg, "ok", &s->ok);
	uimodel_num(msg, "avg", &s->avg);
	return UIM_D_STATS;
}

/* `history`: one recent generation. */
static unsigned uimodel_history(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	uimodel_stats_begin(m);
	if (m->nhist >= UIM_HISTORY_MAX)
		return 0;
	il_uim_hist *h = &m->hist[m->nhist++];
	memset(h, 0, sizeof *h);
	uimodel_long(msg, "time", &h->time);
	uimodel_long(msg, "secs", &h->secs);
	uimodel_str(msg, "backend", h->backend, sizeof h->backend);
	uimodel_str(msg, "model", h->model, sizeof h->model);
	uimodel_str(msg, "prompt", h->prompt, sizeof h->prompt);
	uimodel_str(msg, "outcome", h->outcome, sizeof h->outcome);
	h->ok = !strcmp(h->outcome, "ok");
	uimodel_str(msg, "error", h->error, sizeof h->error);
	uimodel_num(msg, "actual", &h->actual);
	uimodel_num(msg, "wall", &h->wall);
	uimodel_num(msg, "loop_seconds", &h->loop_seconds);
	uimodel_num(msg, "bpm", &h->bpm);
	uimodel_num(msg, "score", &h->score);
	return UIM_D_STATS;
}

/* True when favourite a comes before b in the list: newer first. */
static int uimodel_fav_before(const il_uim_fav *a, const il_uim_fav *b)
{
	return a->time != b->time ? a->time > b->time : a->id > b->id;
}

/* `favourite`: one favourite, new or updated, kept in its place (newest
 * first; a full list drops the oldest). */
static unsigned uimodel_favourite(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	il_uim_fav f;
	memset(&f, 0, sizeof f);
	uimodel_long(msg, "id", &f.id);
	if (f.id <= 0)
		return 0;
	uimodel_long(msg, "time", &f.time);
	uimodel_long(msg, "seed", &f.seed);
	uimodel_str(msg, "title", f.title, sizeof f.title);
	uimodel_str(msg, "artist", f.artist, sizeof f.artist);
	uimodel_str(msg, "prompt", f.prompt, sizeof f.prompt);
	uimodel_str(msg, "backend", f.backend, sizeof f.backend);
	uimodel_num(msg, "bpm", &f.bpm);
	uimodel_num(msg, "loop_seconds", &f.loop_seconds);
	int k = 0;
	while (k < m->nfavs && m->favs[k].id != f.id)
		k++;
	if (k < m->nfavs) /* known: taken out, put back in its place */
		memmove(&m->favs[k], &m->favs[k + 1], (size_t)(--m->nfavs - k) * sizeof f);
	for (k = 0; k < m->nfavs && !uimodel_fav_before(&f, &m->favs[k]); k++)
		;
	if (k >= UIM_FAVS_MAX)
		return 0;
	int n = m->nfavs < UIM_FAVS_MAX ? m->nfavs : UIM_FAVS_MAX - 1;
	memmove(&m->favs[k + 1], &m->favs[k], (size_t)(n - k) * sizeof f);
	m->favs[k] = f;
	m->nfavs = n + 1;
	return UIM_D_STATS;
}

/* `analysis`: the current loop's analysis. */
static unsigned uimodel_analysis(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	m->have_analysis = 1;
	uimodel_long(msg, "frames", &m->frames);
	uimodel_long(msg, "rate", &m->rate);
	uimodel_long(msg, "loop_start", &m->loop_start);
	uimodel_long(msg, "loop_end", &m->loop_end);
	uimodel_num(msg, "bpm", &m->a_bpm);
	uimodel_num(msg, "score", &m->a_score);
	uimodel_str(msg, "method", m->a_method, sizeof m->a_method);
	uimodel_str(msg, "quality", m->a_quality, sizeof m->a_quality);
	m->a_poor = !strcmp(m->a_quality, "poor");
	m->metrics[0] = m->candidates[0] = '\0';
	uimodel_str(msg, "metrics", m->metrics, sizeof m->metrics);
	m->have_loudness = proto_get(msg, "lufs") != NULL;
	uimodel_num(msg, "lufs_in", &m->lufs_in);
	uimodel_num(msg, "lra_in", &m->lra_in);
	uimodel_num(msg, "true_peak_in", &m->tp_in);
	uimodel_num(msg, "lufs", &m->lufs);
	uimodel_num(msg, "lra", &m->lra);
	uimodel_num(msg, "true_peak", &m->tp);
	uimodel_num(msg, "gain_db", &m->gain_db);
	uimodel_str(msg, "candidates", m->candidates, sizeof m->candidates);
	return UIM_D_ANALYSIS;
}

/* The requests a screen answers for, by their protocol words. */
static const struct {
	const char *verb;
	il_uim_request kind;
} uimodel_requests[] = {
	{ "stats", UIM_REQ_STATS },
	{ "analysis", UIM_REQ_ANALYSIS },
};

/* The kind of the request named verb (UIM_REQ_OTHER when no screen needs it). */
static il_uim_request uimodel_request_kind(const char *verb)
{
	for (size_t k = 0; verb && k < sizeof uimodel_requests / sizeof uimodel_requests[0]; k++)
		if (!strcmp(uimodel_requests[k].verb, verb))
			return uimodel_requests[k].kind;
	return UIM_REQ_OTHER;
}

/* `error`: show it. */
static unsigned uimodel_error(il_uimodel *m, const il_proto_msg *msg, double now)
{
	const char *code = proto_get(msg, "code"), *text = proto_get(msg, "msg");
	const char *verb = proto_get(msg, "verb");
	snprintf(m->last_error_code, sizeof m->last_error_code, "%s", code ? code : "");
	m->last_error_req = uimodel_request_kind(verb);
	snprintf(m->last_error_msg, sizeof m->last_error_msg, "%s", text ? text : "");
	uimodel_msg(m, UIM_MSG_ERROR, now, "%s%s%s", verb ? verb : "", verb ? ": " : "",
		    text ? text : (code ? code : "error"));
	return UIM_D_MSG;
}

/* `waveform`: the current loop's outline. */
static unsigned uimodel_waveform(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	long n = proto_hex_decode(proto_get(msg, "points") ? proto_get(msg, "points") : "", m->wave,
				  UIM_WAVE_MAX);
	m->nwave = n < 0 ? 0 : (int)n;
	return UIM_D_ANALYSIS;
}

/* `ready`: a new engine is up. */
static unsigned uimodel_ready(il_uimodel *m, const il_proto_msg *msg, double now)
{
	(void)now;
	m->starting = 1;
	uimodel_long(msg, "pid", &m->pid);
	return UIM_D_ALL;
}

/* `audio`: the output's state changed. */
static unsigned uimodel_audio(il_uimodel *m, const il_proto_msg *msg, double now)
{
	if (il_audio_state_parse(proto_get(msg, "state"), &m->audio) == 0)
		m->have_audio = 1;
	uimodel_str(msg, "sink", m->sink, sizeof m->sink);
	const char *t = proto_get(msg, "msg");
	uimodel_msg(m, m->have_audio && m->audio == IL_AUDIO_OK ? UIM_MSG_INFO : UIM_MSG_WARN, now,
		    "audio %s%s%s", uimodel_audio_name(m), t && *t ? ": " : "", t ? t : "");
	return UIM_D_STATUS | UIM_D_MSG;
}

/* `saved`: a loop was written. */
static unsigned uimodel_saved(il_uimodel *m, const il_proto_msg *msg, double now)
{
	uimodel_str(msg, "path", m->saved_path, sizeof m->saved_path);
	int replying = m->replying;
	m->replying = 1; /* the answer to the user's save: shown like a key's */
	uimodel_msg(m, UIM_MSG_INFO, now, "saved %s", m->saved_path);
	m->replying = replying;
	return UIM_D_MSG;
}

/* `log`: an engine message (a recent warning or error stays readable). */
static unsigned uimodel_log(il_uimodel *m, const il_proto_msg *msg, double now)
{
	const char *lvl = proto_get(msg, "level"), *t = proto_get(msg, "msg");
	int level = lvl && !strcmp(lvl, "warn") ? UIM_MSG_WARN : UIM_MSG_INFO;
	if (level == UIM_MSG_WARN && m->starting && t && *t)
		uimodel_problem(m, t); /* the config and data files, read at start-up */
	uimodel_msg(m, level, now, "%s", t ? t : "");
	return UIM_D_MSG;
}

/* The events the UI knows: each verb, its kind, and what it does to the
 * model (NULL: nothing; the UI may still react to the kind). */
static const struct {
	const char *verb;
	il_uim_event kind;
	unsigned (*apply)(il_uimodel *m, const il_proto_msg *msg, double now);
} uimodel_events[] = {
	{ "spectrum", UIM_EV_SPECTRUM, uimodel_spectrum },
	{ "status", UIM_EV_STATUS, uimodel_status },
	{ "gen", UIM_EV_GEN, uimodel_gen },
	{ "loop", UIM_EV_LOOP, uimodel_loop },
	{ "setting", UIM_EV_SETTING, uimodel_setting_ev },
	{ "preset", UIM_EV_PRESET, uimodel_preset },
	{ "stat", UIM_EV_STAT, uimodel_stat },
	{ "history", UIM_EV_HISTORY, uimodel_history },
	{ "favourite", UIM_EV_FAVOURITE, uimodel_favourite },
	{ "analysis", UIM_EV_ANALYSIS, uimodel_analysis },
	{ "waveform", UIM_EV_WAVEFORM, uimodel_waveform },
	{ "error", UIM_EV_ERROR, uimodel_error },
	{ "ready", UIM_EV_READY, uimodel_ready },
	{ "audio", UIM_EV_AUDIO, uimodel_audio },
	{ "saved", UIM_EV_SAVED, uimodel_saved },
	{ "log", UIM_EV_LOG, uimodel_log },
	{ "bye", UIM_EV_BYE, NULL },
	{ "pong", UIM_EV_PONG, NULL },
};

/* Apply one event; returns the dirty bits and sets m->event. */
unsigned uimodel_apply(il_uimodel *m, const il_proto_msg *msg, double now)
{
	for (size_t k = 0; k < sizeof uimodel_events / sizeof uimodel_events[0]; k++) {
		if (strcmp(uimodel_events[k].verb, msg->verb) != 0)
			continue;
		m->event = uimodel_events[k].kind;
		if (m->event != UIM_EV_STATUS && m->event != UIM_EV_SPECTRUM)
			m->status_sig = 0; /* the next status is drawn, even if unchanged */
		return uimodel_events[k].apply ? uimodel_events[k].apply(m, msg, now) : 0;
	}
	m->event = UIM_EV_OTHER;
	return 0;
}

/* Elapsed seconds of the current loop, advanced since the last status. */
double uimodel_elapsed(const il_uimodel *m, double now)
{
	double e = m->elapsed;
	if (m->state == IL_PLAYER_PLAYING && m->status_at > 0)
		e += now - m->status_at;
	return e < 0 ? 0 : e;
}

/* Seconds left to the minimum duration, counted down since the last status. */
double uimodel_min_left(const il_uimodel *m, double now)
{
	double l = m->min_left;
	if (m->state == IL_PLAYER_PLAYING && m->status_at > 0)
		l -= now - m->status_at;
	return l < 0 ? 0 : l;
}

/* Seconds the sleep timer has left (0: off). */
double uimodel_sleep_left(const il_uimodel *m, double now)
{
	double l = m->sleep_until > 0 ? m->sleep_until - now : 0;
	return l > 0 ? l : 0;
}

/* True while a generation runs (running, analyzing or waiting to retry). */
int uimodel_generating(const il_uimodel *m)
{
	return m->gen == GEN_STATE_RUNNING || m->gen == GEN_STATE_ANALYZING || m->gen == GEN_STATE_RETRY;
}

/* The protocol word of the playback state, "starting" before it is known. */
const char *uimodel_state_name(const il_uimodel *m)
{
	return m->have_status ? il_player_state_name(m->state) : "starting";
}

/* The protocol word of the audio state, "" before it is known. */
const char *uimodel_audio_name(const il_uimodel *m)
{
	return m->have_audio ? il_audio_state_name(m->audio) : "";
}

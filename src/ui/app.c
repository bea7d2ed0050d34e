/* app.c: what keys and commands do (app_*): requests to the engine,
 * screens, quitting, themes, the preset filter and messages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gen/prompt.h"
#include "store/paths.h"
#include "store/settings.h"
#include "ui/app.h"
#include "util/timeutil.h"

/* Mark parts of the screen for drawing. */
void app_dirty(il_ui_app *a, unsigned bits)
{
	a->dirty |= bits;
}

/* Put a message in the status line. */
void app_msg(il_ui_app *a, int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	uimodel_vmsg(&a->m, level, time_mono(), fmt, ap);
	va_end(ap);
	app_dirty(a, UIM_D_MSG);
}

/* Queue a request with no fields; -1 when the engine is down. */
int app_send_verb(il_ui_app *a, const char *verb)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, verb);
	proto_fmt_end(&sb);
	int rc = app_send_line(a, &sb);
	sbuf_free(&sb);
	return rc;
}

/* Queue a request with one string field; -1 when the engine is down. */
int app_send_kv(il_ui_app *a, const char *verb, const char *key, const char *value)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, verb);
	proto_fmt_str(&sb, key, value);
	proto_fmt_end(&sb);
	int rc = app_send_line(a, &sb);
	sbuf_free(&sb);
	return rc;
}

/* Queue a request line made with proto_fmt_*; -1 when the engine is down. */
int app_send_line(il_ui_app *a, const il_sbuf *line)
{
	if (!a->engine_up) {
		char verb[32];
		snprintf(verb, sizeof verb, "%.*s", (int)strcspn(line->buf, " \n"), line->buf);
		app_msg(a, UIM_MSG_WARN, "the engine is not running; '%s' was not sent", verb);
		return -1;
	}
	elink_send(&a->link, line);
	return 0;
}

/* The values Left and Right step through for setting s, "a|b|c", into
 * out: its choices, or the themes installed for the theme; "" if none. */
void app_setting_choices(const il_uim_setting *s, char *out, size_t n)
{
	if (!s->choices[0] && !strcmp(s->key, "theme"))
		theme_choices(out, n);
	else
		snprintf(out, n, "%s", s->choices);
}

/* Queue `set key=K value=V`. */
void app_set(il_ui_app *a, const char *key, const char *value)
{
	if (!a->engine_up) {
		app_msg(a, UIM_MSG_WARN, "the engine is not running; the setting was not changed");
		return;
	}
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "set");
	proto_fmt_str(&sb, "key", key);
	proto_fmt_str(&sb, "value", value);
	proto_fmt_end(&sb);
	elink_send(&a->link, &sb);
	sbuf_free(&sb);
	app_msg(a, UIM_MSG_INFO, "%s = %s", key, value);
}

/* Check a setting's value against the settings table (the engine checks
 * it again), apply a theme at once, and send `set`; 0 or -1 (the message
 * says why). */
int app_set_checked(il_ui_app *a, const char *key, const char *value)
{
	const il_settings_def *d = settings_find(key);
	il_err err;
	if (d && (d->type == SETTING_INT || d->type == SETTING_LONG || d->type == SETTING_DOUBLE)) {
		char *end;
		double v = strtod(value, &end);
		if (end == value || *end || !(v >= d->min && v <= d->max)) {
			app_msg(a, UIM_MSG_ERROR, "%s must be a number from %.15g to %.15g", d->key, d->min,
				d->max);
			return -1;
		}
	}
	if (d && settings_check(d, value, &err) != 0) {
		app_msg(a, UIM_MSG_ERROR, "%s", err.msg);
		return -1;
	}
	if (d && !strcmp(d->key, "theme") && app_theme(a, value) != 0)
		return -1;
	app_set(a, d ? d->key : key, value);
	return 0;
}

/* Start generating from a prompt; one the engine would refuse (too long,
 * empty, control bytes) is not sent, and an error message says why. */
void app_start(il_ui_app *a, const char *prompt)
{
	il_err err;
	if (gen_prompt_check(prompt, &err) != 0) { /* (what the engine would answer) */
		app_msg(a, UIM_MSG_ERROR, "start: %s", err.msg);
		return;
	}
	if (app_send_kv(a, "start", "prompt", prompt) != 0)
		return;
	if (a->station != prompt)
		snprintf(a->station, sizeof a->station, "%s", prompt);
	a->m.gen = GEN_STATE_RUNNING;
	a->m.progress = 0;
	app_msg(a, UIM_MSG_INFO, "starting: %s", prompt);
	app_dirty(a, UIM_D_GEN | UIM_D_STATUS);
}

/* path as the engine must be given it, into out: a leading ~/ is the
 * home folder, and a relative path is taken from this program's current
 * folder (the engine's is /). */
static void app_expand(const char *path, char *out, size_t n)
{
	const char *home = getenv("HOME");
	char cwd[IL_PATH_MAX];
	if (path[0] == '~' && path[1] == '/' && home) {
		snprintf(out, n, "%s%s", home, path + 1);
		return;
	}
	if (path[0] == '/' || !getcwd(cwd, sizeof cwd)) {
		snprintf(out, n, "%s", path);
		return;
	}
	if ((size_t)snprintf(out, n, "%s/%s", cwd, path) >= n)
		out[0] = '\0'; /* too long for a path: the engine refuses it */
}

/* Ask the engine to play the audio file at path (see app_expand) next. */
void app_play(il_ui_app *a, const char *path)
{
	char full[IL_PATH_MAX];
	app_expand(path, full, sizeof full);
	if (app_send_kv(a, "play", "file", full) == 0)
		app_msg(a, UIM_MSG_INFO, "preparing %s", full);
}

/* Save to path (~ expanded) the loop named by a->save_loop (the one that
 * played when `s` was pressed), else the one playing now. A folder is
 * refused; an existing file is replaced with force, else after a question
 * (y/n). Only the music folder, where s proposes to save, is created when
 * missing. */
void app_save(il_ui_app *a, const char *path, int force)
{
	char full[IL_PATH_MAX], music[IL_PATH_MAX];
	app_expand(path, full, sizeof full);
	struct stat st;
	if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
		app_msg(a, UIM_MSG_ERROR, "save: %s is a directory", full);
		return;
	}
	if (!force && lstat(full, &st) == 0) {
		entry_confirm_save(a, full);
		return;
	}
	char *slash = strrchr(full, '/');
	if (slash && slash != full && paths_music_dir(music, sizeof music, NULL) == 0) {
		*slash = '\0';
		if (!strcmp(full, music))
			paths_mkdir_p(full, 0755, NULL);
		*slash = '/';
	}
	long id = a->save_loop > 0 ? a->save_loop : a->m.loop_id;
	a->save_loop = 0;
	if (!a->engine_up) {
		app_msg(a, UIM_MSG_WARN, "the engine is not running; 'save' was not sent");
		return;
	}
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "save");
	proto_fmt_str(&sb, "path", full);
	if (force)
		proto_fmt_long(&sb, "force", 1);
	if (id > 0)
		proto_fmt_long(&sb, "loop", id);
	proto_fmt_end(&sb);
	elink_send(&a->link, &sb);
	sbuf_free(&sb);
	app_msg(a, UIM_MSG_INFO, "saving to %s", full);
}

/* The default file name for `save` (in the XDG music folder). */
void app_default_save_path(il_ui_app *a, char *out, size_t n)
{
	char dir[IL_PATH_MAX], name[128];
	if (paths_music_dir(dir, sizeof dir, NULL) != 0)
		snprintf(dir, sizeof dir, ".");
	size_t k = 0;
	for (const char *p = a->m.title; *p && k < 60; p++) /* a file-name-safe title */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			name[k++] = *p;
		else if (k > 0 && name[k - 1] != '-')
			name[k++] = '-';
	while (k > 0 && name[k - 1] == '-')
		k--;
	name[k] = '\0';
	char stamp[32];
	time_t now = time(NULL);
	struct tm tmv;
	localtime_r(&now, &tmv);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tmv);
	snprintf(out, n, "%s/infiniloop-%s%s%s.wav", dir, name, k ? "-" : "", stamp);
}

/* Show the state in the message row (after `:status`). */
void app_status_summary(il_ui_app *a)
{
	il_uimodel *m = &a->m;
	char el[16];
	uidraw_clock(el, sizeof el, uimodel_elapsed(m, a->now));
	char aud[300];
	uipanel_audio(m, aud, sizeof aud);
	app_msg(a, UIM_MSG_INFO, "%s %s, generator %s (%.0f%%), next %s, volume %d%%, %s/%s, output %s: %s, "
		"%ld underrun%s, buffer %ld ms", uimodel_state_name(m), el, gen_state_name(m->gen),
		m->progress * 100, m->next_ready ? "ready" : "not ready", m->volume < 0 ? 0 : m->volume,
		m->backend, m->model, m->output, aud, m->underruns, m->underruns == 1 ? "" : "s", m->buffer_ms);
}

/* Pause or resume; on a stopped or idle station, start it again (its
 * prompt) rather than pause nothing. */
void app_toggle_pause(il_ui_app *a)
{
	if (a->m.state == IL_PLAYER_PAUSED) {
		if (app_send_verb(a, "resume") != 0)
			return;
		app_msg(a, UIM_MSG_INFO, "resuming");
	} else if (a->m.state != IL_PLAYER_PLAYING) {
		if (uimodel_generating(&a->m))
			app_msg(a, UIM_MSG_INFO, "the station starts when its first loop is ready");
		else if (a->m.prompt[0])
			app_start(a, a->m.prompt);
		else
			app_msg(a, UIM_MSG_INFO, "nothing to play yet: choose a preset or a prompt (p)");
		return;
	} else {
		if (app_send_verb(a, "pause") != 0)
			return;
		app_msg(a, UIM_MSG_INFO, "pausing");
	}
	app_send_verb(a, "status");
}

/* Hold the loop playing (on 1), let it go (0), or toggle (-1); the
 * status row shows it at once (the engine's next status confirms it). */
void app_hold(il_ui_app *a, int on)
{
	if (on < 0)
		on = !a->m.hold;
	if (app_send_kv(a, "hold", "on", on ? "1" : "0") != 0)
		return;
	a->m.hold = on;
	app_dirty(a, UIM_D_STATUS | UIM_D_TIMING);
	app_send_verb(a, "status");
}

/* Set the sleep timer to secs seconds (0: off): whole minutes go as
 * minutes=, anything else as seconds=. */
void app_sleep(il_ui_app *a, long secs)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", secs % 60 ? secs : secs / 60);
	if (app_send_kv(a, "sleep", secs % 60 ? "seconds" : "minutes", v) != 0)
		return;
	a->m.sleep_until = secs > 0 ? a->now + (double)secs : 0;
	app_dirty(a, UIM_D_STATUS);
	app_send_verb(a, "status");
}

/* Mark the playing loop as a favourite (the engine answers with the
 * favourite, or says that nothing plays). */
void app_favourite(il_ui_app *a)
{
	if (app_send_verb(a, "favourite") == 0 && a->m.title[0])
		app_msg(a, UIM_MSG_INFO, "marking %s as a favourite", a->m.title);
}

/* Ask the engine for the favourites; the list is made again from its answer. */
static void app_ask_favourites(il_ui_app *a)
{
	a->m.nfavs = 0;
	elink_send_verb(&a->link, "favourites");
	app_dirty(a, UIM_D_STATS);
}

/* Send verb id=ID of favourite k of the list; the favourite, or NULL. */
static const il_uim_fav *app_fav_send(il_ui_app *a, const char *verb, int k)
{
	if (k < 0 || k >= a->m.nfavs) {
		app_msg(a, UIM_MSG_WARN, "no favourite yet: f marks the loop playing");
		return NULL;
	}
	const il_uim_fav *f = &a->m.favs[k];
	char id[24];
	snprintf(id, sizeof id, "%ld", f->id);
	return app_send_kv(a, verb, "id", id) == 0 ? f : NULL;
}

/* Play favourite k of the list at once; a generated one's prompt becomes
 * the station's. */
void app_play_favourite(il_ui_app *a, int k)
{
	const il_uim_fav *f = app_fav_send(a, "play_favourite", k);
	if (!f)
		return;
	if (f->backend[0] && f->prompt[0])
		snprintf(a->station, sizeof a->station, "%s", f->prompt);
	app_msg(a, UIM_MSG_INFO, "playing favourite: %s", f->title);
}

/* Forget favourite k of the list (and its saved copy). */
void app_unfavourite(il_ui_app *a, int k)
{
	const il_uim_fav *f = app_fav_send(a, "unfavourite", k);
	if (!f)
		return;
	app_msg(a, UIM_MSG_INFO, "forgetting favourite: %s", f->title);
	app_ask_favourites(a);
}

/* Leave the station as how says (see app.h); 1 when the caller must ask. */
int app_quit(il_ui_app *a, int how)
{
	const il_uimodel *m = &a->m;
	int music = m->state == IL_PLAYER_PLAYING || m->state == IL_PLAYER_PAUSED || uimodel_generating(m);
	if (how == APP_QUIT_ASK && a->engine_up && music)
		return 1;
	a->quit = 1;
	a->stop_engine = how != APP_QUIT_DETACH;
	return 0;
}

/* Show a screen, asking the engine for what it needs. */
void app_set_screen(il_ui_app *a, int screen)
{
	if (screen < 0 || screen >= UI_SCREENS)
		return;
	a->screen = screen;
	a->list_top = 0;
	a->full_redraw = 1;
	if (!a->engine_up)
		return;
	if (screen == UI_SCREEN_STATS) {
		a->m.stats_fresh = 1;
		a->m.stats_answered = 0;
		il_sbuf sb = SBUF_INIT;
		proto_fmt_begin(&sb, "stats");
		proto_fmt_long(&sb, "limit", 20);
		proto_fmt_end(&sb);
		elink_send(&a->link, &sb);
		sbuf_free(&sb);
		app_ask_favourites(a);
	} else if (screen == UI_SCREEN_SETTINGS) {
		elink_send_verb(&a->link, "settings");
	} else if (screen == UI_SCREEN_ANALYSIS) {
		elink_send_verb(&a->link, "analysis");
	}
}

/* Load and apply a theme by name; 0 or -1 (the message says why). */
int app_theme(il_ui_app *a, const char *name)
{
	il_theme th;
	il_err err;
	if (theme_load(&th, name, &err) != 0) {
		app_msg(a, UIM_MSG_ERROR, "%s", err.msg);
		return -1;
	}
	a->th = th;
	if (a->t.active)
		tui_apply_theme(&a->t, &a->th);
	a->full_redraw = 1;
	return 0;
}

/* Filter the preset list by text (empty: all); the selection goes to the top. */
void app_filter_presets(il_ui_app *a, const char *text)
{
	snprintf(a->filter, sizeof a->filter, "%s", text);
	a->preset_sel = 0;
	a->preset_top = 0;
	app_dirty(a, UIM_D_PRESETS);
}

/* Indexes of the presets that pass the filter; count. */
int app_presets_visible(il_ui_app *a, int *idx, int n)
{
	int count = 0;
	for (int k = 0; k < a->m.npresets && count < n; k++) {
		const il_uim_preset *p = &a->m.presets[k];
		if (!a->filter[0] || strcasestr(p->name, a->filter) || strcasestr(p->prompt, a->filter))
			idx[count++] = k;
	}
	return count;
}

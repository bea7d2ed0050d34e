/* keys.c: the key table. One table dispatches keys and writes the help. */
#include "ui/keys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"

/* Space: pause or resume. */
static void keys_pause(il_ui_app *a, int key)
{
	app_toggle_pause(a);
}

/* n: crossfade to the next loop now. */
static void keys_next(il_ui_app *a, int key)
{
	if (app_send_verb(a, "skip") == 0)
		app_msg(a, UIM_MSG_INFO, "next loop");
}

/* z: crossfade back to the previous loop (as cmus's z). */
static void keys_prev(il_ui_app *a, int key)
{
	if (app_send_verb(a, "prev") == 0)
		app_msg(a, UIM_MSG_INFO, "previous loop");
}

/* H: hold the loop playing past the minimum duration, or let it go. */
static void keys_hold(il_ui_app *a, int key)
{
	app_hold(a, -1);
}

/* s: ask for a file name and save the current loop. */
static void keys_save(il_ui_app *a, int key)
{
	char path[1024];
	app_default_save_path(a, path, sizeof path);
	a->save_loop = a->m.loop_id; /* the loop playing now, even after a switch */
	entry_open(a, ENTRY_SAVE, "Save loop to: ", path);
}

/* f: mark the loop playing as a favourite. */
static void keys_favourite(il_ui_app *a, int key)
{
	app_favourite(a);
}

/* Delete on the statistics screen: forget the selected favourite. */
static void keys_unfavourite(il_ui_app *a, int key)
{
	if (a->screen == UI_SCREEN_STATS)
		app_unfavourite(a, a->fav_sel);
}

/* p: ask for a new prompt. */
static void keys_prompt(il_ui_app *a, int key)
{
	entry_open(a, ENTRY_PROMPT, "Prompt: ", "");
}

/* :: the command line. */
static void keys_command(il_ui_app *a, int key)
{
	entry_open(a, ENTRY_COMMAND, ":", "");
}

/* /: filter the preset list. */
static void keys_filter(il_ui_app *a, int key)
{
	app_set_screen(a, UI_SCREEN_PLAYER);
	entry_open(a, ENTRY_FILTER, "Filter presets: ", a->filter);
}

/* + and -: volume. */
static void keys_volume(il_ui_app *a, int key)
{
	il_sbuf sb = SBUF_INIT;
	if (proto_fmt_volume(&sb, key == '-' || key == '_' ? "-5" : "+5", NULL) == 0)
		app_send_line(a, &sb); /* the engine down: it says so */
	sbuf_free(&sb);
}

/* Move a list cursor by delta within n items (clamped to the list). */
static void keys_list_move(int *sel, int n, int delta)
{
	if (n <= 0) {
		*sel = 0;
		return;
	}
	*sel += delta;
	if (*sel < 0)
		*sel = 0;
	if (*sel >= n)
		*sel = n - 1;
}

/* Arrows, j/k, PgUp/PgDn, Home/End, g/G: move in the current list. */
static void keys_move(il_ui_app *a, int key)
{
	int page = a->lay.presets.h > 3 ? a->lay.presets.h - 2 : 5;
	int delta = 0;
	if (key == 'k' || key == UIK_FN(KEY_UP))
		delta = -1;
	else if (key == 'j' || key == UIK_FN(KEY_DOWN))
		delta = 1;
	else if (key == UIK_FN(KEY_PPAGE))
		delta = -page;
	else if (key == UIK_FN(KEY_NPAGE))
		delta = page;
	else if (key == 'g' || key == UIK_FN(KEY_HOME))
		delta = -100000;
	else
		delta = 100000;
	if (a->screen == UI_SCREEN_SETTINGS) {
		keys_list_move(&a->setting_sel, a->m.nsettings, delta);
		app_dirty(a, UIM_D_SETTINGS);
	} else if (a->screen == UI_SCREEN_STATS && a->m.nfavs > 0 && (delta == 1 || delta == -1)) {
		keys_list_move(&a->fav_sel, a->m.nfavs, delta); /* the favourites; pages scroll the history */
		app_dirty(a, UIM_D_STATS);
	} else if (a->screen == UI_SCREEN_STATS || a->screen == UI_SCREEN_ANALYSIS) {
		a->list_top += delta;
		if (a->list_top < 0 || delta < -1000)
			a->list_top = 0;
		if (a->list_top > a->m.nhist)
			a->list_top = a->m.nhist;
		app_dirty(a, UIM_D_STATS | UIM_D_ANALYSIS);
	} else {
		int idx[UIM_PRESETS_MAX];
		keys_list_move(&a->preset_sel, app_presets_visible(a, idx, UIM_PRESETS_MAX), delta);
		app_dirty(a, UIM_D_PRESETS);
	}
}

/* Digits: pick preset N (0 is the tenth) by its own number; a filter
 * that hides it gives way. */
static void keys_digit(il_ui_app *a, int key)
{
	int n = key == '0' ? 9 : key - '1';
	app_set_screen(a, UI_SCREEN_PLAYER);
	if (n >= a->m.npresets) {
		app_msg(a, UIM_MSG_WARN, "there is no preset %d", n + 1);
		return;
	}
	int idx[UIM_PRESETS_MAX];
	int count = app_presets_visible(a, idx, UIM_PRESETS_MAX), row = -1;
	for (int k = 0; k < count && row < 0; k++)
		if (idx[k] == n)
			row = k;
	if (row < 0) {
		app_filter_presets(a, "");
		row = n;
	}
	a->preset_sel = row;
	app_msg(a, UIM_MSG_INFO, "preset %d: %s (Enter starts it)", n + 1, a->m.presets[n].name);
	app_dirty(a, UIM_D_PRESETS);
}

/* Enter: start the selected preset, edit the selected setting, or play
 * the selected favourite. */
static void keys_enter(il_ui_app *a, int key)
{
	if (a->screen == UI_SCREEN_STATS && a->m.nfavs > 0) {
		app_play_favourite(a, a->fav_sel < a->m.nfavs ? a->fav_sel : a->m.nfavs - 1);
		return;
	}
	if (a->screen == UI_SCREEN_SETTINGS) {
		if (a->setting_sel < a->m.nsettings) {
			il_uim_setting *s = &a->m.settings[a->setting_sel];
			char label[96];
			snprintf(label, sizeof label, "%s = ", s->key);
			entry_open(a, ENTRY_SETTING, label, s->value);
			snprintf(a->entry.key, sizeof a->entry.key, "%s", s->key);
		}
		return;
	}
	int idx[UIM_PRESETS_MAX];
	int count = app_presets_visible(a, idx, UIM_PRESETS_MAX);
	if (a->screen != UI_SCREEN_PLAYER || count == 0) {
		keys_prompt(a, key);
		return;
	}
	if (a->preset_sel >= count)
		a->preset_sel = count - 1;
	app_start(a, a->m.presets[idx[a->preset_sel]].prompt);
}

/* Left/Right on the settings screen: the previous or next value. */
static void keys_adjust(il_ui_app *a, int key)
{
	if (a->screen != UI_SCREEN_SETTINGS || a->setting_sel >= a->m.nsettings)
		return;
	il_uim_setting *s = &a->m.settings[a->setting_sel];
	int dir = key == UIK_FN(KEY_LEFT) ? -1 : 1;
	char val[1024];
	if (s->has_range) {
		double step = s->max - s->min > 100 ? 10 : (strchr(s->value, '.') ? 0.5 : 1);
		double v = atof(s->value) + dir * step;
		v = v < s->min ? s->min : (v > s->max ? s->max : v);
		snprintf(val, sizeof val, "%g", v);
	} else {
		char buf[1024], *ch[64];
		int n = 0, cur = 0;
		app_setting_choices(s, buf, sizeof buf);
		for (char *save = NULL, *w = strtok_r(buf, "|", &save); w && n < 64; w = strtok_r(NULL, "|", &save)) {
			if (!strcmp(w, s->value))
				cur = n;
			ch[n++] = w;
		}
		if (n == 0)
			return;
		snprintf(val, sizeof val, "%s", ch[(cur + dir + n) % n]);
	}
	app_set(a, s->key, val);
}

/* F2-F5, Tab, Shift-Tab: the screens. */
static void keys_screen(il_ui_app *a, int key)
{
	int s = a->screen;
	if (key == '\t')
		s = (s + 1) % UI_SCREENS;
	else if (key == UIK_FN(KEY_BTAB))
		s = (s + UI_SCREENS - 1) % UI_SCREENS;
	else
		s = (key & 0xffffff) - KEY_F(2);
	app_set_screen(a, s);
}

/* ?, h, F1: help. */
static void keys_help(il_ui_app *a, int key)
{
	overlay_open(a, UI_OVERLAY_HELP);
}

/* M: the messages (the status line's history). */
static void keys_messages(il_ui_app *a, int key)
{
	overlay_open(a, UI_OVERLAY_MESSAGES);
}

/* Ctrl-L: draw everything again. */
static void keys_redraw(il_ui_app *a, int key)
{
	a->full_redraw = 1;
	clearok(curscr, TRUE);
}

/* q: quit (asks whether the music stops too); Q, Ctrl-C: quit and stop
 * the music; d: detach (the music plays on). */
static void keys_quit(il_ui_app *a, int key)
{
	if (app_quit(a, key == 'q' ? APP_QUIT_ASK : key == 'd' ? APP_QUIT_DETACH : APP_QUIT_STOP))
		entry_confirm_quit(a);
}

/* Esc: clear the filter, close the help, back to the player. */
static void keys_escape(il_ui_app *a, int key)
{
	if (a->filter[0]) {
		a->filter[0] = '\0';
		app_dirty(a, UIM_D_PRESETS);
	} else {
		app_set_screen(a, UI_SCREEN_PLAYER);
	}
}

/* r: ask the engine again for the current screen's data. */
static void keys_refresh(il_ui_app *a, int key)
{
	app_set_screen(a, a->screen);
	app_msg(a, UIM_MSG_INFO, "refreshed");
}

#define FN(k) UIK_FN(k)
const il_keys_entry keys_table[] = {
	{ { ' ' }, "Space", "Playback", "pause or resume", keys_pause },
	{ { 'n' }, "n", "Playback", "next loop now (crossfade)", keys_next },
	{ { 'z' }, "z", "Playback", "back to the previous loop (crossfade; again: further back)", keys_prev },
	{ { 'H' }, "H", "Playback", "hold the loop: it plays on, the next waits (again: let go)", keys_hold },
	{ { '+', '=', '-', '_' }, "+ -", "Playback", "volume up, down", keys_volume },
	{ { 's' }, "s", "Playback", "save the current loop (asks for a file name)", keys_save },
	{ { 'f' }, "f", "Playback", "mark the current loop as a favourite (F3 lists them)", keys_favourite },
	{ { 'p' }, "p", "Generation", "new prompt", keys_prompt },
	{ { '\r', '\n', FN(KEY_ENTER) }, "Enter", "Generation", "start the selected preset (no preset: new prompt); edit a setting; play a favourite (F3)", keys_enter },
	{ { '1', '2', '3', '4' }, "1-9 0", "Presets", "pick preset 1-10", keys_digit },
	{ { '5', '6', '7', '8' }, NULL, NULL, NULL, keys_digit },
	{ { '9', '0' }, NULL, NULL, NULL, keys_digit },
	{ { 'j', 'k', FN(KEY_UP), FN(KEY_DOWN) }, "Up Down j k", "Presets", "move in the list", keys_move },
	{ { FN(KEY_PPAGE), FN(KEY_NPAGE), FN(KEY_HOME), FN(KEY_END) }, "PgUp PgDn Home End", "Presets", "page, first, last", keys_move },
	{ { 'g', 'G' }, "g G", "Presets", "first, last", keys_move },
	{ { '/' }, "/", "Presets", "filter the presets (Esc clears)", keys_filter },
	{ { FN(KEY_LEFT), FN(KEY_RIGHT) }, "Left Right", "Settings", "previous or next value of a setting", keys_adjust },
	{ { FN(KEY_DC) }, "Delete", "Statistics", "forget the selected favourite", keys_unfavourite },
	{ { FN(KEY_F(2)), FN(KEY_F(3)), FN(KEY_F(4)), FN(KEY_F(5)) }, "F2-F5", "Screens", "player, statistics, settings, analysis", keys_screen },
	{ { '\t', FN(KEY_BTAB) }, "Tab S-Tab", "Screens", "next, previous screen", keys_screen },
	{ { 'r' }, "r", "Screens", "refresh the screen's data", keys_refresh },
	{ { UIK_ESC }, "Esc", "Screens", "clear the filter, back to the player", keys_escape },
	{ { '?', 'h', FN(KEY_F(1)) }, "? h F1", "Other", "this help", keys_help },
	{ { 'M' }, "M", "Other", "the messages (all that the bottom row said)", keys_messages },
	{ { ':' }, ":", "Other", "command line (Tab completes, Up/Down history)", keys_command },
	{ { UIK_CTRL('l') }, "^L", "Other", "redraw the screen", keys_redraw },
	{ { 'd' }, "d", "Other", "detach: quit and leave the music playing", keys_quit },
	{ { 'q' }, "q", "Other", "quit (asks whether the music stops too)", keys_quit },
	{ { 'Q', UIK_CTRL('c') }, "Q ^C", "Other", "quit and stop the music", keys_quit },
};
const size_t keys_count = sizeof keys_table / sizeof keys_table[0];

/* Handle one key outside the line editor. */
void keys_handle(il_ui_app *a, int key)
{
	if (a->overlay) {
		overlay_key(a, key);
		return;
	}
	if (key == UIK_FN(KEY_RESIZE))
		return;
	for (size_t k = 0; k < keys_count; k++)
		for (int j = 0; j < 4 && keys_table[k].keys[j]; j++)
			if (keys_table[k].keys[j] == key) {
				keys_table[k].fn(a, key);
				return;
			}
}

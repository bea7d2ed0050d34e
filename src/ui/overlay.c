/* overlay.c: the help and the messages, drawn over the current screen
 * (see overlay.h). */
#include "ui/overlay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/commands.h"
#include "ui/keys.h"

#define OVERLAY_LINE 1200 /* bytes of one line before wrapping */

/* Line k of the help into out; its role, or -1 past the end. */
static int overlay_help_line(il_ui_app *a, int k, char *out, size_t n, int *indent)
{
	const char *last = NULL;
	int line = 0;
	*indent = 0;
	if (k == line++) {
		snprintf(out, n, "%s %s: keys and commands", PACKAGE_NAME, PACKAGE_VERSION);
		return ROLE_PANEL_TITLE;
	}
	for (size_t e = 0; e < keys_count; e++) {
		const il_keys_entry *ke = &keys_table[e];
		if (!ke->label)
			continue;
		if (!last || strcmp(last, ke->group)) {
			last = ke->group;
			if (k == line++) {
				snprintf(out, n, "%s", ke->group);
				return ROLE_LABEL;
			}
		}
		if (k == line++) {
			snprintf(out, n, "  %-18s %s", ke->label, ke->help);
			*indent = 21;
			return ROLE_NORMAL;
		}
	}
	if (k == line++) {
		snprintf(out, n, "Commands (after :)");
		return ROLE_LABEL;
	}
	for (size_t c = 0; c < commands_count; c++)
		if (k == line++) {
			snprintf(out, n, "  %-26s %s", commands_table[c].usage, commands_table[c].help);
			*indent = 29;
			return ROLE_NORMAL;
		}
	if (k == line++) {
		snprintf(out, n, "Display");
		return ROLE_LABEL;
	}
	if (k == line++) {
		char v[40], h[80];
		int nv = 0;
		v[0] = '\0';
		for (int g = 1; a->t.utf8 && g <= 8 && nv >= 0 && nv < 24; g++)
			nv += snprintf(v + nv, sizeof v - (size_t)nv, "%lc", (wint_t)a->t.g.vbar[g]);
		snprintf(h, sizeof h, "%lc playing %lc paused %lc stopped", (wint_t)a->t.g.play,
			 (wint_t)a->t.g.pause, (wint_t)a->t.g.stop);
		snprintf(out, n, "  spectrum %s low to high   %s", a->t.utf8 ? v : "._:|#", h);
		return ROLE_NORMAL;
	}
	if (k == line++) {
		const char *term = getenv("TERM");
		snprintf(out, n, "  theme %s   colours %s   glyphs %s   TERM %s", a->th.name, a->t.why_color,
			 a->t.utf8 ? "UTF-8" : "ASCII", term ? term : "?");
		return ROLE_DIM;
	}
	if (k == line++) {
		snprintf(out, n, "j/k PgUp PgDn g G scroll, any other key closes this help");
		return ROLE_DIM;
	}
	return -1;
}

/* Line k of the messages (oldest first) into out; its role, or -1. */
static int overlay_msg_line(il_ui_app *a, int k, char *out, size_t n, int *indent)
{
	static const char *const names[] = { "info", "warn", "error" };
	*indent = 15;
	const il_uim_logline *l = uimodel_logline(&a->m, k);
	int count = a->m.log_n;
	if (!l) {
		*indent = 0;
		if (k == (count ? count : 1))
			snprintf(out, n, "j/k PgUp PgDn g G scroll, any other key closes the messages");
		else if (k == 0)
			snprintf(out, n, "no messages yet");
		else
			return -1;
		return ROLE_DIM;
	}
	char when[16] = "--:--:--";
	time_t tt = (time_t)l->wall;
	struct tm tmv;
	if (localtime_r(&tt, &tmv))
		strftime(when, sizeof when, "%H:%M:%S", &tmv);
	snprintf(out, n, "%s %-5s %s", when, names[l->level >= 0 && l->level <= 2 ? l->level : 0], l->text);
	return l->level == UIM_MSG_ERROR ? ROLE_ERROR : l->level == UIM_MSG_WARN ? ROLE_WARN : ROLE_NORMAL;
}

/* Line k of the open overlay; its role, or -1 past the end. */
static int overlay_line(il_ui_app *a, int k, char *out, size_t n, int *indent)
{
	if (a->overlay == UI_OVERLAY_MESSAGES)
		return overlay_msg_line(a, k, out, n, indent);
	return overlay_help_line(a, k, out, n, indent);
}

/* Rows a line takes in w columns: wrapped, its continuations indented. */
static int overlay_line_rows(il_ui_app *a, const char *s, int w, int indent)
{
	const char *next;
	int rows = 1;
	uidraw_wrap(&a->t, s, w, &next);
	if (indent >= w - 10)
		indent = 0;
	while (*next) {
		uidraw_wrap(&a->t, next, w - indent, &next);
		rows++;
	}
	return rows;
}

/* Rows the whole text takes inside a frame as wide as the terminal. */
static int overlay_rows(il_ui_app *a)
{
	char buf[OVERLAY_LINE];
	int indent, rows = 0;
	for (int k = 0; overlay_line(a, k, buf, sizeof buf, &indent) >= 0; k++)
		rows += overlay_line_rows(a, buf, a->t.cols - 2, indent);
	return rows;
}

/* Rows shown inside the frame for a text of total rows. */
static int overlay_inner(il_ui_app *a, int total)
{
	int h = total + 2 < a->t.rows ? total + 2 : a->t.rows;
	return h - 2 > 0 ? h - 2 : 0;
}

/* Keep the first row shown within the text. */
static void overlay_clamp(il_ui_app *a, int total)
{
	int inner = overlay_inner(a, total);
	if (a->overlay_top > total - inner)
		a->overlay_top = total - inner;
	if (a->overlay_top < 0)
		a->overlay_top = 0;
}

/* Open an overlay: the help at its top, the messages at their newest. */
void overlay_open(il_ui_app *a, int kind)
{
	a->overlay = kind;
	a->overlay_top = kind == UI_OVERLAY_MESSAGES ? 1 << 20 : 0;
	a->full_redraw = 1;
}

/* Handle one key while an overlay is open. */
void overlay_key(il_ui_app *a, int key)
{
	int page = a->t.rows / 2 > 1 ? a->t.rows / 2 : 1;
	if (key == 'j' || key == UIK_FN(KEY_DOWN))
		a->overlay_top++;
	else if (key == 'k' || key == UIK_FN(KEY_UP))
		a->overlay_top--;
	else if (key == UIK_FN(KEY_NPAGE) || key == ' ')
		a->overlay_top += page;
	else if (key == UIK_FN(KEY_PPAGE))
		a->overlay_top -= page;
	else if (key == 'g' || key == UIK_FN(KEY_HOME))
		a->overlay_top = 0;
	else if (key == 'G' || key == UIK_FN(KEY_END))
		a->overlay_top = 1 << 20;
	else if (key == UIK_CTRL('l'))
		a->full_redraw = 1;
	else if (key != UIK_FN(KEY_RESIZE))
		overlay_open(a, UI_OVERLAY_NONE);
	app_dirty(a, UIM_D_ALL);
}

/* Draw the open overlay: a frame as wide as the terminal, centred in
 * height, its title naming the lines shown when they do not all fit. */
void overlay_draw(il_ui_app *a)
{
	il_tui *t = &a->t;
	int total = overlay_rows(a);
	overlay_clamp(a, total);
	int inner = overlay_inner(a, total);
	il_uirect r = { (t->rows - inner - 2) / 2, 0, inner + 2, t->cols };
	const char *name = a->overlay == UI_OVERLAY_MESSAGES ? "Messages" : "Help";
	char title[96];
	if (total > inner)
		snprintf(title, sizeof title, "%s %d-%d of %d (j/k PgDn)", name, a->overlay_top + 1,
			 a->overlay_top + inner, total);
	else
		snprintf(title, sizeof title, "%s", name);
	il_uirect in = uidraw_frame(t, r, title);
	char buf[OVERLAY_LINE];
	int indent, row = 0;
	for (int k = 0; row < a->overlay_top + in.h; k++) {
		int role = overlay_line(a, k, buf, sizeof buf, &indent);
		if (role < 0)
			break;
		if (indent >= in.w - 10)
			indent = 0;
		const char *s = buf, *next;
		for (int first = 1; first || *s; first = 0, row++) {
			int off = first ? 0 : indent;
			size_t len = uidraw_wrap(t, s, in.w - off, &next);
			if (row >= a->overlay_top && row < a->overlay_top + in.h) {
				char part[OVERLAY_LINE];
				snprintf(part, sizeof part, "%.*s", (int)len, s);
				uidraw_text(t, in.y + row - a->overlay_top, in.x + off, in.w - off, (il_theme_role)role,
					    part);
			}
			s = next;
		}
	}
}

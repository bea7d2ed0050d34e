/* cmdline.c: the line editor of the bottom row and the `:` commands. */
#include "ui/cmdline.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/settings.h"
#include "ui/app.h"

#define CL_CANDS 64

/* The words `:set` offers first (the seed's terminal commands). */
static const char *const cmdline_set_keys[] = {
	"duration", "minduration", "crossfade", "driver", "backend", "model", "theme",
};

/* Convert the editor's text (first n characters) to UTF-8 in out. */
static void cmdline_text(const cmdline *c, int n, char *out, size_t size)
{
	size_t len = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int k = 0; k < n && len + MB_CUR_MAX < size; k++) {
		size_t w = wcrtomb(out + len, c->buf[k], &st);
		if (w != (size_t)-1)
			len += w;
	}
	out[len] = '\0';
}

/* Replace the editor's text with UTF-8 text s. */
static void cmdline_set_text(cmdline *c, const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	c->len = 0;
	while (s && *s && c->len < CL_MAX) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			s++;
			continue;
		}
		c->buf[c->len++] = wc;
		s += n;
	}
	c->buf[c->len] = 0;
	c->cur = c->len;
}

/* Open the editor in mode with a label and initial text (may be NULL). */
void cmdline_open(ui_app *a, int mode, const char *label, const char *initial)
{
	cmdline *c = &a->cl;
	c->mode = mode;
	snprintf(c->label, sizeof c->label, "%s", label);
	cmdline_set_text(c, initial);
	c->hpos = -1;
	app_dirty(a, UIM_D_MSG);
}

/* Close the editor. */
void cmdline_close(ui_app *a)
{
	a->cl.mode = CL_NONE;
	app_dirty(a, UIM_D_MSG | UIM_D_STATUS);
}

/* Remember a line in the mode's history (no duplicates of the last one). */
static void cmdline_remember(cmdline *c, const char *line)
{
	int m = c->mode, n = c->nhist[m];
	if (!*line || (n > 0 && !strcmp(c->hist[m][n - 1], line)))
		return;
	if (n == CL_HIST) {
		memmove(c->hist[m][0], c->hist[m][1], sizeof c->hist[m][0] * (CL_HIST - 1));
		n--;
	}
	size_t len = strlen(line);
	if (len >= sizeof c->hist[m][n])
		len = sizeof c->hist[m][n] - 1;
	memcpy(c->hist[m][n], line, len);
	c->hist[m][n][len] = '\0';
	c->nhist[m] = n + 1;
}

/* Split a line into words, shell-style quotes and backslashes. */
int cmdline_split(const char *line, char *buf, size_t n, char **argv, int max)
{
	size_t o = 0;
	int argc = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc == max || o >= n)
			return -1;
		argv[argc++] = buf + o;
		char q = 0;
		while (*p && (q || (*p != ' ' && *p != '\t'))) {
			if (o + 1 >= n)
				return -1;
			if (q && *p == q) {
				q = 0;
			} else if (!q && (*p == '\'' || *p == '"')) {
				q = *p;
			} else if (*p == '\\' && p[1] && q != '\'') {
				buf[o++] = *++p;
			} else {
				buf[o++] = *p;
			}
			p++;
		}
		if (q)
			return -1;
		buf[o++] = '\0';
	}
	return argc;
}

/* :start PROMPT */
static int cmdline_start(ui_app *a, int argc, char **argv)
{
	char prompt[1024] = "";
	for (int k = 1; k < argc; k++) {
		size_t l = strlen(prompt);
		snprintf(prompt + l, sizeof prompt - l, "%s%s", k > 1 ? " " : "", argv[k]);
	}
	if (!prompt[0]) {
		app_msg(a, UIM_MSG_ERROR, "usage: start 'PROMPT'");
		return -1;
	}
	app_start(a, prompt);
	return 0;
}

/* :stop */
static int cmdline_stop(ui_app *a, int argc, char **argv)
{
	app_send_verb(a, "stop");
	app_msg(a, UIM_MSG_INFO, "stopping");
	return 0;
}

/* :status */
static int cmdline_status(ui_app *a, int argc, char **argv)
{
	a->status_echo = 1; /* shown when the answer comes */
	app_send_verb(a, "status");
	return 0;
}

/* :save FILE */
static int cmdline_save(ui_app *a, int argc, char **argv)
{
	char path[1024];
	if (argc > 2) {
		app_msg(a, UIM_MSG_ERROR, "usage: save FILE (quote a name with spaces)");
		return -1;
	}
	if (argc == 2)
		snprintf(path, sizeof path, "%s", argv[1]);
	else
		app_default_save_path(a, path, sizeof path);
	app_save(a, path);
	return 0;
}

/* Check a value against the settings table (the engine checks it again). */
static int cmdline_check_value(ui_app *a, const char *key, const char *value)
{
	const settings_def *d = settings_find(key);
	il_err err;
	if (!d)
		return 0; /* the engine names it */
	if (d->type == SETTING_INT || d->type == SETTING_LONG || d->type == SETTING_DOUBLE) {
		char *end;
		double v = strtod(value, &end);
		if (end == value || *end || !(v >= d->min && v <= d->max)) {
			app_msg(a, UIM_MSG_ERROR, "%s must be a number from %.15g to %.15g", d->key, d->min,
				d->max);
			return -1;
		}
	}
	if (settings_check(d, value, &err) != 0) {
		app_msg(a, UIM_MSG_ERROR, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* :set KEY VALUE */
static int cmdline_set(ui_app *a, int argc, char **argv)
{
	if (argc != 3) {
		app_msg(a, UIM_MSG_ERROR, "usage: set duration|minduration|crossfade|driver|backend|model|theme VALUE");
		return -1;
	}
	const settings_def *d = settings_find(argv[1]);
	if (!d) {
		app_msg(a, UIM_MSG_ERROR, "unknown setting '%s'", argv[1]);
		return -1;
	}
	if (cmdline_check_value(a, d->key, argv[2]) != 0)
		return -1;
	if (!strcmp(d->key, "theme") && app_theme(a, argv[2]) != 0)
		return -1;
	app_set(a, d->key, argv[2]);
	return 0;
}

/* :debug on|off */
static int cmdline_debug(ui_app *a, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off"))) {
		app_msg(a, UIM_MSG_ERROR, "usage: debug on|off");
		return -1;
	}
	app_send_kv(a, "debug", "on", strcmp(argv[1], "on") ? "0" : "1");
	return 0;
}

/* :validate current|next|both */
static int cmdline_validate(ui_app *a, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "current") && strcmp(argv[1], "next") && strcmp(argv[1], "both"))) {
		app_msg(a, UIM_MSG_ERROR, "usage: validate current|next|both");
		return -1;
	}
	app_send_kv(a, "validate", "which", argv[1]);
	return 0;
}

/* :help */
static int cmdline_help(ui_app *a, int argc, char **argv)
{
	app_help(a, 1);
	return 0;
}

/* :quit */
static int cmdline_quit(ui_app *a, int argc, char **argv)
{
	app_quit(a, 0);
	return 0;
}

const cmdline_cmd cmdline_cmds[] = {
	{ "start", "start 'PROMPT'", "generate loops from PROMPT and play them", cmdline_start },
	{ "stop", "stop", "stop playback and generation", cmdline_stop },
	{ "status", "status", "show the state in the status line", cmdline_status },
	{ "save", "save FILE", "save the current loop (WAV with loop points)", cmdline_save },
	{ "set", "set KEY VALUE", "change a setting: duration, minduration, crossfade, driver, "
	  "backend, model, theme (or any other)", cmdline_set },
	{ "debug", "debug on|off", "debug messages on or off", cmdline_debug },
	{ "validate", "validate current|next|both", "check the loop files", cmdline_validate },
	{ "help", "help", "show keys and commands", cmdline_help },
	{ "quit", "quit", "quit at once", cmdline_quit },
};
const size_t cmdline_ncmds = sizeof cmdline_cmds / sizeof cmdline_cmds[0];

/* Run one command line (without the ':'). */
int cmdline_run(ui_app *a, const char *line)
{
	char buf[2048];
	char *argv[CL_ARGS];
	int argc = cmdline_split(line, buf, sizeof buf, argv, CL_ARGS);
	if (argc < 0) {
		app_msg(a, UIM_MSG_ERROR, "unbalanced quote or too many words");
		return -1;
	}
	if (argc == 0)
		return 0;
	for (size_t k = 0; k < cmdline_ncmds; k++)
		if (!strcmp(argv[0], cmdline_cmds[k].name) || (!strcmp(argv[0], "q") && !strcmp(cmdline_cmds[k].name, "quit")))
			return cmdline_cmds[k].run(a, argc, argv);
	app_msg(a, UIM_MSG_ERROR, "unknown command '%s' (try :help)", argv[0]);
	return -1;
}

/* Add s to the candidates if it starts with prefix and is new. */
static void cmdline_cand(char c[][128], int *n, const char *s, const char *prefix)
{
	if (*n >= CL_CANDS || strncmp(s, prefix, strlen(prefix)))
		return;
	for (int k = 0; k < *n; k++)
		if (!strcmp(c[k], s))
			return;
	snprintf(c[(*n)++], 128, "%s", s);
}

/* Collect completions of the word prefix, the word number nw of words. */
static int cmdline_candidates(ui_app *a, char **words, int nw, const char *prefix, char c[][128])
{
	int n = 0;
	if (nw == 0) {
		for (size_t k = 0; k < cmdline_ncmds; k++)
			cmdline_cand(c, &n, cmdline_cmds[k].name, prefix);
	} else if (!strcmp(words[0], "set") && nw == 1) {
		for (size_t k = 0; k < sizeof cmdline_set_keys / sizeof *cmdline_set_keys; k++)
			cmdline_cand(c, &n, cmdline_set_keys[k], prefix);
		for (int k = 0; k < a->m.nsettings; k++)
			cmdline_cand(c, &n, a->m.settings[k].key, prefix);
	} else if (!strcmp(words[0], "set") && nw == 2) {
		const settings_def *d = settings_find(words[1]);
		if (d && !strcmp(d->key, "theme")) {
			char names[CL_CANDS][64];
			int nn = theme_list(names, CL_CANDS);
			for (int k = 0; k < nn; k++)
				cmdline_cand(c, &n, names[k], prefix);
		} else if (d) {
			uim_setting *s = uimodel_setting(&a->m, d->key);
			char buf[512];
			snprintf(buf, sizeof buf, "%s", s ? s->choices : (d->choices ? d->choices : ""));
			for (char *save = NULL, *w = strtok_r(buf, "|", &save); w; w = strtok_r(NULL, "|", &save))
				cmdline_cand(c, &n, w, prefix);
		}
	} else if (!strcmp(words[0], "debug") && nw == 1) {
		cmdline_cand(c, &n, "on", prefix);
		cmdline_cand(c, &n, "off", prefix);
	} else if (!strcmp(words[0], "validate") && nw == 1) {
		cmdline_cand(c, &n, "current", prefix);
		cmdline_cand(c, &n, "next", prefix);
		cmdline_cand(c, &n, "both", prefix);
	} else if (!strcmp(words[0], "save") && nw == 1) {
		char pat[1040];
		snprintf(pat, sizeof pat, "%s*", prefix);
		glob_t g;
		if (glob(pat, GLOB_MARK | GLOB_TILDE, NULL, &g) == 0) {
			for (size_t k = 0; k < g.gl_pathc; k++)
				cmdline_cand(c, &n, g.gl_pathv[k], "");
			globfree(&g);
		}
	}
	return n;
}

/* Tab: complete the word before the cursor. */
static void cmdline_complete(ui_app *a)
{
	cmdline *c = &a->cl;
	int start = c->cur;
	while (start > 0 && c->buf[start - 1] != L' ')
		start--;
	char before[2048], prefix[1024], wbuf[2048];
	cmdline_text(c, start, before, sizeof before);
	char tmp[2048];
	cmdline_text(c, c->cur, tmp, sizeof tmp);
	snprintf(prefix, sizeof prefix, "%s", tmp + strlen(before));
	char *words[CL_ARGS];
	int nw = cmdline_split(before, wbuf, sizeof wbuf, words, CL_ARGS);
	if (nw < 0)
		return;
	char cands[CL_CANDS][128];
	int n = cmdline_candidates(a, words, nw, prefix, cands);
	if (n == 0) {
		app_msg(a, UIM_MSG_WARN, "no completion for '%s'", prefix);
		return;
	}
	size_t common = strlen(cands[0]);
	for (int k = 1; k < n; k++) {
		size_t j = 0;
		while (j < common && cands[k][j] == cands[0][j])
			j++;
		common = j;
	}
	char ins[160];
	snprintf(ins, sizeof ins, "%.*s%s", (int)common, cands[0],
		 n == 1 && cands[0][common - (common > 0)] != '/' ? " " : "");
	/* Rebuild: text before the word + completion + text after the cursor. */
	char after[2048], line[4096];
	cmdline_text(c, c->len, line, sizeof line);
	snprintf(after, sizeof after, "%s", line + strlen(tmp));
	snprintf(line, sizeof line, "%s%s", before, ins);
	cmdline_set_text(c, line);
	int cur = c->len;
	size_t l = strlen(line);
	snprintf(line + l, sizeof line - l, "%s", after);
	cmdline_set_text(c, line);
	c->cur = cur;
	if (n > 1) {
		char list[512] = "";
		for (int k = 0; k < n; k++) {
			size_t ll = strlen(list);
			snprintf(list + ll, sizeof list - ll, "%s%s", k ? "  " : "", cands[k]);
		}
		app_msg(a, UIM_MSG_INFO, "%s", list);
	}
}

/* Enter: act on the line according to the mode. */
static void cmdline_accept(ui_app *a)
{
	cmdline *c = &a->cl;
	char line[4096];
	cmdline_text(c, c->len, line, sizeof line);
	int mode = c->mode;
	cmdline_remember(c, line);
	c->mode = CL_NONE;
	app_dirty(a, UIM_D_MSG | UIM_D_STATUS);
	switch (mode) {
	case CL_COMMAND:
		cmdline_run(a, line);
		break;
	case CL_PROMPT:
		if (line[0])
			app_start(a, line);
		break;
	case CL_SAVE:
		if (line[0])
			app_save(a, line);
		break;
	case CL_SETTING:
		if (cmdline_check_value(a, c->key, line) == 0 &&
		    (strcmp(c->key, "theme") || app_theme(a, line) == 0))
			app_set(a, c->key, line);
		break;
	default:
		break;
	}
}

/* Up/Down: step through the mode's history. */
static void cmdline_history(cmdline *c, int dir)
{
	int n = c->nhist[c->mode];
	if (n == 0)
		return;
	int p = c->hpos < 0 ? n : c->hpos;
	p += dir;
	if (p < 0)
		p = 0;
	if (p >= n) {
		c->hpos = -1;
		cmdline_set_text(c, "");
		return;
	}
	c->hpos = p;
	cmdline_set_text(c, c->hist[c->mode][p]);
}

/* Handle one key while the editor is open. */
void cmdline_key(ui_app *a, int key)
{
	cmdline *c = &a->cl;
	app_dirty(a, UIM_D_MSG);
	if (c->mode == CL_CONFIRM) {
		cmdline_close(a);
		if (key == 'y' || key == 'Y')
			app_quit(a, 0);
		else
			app_msg(a, UIM_MSG_INFO, "not quitting");
		return;
	}
	if (key == UIK_ESC || key == UIK_CTRL('g')) {
		if (c->mode == CL_FILTER) {
			a->filter[0] = '\0';
			app_dirty(a, UIM_D_PRESETS);
		}
		cmdline_close(a);
		return;
	}
	if (key == '\r' || key == '\n' || key == UIK_FN(KEY_ENTER)) {
		cmdline_accept(a);
		return;
	}
	if (key == UIK_FN(KEY_BACKSPACE) || key == 127 || key == 8) {
		if (c->cur == 0 && c->len == 0 && c->mode != CL_FILTER) {
			cmdline_close(a);
			return;
		}
		if (c->cur > 0) {
			wmemmove(c->buf + c->cur - 1, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
			c->cur--;
			c->len--;
		}
	} else if (key == UIK_FN(KEY_DC) || key == UIK_CTRL('d')) {
		if (c->cur < c->len) {
			wmemmove(c->buf + c->cur, c->buf + c->cur + 1, (size_t)(c->len - c->cur));
			c->len--;
		}
	} else if (key == UIK_FN(KEY_LEFT) || key == UIK_CTRL('b')) {
		c->cur -= c->cur > 0;
	} else if (key == UIK_FN(KEY_RIGHT) || key == UIK_CTRL('f')) {
		c->cur += c->cur < c->len;
	} else if (key == UIK_FN(KEY_HOME) || key == UIK_CTRL('a')) {
		c->cur = 0;
	} else if (key == UIK_FN(KEY_END) || key == UIK_CTRL('e')) {
		c->cur = c->len;
	} else if (key == UIK_CTRL('u')) {
		wmemmove(c->buf, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
		c->len -= c->cur;
		c->cur = 0;
	} else if (key == UIK_CTRL('k')) {
		c->len = c->cur;
		c->buf[c->len] = 0;
	} else if (key == UIK_CTRL('w')) {
		int s = c->cur;
		while (s > 0 && c->buf[s - 1] == L' ')
			s--;
		while (s > 0 && c->buf[s - 1] != L' ')
			s--;
		wmemmove(c->buf + s, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
		c->len -= c->cur - s;
		c->cur = s;
	} else if (key == UIK_FN(KEY_UP)) {
		cmdline_history(c, -1);
	} else if (key == UIK_FN(KEY_DOWN)) {
		cmdline_history(c, 1);
	} else if (key == '\t') {
		if (c->mode == CL_COMMAND)
			cmdline_complete(a);
	} else if (key >= 32 && key != 127 && !(key & 0x1000000) && c->len < CL_MAX &&
		   (a->t.utf8 || key < 127)) {
		wmemmove(c->buf + c->cur + 1, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
		c->buf[c->cur++] = (wchar_t)key;
		c->len++;
	}
	c->buf[c->len] = 0;
	if (c->mode == CL_FILTER) {
		cmdline_text(c, c->len, a->filter, sizeof a->filter);
		a->preset_sel = 0;
		a->preset_top = 0;
		app_dirty(a, UIM_D_PRESETS);
	}
}

/* Draw the editor on row y. */
void cmdline_draw(ui_app *a, int y)
{
	cmdline *c = &a->cl;
	tui *t = &a->t;
	uidraw_fill(t, y, 0, t->cols, ROLE_NORMAL);
	int x = uidraw_text(t, y, 0, t->cols, ROLE_HINT_KEY, c->label);
	int room = t->cols - x - 1;
	if (room <= 0)
		return;
	char before[4096], all[4096];
	cmdline_text(c, c->cur, before, sizeof before);
	cmdline_text(c, c->len, all, sizeof all);
	int wb = uidraw_width(t, before);
	/* Scroll so that the cursor stays visible. */
	const char *p = all;
	int skip = wb > room ? wb - room + 1 : 0;
	while (skip > 0 && *p) {
		size_t n = 1;
		while ((p[n] & 0xc0) == 0x80)
			n++;
		p += n;
		skip--;
	}
	uidraw_text(t, y, x, room + 1, ROLE_NORMAL, p);
	int cx = x + (wb > room ? room - 1 : wb);
	move(y, cx < t->cols ? cx : t->cols - 1);
}

/* cmdline.c: a line editor on a struct, with a history per slot. */
#include "ui/cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/tui.h"

/* The first n characters (n < 0: all) as UTF-8 in out. */
void cmdline_text(const il_cmdline *c, int n, char *out, size_t size)
{
	size_t len = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	if (n < 0 || n > c->len)
		n = c->len;
	for (int k = 0; k < n && len + MB_CUR_MAX < size; k++) {
		size_t w = wcrtomb(out + len, c->buf[k], &st);
		if (w != (size_t)-1)
			len += w;
	}
	out[len] = '\0';
}

/* Replace the text with UTF-8 text s; the cursor goes to the end. */
void cmdline_set_text(il_cmdline *c, const char *s)
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

/* Start editing text with history slot. */
void cmdline_start(il_cmdline *c, int slot, const char *text)
{
	c->slot = slot >= 0 && slot < CL_SLOTS ? slot : 0;
	c->hpos = -1;
	cmdline_set_text(c, text);
}

/* Remember a line in the slot's history (no duplicate of the last one,
 * nothing of a line of 256 bytes or more: never a cut copy). */
void cmdline_remember(il_cmdline *c, const char *line)
{
	int m = c->slot, n = c->nhist[m];
	if (!*line || strlen(line) >= sizeof c->hist[m][0] || (n > 0 && !strcmp(c->hist[m][n - 1], line)))
		return; /* (a line too long to keep whole is not kept cut) */
	if (n == CL_HIST) {
		memmove(c->hist[m][0], c->hist[m][1], sizeof c->hist[m][0] * (CL_HIST - 1));
		n--;
	}
	snprintf(c->hist[m][n], sizeof c->hist[m][n], "%s", line);
	c->nhist[m] = n + 1;
}

/* Write every slot's history to f (see cmdline.h). */
void cmdline_history_write(const il_cmdline *c, FILE *f)
{
	for (int m = 0; m < CL_SLOTS; m++)
		for (int k = 0; k < c->nhist[m]; k++)
			if (!strpbrk(c->hist[m][k], "\n\r"))
				fprintf(f, "%d\t%s\n", m, c->hist[m][k]);
}

/* Read a history written by cmdline_history_write (see cmdline.h). */
void cmdline_history_read(il_cmdline *c, FILE *f)
{
	char line[512];
	int slot = c->slot;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] < '0' || line[0] >= '0' + CL_SLOTS || line[1] != '\t')
			continue;
		c->slot = line[0] - '0';
		cmdline_remember(c, line + 2);
	}
	c->slot = slot;
}

/* Up/Down: step through the slot's history. */
static void cmdline_history(il_cmdline *c, int dir)
{
	int n = c->nhist[c->slot];
	if (n == 0)
		return;
	int p = (c->hpos < 0 ? n : c->hpos) + dir;
	if (p < 0)
		p = 0;
	if (p >= n) {
		c->hpos = -1;
		cmdline_set_text(c, "");
		return;
	}
	c->hpos = p;
	cmdline_set_text(c, c->hist[c->slot][p]);
}

/* Delete the characters from s to the cursor. */
static void cmdline_cut(il_cmdline *c, int s)
{
	wmemmove(c->buf + s, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
	c->len -= c->cur - s;
	c->cur = s;
}

/* Handle one key (see cmdline.h). */
il_cmdline_result cmdline_edit(il_cmdline *c, int key, int utf8)
{
	if (key == UIK_ESC || key == UIK_CTRL('g'))
		return CMDLINE_CANCEL;
	if (key == '\r' || key == '\n' || key == UIK_FN(KEY_ENTER))
		return CMDLINE_ACCEPT;
	if (key == '\t')
		return CMDLINE_TAB;
	if (key == UIK_FN(KEY_BACKSPACE) || key == 127 || key == 8) {
		if (c->cur == 0 && c->len == 0)
			return CMDLINE_EMPTIED;
		if (c->cur > 0) {
			c->cur--;
			wmemmove(c->buf + c->cur, c->buf + c->cur + 1, (size_t)(c->len - c->cur));
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
		cmdline_cut(c, 0);
	} else if (key == UIK_CTRL('k')) {
		c->len = c->cur;
	} else if (key == UIK_CTRL('w')) {
		int s = c->cur;
		while (s > 0 && c->buf[s - 1] == L' ')
			s--;
		while (s > 0 && c->buf[s - 1] != L' ')
			s--;
		cmdline_cut(c, s);
	} else if (key == UIK_FN(KEY_UP)) {
		cmdline_history(c, -1);
	} else if (key == UIK_FN(KEY_DOWN)) {
		cmdline_history(c, 1);
	} else if (key >= 32 && key != 127 && !(key & 0x1000000) && c->len < CL_MAX &&
		   (utf8 || key < 127)) {
		wmemmove(c->buf + c->cur + 1, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
		c->buf[c->cur++] = (wchar_t)key;
		c->len++;
	}
	c->buf[c->len] = 0;
	return CMDLINE_EDITED;
}

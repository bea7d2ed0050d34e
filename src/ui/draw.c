/* draw.c: drawing helpers on the standard screen, by colour role. */
#include "ui/draw.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Decode the next character of s (UTF-8 or ASCII mode); bytes used, 0 at end. */
static size_t uidraw_next(const il_tui *t, const char *s, wchar_t *wc, int *cols)
{
	if (!*s)
		return 0;
	unsigned char c = (unsigned char)*s;
	if (!t->utf8) {
		if (c < 0x80) {
			*wc = c < 0x20 || c == 0x7f ? L'?' : (wchar_t)c;
			*cols = 1;
			return 1;
		}
		size_t n = 1; /* one '?' per multibyte character */
		while ((s[n] & 0xc0) == 0x80)
			n++;
		*wc = L'?';
		*cols = 1;
		return n;
	}
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, strlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*cols = 1;
		return 1;
	}
	int w = wcwidth(*wc);
	if (w < 0) {
		*wc = L'?';
		w = 1;
	}
	*cols = w;
	return n;
}

/* Text width in columns of a UTF-8 string. */
int uidraw_width(const il_tui *t, const char *s)
{
	int total = 0, cols;
	wchar_t wc;
	size_t n;
	while ((n = uidraw_next(t, s, &wc, &cols)) > 0) {
		total += cols;
		s += n;
	}
	return total;
}

/* One cell: the single-column glyph g in role r, into *cc. */
void uidraw_cell(const il_tui *t, wchar_t g, il_theme_role r, cchar_t *cc)
{
	wchar_t s[2] = { g, 0 };
	setcchar(cc, s, t->attr[r], 0, NULL);
}

/* Draw one glyph. */
void uidraw_glyph(const il_tui *t, int y, int x, wchar_t g, il_theme_role r)
{
	if (y < 0 || x < 0 || y >= t->rows || x >= t->cols)
		return;
	cchar_t cc;
	uidraw_cell(t, g, r, &cc);
	mvadd_wch(y, x, &cc);
}

/* Draw n cells made by uidraw_cell at (y, x), clipped to the screen. */
void uidraw_cells(const il_tui *t, int y, int x, const cchar_t *cells, int n)
{
	if (y < 0 || x < 0 || y >= t->rows || x >= t->cols)
		return;
	if (n > t->cols - x)
		n = t->cols - x;
	if (n > 0)
		mvadd_wchnstr(y, x, cells, n);
}

/* Draw s at (y, x) in at most w columns; an ellipsis marks a cut. */
int uidraw_text(const il_tui *t, int y, int x, int w, il_theme_role r, const char *s)
{
	if (!s || w <= 0 || y < 0 || y >= t->rows || x < 0 || x >= t->cols)
		return 0;
	if (x + w > t->cols)
		w = t->cols - x;
	int total = uidraw_width(t, s), used = 0, cols;
	int room = total > w ? w - 1 : w; /* keep one column for the ellipsis */
	wchar_t wc;
	size_t n;
	wchar_t buf[512];
	int nb = 0;
	while ((n = uidraw_next(t, s, &wc, &cols)) > 0 && used + cols <= room && nb < 511) {
		buf[nb++] = wc;
		used += cols;
		s += n;
	}
	buf[nb] = 0;
	attr_t a = t->attr[r];
	attron(a);
	mvaddnwstr(y, x, buf, nb);
	attroff(a);
	if (total > w && w > 0) {
		uidraw_glyph(t, y, x + used, t->g.ell, r);
		used++;
	}
	return used;
}

/* The bytes of s that fill one row of w columns, broken after the last
 * space that fits (mid-word only when a word is wider than the row);
 * *next is where the next row starts, its spaces skipped. */
size_t uidraw_wrap(const il_tui *t, const char *s, int w, const char **next)
{
	const char *p = s, *brk = NULL;
	int used = 0, cols;
	wchar_t wc;
	size_t n;
	while ((n = uidraw_next(t, p, &wc, &cols)) > 0 && used + cols <= w) {
		used += cols;
		p += n;
		if (wc == L' ')
			brk = p;
	}
	if (p == s && *s) /* a character wider than the row: it goes alone */
		p += uidraw_next(t, s, &wc, &cols);
	size_t len = (size_t)((*p && brk ? brk : p) - s);
	*next = s + len;
	while (**next == ' ')
		(*next)++;
	return len;
}

/* Draw s wrapped in rows of w columns from row y to below bottom; the
 * rows used (all rows it needs are counted, drawn or not). */
int uidraw_wrapped(const il_tui *t, int y, int x, int w, int bottom, il_theme_role r, const char *s)
{
	int rows = 0;
	char buf[1024];
	while (s && *s && w > 0) {
		const char *next;
		size_t len = uidraw_wrap(t, s, w, &next);
		if (y + rows < bottom) {
			snprintf(buf, sizeof buf, "%.*s", (int)len, s);
			uidraw_text(t, y + rows, x, w, r, buf);
		}
		rows++;
		s = next;
	}
	return rows;
}

/* Draw printf-formatted text like uidraw_text. */
int uidraw_textf(const il_tui *t, int y, int x, int w, il_theme_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return uidraw_text(t, y, x, w, r, buf);
}

/* Fill w columns at (y, x) with blanks in role r. */
void uidraw_fill(const il_tui *t, int y, int x, int w, il_theme_role r)
{
	if (y < 0 || y >= t->rows || x < 0 || x >= t->cols || w <= 0)
		return;
	if (x + w > t->cols)
		w = t->cols - x;
	attr_t a = t->attr[r];
	attron(a);
	mvhline(y, x, ' ', w);
	attroff(a);
}

/* Blank a rectangle. */
void uidraw_clear(const il_tui *t, il_uirect rc)
{
	for (int k = 0; k < rc.h; k++)
		uidraw_fill(t, rc.y + k, rc.x, rc.w, ROLE_NORMAL);
}

/* The rectangle inside the frame uidraw_frame draws around rc. */
il_uirect uidraw_frame_inner(il_uirect rc)
{
	if (rc.h < 2 || rc.w < 4)
		return (il_uirect){ rc.y, rc.x, rc.h > 0 ? rc.h : 0, rc.w > 0 ? rc.w : 0 };
	return (il_uirect){ rc.y + 1, rc.x + 1, rc.h - 2, rc.w - 2 };
}

/* Frame rc with a title; the inside is cleared. Returns the inner rectangle. */
il_uirect uidraw_frame(const il_tui *t, il_uirect rc, const char *title)
{
	il_uirect in = uidraw_frame_inner(rc);
	if (rc.h < 2 || rc.w < 4) {
		uidraw_clear(t, rc);
		return in;
	}
	uidraw_clear(t, in);
	attr_t a = t->attr[ROLE_BORDER];
	int y2 = rc.y + rc.h - 1, x2 = rc.x + rc.w - 1;
	attron(a);
	if (t->utf8) {
		mvhline_set(rc.y, rc.x + 1, WACS_HLINE, rc.w - 2);
		mvhline_set(y2, rc.x + 1, WACS_HLINE, rc.w - 2);
		mvvline_set(rc.y + 1, rc.x, WACS_VLINE, rc.h - 2);
		mvvline_set(rc.y + 1, x2, WACS_VLINE, rc.h - 2);
		mvadd_wch(rc.y, rc.x, WACS_ULCORNER);
		mvadd_wch(rc.y, x2, WACS_URCORNER);
		mvadd_wch(y2, rc.x, WACS_LLCORNER);
		mvadd_wch(y2, x2, WACS_LRCORNER);
	} else {
		mvhline(rc.y, rc.x + 1, '-', rc.w - 2);
		mvhline(y2, rc.x + 1, '-', rc.w - 2);
		mvvline(rc.y + 1, rc.x, '|', rc.h - 2);
		mvvline(rc.y + 1, x2, '|', rc.h - 2);
		mvaddch(rc.y, rc.x, '+');
		mvaddch(rc.y, x2, '+');
		mvaddch(y2, rc.x, '+');
		mvaddch(y2, x2, '+');
	}
	attroff(a);
	if (title && *title && rc.w > 6) {
		uidraw_text(t, rc.y, rc.x + 1, 1, ROLE_BORDER, " ");
		int n = uidraw_text(t, rc.y, rc.x + 2, rc.w - 5, ROLE_PANEL_TITLE, title);
		uidraw_text(t, rc.y, rc.x + 2 + n, 1, ROLE_BORDER, " ");
	}
	return in;
}

/* A horizontal bar of w columns filled to frac (0-1), eighth-cell precise. */
void uidraw_hbar(const il_tui *t, int y, int x, int w, double frac, il_theme_role fill, il_theme_role empty)
{
	if (w <= 0)
		return;
	if (!isfinite(frac) || frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int eighths = (int)lround(frac * w * 8);
	for (int k = 0; k < w; k++) {
		int e = eighths - k * 8;
		if (e >= 8)
			uidraw_glyph(t, y, x + k, t->depth == 0 && t->utf8 ? t->g.hbar[8] : t->g.hbar[8], fill);
		else if (e > 0)
			uidraw_glyph(t, y, x + k, t->g.hbar[e], fill);
		else
			uidraw_glyph(t, y, x + k, t->g.hbar_empty, empty);
	}
}

/* An indeterminate progress bar: a block going to and fro with the time. */
void uidraw_hbar_busy(const il_tui *t, int y, int x, int w, double now, il_theme_role fill, il_theme_role empty)
{
	if (w <= 0)
		return;
	int len = w / 5 > 1 ? w / 5 : 1, span = w - len;
	long step = isfinite(now) && now > 0 ? (long)(now * 4.0) : 0;
	int pos = span > 0 ? (int)(step % (2L * span)) : 0;
	if (pos > span)
		pos = 2 * span - pos;
	for (int k = 0; k < w; k++) {
		if (k >= pos && k < pos + len)
			uidraw_glyph(t, y, x + k, t->g.hbar[8], fill);
		else
			uidraw_glyph(t, y, x + k, t->g.hbar_empty, empty);
	}
}

/* A "label value" pair: label in ROLE_LABEL, value in ROLE_VALUE. */
int uidraw_pair(const il_tui *t, int y, int x, int w, const char *label, const char *value)
{
	int n = uidraw_text(t, y, x, w, ROLE_LABEL, label);
	if (n < w)
		n += uidraw_text(t, y, x + n, 1, ROLE_NORMAL, " ");
	if (n < w)
		n += uidraw_text(t, y, x + n, w - n, ROLE_VALUE, value);
	return n;
}

/* Format seconds as m:ss (or h:mm:ss). */
void uidraw_clock(char *out, size_t n, double secs)
{
	if (!isfinite(secs) || secs < 0)
		secs = 0;
	long s = (long)secs;
	if (s >= 3600)
		snprintf(out, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, n, "%ld:%02ld", s / 60, s % 60);
}

/* draw.h: drawing helpers on the standard screen: clipped UTF-8 text,
 * frames with titles, progress bars and bar cells, by colour role. */
#ifndef IL_UI_DRAW_H
#define IL_UI_DRAW_H

#include "ui/tui.h"

typedef struct uirect {
	int y, x, h, w;
} uirect;

/* Text width in columns of a UTF-8 string (ASCII mode: one per character). */
int uidraw_width(const tui *t, const char *s);
/* Draw s at (y, x) in at most w columns; an ellipsis marks a cut. Columns used. */
int uidraw_text(const tui *t, int y, int x, int w, theme_role r, const char *s);
/* The bytes of s that fill one row of w columns, broken after a space;
 * *next is where the next row starts. */
size_t uidraw_wrap(const tui *t, const char *s, int w, const char **next);
/* Draw s wrapped in rows of w columns from row y to below bottom; the
 * rows it needs (drawn or not). */
int uidraw_wrapped(const tui *t, int y, int x, int w, int bottom, theme_role r, const char *s);
/* Draw printf-formatted text like uidraw_text. */
int uidraw_textf(const tui *t, int y, int x, int w, theme_role r, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Fill w columns at (y, x) with blanks in role r. */
void uidraw_fill(const tui *t, int y, int x, int w, theme_role r);
/* Blank a rectangle. */
void uidraw_clear(const tui *t, uirect rc);
/* Draw one glyph. */
void uidraw_glyph(const tui *t, int y, int x, wchar_t g, theme_role r);
/* Frame rc with a title; the inside is cleared. Returns the inner rectangle. */
uirect uidraw_frame(const tui *t, uirect rc, const char *title);
/* A horizontal bar of w columns filled to frac (0-1), eighth-cell precise. */
void uidraw_hbar(const tui *t, int y, int x, int w, double frac, theme_role fill, theme_role empty);
/* An indeterminate progress bar w columns wide: a block of a fifth of it
 * going to and fro, four columns a second, placed by the time now. */
void uidraw_hbar_busy(const tui *t, int y, int x, int w, double now, theme_role fill, theme_role empty);
/* A "label value" pair: label in ROLE_LABEL, value in ROLE_VALUE; columns used. */
int uidraw_pair(const tui *t, int y, int x, int w, const char *label, const char *value);
/* Format seconds as m:ss (or h:mm:ss). */
void uidraw_clock(char *out, size_t n, double secs);

#endif

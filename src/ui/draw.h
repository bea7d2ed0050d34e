/* draw.h: drawing helpers on the standard screen: clipped UTF-8 text,
 * frames with titles, progress bars and bar cells, by colour role. */
#ifndef IL_UI_DRAW_H
#define IL_UI_DRAW_H

#include "ui/tui.h"

typedef struct il_uirect {
	int y, x, h, w;
} il_uirect;

/* Text width in columns of a UTF-8 string (ASCII mode: one per character). */
int uidraw_width(const il_tui *t, const char *s);
/* Draw s at (y, x) in at most w columns; an ellipsis marks a cut. Columns used. */
int uidraw_text(const il_tui *t, int y, int x, int w, il_theme_role r, const char *s);
/* The bytes of s that fill one row of w columns, broken after a space;
 * *next is where the next row starts. */
size_t uidraw_wrap(const il_tui *t, const char *s, int w, const char **next);
/* Draw s wrapped in rows of w columns from row y to below bottom; the
 * rows it needs (drawn or not). */
int uidraw_wrapped(const il_tui *t, int y, int x, int w, int bottom, il_theme_role r, const char *s);
/* Draw printf-formatted text like uidraw_text. */
int uidraw_textf(const il_tui *t, int y, int x, int w, il_theme_role r, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Fill w columns at (y, x) with blanks in role r. */
void uidraw_fill(const il_tui *t, int y, int x, int w, il_theme_role r);
/* Blank a rectangle. */
void uidraw_clear(const il_tui *t, il_uirect rc);
/* Draw one glyph. */
void uidraw_glyph(const il_tui *t, int y, int x, wchar_t g, il_theme_role r);
/* One cell: the single-column glyph g in role r, into *cc. */
void uidraw_cell(const il_tui *t, wchar_t g, il_theme_role r, cchar_t *cc);
/* Draw n cells made by uidraw_cell at (y, x), clipped to the screen (no
 * cursor move, no wrap: a row of glyphs at the cost of one call). */
void uidraw_cells(const il_tui *t, int y, int x, const cchar_t *cells, int n);
/* Frame rc with a title; the inside is cleared. Returns the inner rectangle. */
il_uirect uidraw_frame(const il_tui *t, il_uirect rc, const char *title);
/* The rectangle inside the frame uidraw_frame draws around rc. */
il_uirect uidraw_frame_inner(il_uirect rc);
/* A horizontal bar of w columns filled to frac (0-1), eighth-cell precise. */
void uidraw_hbar(const il_tui *t, int y, int x, int w, double frac, il_theme_role fill, il_theme_role empty);
/* An indeterminate progress bar w columns wide: a block of a fifth of it
 * going to and fro, four columns a second, placed by the time now. */
void uidraw_hbar_busy(const il_tui *t, int y, int x, int w, double now, il_theme_role fill, il_theme_role empty);
/* A "label value" pair: label in ROLE_LABEL, value in ROLE_VALUE; columns used. */
int uidraw_pair(const il_tui *t, int y, int x, int w, const char *label, const char *value);
/* Format seconds as m:ss (or h:mm:ss). */
void uidraw_clock(char *out, size_t n, double secs);

#endif

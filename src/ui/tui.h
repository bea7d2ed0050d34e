/* tui.h: the terminal: curses setup and teardown, colours, glyphs, signals.
 *
 * The only place where the screen is opened and closed. Every exit path
 * (quit, signals, engine death, fatal errors) ends in tui_close(). */
#ifndef IL_UI_TUI_H
#define IL_UI_TUI_H

#include <curses.h>
#include <wchar.h>

#include "options.h"
#include "ui/theme.h"
#include "util/error.h"

/* Keys: characters are their code point; curses function keys carry this flag. */
#define UIK_FN(k) ((k) | 0x1000000)
#define UIK_CTRL(c) ((c) & 0x1f)
#define UIK_ESC 27

typedef struct il_tui_glyphs {
	wchar_t vbar[9];    /* spectrum cells: empty, 1/8 ... 8/8 */
	wchar_t hbar[9];    /* progress: empty, 1/8 ... 8/8 */
	wchar_t hbar_empty; /* unfilled part of a progress bar */
	wchar_t play, pause, stop, sel, ell, marker, dot;
} il_tui_glyphs;

typedef struct il_tui {
	int active;         /* curses is on */
	SCREEN *scr;
	int utf8;           /* UTF-8 glyphs (else ASCII) */
	int depth;          /* 256, 16, 8, or 0 for monochrome */
	int default_bg;     /* the terminal's default colours can be used */
	int rows, cols;
	attr_t attr[ROLE_COUNT];
	il_tui_glyphs g;
	int saved_stderr;   /* the real stderr while curses is on */
	char errlog[4096];  /* where stderr goes meanwhile */
	char why_color[64]; /* why colours are off, for the help overlay */
} il_tui;

/* Open the terminal (newterm; an unknown TERM is an error, not an abort). */
int tui_open(il_tui *t, const il_opts *o, const char *errlog, il_err *err);
/* Restore the terminal (safe to call twice) and replay what went to stderr. */
void tui_close(il_tui *t);
/* Resolve a theme for this terminal and set the colour pairs. */
void tui_apply_theme(il_tui *t, const il_theme *th);
/* Read the terminal's size again after SIGWINCH and resize curses. */
void tui_resize(il_tui *t);
/* Install the signal handlers; signals are written as bytes to a pipe
 * whose read end is returned in *fd (non-blocking). */
int tui_signals(int *fd, il_err *err);
/* Read one pending signal number from the pipe, or 0. */
int tui_signal_next(int fd);
/* Stop the process for ^Z (SIGTSTP) and take the terminal back after. */
void tui_suspend(il_tui *t);
/* Read one key: a code point, UIK_FN(curses key), or -1 when none waits. */
int tui_key(il_tui *t);

#endif

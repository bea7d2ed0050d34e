/* tui.c: the terminal: curses setup and teardown, colours, glyphs, signals. */
#include "ui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

static int tui_sig_pipe[2] = { -1, -1 };
static il_tui *tui_current; /* for the fatal-signal handler */

/* Pick UTF-8 or ASCII glyphs. */
static void tui_glyphs_set(il_tui *t)
{
	il_tui_glyphs *g = &t->g;
	if (t->utf8) {
		const wchar_t *v = L" \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
		const wchar_t *h = L" \u258f\u258e\u258d\u258c\u258b\u258a\u2589\u2588";
		wmemcpy(g->vbar, v, 9);
		wmemcpy(g->hbar, h, 9);
		g->hbar_empty = L'\u2500';
		g->play = L'\u25b6';
		g->pause = L'\u2016';
		g->stop = L'\u25a0';
		g->sel = L'\u25b8';
		g->ell = L'\u2026';
		g->marker = L'\u2502';
		g->dot = L'\u00b7';
	} else {
		const wchar_t *v = L" ..::||##";
		wmemcpy(g->vbar, v, 9);
		for (int k = 0; k < 9; k++)
			g->hbar[k] = k == 0 ? L' ' : (k < 8 ? L'=' : L'#');
		g->hbar_empty = L'-';
		g->play = L'>';
		g->pause = L'"';
		g->stop = L'#';
		g->sel = L'>';
		g->ell = L'~';
		g->marker = L'|';
		g->dot = L'.';
	}
}

/* Restore the terminal from a fatal signal, then die of it. */
static void tui_on_fatal(int sig)
{
	if (tui_current && tui_current->active)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Write a caught signal's number to the pipe. */
static void tui_on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t w = write(tui_sig_pipe[1], &b, 1);
	(void)w;
	errno = saved;
}

/* Install the signal handlers; their numbers arrive on a pipe. */
int tui_signals(int *fd, il_err *err)
{
	if (tui_sig_pipe[0] < 0) {
		if (pipe2(tui_sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
			return il_err_errno(err, IL_E_IO, errno, "cannot create a pipe");
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = tui_on_signal;
	sa.sa_flags = SA_RESTART;
	/* SIGTSTP (^Z) is ours before newterm too: ncurses then leaves it to
	 * us (tui_suspend) and does not swap its handler around each update,
	 * two system calls a frame. */
	const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCHLD, SIGQUIT, SIGTSTP };
	for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaction(sigs[k], &sa, NULL);
	sa.sa_handler = tui_on_fatal;
	sa.sa_flags = SA_RESETHAND;
	const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
		sigaction(fatal[k], &sa, NULL);
	*fd = tui_sig_pipe[0];
	return 0;
}

/* Stop as the shell asked (^Z): the terminal goes back to the shell and
 * the process stops until `fg`; the first update after endwin() repaints
 * the whole screen. The engine, in a session of its own, plays on. */
void tui_suspend(il_tui *t)
{
	if (t->active)
		endwin();
	struct sigaction dfl, ours;
	memset(&dfl, 0, sizeof dfl);
	sigemptyset(&dfl.sa_mask);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP); /* returns at `fg`; the next update repaints it all */
	sigaction(SIGTSTP, &ours, NULL);
	if (t->active)
		keypad(stdscr, TRUE); /* (endwin() took the keypad's mode back) */
}

/* Read one pending signal number from the pipe, or 0. */
int tui_signal_next(int fd)
{
	unsigned char b;
	return read(fd, &b, 1) == 1 ? b : 0;
}

/* Teach curses the F-key sequences of other terminals (xterm, rxvt, the
 * Linux console), since terminals and multiplexers often disagree with TERM. */
static void tui_define_keys(void)
{
	static const char *const seqs[][5] = {
		{ "\033OP", "\033[11~", "\033[[A", "\033[1P", "\033[P" },
		{ "\033OQ", "\033[12~", "\033[[B", "\033[1Q", "\033[Q" },
		{ "\033OR", "\033[13~", "\033[[C", "\033[1R", "\033[R" },
		{ "\033OS", "\033[14~", "\033[[D", "\033[1S", "\033[S" },
		{ "\033[15~", "\033[[E", NULL, NULL, NULL },
	};
	for (int f = 0; f < 5; f++)
		for (int k = 0; k < 5 && seqs[f][k]; k++)
			if (key_defined(seqs[f][k]) == 0)
				define_key(seqs[f][k], KEY_F(f + 1));
	static const char *const other[][2] = {
		{ "\033[Z", NULL }, { "\033[1~", NULL }, { "\033[4~", NULL }, { "\033[H", NULL },
		{ "\033[F", NULL }, { "\033OH", NULL }, { "\033OF", NULL },
	};
	const int codes[] = { KEY_BTAB, KEY_HOME, KEY_END, KEY_HOME, KEY_END, KEY_HOME, KEY_END };
	for (size_t k = 0; k < sizeof other / sizeof other[0]; k++)
		if (key_defined(other[k][0]) == 0)
			define_key(other[k][0], codes[k]);
}

/* Decide how colours are used: NO_COLOR, --no-color, or the terminal. */
static void tui_colors_init(il_tui *t, const il_opts *o)
{
	const char *nc = getenv("NO_COLOR");
	t->depth = 0;
	if (o->no_color) {
		snprintf(t->why_color, sizeof t->why_color, "off (--no-color)");
		return;
	}
	if (nc && *nc) {
		snprintf(t->why_color, sizeof t->why_color, "off (NO_COLOR)");
		return;
	}
	if (!has_colors() || start_color() != OK) {
		snprintf(t->why_color, sizeof t->why_color, "none (terminal)");
		return;
	}
	t->default_bg = use_default_colors() == OK;
	t->depth = COLORS >= 256 ? 256 : (COLORS >= 16 ? 16 : (COLORS >= 8 ? 8 : 0));
	if (COLOR_PAIRS <= ROLE_COUNT)
		t->depth = 0;
	snprintf(t->why_color, sizeof t->why_color, "%d", t->depth);
}

/* Open the terminal (newterm; an unknown TERM is an error, not an abort). */
int tui_open(il_tui *t, const il_opts *o, const char *errlog, il_err *err)
{
	memset(t, 0, sizeof *t);
	t->saved_stderr = -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return il_err_set(err, IL_E_IO, "the full-screen station needs a terminal on stdin and stdout; "
				  "try --headless or --engine");
	const char *term = getenv("TERM");
	if (!term || !*term)
		return il_err_set(err, IL_E_IO, "TERM is not set; set it to your terminal's type, "
				  "e.g. TERM=xterm-256color");
	int e = 0;
	if (setupterm(term, STDOUT_FILENO, &e) != OK)
		return il_err_set(err, IL_E_IO, "no terminfo entry for TERM '%s' on this machine; try "
				  "TERM=xterm-256color (or install the terminal's terminfo)", term);
	del_curterm(cur_term);
	const char *cs = nl_langinfo(CODESET);
	t->utf8 = !o->ascii && cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	tui_glyphs_set(t);
	t->scr = newterm(term, stdout, stdin);
	if (!t->scr)
		return il_err_set(err, IL_E_IO, "cannot open the terminal '%s'", term);
	set_term(t->scr);
	if (!getenv("ESCDELAY"))
		set_escdelay(25); /* Esc alone feels immediate */
	t->active = 1;
	tui_current = t;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	/* No look at the keyboard in the middle of an update (two polls a
	 * frame); a frame is small and the next one comes soon. */
	typeahead(-1);
	/* Until a first endwin(), ncurses takes itself to be used by a
	 * low-level terminfo program and writes its output at every cursor
	 * move: a frame of the spectrum took six writes instead of one. */
	endwin();
	doupdate();
	keypad(stdscr, TRUE); /* (endwin() took the keypad's mode back) */
	tui_define_keys();
	tui_colors_init(t, o);
	getmaxyx(stdscr, t->rows, t->cols);
	if (errlog && *errlog) { /* library chatter must not scribble on the screen */
		int fd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd >= 0) {
			fflush(stderr);
			t->saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
			dup2(fd, STDERR_FILENO);
			close(fd);
			snprintf(t->errlog, sizeof t->errlog, "%s", errlog);
		}
	}
	return 0;
}

/* Restore the terminal (safe to call twice) and replay what went to stderr. */
void tui_close(il_tui *t)
{
	if (t->active) {
		curs_set(1);
		endwin();
		t->active = 0;
	}
	if (t->scr) {
		delscreen(t->scr);
		t->scr = NULL;
	}
	if (t->saved_stderr >= 0) {
		fflush(stderr);
		dup2(t->saved_stderr, STDERR_FILENO);
		close(t->saved_stderr);
		t->saved_stderr = -1;
		FILE *f = fopen(t->errlog, "r");
		if (f) {
			char buf[1024];
			size_t n;
			while ((n = fread(buf, 1, sizeof buf, f)) > 0)
				fwrite(buf, 1, n, stderr);
			fclose(f);
		}
	}
	tui_current = NULL;
}

/* Convert THEME_A_* bits to curses attributes. */
static attr_t tui_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_A_BOLD)
		r |= A_BOLD;
	if (a & THEME_A_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_A_DIM)
		r |= A_DIM;
	if (a & THEME_A_ITALIC)
		r |= A_ITALIC;
	return r;
}

/* Resolve a theme for this terminal and set the colour pairs. */
void tui_apply_theme(il_tui *t, const il_theme *th)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const il_theme_color *c = &th->roles[r];
		if (t->depth == 0) {
			t->attr[r] = tui_attrs(c->mono);
			continue;
		}
		int bold_fg, bold_bg;
		int fg = theme_map_color(c->fg, t->depth, &bold_fg);
		int bg = theme_map_color(c->bg, t->depth, &bold_bg);
		if (!t->default_bg) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		if (fg == bg && fg >= 0)
			fg = bg == COLOR_BLACK ? COLOR_WHITE : COLOR_BLACK;
		init_pair((short)(r + 1), (short)fg, (short)bg);
		t->attr[r] = COLOR_PAIR(r + 1) | tui_attrs(c->attrs) | (bold_fg ? A_BOLD : 0);
	}
	bkgdset(' ' | t->attr[ROLE_NORMAL]);
}

/* Read the terminal's size again after SIGWINCH and resize curses. */
void tui_resize(il_tui *t)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, t->rows, t->cols);
}

/* Read one key: a code point, UIK_FN(curses key), or -1 when none waits. */
int tui_key(il_tui *t)
{
	(void)t;
	wint_t ch;
	int rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		return UIK_FN((int)ch);
	return (int)ch;
}


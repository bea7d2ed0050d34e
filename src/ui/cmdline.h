/* cmdline.h: a line editor on a struct, with a history per slot.
 *
 * It knows nothing of the station: keys go in (cmdline_edit), and it says
 * what the key meant (edited, accept, cancel, ...); the text comes out as
 * UTF-8 (cmdline_text). What a line is for is entry.c's business. */
#ifndef IL_UI_CMDLINE_H
#define IL_UI_CMDLINE_H

#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#define CL_MAX 2000 /* characters: more than a prompt may have, so a prompt too long is refused with its limit, never cut */
#define CL_HIST 50
#define CL_SLOTS 8

typedef struct il_cmdline {
	wchar_t buf[CL_MAX + 1];
	int len, cur;            /* characters, cursor position */
	int slot;                /* the history in use (0 to CL_SLOTS - 1) */
	char hist[CL_SLOTS][CL_HIST][256];
	int nhist[CL_SLOTS];
	int hpos;                /* browsing history: index, or -1 */
} il_cmdline;

/* What a key meant to the editor. */
typedef enum il_cmdline_result {
	CMDLINE_EDITED,   /* the text or the cursor changed (or nothing did) */
	CMDLINE_ACCEPT,   /* Enter */
	CMDLINE_CANCEL,   /* Esc, Ctrl-G */
	CMDLINE_EMPTIED,  /* Backspace on an empty line */
	CMDLINE_TAB       /* Tab: the owner may complete */
} il_cmdline_result;

/* Start editing text (UTF-8, may be NULL) with history slot. */
void cmdline_start(il_cmdline *c, int slot, const char *text);
/* Replace the text with UTF-8 text s; the cursor goes to the end. */
void cmdline_set_text(il_cmdline *c, const char *s);
/* The first n characters (n < 0: all) as UTF-8 in out. */
void cmdline_text(const il_cmdline *c, int n, char *out, size_t size);
/* Remember a line in the slot's history (no duplicate of the last one,
 * nothing of a line of 256 bytes or more: never a cut copy). */
void cmdline_remember(il_cmdline *c, const char *line);
/* Write every slot's history to f, a line each: SLOT, a tab, the text. */
void cmdline_history_write(const il_cmdline *c, FILE *f);
/* Read a history written by cmdline_history_write (bad lines skipped). */
void cmdline_history_read(il_cmdline *c, FILE *f);
/* Handle one key (a code point or UIK_FN(curses key)); utf8 allows
 * characters beyond ASCII. */
il_cmdline_result cmdline_edit(il_cmdline *c, int key, int utf8);

#endif

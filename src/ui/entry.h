/* entry.h: the bottom row's questions. The line editor (cmdline.h) is
 * opened for a purpose: a `:` command, a prompt, a file name to save to,
 * the preset filter, a setting's new value, or the quit question; this
 * module knows what Enter does in each, and draws the row. */
#ifndef IL_UI_ENTRY_H
#define IL_UI_ENTRY_H

#include "util/error.h"

#include "ui/cmdline.h"

struct il_ui_app;

enum { ENTRY_NONE, ENTRY_COMMAND, ENTRY_PROMPT, ENTRY_SAVE, ENTRY_FILTER, ENTRY_SETTING,
       ENTRY_CONFIRM_QUIT, ENTRY_CONFIRM_SAVE, ENTRY_MODES };

typedef struct il_entry {
	int mode;                /* ENTRY_* (ENTRY_NONE: closed) */
	char label[4200];
	char key[64];            /* ENTRY_SETTING: the setting edited */
	char path[4096];         /* ENTRY_CONFIRM_SAVE: the file to replace */
	char hint[512];          /* completion candidates shown beside the line */
	il_cmdline cl;
} il_entry;

/* Open the row in mode with a label and initial text (may be NULL). */
void entry_open(struct il_ui_app *a, int mode, const char *label, const char *initial);
/* Ask before quitting while a generation runs (y quits). */
void entry_confirm_quit(struct il_ui_app *a);
/* Ask before replacing the file at path (y saves over it). */
void entry_confirm_save(struct il_ui_app *a, const char *path);
/* Close the row. */
void entry_close(struct il_ui_app *a);
/* Read the line histories kept across sessions
 * ($XDG_STATE_HOME/infiniloop/history); a missing file is no history. */
void entry_history_load(struct il_ui_app *a);
/* Write the line histories (0600, replaced whole); 0 or -1 with err. */
int entry_history_save(struct il_ui_app *a, il_err *err);
/* Handle one key while the row is open. */
void entry_key(struct il_ui_app *a, int key);
/* Draw the row at y. */
void entry_draw(struct il_ui_app *a, int y);

#endif

/* cmdline.h: the line editor of the bottom row and the `:` commands.
 *
 * One editor serves the command line (`:`), the prompt, the save file name,
 * the preset filter, a setting's new value and the quit question. The
 * command table drives parsing, tab completion and the help overlay. */
#ifndef IL_UI_CMDLINE_H
#define IL_UI_CMDLINE_H

#include <stddef.h>
#include <wchar.h>

struct ui_app;

enum { CL_NONE, CL_COMMAND, CL_PROMPT, CL_SAVE, CL_FILTER, CL_SETTING, CL_CONFIRM, CL_MODES };

#define CL_MAX 1000
#define CL_HIST 50
#define CL_ARGS 16

typedef struct cmdline {
	int mode;                /* CL_* (CL_NONE: closed) */
	wchar_t buf[CL_MAX + 1];
	int len, cur;            /* characters, cursor position */
	char label[64];
	char key[64];            /* CL_SETTING: the setting edited */
	char hist[CL_MODES][CL_HIST][256];
	int nhist[CL_MODES];
	int hpos;                /* browsing history: index, or -1 */
} cmdline;

typedef struct cmdline_cmd {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(struct ui_app *a, int argc, char **argv);
} cmdline_cmd;

extern const cmdline_cmd cmdline_cmds[];
extern const size_t cmdline_ncmds;

/* Open the editor in mode with a label and initial text (may be NULL). */
void cmdline_open(struct ui_app *a, int mode, const char *label, const char *initial);
/* Close the editor. */
void cmdline_close(struct ui_app *a);
/* Handle one key while the editor is open. */
void cmdline_key(struct ui_app *a, int key);
/* Run one command line (without the ':'); 0 or -1 (the message says why). */
int cmdline_run(struct ui_app *a, const char *line);
/* Split a line into words: quotes ('...', "...") and backslashes as in a
 * shell. argv points into buf (size n). Returns argc, or -1 on an open quote. */
int cmdline_split(const char *line, char *buf, size_t n, char **argv, int max);
/* Draw the editor on row y. */
void cmdline_draw(struct ui_app *a, int y);

#endif

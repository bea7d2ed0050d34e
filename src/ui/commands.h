/* commands.h: the `:` commands. One table row per command holds its name,
 * usage, help line, handler and completion function; it drives running,
 * Tab completion and the help overlay. Commands may be shortened to any
 * unique prefix (`:se` is `:set`), as in cmus. */
#ifndef IL_UI_COMMANDS_H
#define IL_UI_COMMANDS_H

#include <stddef.h>

struct il_ui_app;
struct il_cmdline;

#define COMMANDS_ARGS 16
#define COMMANDS_CANDS 64

/* Completion candidates of one word. */
typedef struct il_commands_cands {
	char c[COMMANDS_CANDS][128];
	int n;
	const char *prefix;      /* the part of the word already typed */
} il_commands_cands;

typedef struct il_commands_def {
	const char *name;
	const char *alias;       /* another name (or NULL) */
	const char *usage;
	const char *help;
	int (*run)(struct il_ui_app *a, int argc, char **argv);
	/* Add candidates for word number argn (1: the first argument). */
	void (*complete)(struct il_ui_app *a, int argn, char **words, il_commands_cands *cc);
	int bang;                /* `name!` is accepted (run sees the '!' in argv[0]) */
} il_commands_def;

extern const il_commands_def commands_table[];
extern const size_t commands_count;

/* Split a line into words: quotes ('...', "...") and backslashes as in a
 * shell. argv points into buf (size n). Returns argc, or -1 on an open
 * quote or more than max words. */
int commands_split(const char *line, char *buf, size_t n, char **argv, int max);
/* The command named name, its alias, or the only one name starts (a
 * trailing '!' for a command that takes it); NULL. */
const il_commands_def *commands_find(const char *name);
/* Run one command line (without the ':'); 0 or -1 (the message says why). */
int commands_run(struct il_ui_app *a, const char *line);
/* Tab in the command line c: complete the word before the cursor. The
 * candidates, when several (or "no completion for ..."), go into hint
 * (size n) to be shown beside the line. */
void commands_complete(struct il_ui_app *a, struct il_cmdline *c, char *hint, size_t n);

#endif

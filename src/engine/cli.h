/* cli.h: the non-interactive modes of the command line. */
#ifndef IL_ENGINE_CLI_H
#define IL_ENGINE_CLI_H

#include "options.h"

/* --analyze FILE [--json]: print the loop found in FILE; exit status. */
int cli_analyze(const il_opts *o);
/* --headless [--play FILE...]: the engine without curses; exit status. */
int cli_headless(const il_opts *o);
/* --generate-only PROMPT OUT.wav: one loop written to a file; exit status. */
int cli_generate(const il_opts *o);

#endif

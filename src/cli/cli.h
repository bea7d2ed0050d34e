/* cli.h: the one-shot modes of the command line (--headless is the engine
 * itself: engine_main). */
#ifndef IL_CLI_CLI_H
#define IL_CLI_CLI_H

#include "options.h"

/* --analyze FILE [--json]: print the loop found in FILE; exit status. */
int cli_analyze(const il_opts *o);
/* --generate-only PROMPT OUT.wav: one loop written to a file; exit status. */
int cli_generate(const il_opts *o);

/* --remote [--json] COMMAND [ARG]...: one request to the running station;
 * exit status (0 done, 1 refused or no station, 2 a usage error). */
int cli_remote(const il_opts *o);

#endif

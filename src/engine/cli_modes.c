/* cli_modes.c: the command-line modes that are not built yet. */
#include <stdio.h>

#include "engine/cli.h"

/* --analyze FILE [--json]: not built yet. */
int cli_analyze(const il_opts *o)
{
	fprintf(stderr, "infiniloop-tui: %s: --analyze is not available in this build\n", o->analyze_file);
	return 1;
}

/* --headless: not built yet. */
int cli_headless(const il_opts *o)
{
	(void)o;
	fprintf(stderr, "infiniloop-tui: --headless is not available in this build\n");
	return 1;
}

/* --generate-only: not built yet. */
int cli_generate(const il_opts *o)
{
	fprintf(stderr, "infiniloop-tui: %s: --generate-only is not available in this build\n", o->gen_out);
	return 1;
}

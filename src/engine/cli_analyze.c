/* cli_analyze.c: --analyze FILE [--json]. Not built yet. */
#include <stdio.h>

#include "engine/cli.h"

/* --analyze FILE [--json]: not built yet. */
int cli_analyze(const il_opts *o)
{
	fprintf(stderr, "infiniloop-tui: %s: --analyze is not available in this build\n", o->analyze_file);
	return 1;
}

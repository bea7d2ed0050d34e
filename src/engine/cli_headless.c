/* cli_headless.c: --headless [--play FILE...]. Not built yet. */
#include <stdio.h>

#include "engine/cli.h"

/* --headless: not built yet. */
int cli_headless(const il_opts *o)
{
	(void)o;
	fprintf(stderr, "infiniloop-tui: --headless is not available in this build\n");
	return 1;
}

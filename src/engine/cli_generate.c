/* cli_generate.c: --generate-only PROMPT OUT.wav. Not built yet. */
#include <stdio.h>

#include "engine/cli.h"

/* --generate-only: not built yet. */
int cli_generate(const il_opts *o)
{
	fprintf(stderr, "infiniloop-tui: %s: --generate-only is not available in this build\n", o->gen_out);
	return 1;
}

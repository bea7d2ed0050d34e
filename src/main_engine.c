/* main_engine.c: infiniloop-engine, the program that plays: the engine
 * (--engine, --headless, --daemon) and the one-shot modes that analyse or
 * generate (--analyze, --generate-only). infiniloop-tui runs it for these
 * modes with its own command line, so that the screen's process holds none
 * of the audio, analysis and storage libraries. */
#include <locale.h>
#include <malloc.h>
#include <stdio.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "options.h"
#include "store/wisdom.h"
#include "util/stdfd.h"
#include "util/tunables.h"

/* Keep the heap small: buffers of 64 kB and more (clips, loops, analysis)
 * are mapped on their own and returned to the system when freed (a fixed
 * threshold: glibc would otherwise raise it after the first large free and
 * keep later clips in the heap), and at most two malloc arenas are made
 * however many threads allocate. */
static void main_tune_malloc(void)
{
	mallopt(M_MMAP_THRESHOLD, 64 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024);
	mallopt(M_ARENA_MAX, 2);
}

/* Program entry point. */
int main(int argc, char **argv)
{
	stdfd_fill();
	tunables_restore(); /* its children see the user's environment */
	main_tune_malloc();
	il_opts o;
	int rc = options_parse(&o, argc, argv);
	if (rc >= 0)
		return rc;
	setlocale(LC_ALL, "");
	if (o.mode == IL_MODE_TUI) {
		fprintf(stderr, "%s: the station's screen is infiniloop-tui; this program runs its engine\n", argv[0]);
		return 2;
	}
	if (o.mode == IL_MODE_REMOTE)
		return cli_remote(&o);
	il_err err;
	wisdom_load(&err); /* only a cache: planning is the worst a failure costs */
	switch (o.mode) {
	case IL_MODE_ENGINE:
	case IL_MODE_HEADLESS: /* the same engine; engine_main reads --headless */
	case IL_MODE_DAEMON:   /* and --daemon */
		rc = engine_main(&o);
		break;
	case IL_MODE_ANALYZE:
		rc = cli_analyze(&o);
		break;
	default:
		rc = cli_generate(&o);
		break;
	}
	wisdom_save(&err);
	return rc;
}

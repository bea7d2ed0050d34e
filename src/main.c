/* main.c: infiniloop-tui: parse the command line; run the screen (the
 * default) or --remote here, and hand every other mode (--engine,
 * --headless, --daemon, --analyze, --generate-only) to the engine program,
 * with the same command line. This program links only the UI's libraries:
 * its process stays small while the engine plays. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "options.h"
#include "store/paths.h"
#include "ui/ui.h"
#include "util/stdfd.h"
#include "util/tunables.h"

/* Replace this process by the engine program with argv (and the malloc
 * tunables of util/tunables.h); returns only on failure, with the exit
 * status. */
static int main_exec_engine(char **argv)
{
	char path[IL_PATH_MAX];
	il_err err;
	if (paths_program(IL_ENGINE_NAME, path, sizeof path, &err) != 0) {
		fprintf(stderr, "%s: %s (reinstall infiniloop-tui)\n", argv[0], err.msg);
		return 1;
	}
	char **env = tunables_env(1);
	execve(path, argv, env ? env : environ);
	free(env);
	fprintf(stderr, "%s: cannot run the engine program %s: %s\n", argv[0], path, strerror(errno));
	return 1;
}

/* Program entry point. */
int main(int argc, char **argv)
{
	stdfd_fill();
	il_opts o;
	int rc = options_parse(&o, argc, argv);
	if (rc >= 0)
		return rc;
	if (o.mode != IL_MODE_TUI && o.mode != IL_MODE_REMOTE)
		return main_exec_engine(argv);
	setlocale(LC_ALL, "");
	if (o.mode == IL_MODE_TUI)
		return ui_main(&o, argv[0]);
	return cli_remote(&o);
}

/* main.c: parse the command line and hand over to the mode asked for. */
#include <locale.h>
#include <stdio.h>

#include "engine/cli.h"
#include "engine/engine.h"
#include "options.h"
#include "ui/ui.h"

/* Program entry point. */
int main(int argc, char **argv)
{
	il_opts o;
	int rc = options_parse(&o, argc, argv);
	if (rc >= 0)
		return rc;
	setlocale(LC_ALL, "");
	switch (o.mode) {
	case IL_MODE_ENGINE:
		return engine_main(&o);
	case IL_MODE_HEADLESS:
		return cli_headless(&o);
	case IL_MODE_ANALYZE:
		return cli_analyze(&o);
	case IL_MODE_GENERATE:
		return cli_generate(&o);
	case IL_MODE_TUI:
		break;
	}
	return ui_main(&o, argv[0]);
}

/* ui.c: the full-screen station. Not built yet. */
#include "ui/ui.h"

#include <stdio.h>

/* Run the TUI; not built yet. */
int ui_main(const il_opts *o, const char *argv0)
{
	(void)o;
	fprintf(stderr, "%s: the full-screen station is not available in this build; "
		"try --headless or --engine\n", argv0);
	return 1;
}

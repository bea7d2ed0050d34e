/* ui.h: the full-screen curses station. */
#ifndef IL_UI_UI_H
#define IL_UI_UI_H

#include "options.h"

/* Run the TUI (it starts the engine as a child process); exit status. */
int ui_main(const il_opts *o, const char *argv0);

#endif

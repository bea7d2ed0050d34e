## The curses UI (its own library: the core never links curses).
libinfiniloop_ui_a_SOURCES += src/ui/ui.c src/ui/ui.h

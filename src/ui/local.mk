## The curses UI (its own library: the core never links curses).
libinfiniloop_ui_a_SOURCES += src/ui/ui.c src/ui/ui.h \
	src/ui/app.h src/ui/app.c \
	src/ui/tui.c src/ui/tui.h src/ui/draw.c src/ui/draw.h \
	src/ui/theme.c src/ui/theme.h src/ui/model.c src/ui/model_msg.c src/ui/model.h \
	src/ui/elink.c src/ui/elink.h src/ui/keys.c src/ui/keys.h \
	src/ui/cmdline.c src/ui/cmdline.h src/ui/commands.c src/ui/commands.h \
	src/ui/entry.c src/ui/entry.h src/ui/overlay.c src/ui/overlay.h \
	src/ui/panels.c src/ui/paneltext.c src/ui/paneltext.h src/ui/screens.c

libinfiniloop_ui_a_SOURCES += src/ui/ui.c src/ui/ui.h

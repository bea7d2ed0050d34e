libinfiniloop_a_SOURCES += \
	src/engine/protocol.c src/engine/protocol.h \
	src/engine/engine.c src/engine/engine.h src/engine/engine_internal.h \
	src/engine/engine_player.c src/engine/engine_gen.c \
	src/engine/cli.h src/engine/cli_modes.c

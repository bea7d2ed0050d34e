## Engine core and protocol.
libinfiniloop_a_SOURCES += \
	src/engine/protocol.c src/engine/protocol.h \
	src/engine/engine.c src/engine/engine.h src/engine/engine_internal.h \
	src/engine/engine_request.c src/engine/engine_request.h \
	src/engine/cli.h

## Loop preparation and --analyze (loop finder).
libinfiniloop_a_SOURCES += \
	src/engine/loopprep.c src/engine/loopprep.h \
	src/engine/cli_analyze.c

## Playback requests and --headless (player).
libinfiniloop_a_SOURCES += \
	src/engine/engine_player.c src/engine/cli_headless.c

## Generation requests and --generate-only (generation).
libinfiniloop_a_SOURCES += \
	src/engine/engine_gen.c src/engine/cli_generate.c \
	src/engine/pipeline.c src/engine/pipeline.h src/engine/names.c src/engine/names.h

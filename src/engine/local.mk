## Engine core, protocol and the request table.
libinfiniloop_a_SOURCES += \
	src/engine/protocol.c src/engine/protocol.h \
	src/engine/engine.c src/engine/engine.h src/engine/engine_internal.h src/engine/engine_emit.c \
	src/engine/engine_request.c src/engine/engine_request.h \
	src/engine/engine_client.c src/engine/engine_client.h \
	src/engine/engine_server.c src/engine/engine_server.h

## Loop preparation.
libinfiniloop_a_SOURCES += \
	src/engine/loopprep.c src/engine/loopprep.h

## Playback requests.
libinfiniloop_a_SOURCES += \
	src/engine/engine_player.c src/engine/engine_player_internal.h src/engine/engine_prep.c \
	src/engine/engine_inspect.c

## The now-playing hook (on_loop).
libinfiniloop_a_SOURCES += \
	src/engine/engine_hook.c src/engine/engine_hook.h

## Station controls (hold, prev, sleep, toggle).
libinfiniloop_a_SOURCES += \
	src/engine/engine_station.c

## Favourites (favourite, favourites, play_favourite, unfavourite).
libinfiniloop_a_SOURCES += \
	src/engine/engine_fav.c

## Generation requests and the generation pipeline.
libinfiniloop_a_SOURCES += \
	src/engine/engine_gen.c src/engine/engine_stats.c \
	src/engine/pipeline.c src/engine/pipeline.h src/engine/names.c src/engine/names.h

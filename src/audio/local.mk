## Audio file reading.
libinfiniloop_a_SOURCES += src/audio/loop.c src/audio/loop.h \
	src/audio/audiofile.c src/audio/audiofile.h \
	src/audio/memfile.c src/audio/memfile.h

## Sinks, WAV writing, the player.
libinfiniloop_a_SOURCES += \
	src/audio/sink.c src/audio/sink.h src/audio/sink_pulse.c src/audio/pulseloop.c src/audio/pulseloop.h src/audio/sink_alsa.c \
	src/audio/track.c src/audio/track.h \
	src/audio/player.c src/audio/player_names.c src/audio/player_output.c src/audio/player.h src/audio/player_internal.h src/audio/player_render.c \
	src/audio/wavsave.c src/audio/wavsave.h \
	src/audio/loopinfo.c src/audio/loopinfo.h

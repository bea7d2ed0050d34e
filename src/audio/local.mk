## Audio file reading (loop finder).
libinfiniloop_a_SOURCES += src/audio/loop.c src/audio/loop.h \
	src/audio/audiofile.c src/audio/audiofile.h

## Sinks, WAV writing, the player (player).
libinfiniloop_a_SOURCES +=

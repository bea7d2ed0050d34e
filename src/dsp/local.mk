## Loop finding: STFT, features, tempo and beats, loop search, normalization.
libinfiniloop_a_SOURCES += \
	src/dsp/loopfind.c src/dsp/loopfind.h \
	src/dsp/normalize.c src/dsp/normalize.h

## Playback DSP: crossfade curves, spectrum bands.
libinfiniloop_a_SOURCES += \
	src/dsp/xfade.c src/dsp/xfade.h \
	src/dsp/spectrum.c src/dsp/spectrum.h

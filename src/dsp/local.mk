## Loop finding: STFT, features, tempo and beats, loop search, normalization.
libinfiniloop_a_SOURCES += \
	src/dsp/fft.c src/dsp/fft.h \
	src/dsp/features.c src/dsp/features.h \
	src/dsp/tempo.c src/dsp/tempo.h \
	src/dsp/beatgrid.c src/dsp/beatgrid.h \
	src/dsp/loopfind.c src/dsp/loopfind.h src/dsp/loopfind_internal.h \
	src/dsp/loopsearch.c src/dsp/looprefine.c \
	src/dsp/normalize.c src/dsp/normalize.h \
	src/dsp/loudness.c src/dsp/loudness_parse.c src/dsp/loudness.h \
	src/dsp/truepeak.c src/dsp/truepeak.h

## Playback DSP: crossfade curves, spectrum bands.
libinfiniloop_a_SOURCES += \
	src/dsp/xfade.c src/dsp/xfade.h \
	src/dsp/spectrum.c src/dsp/spectrum.h

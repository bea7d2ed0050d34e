## Loop finding: STFT, features, tempo and beats, loop search, normalization.
libinfiniloop_a_SOURCES +=

## Playback DSP: crossfade curves, spectrum bands.
libinfiniloop_a_SOURCES +=

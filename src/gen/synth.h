/* synth.h: the built-in procedural music generator (the default backend).
 *
 * A prompt chooses one of ten styles (lo-fi hip hop, ambient, house,
 * techno, jazz, piano, chiptune, cinematic, synthwave, drum and bass), and
 * may set the tempo ("92 bpm") and the key ("A minor"). The clip is stereo
 * float at SYNTH_RATE: a short intro, then whole bars of drums, bass, chords
 * and a lead over a 2- or 4-bar chord cycle with fills and bar-to-bar
 * variation, then a final chord that rings out (so the clip does not loop by
 * itself: the loop finder has to find the loop inside it). The same seed and
 * prompt always give the same clip. */
#ifndef IL_GEN_SYNTH_H
#define IL_GEN_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define SYNTH_RATE 48000
#define SYNTH_CHANNELS 2

typedef struct synth_params {
	const char *prompt;
	double seconds;            /* 2-60 */
	uint64_t seed;
	const volatile int *cancel; /* optional: rendering stops when it becomes non-zero */
} synth_params;

typedef struct synth_plan {
	int style;          /* GEN_STYLE_* (gen/prompt.h) */
	double bpm;
	int key_root;       /* pitch class 0-11 */
	int minor;
	double intro_s;     /* seconds before the first full bar */
	double bar_s;       /* seconds per bar (4/4) */
	int main_bars;      /* whole bars between the intro and the ending */
	int cycle_bars;     /* bars per chord cycle (2 or 4) */
	double end_s;       /* time of the final chord */
} synth_plan;

/* Render a clip: *out is interleaved stereo float (caller frees), *nframes
 * is seconds * SYNTH_RATE. plan may be NULL. 0, or -1 with err set. */
int synth_render(const synth_params *p, float **out, size_t *nframes, synth_plan *plan,
		 il_err *err);
/* Write interleaved samples to a WAV file (32-bit float, or 16-bit PCM). */
int synth_write_wav(const char *path, const float *samples, size_t nframes, int rate,
		    int channels, int pcm16, il_err *err);

#endif

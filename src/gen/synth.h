/* synth.h: the built-in composer (the default backend).
 *
 * A prompt names a genre, instruments, a mood, a tempo, a key and a metre
 * (gen/prompt.h). The composer writes a phrase of whole bars in sections
 * (A A' B A'': the B section with its own chords and melody, parts
 * entering and leaving, fills and a turnaround that cadences back to the
 * start) and plays it with General MIDI instruments through FluidSynth
 * (rendered by the program infiniloop-fluid, so the soundfont never stays
 * in memory) mixed with its own oscillators and drums where they are the
 * right sound. The clip is the end of the phrase fading in, the phrase,
 * and its start again, fading out: the phrase loops seamlessly, and the
 * plan says where (loop_start, loop_end). Stereo float at SYNTH_RATE; the
 * same prompt, seed and settings always give the same clip. */
#ifndef IL_GEN_SYNTH_H
#define IL_GEN_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "gen/prompt.h"
#include "util/error.h"

#define SYNTH_RATE 48000
#define SYNTH_CHANNELS 2
#define SYNTH_SECTIONS_MAX 8
#define SYNTH_BARS_MAX 48

typedef struct il_synth_params {
	const char *prompt;
	double seconds;            /* 2-60 */
	uint64_t seed;
	const volatile int *cancel; /* optional: rendering stops when it becomes non-zero */
	const char *soundfont;     /* NULL or "": the Debian paths; "none": oscillators only */
	double bpm;                /* > 0: the tempo when the prompt names none (a station keeps it) */
	int key;                   /* 0: free; else 1 + root + 12 * minor, when the prompt names none */
	double timeout;            /* > 0: FluidSynth's renderer is stopped after this many seconds,
				    * and the oscillators play its parts */
} il_synth_params;

typedef struct il_synth_plan {
	int style;          /* GEN_STYLE_* (gen/prompt.h) */
	double bpm;         /* beats per minute (6/8: dotted quarters) */
	int key_root;       /* pitch class 0-11 */
	int minor;
	int metre;          /* 4 (4/4), 3 (3/4) or 6 (6/8) */
	int beats_per_bar;  /* 4, 3 or 2 */
	double intro_s;     /* seconds before the phrase (= loop start) */
	double bar_s;       /* seconds per bar */
	int main_bars;      /* bars in the phrase (= in the loop) */
	int cycle_bars;     /* the same: the phrase is the cycle */
	double end_s;       /* end of the phrase (= loop end) */
	size_t loop_start, loop_end; /* frames, end exclusive */
	int nsections;
	char section[SYNTH_SECTIONS_MAX][4]; /* "A", "A'", "B", "A''" */
	int section_bars[SYNTH_SECTIONS_MAX];
	int program[GEN_PART_COUNT]; /* GM program or GEN_GM_KIT + kit; -1 an oscillator, -2 not playing */
	char instrument[GEN_PART_COUNT][40]; /* names, "" when the part does not play */
	int soundfont;      /* 1 when FluidSynth rendered the General MIDI parts */
	char note[200];     /* why not (no soundfont, ...), "" otherwise */
	char ignored[256];  /* prompt words not understood */
} il_synth_plan;

/* Render a clip: *out is interleaved stereo float (caller frees), *nframes
 * is seconds * SYNTH_RATE. plan may be NULL. 0, or -1 with err set. */
int synth_render(const il_synth_params *p, float **out, size_t *nframes, il_synth_plan *plan,
		 il_err *err);
/* The plan as the clip's tags: "LOOPSTART=N LOOPLENGTH=N; composer; bpm=F;
 * key=S; metre=S; style=S; bars=N; sections=S; instruments=S". */
void synth_plan_tags(const il_synth_plan *pl, char *out, size_t n);
/* "D minor" */
void synth_key_name(int root, int minor, char *out, size_t n);
/* Read a key named by synth_key_name; 0, or -1 when it is not one. */
int synth_key_parse(const char *name, int *root, int *minor);
/* A key as one number (il_synth_params.key): 1 + root + 12 * minor. */
int synth_key_code(int root, int minor);
/* The root and mode of a key code made by synth_key_code (code > 0). */
void synth_key_decode(int code, int *root, int *minor);
/* Write interleaved samples to a WAV file (32-bit float, or 16-bit PCM),
 * with comment as its comment tag when not NULL. */
int synth_write_wav(const char *path, const float *samples, size_t nframes, int rate,
		    int channels, int pcm16, const char *comment, il_err *err);

#endif

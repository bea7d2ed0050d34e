/* synth_int.h: what synth.c (planning, mixing) and synth_parts.c (the
 * instruments' parts) share. Internal to src/gen. */
#ifndef IL_GEN_SYNTH_INT_H
#define IL_GEN_SYNTH_INT_H

#include "gen/synth.h"
#include "gen/synth_voice.h"

#define SYNTH_MEL_STEPS 64 /* 4 bars of 16ths */

typedef struct synth_ctx {
	synth_bus bus;
	synth_rng rng;
	synth_plan plan;
	double beat, step;      /* seconds per beat and per 16th */
	float swing16, swing8;  /* delay of odd 16ths / off-beat 8ths, in steps */
	float humanize;         /* random timing, seconds */
	double t_main;          /* start of bar 0 */
	int scale[7];           /* semitones of the mode */
	int prog[4];            /* chord cycle, scale degrees 0-6 */
	int sevenths;           /* chords with sevenths */
	int chord[4][4];        /* voicings (MIDI), low to high */
	int nchord;             /* notes per voicing */
	int bass_root[4];       /* MIDI bass root of each chord */
	int mel[SYNTH_MEL_STEPS];    /* lead: MIDI note starting at each 16th, 0 for none */
	int mel_len[SYNTH_MEL_STEPS]; /* its length in 16ths */
	int fill_bars;          /* bar%cycle index that gets a drum fill */
	int half_chords;        /* chords change every half bar (slow tempos) */
} synth_ctx;

/* Time of 16th step (0-15, may exceed) of main bar (may be -1: the intro). */
double synth_time(const synth_ctx *c, int bar, double step);
/* Index (0-3) into chord[] at the given bar and step. */
int synth_chord_index(const synth_ctx *c, int bar, int step);
/* MIDI note of scale index si (7 per octave) above octave base (a C). */
int synth_scale_note(const synth_ctx *c, int base, int si);
/* Random velocity around v (humanized). */
float synth_vel(synth_ctx *c, float v);

/* One main bar of every part of the style. */
void synth_parts_bar(synth_ctx *c, int bar);
/* The intro before bar 0. */
void synth_parts_intro(synth_ctx *c);
/* The final chord at plan.end_s, ringing to the end of the clip. */
void synth_parts_ending(synth_ctx *c);

#endif

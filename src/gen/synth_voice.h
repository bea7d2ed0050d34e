/* synth_voice.h: the built-in synth's instruments, rendered note by note
 * into a stereo bus with reverb and delay sends (synth_voice.c, the drums
 * synth_voice_drums.c). Internal to src/gen. */
#ifndef IL_GEN_SYNTH_VOICE_H
#define IL_GEN_SYNTH_VOICE_H

#include <stddef.h>
#include <stdint.h>

#include "gen/synth_rng.h"

typedef struct il_synth_bus {
	float *l, *r;     /* dry mix */
	float *rev;       /* mono send to the reverb */
	float *dly;       /* mono send to the delay */
	size_t n;         /* frames */
	int rate;
} il_synth_bus;

enum { SV_SINE, SV_TRI, SV_SAW, SV_SQUARE, SV_PULSE, SV_EPIANO, SV_BELL, SV_PIANO, SV_ORGAN };

typedef struct il_sv_note {
	double t, dur;     /* start and gate length, seconds */
	double midi;       /* pitch (MIDI note number, fractional allowed) */
	float vel, pan;    /* 0..1, -1 (left)..1 (right) */
	float spread;      /* unison voices fanned out over +-spread around pan (0..1) */
	int osc;           /* SV_* */
	int voices;        /* unison voices for SAW/SQUARE/PULSE (1-7) */
	float detune;      /* unison spread, cents */
	float a, d, s, r;  /* envelope: attack s, decay s, sustain level, release s */
	float cutoff;      /* low-pass in Hz (0: open) */
	float fenv;        /* filter envelope depth, Hz, decaying with fdecay */
	float fdecay;      /* seconds */
	float reso;        /* 0..0.9 */
	float vib_rate, vib_depth; /* Hz, semitones */
	float rev, dly;    /* send levels */
} il_sv_note;

/* A note with neutral defaults at time t for dur seconds. */
il_sv_note sv_note_make(double t, double dur, double midi, float vel, int osc);
/* Render a pitched note into the bus. */
void sv_play(il_synth_bus *b, const il_sv_note *n);
/* The drums' shapes, the part of a hit that is the same on every hit of a
 * drum, kept for a clip so that each is made once (synth_voice_drums.c).
 * A drum voice given none (NULL) makes its shape again; the sound is the
 * same to the bit. */
typedef struct sv_drum_cache sv_drum_cache;
/* An empty drum cache, or NULL when out of memory. */
sv_drum_cache *sv_drum_cache_new(void);
/* Free a drum cache and the shapes in it (NULL is fine). */
void sv_drum_cache_free(sv_drum_cache *dc);
/* Kick drum: pitch sweep from tone*3 down to tone Hz, with a beater click
 * of level click. */
void sv_kick(il_synth_bus *b, sv_drum_cache *dc, double t, float vel, float tone, float decay, float click);
/* Snare or clap: tone body plus band-limited noise. */
void sv_snare(il_synth_bus *b, sv_drum_cache *dc, il_synth_rng *r, double t, float vel, float tone, float decay,
	      float rev, int clap);
/* Hi-hat or ride: high-passed noise with metallic partials. */
void sv_hat(il_synth_bus *b, sv_drum_cache *dc, il_synth_rng *r, double t, float vel, float decay, float pan,
	    int ride);
/* A low tom or taiko hit. */
void sv_tom(il_synth_bus *b, sv_drum_cache *dc, double t, float vel, float tone, float decay, float rev);
/* Add vinyl-like crackle and hiss over the whole bus. */
void sv_crackle(il_synth_bus *b, il_synth_rng *r, float level);
/* Run the reverb and delay sends into the dry mix (delay in seconds). The
 * room is set to a level against the whole dry mix: wet 0.2 puts it 18 dB
 * below, wet 0.5 10 dB below. The sends are used up. */
void sv_effects(il_synth_bus *b, float room, float wet, double delay_s, float feedback);
/* Widen the mix: its side (L - R) below hz is removed (a mono low end),
 * above hz scaled (by max_gain at most) so that the L/R correlation of the
 * mix comes to corr; a mix much wider is narrowed. The mono downmix is
 * untouched. */
void sv_width(il_synth_bus *b, float hz, float corr, float max_gain);
/* Low-pass the whole mix with a one-pole filter at hz. */
void sv_lowpass(il_synth_bus *b, float hz);

#endif

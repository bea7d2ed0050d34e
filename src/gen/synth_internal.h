/* synth_internal.h: what the composer's files share (internal to src/gen):
 * synth.c plans and mixes, synth_style.c holds the styles, synth_form.c
 * writes harmony and melody, synth_parts.c plays the parts bar by bar,
 * synth_drums.c the drums, synth_fluid.c renders General MIDI notes
 * through FluidSynth. */
#ifndef IL_GEN_SYNTH_INTERNAL_H
#define IL_GEN_SYNTH_INTERNAL_H

#include "gen/synth.h"
#include "gen/synth_voice.h"

#define SYNTH_STEPS_MAX 16                 /* 16ths per bar (12 in 3/4 and 6/8) */
#define SYNTH_SLOTS_MAX (2 * SYNTH_BARS_MAX) /* chords in a phrase */
#define SYNTH_PATS 4                       /* drum and bass patterns per style */

/* Oscillator sounds. */
enum {
	OSC_NONE, OSC_SAW_BASS, OSC_ACID_BASS, OSC_TRI_BASS, OSC_SUB_BASS, OSC_REESE, OSC_CHIP_BASS,
	OSC_STAB, OSC_SUPERSAW, OSC_PAD, OSC_EPIANO, OSC_BELL, OSC_PIANO, OSC_PULSE, OSC_SQUARE,
	OSC_SAW_LEAD, OSC_TRI_LEAD, OSC_PLUCK, OSC_ORGAN, OSC_STRINGS, OSC_COUNT
};
/* Oscillator drum kits. */
enum { KIT_GM, KIT_ACOUSTIC, KIT_LOFI, KIT_HOUSE, KIT_TECHNO, KIT_CHIP, KIT_WAVE, KIT_DNB, KIT_TRAP };
/* Drum sounds (played by a GM kit or the oscillator kit). */
enum { DR_KICK, DR_SNARE, DR_RIM, DR_CLAP, DR_HAT, DR_OHAT, DR_RIDE, DR_CRASH, DR_TOM_L, DR_TOM_H,
       DR_SHAKER, DR_CONGA, DR_CLAVE, DR_COUNT };
/* Kinds of section (il_synth_ctx.sec_of_bar). */
enum { SEC_A, SEC_A1, SEC_B, SEC_A2 };
/* How parts play. */
enum { BASS_PAT, BASS_WALK };
enum { COMP_HOLD, COMP_PAT, COMP_ARP, COMP_STRUM };

typedef struct il_synth_drum_pat {
	const char *kick, *snare, *hat, *ohat, *perc; /* per 16th: X x o g (velocities), r (hat roll) */
	int perc_sound;                               /* DR_* of the perc line */
} il_synth_drum_pat;

typedef struct il_synth_style {
	double bpm_lo, bpm_hi;
	int minor_pct;          /* chance of a minor key when none is given */
	int metre;              /* 4, 3 or 6 */
	float swing16, swing8;
	int sevenths;           /* 1: seventh chords; 0: triads; -1: power chords (root, fifth, octave) */
	int chord_center;       /* MIDI centre of the chord voicings */
	int lead_lo, lead_hi;   /* lead range */
	int mel_density;        /* percent of 8ths with a new note */
	float humanize;         /* seconds */
	int program[GEN_PART_COUNT]; /* GM program / kit; -1: the oscillator below; -2: no such part */
	int osc[GEN_PART_COUNT];     /* oscillator sounds (drums: KIT_*) */
	int bass_kind, comp_kind;
	const char *bass[SYNTH_PATS]; /* R root, 5 fifth, 8 octave, 3 third, 6 sixth, A approach, . rest, - hold */
	const char *comp[SYNTH_PATS]; /* C chord, c soft chord, u upper notes, m the chord's third alone; arpeggio: a */
	const il_synth_drum_pat *drums; /* SYNTH_PATS patterns, or NULL */
	float room, wet, delay_beats, feedback;
	float lowpass;          /* master low-pass, Hz (0: none) */
	float crackle;
	float width;            /* stereo spread of the parts, 0..1 */
} il_synth_style;

extern const il_synth_style synth_styles[GEN_STYLE_COUNT];

/* A style's General MIDI chords and lead instruments, one chosen per clip. */
typedef struct il_synth_alts {
	int chords[4], nchords;
	int lead[4], nlead;
} il_synth_alts;

extern const il_synth_alts synth_alts[GEN_STYLE_COUNT];

/* Where a part sits on the stage: its General MIDI channel and pan, and a
 * second channel and pan for its upper or right-hand notes (chords and pads
 * are spread across the field; drums and bass stay in the centre), and its
 * send to the room. Pans are -1..1 before the style's width. */
typedef struct il_synth_place {
	int chan, chan2;   /* chan2 == chan: one channel */
	float pan, pan2;
	float rev;
} il_synth_place;

extern const il_synth_place synth_place[GEN_PART_COUNT];

/* A General MIDI note for FluidSynth. */
typedef struct il_synth_ev {
	double t, dur;       /* seconds in the bus */
	unsigned char chan, note, vel;
} il_synth_ev;

typedef struct il_synth_score {
	il_synth_ev *ev;
	size_t n, cap;
	int program[16];     /* per channel; drum channel 9 holds the kit */
	float pan[16], rev[16], vol[16];
} il_synth_score;

typedef struct il_synth_ctx {
	il_synth_bus bus;          /* the clip, with the history its reverb needs before it */
	il_synth_rng rng;
	il_synth_plan plan;
	const il_synth_style *st;
	uint64_t seed;
	double beat, step;      /* seconds per beat and per 16th */
	int spb;                /* 16ths per bar */
	float swing16, swing8, humanize;
	double t_main;          /* bus time of phrase bar 0 */
	int scale[7];           /* semitones of the mode */
	int density;            /* -1 sparse, 0, 1 dense */
	int mood;
	int gm;                 /* General MIDI parts are rendered by FluidSynth */
	int octave[GEN_PART_COUNT];
	int drum_pat, bass_pat, comp_pat; /* patterns of the A sections */
	int drum_pat_b, bass_pat_b, comp_pat_b; /* and of the B section */
	int feel;               /* how the drum patterns are played (synth_drums.c) */
	int fill_kind;          /* the first fill's kind; the next sections take the next ones */
	/* The phrase. */
	int slots_per_bar;      /* chords per bar: 1 or 2 */
	int nslot;
	int deg[SYNTH_SLOTS_MAX];          /* scale degree of each chord */
	int chord[SYNTH_SLOTS_MAX][5];     /* voicings, low to high */
	int nchord;
	int bass_root[SYNTH_SLOTS_MAX];
	int sec_of_bar[SYNTH_BARS_MAX];    /* section index of each bar */
	unsigned parts_of_bar[SYNTH_BARS_MAX]; /* 1 << GEN_PART_* playing in the bar */
	int mel[SYNTH_BARS_MAX * SYNTH_STEPS_MAX];     /* lead: MIDI note at each 16th, 0 none */
	int mel_len[SYNTH_BARS_MAX * SYNTH_STEPS_MAX];
	il_synth_score score;
	sv_drum_cache *drums;   /* the oscillator drums' shapes: made on the first hit, freed with the clip's bars */
} il_synth_ctx;

/* Bus time of 16th step (may exceed the bar) of phrase bar. */
double synth_time(const il_synth_ctx *c, int bar, double step);
/* Chord slot at a phrase bar (any integer) and step. */
int synth_slot(const il_synth_ctx *c, int bar, int step);
/* MIDI note of scale index si (7 per octave) above octave base (a C). */
int synth_scale_note(const il_synth_ctx *c, int base, int si);
/* Random velocity around v (humanized). */
float synth_vel(il_synth_ctx *c, float v);
/* The semitone of scale degree d (0-6) in chord slot k (raised leading
 * tone on the dominant in minor). */
int synth_degree_semi(const il_synth_ctx *c, int k, int d);

/* Time of 16th step s of phrase bar, a few ms off the grid (humanized). */
double synth_hit_time(il_synth_ctx *c, int bar, double s);
/* True when phrase bar b (0..main_bars) starts a section. */
int synth_section_start(const il_synth_ctx *c, int b);
/* Velocity of the pattern character at step s ('.' and '-' are none). */
float synth_pat_vel(const char *pat, int s);
/* True when a General MIDI instrument plays the part. */
int synth_part_is_gm(const il_synth_ctx *c, int part);
/* The seed's groove: patterns, feel and fills (synth_drums.c). */
void synth_drums_plan(il_synth_ctx *c);
/* The drums of phrase bar bar (synth_drums.c). */
void synth_drums_bar(il_synth_ctx *c, int bar);

/* Sections, chords and the melody of the phrase (synth_form.c). */
void synth_form_compose(il_synth_ctx *c);

/* One phrase bar (0..main_bars-1) (synth_parts.c). */
void synth_parts_bar(il_synth_ctx *c, int bar);
/* An oscillator note of sound osc, its unison voices spread over spread
 * around pan (synth_style.c). */
void synth_osc_note(il_synth_ctx *c, int osc, double t, double dur, int midi, float vel, float pan, float spread);
/* The oscillator sound standing in for a GM program (no soundfont). */
int synth_osc_for_program(int program);
/* A drum hit with the oscillator kit; r makes its noise. */
void synth_osc_drum(il_synth_ctx *c, il_synth_rng *r, int kit, int sound, double t, float vel);
/* The name of an oscillator sound. */
const char *synth_osc_name(int osc);

/* Add a GM note to the score; 0, or -1 when out of memory. */
int synth_score_add(il_synth_score *s, double t, double dur, int chan, int note, int vel);
/* Render the score with FluidSynth from soundfont in infiniloop-fluid and
 * mix it into the bus, with rev of it into the reverb send. 0, or -1 with
 * err (nothing mixed). */
int synth_fluid_render(const il_synth_score *s, const char *soundfont, il_synth_bus *bus, float rev,
		       const volatile int *cancel, double timeout, il_err *err);
/* The soundfont to use: the setting, else the Debian paths; NULL if none. */
const char *synth_fluid_find(const char *setting);

#endif

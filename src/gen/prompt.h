/* prompt.h: what the built-in composer reads from a prompt.
 *
 * Genres (lo-fi, ambient, house, techno, jazz, bossa nova, solo piano,
 * chiptune, cinematic, synthwave, drum and bass, trap, reggae, funk, rock,
 * pop, folk, classical, waltz, blues, latin and their neighbours), General
 * MIDI instruments by their common names ("cello", "fiddle", "nylon
 * guitar", "808"), moods ("dark", "happy", "calm"...), a tempo ("92 bpm",
 * "bpm 92", "tempo 92", "slow", "fast"), a key in any case ("in a minor",
 * "C# minor", "Bb major", "F#m") and a metre ("3/4", "6/8"). The most
 * specific genre word wins, not the first one. Words that none of these
 * tables knows are listed in `ignored`. */
#ifndef IL_GEN_PROMPT_H
#define IL_GEN_PROMPT_H

#include "util/error.h"

enum {
	GEN_STYLE_LOFI,
	GEN_STYLE_AMBIENT,
	GEN_STYLE_HOUSE,
	GEN_STYLE_TECHNO,
	GEN_STYLE_JAZZ,
	GEN_STYLE_PIANO,
	GEN_STYLE_CHIPTUNE,
	GEN_STYLE_CINEMATIC,
	GEN_STYLE_SYNTHWAVE,
	GEN_STYLE_DNB,
	GEN_STYLE_BOSSA,
	GEN_STYLE_TRAP,
	GEN_STYLE_REGGAE,
	GEN_STYLE_FUNK,
	GEN_STYLE_ROCK,
	GEN_STYLE_POP,
	GEN_STYLE_FOLK,
	GEN_STYLE_CLASSICAL,
	GEN_STYLE_WALTZ,
	GEN_STYLE_BLUES,
	GEN_STYLE_LATIN,
	GEN_STYLE_METAL,
	GEN_STYLE_COUNT
};

/* Parts of an arrangement an instrument word can take. */
enum { GEN_PART_DRUMS, GEN_PART_BASS, GEN_PART_CHORDS, GEN_PART_LEAD, GEN_PART_PAD, GEN_PART_COUNT };

/* Moods. */
enum { GEN_MOOD_NONE, GEN_MOOD_DARK, GEN_MOOD_SAD, GEN_MOOD_HAPPY, GEN_MOOD_CALM, GEN_MOOD_ENERGETIC };

#define GEN_PROMPT_INST_MAX 6
#define GEN_GM_KIT 128 /* program numbers from here are drum kits: 128 + GM kit number */

typedef struct il_gen_prompt_inst {
	int program; /* General MIDI program 0-127, or GEN_GM_KIT + kit */
	int part;    /* GEN_PART_* it prefers */
	int octave;  /* transposition in octaves (ukulele: +1) */
	int family;  /* 1: the word names a family ("guitar"), where the style's own member may stand */
} il_gen_prompt_inst;

typedef struct il_gen_prompt_info {
	int style;    /* GEN_STYLE_*, or -1 when no genre word was found */
	int hint;     /* a style suggested by instruments or moods, or -1 */
	double bpm;   /* 0 when no tempo was given */
	int pace;     /* -1 slow, 1 fast, 0 not said */
	int key_root; /* pitch class 0-11 (C = 0), or -1 */
	int minor;    /* 1 minor, 0 major, -1 not given */
	int metre;    /* 3 (3/4), 4 (4/4), 6 (6/8), 0 not given */
	int mood;     /* GEN_MOOD_* */
	int density;  /* -1 sparse, 1 dense, 0 not said */
	int crackle;  /* vinyl or tape noise asked for */
	int ninst;
	il_gen_prompt_inst inst[GEN_PROMPT_INST_MAX];
	char ignored[256]; /* words not understood, separated by ", " */
	int understood;    /* words understood, fillers ("music", "with") not counted */
} il_gen_prompt_info;

#define GEN_PROMPT_MAX 1023 /* bytes in a prompt */
#define GEN_BPM_MIN 40
#define GEN_BPM_MAX 220

/* Check a prompt for any generator: not empty or blank, at most
 * GEN_PROMPT_MAX bytes, no control characters but newline and tab (a
 * prompt reaches the generator's argv byte for byte, so nothing is
 * stripped). 0, or -1 with err saying what is wrong. */
int gen_prompt_check(const char *prompt, il_err *err);

/* Called with one problem of a prompt (see gen_prompt_problems). */
typedef void (*il_gen_prompt_note_fn)(void *ud, const char *note);
/* What the prompt asks for that cannot be used, one note each to fn, as
 * the prompt says it and why: a tempo out of range ("999 bpm (40-220)"), a
 * key that is no key ("H minor (a key is A to G, with # or b)"), and for
 * the composer (composer nonzero) a metre it does not play ("5/4 (the
 * composer plays ...)"), or a prompt of which it knows no word at all (in
 * another language, say: it then chooses a style itself). The number of
 * notes. */
int gen_prompt_problems(const char *prompt, int composer, il_gen_prompt_note_fn fn, void *ud);

/* Read genre, instruments, mood, tempo, key and metre from a prompt (NULL
 * is an empty prompt). */
void gen_prompt_parse(const char *prompt, il_gen_prompt_info *out);
/* The name of a style ("lo-fi hip hop", ...), or "unknown". */
const char *gen_prompt_style_name(int style);
/* The General MIDI name of a program (0-127) or kit (GEN_GM_KIT + n). */
const char *gen_prompt_gm_name(int program);

#endif

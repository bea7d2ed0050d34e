/* prompt.h: what the built-in synth reads from a prompt.
 *
 * Style words ("lo-fi", "ambient", "house", "techno", "jazz", "piano",
 * "chiptune", "cinematic", "synthwave", "drum and bass" and their
 * neighbours), a tempo ("NN bpm", 40-220) and a key ("A minor", "F# major",
 * "Bb min", "C#m"). Everything else in the prompt is ignored by the synth. */
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
	GEN_STYLE_COUNT
};

typedef struct gen_prompt_info {
	int style;    /* GEN_STYLE_*, or -1 when no style word was found */
	double bpm;   /* 0 when no tempo was given */
	int key_root; /* pitch class 0-11 (C = 0), or -1 */
	int minor;    /* 1 minor, 0 major, -1 not given */
} gen_prompt_info;

#define GEN_PROMPT_MAX 1023 /* bytes in a prompt */

/* Check a prompt for any generator: not empty or blank, at most
 * GEN_PROMPT_MAX bytes, no control characters but newline and tab (a
 * prompt reaches the generator's argv byte for byte, so nothing is
 * stripped). 0, or -1 with err saying what is wrong. */
int gen_prompt_check(const char *prompt, il_err *err);

/* Read style, tempo and key from a prompt (NULL is an empty prompt). */
void gen_prompt_parse(const char *prompt, gen_prompt_info *out);
/* The name of a style ("lo-fi hip hop", ...), or "unknown". */
const char *gen_prompt_style_name(int style);

#endif

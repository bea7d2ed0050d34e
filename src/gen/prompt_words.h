/* prompt_words.h: the table of words the prompt parser knows (internal to
 * src/gen: prompt.c reads it, prompt_words.c holds it). */
#ifndef IL_GEN_PROMPT_WORDS_H
#define IL_GEN_PROMPT_WORDS_H

#include <stddef.h>

#include "gen/prompt.h"

enum { PW_STYLE, PW_INST, PW_MOOD, PW_PACE, PW_DENSITY, PW_CRACKLE, PW_MODE, PW_METRE, PW_FILLER };

typedef struct il_prompt_word {
	const char *phrase; /* lower-case words, one space apart; "word*" matches a prefix */
	int kind;           /* PW_* */
	int value;          /* style, program, mood, pace, density, mode or metre */
	int weight;         /* genres: 3 a genre name, 2 a scene word, 1 a hint; instruments: 1 a family's name */
	int part;           /* instruments: GEN_PART_* */
	int octave;         /* instruments: transposition in octaves */
	int hint;           /* instruments and moods: a style they suggest, or -1 */
} il_prompt_word;

extern const il_prompt_word gen_prompt_words[];
extern const size_t gen_prompt_nwords;

#endif

/* names.h: random titles ("Amber Lanterns") and artists ("Cobalt Trio")
 * for loops, from the word lists shipped in the data folder. */
#ifndef IL_ENGINE_NAMES_H
#define IL_ENGINE_NAMES_H

#include <stddef.h>

#include "util/error.h"

typedef struct il_names_list {
	char **words;
	int n;
} il_names_list;

typedef struct il_names {
	il_names_list adj, noun, first, second;
	char last_title[96], last_artist[96];
	unsigned long long state; /* random state */
} il_names;

/* Load the lists (titles-adjectives.txt, titles-nouns.txt, artists-first.txt,
 * artists-second.txt) with paths_find_data(); a missing file falls back to a
 * few built-in words. Returns 0; -1 with err only when out of memory. */
int names_load(il_names *nm, il_err *err);
/* Pick a title and an artist, each different from the previous pick. */
void names_pick(il_names *nm, char *title, size_t tn, char *artist, size_t an);
/* Free the lists. */
void names_free(il_names *nm);

#endif

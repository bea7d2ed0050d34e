/* names.c: random titles and artists from shipped word lists. */
#include "engine/names.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/paths.h"
#include "util/timeutil.h"

#define NAMES_MAX_WORDS 4096

/* Words used when a list file is missing. */
static const char *const names_fallback[4][4] = {
	{ "Amber", "Quiet", "Velvet", "Distant" },
	{ "Lanterns", "Harbour", "Orbit", "Meadow" },
	{ "Cobalt", "Northern", "Paper", "Silver" },
	{ "Trio", "Collective", "Machines", "Ensemble" },
};

/* Add one word (a copy) to a list; -1 when out of memory. */
static int names_add(il_names_list *l, const char *w)
{
	if (l->n >= NAMES_MAX_WORDS)
		return 0;
	if (l->n % 64 == 0) {
		char **nw = realloc(l->words, (size_t)(l->n + 64) * sizeof *nw);
		if (!nw)
			return -1;
		l->words = nw;
	}
	if (!(l->words[l->n] = strdup(w)))
		return -1;
	l->n++;
	return 0;
}

/* Load one list: one word or phrase per line, '#' comments and blanks skipped. */
static int names_read(il_names_list *l, const char *file, int which, il_err *err)
{
	char path[IL_PATH_MAX], line[128];
	il_err ferr;
	FILE *f = paths_find_data(file, path, sizeof path, &ferr) == 0 ? fopen(path, "r") : NULL;
	while (f && fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		while (n && isspace((unsigned char)line[n - 1]))
			line[--n] = '\0';
		const char *w = line;
		while (isspace((unsigned char)*w))
			w++;
		if (*w && *w != '#' && names_add(l, w) != 0) {
			fclose(f);
			return il_err_set(err, IL_E_INTERNAL, "out of memory reading %s", path);
		}
	}
	if (f)
		fclose(f);
	for (int k = 0, empty = l->n == 0; empty && k < 4; k++) /* no list: the four built in */
		if (names_add(l, names_fallback[which][k]) != 0)
			return il_err_set(err, IL_E_INTERNAL, "out of memory");
	return 0;
}

/* Load the lists (see names.h). */
int names_load(il_names *nm, il_err *err)
{
	memset(nm, 0, sizeof *nm);
	nm->state = (unsigned long long)(time_wall() * 1e6) ^ ((unsigned long long)getpid() << 32);
	if (names_read(&nm->adj, "titles-adjectives.txt", 0, err) != 0 ||
	    names_read(&nm->noun, "titles-nouns.txt", 1, err) != 0 ||
	    names_read(&nm->first, "artists-first.txt", 2, err) != 0 ||
	    names_read(&nm->second, "artists-second.txt", 3, err) != 0) {
		names_free(nm);
		return -1;
	}
	return 0;
}

/* A random index below n. */
static int names_rand(il_names *nm, int n)
{
	nm->state = nm->state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((nm->state >> 33) % (unsigned long long)n);
}

/* Pick a title and an artist, each different from the previous pick. */
void names_pick(il_names *nm, char *title, size_t tn, char *artist, size_t an)
{
	for (int tries = 0; tries < 8; tries++) {
		snprintf(title, tn, "%s %s", nm->adj.words[names_rand(nm, nm->adj.n)],
			 nm->noun.words[names_rand(nm, nm->noun.n)]);
		if (strcmp(title, nm->last_title))
			break;
	}
	for (int tries = 0; tries < 8; tries++) {
		snprintf(artist, an, "%s %s", nm->first.words[names_rand(nm, nm->first.n)],
			 nm->second.words[names_rand(nm, nm->second.n)]);
		if (strcmp(artist, nm->last_artist))
			break;
	}
	snprintf(nm->last_title, sizeof nm->last_title, "%s", title);
	snprintf(nm->last_artist, sizeof nm->last_artist, "%s", artist);
}

/* Free one list. */
static void names_list_free(il_names_list *l)
{
	for (int k = 0; k < l->n; k++)
		free(l->words[k]);
	free(l->words);
	l->words = NULL;
	l->n = 0;
}

/* Free the lists. */
void names_free(il_names *nm)
{
	names_list_free(&nm->adj);
	names_list_free(&nm->noun);
	names_list_free(&nm->first);
	names_list_free(&nm->second);
}

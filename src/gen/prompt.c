/* prompt.c: style, tempo and key words in a prompt. */
#include "gen/prompt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Style words; the first style whose word appears earliest in the prompt wins. */
static const struct {
	int style;
	const char *word;
} gen_prompt_words[] = {
	{ GEN_STYLE_LOFI, "lo-fi" }, { GEN_STYLE_LOFI, "lofi" }, { GEN_STYLE_LOFI, "lo fi" },
	{ GEN_STYLE_LOFI, "hip hop" }, { GEN_STYLE_LOFI, "hip-hop" }, { GEN_STYLE_LOFI, "hiphop" },
	{ GEN_STYLE_LOFI, "chillhop" }, { GEN_STYLE_LOFI, "boom bap" }, { GEN_STYLE_LOFI, "study" },
	{ GEN_STYLE_LOFI, "trap" }, { GEN_STYLE_LOFI, "rap" }, { GEN_STYLE_LOFI, "dub" },
	{ GEN_STYLE_LOFI, "reggae" }, { GEN_STYLE_LOFI, "vaporwave" },
	{ GEN_STYLE_AMBIENT, "ambient" }, { GEN_STYLE_AMBIENT, "drone" },
	{ GEN_STYLE_AMBIENT, "meditat" }, { GEN_STYLE_AMBIENT, "atmospher" },
	{ GEN_STYLE_AMBIENT, "new age" }, { GEN_STYLE_AMBIENT, "space" },
	{ GEN_STYLE_HOUSE, "house" }, { GEN_STYLE_HOUSE, "disco" }, { GEN_STYLE_HOUSE, "garage" },
	{ GEN_STYLE_HOUSE, "funk" }, { GEN_STYLE_HOUSE, "dance" }, { GEN_STYLE_HOUSE, "afrobeat" },
	{ GEN_STYLE_HOUSE, "edm" },
	{ GEN_STYLE_TECHNO, "techno" }, { GEN_STYLE_TECHNO, "trance" }, { GEN_STYLE_TECHNO, "rave" },
	{ GEN_STYLE_TECHNO, "minimal" }, { GEN_STYLE_TECHNO, "electro" }, { GEN_STYLE_TECHNO, "acid" },
	{ GEN_STYLE_TECHNO, "industrial" }, { GEN_STYLE_TECHNO, "hardbass" },
	{ GEN_STYLE_JAZZ, "jazz" }, { GEN_STYLE_JAZZ, "bossa" }, { GEN_STYLE_JAZZ, "swing" },
	{ GEN_STYLE_JAZZ, "lounge" }, { GEN_STYLE_JAZZ, "bebop" }, { GEN_STYLE_JAZZ, "blues" },
	{ GEN_STYLE_JAZZ, "vibraphone" }, { GEN_STYLE_JAZZ, "soul" },
	{ GEN_STYLE_PIANO, "piano" }, { GEN_STYLE_PIANO, "lullaby" }, { GEN_STYLE_PIANO, "music box" },
	{ GEN_STYLE_PIANO, "classical" }, { GEN_STYLE_PIANO, "folk" }, { GEN_STYLE_PIANO, "acoustic" },
	{ GEN_STYLE_CHIPTUNE, "chiptune" }, { GEN_STYLE_CHIPTUNE, "chip tune" },
	{ GEN_STYLE_CHIPTUNE, "8-bit" }, { GEN_STYLE_CHIPTUNE, "8 bit" }, { GEN_STYLE_CHIPTUNE, "8bit" },
	{ GEN_STYLE_CHIPTUNE, "retro game" }, { GEN_STYLE_CHIPTUNE, "video game" },
	{ GEN_STYLE_CHIPTUNE, "arcade" }, { GEN_STYLE_CHIPTUNE, "pixel" }, { GEN_STYLE_CHIPTUNE, "nes" },
	{ GEN_STYLE_CINEMATIC, "cinematic" }, { GEN_STYLE_CINEMATIC, "orchestra" },
	{ GEN_STYLE_CINEMATIC, "epic" }, { GEN_STYLE_CINEMATIC, "film" }, { GEN_STYLE_CINEMATIC, "score" },
	{ GEN_STYLE_CINEMATIC, "trailer" }, { GEN_STYLE_CINEMATIC, "strings" },
	{ GEN_STYLE_CINEMATIC, "soundtrack" }, { GEN_STYLE_CINEMATIC, "western" },
	{ GEN_STYLE_CINEMATIC, "medieval" }, { GEN_STYLE_CINEMATIC, "fantasy" },
	{ GEN_STYLE_SYNTHWAVE, "synthwave" }, { GEN_STYLE_SYNTHWAVE, "retrowave" },
	{ GEN_STYLE_SYNTHWAVE, "outrun" }, { GEN_STYLE_SYNTHWAVE, "80s" }, { GEN_STYLE_SYNTHWAVE, "synthpop" },
	{ GEN_STYLE_SYNTHWAVE, "neon" }, { GEN_STYLE_SYNTHWAVE, "chillwave" },
	{ GEN_STYLE_DNB, "drum and bass" }, { GEN_STYLE_DNB, "drum & bass" }, { GEN_STYLE_DNB, "drum n bass" },
	{ GEN_STYLE_DNB, "dnb" }, { GEN_STYLE_DNB, "d&b" }, { GEN_STYLE_DNB, "jungle" },
	{ GEN_STYLE_DNB, "breakbeat" }, { GEN_STYLE_DNB, "liquid" },
};

static const char *const gen_prompt_names[GEN_STYLE_COUNT] = {
	"lo-fi hip hop", "ambient", "house", "techno", "jazz", "piano", "chiptune",
	"cinematic", "synthwave", "drum and bass"
};

/* The name of a style, or "unknown". */
const char *gen_prompt_style_name(int style)
{
	return style >= 0 && style < GEN_STYLE_COUNT ? gen_prompt_names[style] : "unknown";
}

/* True when the n bytes at p start a word (not preceded by a letter). */
static int gen_prompt_word_start(const char *base, const char *p)
{
	return p == base || !isalnum((unsigned char)p[-1]);
}

/* Find the earliest style word in the lowercased prompt. */
static int gen_prompt_style(const char *low)
{
	const char *best = NULL;
	int style = -1;
	for (size_t k = 0; k < sizeof gen_prompt_words / sizeof gen_prompt_words[0]; k++) {
		const char *w = gen_prompt_words[k].word;
		for (const char *p = strstr(low, w); p; p = strstr(p + 1, w)) {
			/* Short words must stand alone ("nes" is not "honest"). */
			size_t wl = strlen(w);
			if (!gen_prompt_word_start(low, p))
				continue;
			if (wl <= 4 && isalpha((unsigned char)p[wl]))
				continue;
			if (!best || p < best) {
				best = p;
				style = gen_prompt_words[k].style;
			}
			break;
		}
	}
	return style;
}

/* Find "NN bpm" (40-220) in the lowercased prompt; 0 when absent. */
static double gen_prompt_bpm(const char *low)
{
	for (const char *p = strstr(low, "bpm"); p; p = strstr(p + 1, "bpm")) {
		const char *q = p;
		while (q > low && (q[-1] == ' ' || q[-1] == '-'))
			q--;
		const char *e = q;
		while (q > low && (isdigit((unsigned char)q[-1]) || q[-1] == '.'))
			q--;
		if (q == e)
			continue;
		double v = strtod(q, NULL);
		if (v >= 40 && v <= 220)
			return v;
	}
	return 0;
}

/* Pitch class of a note letter with its accidental at p (original case);
 * sets *len to the bytes used. -1 when p is not a note name. */
static int gen_prompt_note(const char *p, int *len)
{
	static const int pcs[7] = { 9, 11, 0, 2, 4, 5, 7 }; /* A..G */
	if (*p < 'A' || *p > 'G')
		return -1;
	int pc = pcs[*p - 'A'];
	*len = 1;
	if (p[1] == '#') {
		pc++;
		*len = 2;
	} else if (p[1] == 'b') {
		pc--;
		*len = 2;
	} else if (!strncmp(p + 1, "\xe2\x99\xaf", 3)) { /* sharp sign */
		pc++;
		*len = 4;
	} else if (!strncmp(p + 1, "\xe2\x99\xad", 3)) { /* flat sign */
		pc--;
		*len = 4;
	} else if (!strncasecmp(p + 1, " sharp", 6)) {
		pc++;
		*len = 7;
	} else if (!strncasecmp(p + 1, " flat", 5)) {
		pc--;
		*len = 6;
	}
	return (pc + 12) % 12;
}

/* Find a key such as "A minor", "F# maj", "Bbm" or "C major"; sets root/minor. */
static void gen_prompt_key(const char *s, gen_prompt_info *out)
{
	for (const char *p = s; *p; p++) {
		int len;
		if (!gen_prompt_word_start(s, p))
			continue;
		int pc = gen_prompt_note(p, &len);
		if (pc < 0)
			continue;
		const char *q = p + len;
		if (*q == 'm' && !isalpha((unsigned char)q[1])) {
			out->key_root = pc;
			out->minor = 1;
			return;
		}
		while (*q == ' ' || *q == '-')
			q++;
		if (!strncasecmp(q, "minor", 5) || (!strncasecmp(q, "min", 3) && !isalpha((unsigned char)q[3]))) {
			out->key_root = pc;
			out->minor = 1;
			return;
		}
		if (!strncasecmp(q, "major", 5) || (!strncasecmp(q, "maj", 3) && !isalpha((unsigned char)q[3]))) {
			out->key_root = pc;
			out->minor = 0;
			return;
		}
	}
}

/* Read style, tempo and key from a prompt. */
void gen_prompt_parse(const char *prompt, gen_prompt_info *out)
{
	out->style = -1;
	out->bpm = 0;
	out->key_root = -1;
	out->minor = -1;
	if (!prompt)
		return;
	size_t n = strlen(prompt);
	char *low = malloc(n + 1);
	if (!low)
		return;
	for (size_t k = 0; k <= n; k++)
		low[k] = (char)tolower((unsigned char)prompt[k]);
	out->style = gen_prompt_style(low);
	out->bpm = gen_prompt_bpm(low);
	gen_prompt_key(prompt, out);
	if (out->minor < 0) {
		if (strstr(low, "minor"))
			out->minor = 1;
		else if (strstr(low, "major"))
			out->minor = 0;
	}
	free(low);
}

/* Check a prompt for any generator (see prompt.h). */
int gen_prompt_check(const char *prompt, il_err *err)
{
	size_t n = prompt ? strlen(prompt) : 0, blank = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)prompt[k];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return il_err_set(err, IL_E_BAD_VALUE, "the prompt holds a control character (0x%02x at byte %zu); "
				  "use plain text", c, k + 1);
		if (c == ' ' || c == '\n' || c == '\t')
			blank++;
	}
	if (n == blank)
		return il_err_set(err, IL_E_BAD_VALUE, "the prompt is empty; describe the music, e.g. \"calm piano, 70 bpm\"");
	if (n > GEN_PROMPT_MAX)
		return il_err_set(err, IL_E_BAD_VALUE, "the prompt is %zu bytes long; at most %d", n, GEN_PROMPT_MAX);
	return 0;
}

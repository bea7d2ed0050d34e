/* prompt.c: reading genre, instruments, mood, tempo, key and metre from a
 * prompt (the words are in prompt_words.c). */
#include "gen/prompt.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/prompt_words.h"

typedef struct prompt_tok {
	size_t off, len; /* in the normalised prompt */
	int used;        /* understood (or a filler word) */
	int filler;
} prompt_tok;

typedef struct prompt_scan {
	char *orig, *low;  /* normalised: sharp and flat signs as '#' and 'b'; lower-cased copy */
	prompt_tok *tok;   /* every word of the prompt: none is dropped */
	int n;
} prompt_scan;

static const char *const gen_prompt_names[GEN_STYLE_COUNT] = {
	"lo-fi hip hop", "ambient", "house", "techno", "jazz", "piano", "chiptune", "cinematic",
	"synthwave", "drum and bass", "bossa nova", "trap", "reggae", "funk", "rock", "pop", "folk",
	"classical", "waltz", "blues", "latin", "metal"
};

/* The name of a style, or "unknown". */
const char *gen_prompt_style_name(int style)
{
	return style >= 0 && style < GEN_STYLE_COUNT ? gen_prompt_names[style] : "unknown";
}

/* A byte that belongs to a word (bytes of UTF-8 letters too: a word in
 * another script is one word, named whole among those not understood). */
static int prompt_wordch(char c)
{
	return isalnum((unsigned char)c) || c == '#' || c == '&' || c == '\'' || (unsigned char)c >= 0x80;
}

/* The length of the UTF-8 punctuation or space at p (Latin-1's U+00A0-00BF,
 * U+2000-206F, CJK U+3000-303F, the full-width ASCII signs), 0 if none:
 * it parts words as a comma does. */
static size_t prompt_utf8_punct(const unsigned char *p)
{
	if (p[0] == 0xc2 && p[1] >= 0xa0 && p[1] <= 0xbf)
		return 2;
	if ((p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81) && p[2] >= 0x80 && p[2] <= 0xbf) ||
	    (p[0] == 0xe3 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0xbf))
		return 3;
	if (p[0] == 0xef && ((p[1] == 0xbc && ((p[2] >= 0x80 && p[2] <= 0x8f) || (p[2] >= 0x9a && p[2] <= 0xa0) ||
					       (p[2] >= 0xbb && p[2] <= 0xbf))) ||
			     (p[1] == 0xbd && (p[2] == 0x80 || (p[2] >= 0x9b && p[2] <= 0xa5)))))
		return 3;
	return 0;
}

/* Normalise and split the prompt into words ('-', '/', ',' and spaces part them). */
static int prompt_split(const char *prompt, prompt_scan *s)
{
	size_t n = strlen(prompt);
	s->orig = malloc(n + 1);
	s->low = malloc(n + 1);
	s->tok = malloc((n / 2 + 1) * sizeof *s->tok); /* a word and a separator each, but the last */
	if (!s->orig || !s->low || !s->tok)
		return -1;
	size_t w = 0;
	for (size_t k = 0; k < n; k++) {
		if (!strncmp(prompt + k, "\xe2\x99\xaf", 3) || !strncmp(prompt + k, "\xe2\x99\xad", 3)) {
			s->orig[w++] = prompt[k + 2] == '\xaf' ? '#' : 'b';
			k += 2;
		} else {
			size_t p = prompt_utf8_punct((const unsigned char *)prompt + k);
			s->orig[w++] = p ? ' ' : prompt[k];
			k += p ? p - 1 : 0;
		}
	}
	s->orig[w] = '\0';
	for (size_t k = 0; k <= w; k++)
		s->low[k] = (char)tolower((unsigned char)s->orig[k]);
	s->n = 0;
	for (size_t k = 0; k < w;) {
		if (!prompt_wordch(s->low[k])) {
			k++;
			continue;
		}
		size_t a = k;
		while (k < w && (prompt_wordch(s->low[k]) ||
				 (s->low[k] == '.' && isdigit((unsigned char)s->low[k + 1]) && k > a &&
				  isdigit((unsigned char)s->low[k - 1]))))
			k++;
		s->tok[s->n++] = (prompt_tok){ a, k - a, 0, 0 };
	}
	return 0;
}

/* True when token i is exactly word w. */
static int prompt_is(const prompt_scan *s, int i, const char *w)
{
	return i >= 0 && i < s->n && strlen(w) == s->tok[i].len && !strncmp(s->low + s->tok[i].off, w, s->tok[i].len);
}

/* Metre: "3/4", "6/8", "12/8", "4/4" (read before splitting). */
static int prompt_metre(const char *low)
{
	static const struct { const char *text; int metre; } m[] = {
		{ "3/4", 3 }, { "6/8", 6 }, { "12/8", 6 }, { "4/4", 4 }, { "2/4", 4 },
	};
	for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
		for (const char *p = strstr(low, m[k].text); p; p = strstr(p + 1, m[k].text))
			if ((p == low || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[strlen(m[k].text)]))
				return m[k].metre;
	return 0;
}

/* Mark the tokens of a metre ("3", "4") as understood. */
static void prompt_use_metre(prompt_scan *s)
{
	for (int i = 0; i + 1 < s->n; i++) {
		size_t gap = s->tok[i + 1].off - (s->tok[i].off + s->tok[i].len);
		if (gap == 1 && s->low[s->tok[i].off + s->tok[i].len] == '/' &&
		    isdigit((unsigned char)s->low[s->tok[i].off]) && isdigit((unsigned char)s->low[s->tok[i + 1].off]))
			s->tok[i].used = s->tok[i + 1].used = 1;
	}
}

/* A number token (digits, maybe one '.'); -1 when not one. */
static double prompt_number(const prompt_scan *s, int i, size_t *digits)
{
	if (i < 0 || i >= s->n)
		return -1;
	const char *p = s->low + s->tok[i].off;
	size_t k = 0;
	while (k < s->tok[i].len && (isdigit((unsigned char)p[k]) || p[k] == '.'))
		k++;
	if (k == 0)
		return -1;
	*digits = k;
	return strtod(p, NULL);
}

/* A tempo at token i: "92 bpm", "92bpm", "bpm 92", "tempo 92", "tempo of
 * 92", "92 beats per minute"; its value, and the tokens it spans in
 * [*first, *last]; -1 when token i is no tempo. */
static double prompt_tempo_at(const prompt_scan *s, int i, int *first, int *last)
{
	size_t dg = 0;
	double v = prompt_number(s, i, &dg);
	if (v < 0)
		return -1;
	*first = *last = i;
	if (dg + 3 == s->tok[i].len && !strncmp(s->low + s->tok[i].off + dg, "bpm", 3))
		return v;
	if (dg != s->tok[i].len)
		return -1;
	if (prompt_is(s, i + 1, "bpm")) {
		*last = i + 1;
	} else if (prompt_is(s, i + 1, "beats") && prompt_is(s, i + 2, "per")) {
		*last = prompt_is(s, i + 3, "minute") ? i + 3 : i + 2;
	} else if (prompt_is(s, i - 1, "bpm") || prompt_is(s, i - 1, "tempo")) {
		*first = i - 1;
	} else if (prompt_is(s, i - 1, "of") && prompt_is(s, i - 2, "tempo")) {
		*first = i - 2;
	} else {
		return -1;
	}
	return v;
}

/* Tempo: the first one in range (see prompt_tempo_at), its words used. */
static double prompt_bpm(prompt_scan *s)
{
	for (int i = 0; i < s->n; i++) {
		int first, last;
		double v = prompt_tempo_at(s, i, &first, &last);
		if (v < GEN_BPM_MIN || v > GEN_BPM_MAX)
			continue;
		for (int k = first; k <= last; k++)
			s->tok[k].used = 1;
		return v;
	}
	return 0;
}

/* Pitch class of a note name at the start of token i ("a", "c#", "bb",
 * "eb", or "e" followed by "flat"/"sharp"); *rest gets the bytes after it
 * in the token, *extra the tokens used after it. -1 when not a note. */
static int prompt_note(const prompt_scan *s, int i, size_t *rest, int *extra)
{
	static const int pcs[7] = { 9, 11, 0, 2, 4, 5, 7 }; /* a..g */
	const char *p = s->low + s->tok[i].off;
	if (*p < 'a' || *p > 'g')
		return -1;
	int pc = pcs[*p - 'a'];
	size_t k = 1;
	*extra = 0;
	if (k < s->tok[i].len && p[k] == '#')
		pc++, k++;
	else if (k < s->tok[i].len && p[k] == 'b' && (s->tok[i].len == 2 || p[k + 1] == 'm'))
		pc--, k++;
	else if (s->tok[i].len == 1 && prompt_is(s, i + 1, "sharp"))
		pc++, *extra = 1;
	else if (s->tok[i].len == 1 && prompt_is(s, i + 1, "flat"))
		pc--, *extra = 1;
	*rest = s->tok[i].len - k;
	return (pc + 12) % 12;
}

/* Key: "A minor", "in a minor", "c# min", "Bb major", "F#m", "key of D", "in D". */
static void prompt_key(prompt_scan *s, il_gen_prompt_info *out)
{
	for (int i = 0; i < s->n; i++) {
		size_t rest;
		int extra, pc = prompt_note(s, i, &rest, &extra);
		if (pc < 0)
			continue;
		const char *tail = s->low + s->tok[i].off + s->tok[i].len - rest;
		int upper = isupper((unsigned char)s->orig[s->tok[i].off]);
		int j = i + 1 + extra, minor = -1, used = 0;
		if (rest == 1 && *tail == 'm' && upper) {
			minor = 1; /* "Am", "F#m" */
		} else if (rest == 0 && (prompt_is(s, j, "minor") || prompt_is(s, j, "min") || prompt_is(s, j, "m"))) {
			minor = 1, used = 1;
		} else if (rest == 0 && (prompt_is(s, j, "major") || prompt_is(s, j, "maj"))) {
			minor = 0, used = 1;
		} else if (rest == 0 && ((prompt_is(s, i - 1, "of") && prompt_is(s, i - 2, "key")) ||
					 (prompt_is(s, i - 1, "in") && upper))) {
			minor = 0; /* "key of D", "in D": major */
		}
		if (minor < 0)
			continue;
		out->key_root = pc;
		out->minor = minor;
		for (int k = i; k < j + used; k++)
			s->tok[k].used = 1;
		if (prompt_is(s, j + used, "key"))
			s->tok[j + used].used = 1;
		return;
	}
}

/* How many tokens from i phrase matches (0: none); *exact is cleared when a
 * word matched as a prefix with letters to spare ("jazzy" for "jazz*"). */
static int prompt_match(const prompt_scan *s, int i, const char *phrase, int *exact)
{
	int k = 0;
	*exact = 1;
	for (const char *w = phrase; *w; k++) {
		const char *e = strchr(w, ' ');
		size_t wl = e ? (size_t)(e - w) : strlen(w);
		if (i + k >= s->n || s->tok[i + k].used)
			return 0;
		const char *t = s->low + s->tok[i + k].off;
		size_t tl = s->tok[i + k].len;
		if (w[wl - 1] == '*') {
			if (tl < wl - 1 || strncmp(t, w, wl - 1))
				return 0;
			if (tl > wl - 1)
				*exact = 0;
		} else if (tl != wl || strncmp(t, w, wl)) {
			return 0;
		}
		w += wl;
		while (*w == ' ')
			w++;
	}
	return k;
}

/* Apply one table row matched at token position pos. */
static void prompt_apply(const il_prompt_word *w, int exact, int pos, il_gen_prompt_info *out, int *best_w, int *best_pos)
{
	int weight = w->weight - (exact ? 0 : 1);
	switch (w->kind) {
	case PW_STYLE:
		if (weight > *best_w || (weight == *best_w && pos < *best_pos)) {
			*best_w = weight;
			*best_pos = pos;
			out->style = w->value;
		}
		break;
	case PW_INST:
		for (int k = 0; k < out->ninst; k++)
			if (out->inst[k].program == w->value)
				return;
		if (out->ninst < GEN_PROMPT_INST_MAX)
			out->inst[out->ninst++] = (il_gen_prompt_inst){ w->value, w->part, w->octave, w->weight };
		if (w->hint >= 0 && out->hint < 0)
			out->hint = w->hint;
		break;
	case PW_MOOD:
		if (out->mood == GEN_MOOD_NONE)
			out->mood = w->value;
		break;
	case PW_PACE: out->pace = w->value; break;
	case PW_DENSITY: out->density = w->value; break;
	case PW_CRACKLE: out->crackle = 1; break;
	case PW_MODE:
		if (out->minor < 0)
			out->minor = w->value;
		break;
	case PW_METRE:
		if (!out->metre)
			out->metre = w->value;
		break;
	default: break;
	}
}

/* Match the word table, longest phrase first at each position. */
static void prompt_words(prompt_scan *s, il_gen_prompt_info *out)
{
	int best_w = 0, best_pos = INT_MAX, mood_hint = -1;
	for (int i = 0; i < s->n; i++) {
		if (s->tok[i].used)
			continue;
		int longest = 0, exact;
		for (size_t k = 0; k < gen_prompt_nwords; k++) {
			int m = prompt_match(s, i, gen_prompt_words[k].phrase, &exact);
			if (m > longest)
				longest = m;
		}
		if (!longest)
			continue;
		int filler = 1;
		for (size_t k = 0; k < gen_prompt_nwords; k++) {
			const il_prompt_word *w = &gen_prompt_words[k];
			if (prompt_match(s, i, w->phrase, &exact) != longest)
				continue;
			if (w->kind != PW_FILLER)
				filler = 0;
			if (w->kind == PW_MOOD && w->hint >= 0 && mood_hint < 0)
				mood_hint = w->hint;
			prompt_apply(w, exact, i, out, &best_w, &best_pos);
		}
		for (int k = i; k < i + longest; k++) {
			s->tok[k].used = 1;
			s->tok[k].filler = filler;
		}
		i += longest - 1;
	}
	/* A mere hint gives way to another style that instruments or moods suggest. */
	if (out->hint < 0)
		out->hint = mood_hint;
	if (best_w <= 1 && out->hint >= 0 && out->hint != out->style)
		out->style = -1;
}

/* The words no table understood, into out->ignored; those understood
 * (fillers aside) counted in out->understood. */
static void prompt_ignored(const prompt_scan *s, il_gen_prompt_info *out)
{
	size_t w = 0, cap = sizeof out->ignored;
	out->ignored[0] = '\0';
	for (int i = 0; i < s->n; i++)
		out->understood += s->tok[i].used && !s->tok[i].filler;
	for (int i = 0; i < s->n; i++) {
		if (s->tok[i].used)
			continue;
		int len = (int)s->tok[i].len;
		int need = snprintf(out->ignored + w, cap - w, "%s%.*s", w ? ", " : "", len, s->orig + s->tok[i].off);
		if (need < 0 || (size_t)need >= cap - w) {
			out->ignored[w] = '\0';
			break;
		}
		w += (size_t)need;
	}
}

/* Read genre, instruments, mood, tempo, key and metre from a prompt. */
void gen_prompt_parse(const char *prompt, il_gen_prompt_info *out)
{
	memset(out, 0, sizeof *out);
	out->style = out->hint = -1;
	out->key_root = -1;
	out->minor = -1;
	if (!prompt)
		return;
	prompt_scan s;
	memset(&s, 0, sizeof s);
	if (prompt_split(prompt, &s) == 0) {
		out->metre = prompt_metre(s.low);
		if (out->metre)
			prompt_use_metre(&s);
		out->bpm = prompt_bpm(&s);
		prompt_key(&s, out);
		prompt_words(&s, out);
		if (!out->metre && out->style == GEN_STYLE_WALTZ)
			out->metre = 3;
		prompt_ignored(&s, out);
	}
	free(s.orig);
	free(s.low);
	free(s.tok);
}

/* Pass the n bytes of text at t (the first 100, cut where a UTF-8
 * character starts, and "..."), then why in brackets, to fn. */
static void prompt_warn(const char *t, size_t n, const char *why, il_gen_prompt_note_fn fn, void *ud)
{
	char note[256];
	size_t m = n > 100 ? 100 : n;
	while (m < n && m > 0 && ((unsigned char)t[m] & 0xc0) == 0x80)
		m--;
	snprintf(note, sizeof note, "%.*s%s (%s)", (int)m, t, m < n ? "..." : "", why);
	fn(ud, note);
}

/* Pass the words first to last of the prompt, then why, to fn. */
static void prompt_note_span(const prompt_scan *s, int first, int last, const char *why, il_gen_prompt_note_fn fn,
			     void *ud)
{
	size_t a = s->tok[first].off, b = s->tok[last].off + s->tok[last].len;
	prompt_warn(s->orig + a, b - a, why, fn, ud);
}

/* A word where a key's note stands ("H minor", "key of H") that is no
 * note: one letter after G, perhaps with # or b. */
static int prompt_bad_key_at(const prompt_scan *s, int i, int *first, int *last)
{
	const char *t = s->low + s->tok[i].off;
	size_t len = s->tok[i].len;
	if (!(len == 1 || (len == 2 && (t[1] == '#' || t[1] == 'b'))) || t[0] < 'h' || t[0] > 'z')
		return 0;
	int mode = prompt_is(s, i + 1, "minor") || prompt_is(s, i + 1, "major") || prompt_is(s, i + 1, "min") ||
		   prompt_is(s, i + 1, "maj");
	int key_of = prompt_is(s, i - 1, "of") && prompt_is(s, i - 2, "key");
	if (!mode && !key_of && !prompt_is(s, i - 1, "key"))
		return 0;
	*first = key_of ? i - 2 : mode ? i : i - 1;
	*last = mode ? i + 1 : i;
	return 1;
}

/* A metre ("5/4": 2-15 beats of a half, quarter, eighth or sixteenth;
 * not "24/7") at token i that prompt_metre does not know; its span in
 * first, last. */
static int prompt_bad_metre_at(const prompt_scan *s, int i, int *first, int *last)
{
	if (i + 1 >= s->n || s->tok[i + 1].off != s->tok[i].off + s->tok[i].len + 1 ||
	    s->low[s->tok[i].off + s->tok[i].len] != '/')
		return 0;
	char text[24];
	size_t len = s->tok[i].len + 1 + s->tok[i + 1].len;
	if (len >= sizeof text)
		return 0;
	snprintf(text, sizeof text, "%.*s", (int)len, s->low + s->tok[i].off);
	for (size_t k = 0; k < len; k++)
		if (!isdigit((unsigned char)text[k]) && text[k] != '/')
			return 0;
	int beats = atoi(text), unit = atoi(strchr(text, '/') + 1);
	if (beats < 2 || beats > 15 || (unit != 2 && unit != 4 && unit != 8 && unit != 16))
		return 0;
	*first = i;
	*last = i + 1;
	return prompt_metre(text) == 0;
}

/* What the prompt asks for that cannot be used (see prompt.h). */
int gen_prompt_problems(const char *prompt, int composer, il_gen_prompt_note_fn fn, void *ud)
{
	prompt_scan s;
	char range[32];
	int n = 0, first, last;
	memset(&s, 0, sizeof s);
	snprintf(range, sizeof range, "%d-%d", GEN_BPM_MIN, GEN_BPM_MAX);
	if (prompt && prompt_split(prompt, &s) == 0) {
		for (int i = 0; i < s.n; i++) {
			double v = prompt_tempo_at(&s, i, &first, &last);
			if (v >= 0 && (v < GEN_BPM_MIN || v > GEN_BPM_MAX)) {
				prompt_note_span(&s, first, last, range, fn, ud);
				n++;
				i = last;
			} else if (prompt_bad_key_at(&s, i, &first, &last)) {
				prompt_note_span(&s, first, last, "a key is A to G, with # or b", fn, ud);
				n++;
				i = last;
			} else if (composer && prompt_bad_metre_at(&s, i, &first, &last)) {
				prompt_note_span(&s, first, last, "the composer plays 2/4, 3/4, 4/4, 6/8 and 12/8", fn, ud);
				n++;
				i = last;
			}
		}
	}
	free(s.orig);
	free(s.low);
	free(s.tok);
	if (composer && prompt && !n) {
		il_gen_prompt_info pi;
		gen_prompt_parse(prompt, &pi);
		if (!pi.understood) {
			prompt_warn(prompt, strlen(prompt), "no word the composer knows: name a genre, an instrument or a "
				    "mood, in English", fn, ud);
			n++;
		}
	}
	return n;
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

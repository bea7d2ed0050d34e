/* settings.c: the settings table, defaults, and checking, setting and
 * formatting one value. Reading and writing the files is settings_file.c. */
#include "store/settings.h"

#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/loudness.h"
#include "store/settings_internal.h"
#include "util/cpulist.h"

#define OFF(f) offsetof(il_settings, f)
#define SZ(f) sizeof(((il_settings *)0)->f)

/* output: auto, pulse, alsa, alsa:DEVICE, null, file:PATH or file!:PATH. */
static int settings_valid_output(const char *v, il_err *err)
{
	if (!strcmp(v, "auto") || !strcmp(v, "pulse") || !strcmp(v, "alsa") || !strcmp(v, "null") ||
	    (!strncmp(v, "file:", 5) && v[5]) || (!strncmp(v, "file!:", 6) && v[6]) ||
	    (!strncmp(v, "alsa:", 5) && v[5]))
		return 0;
	return il_err_set(err, IL_E_BAD_VALUE, "output must be auto, pulse, alsa, alsa:DEVICE, null or file:PATH "
			  "(file!:PATH to overwrite), not '%s'", v);
}

/* loudness: a target in LUFS, off or peak. */
static int settings_valid_loudness(const char *v, il_err *err)
{
	il_loudness_opts lo;
	return loudness_parse(v, &lo, err);
}

/* theme: a plain name, never a path. */
static int settings_valid_theme(const char *v, il_err *err)
{
	if (!*v || strchr(v, '/') || v[0] == '.')
		return il_err_set(err, IL_E_BAD_VALUE, "theme must be a plain name such as 'default', not '%s'", v);
	return 0;
}

/* affinity: empty, or a list of CPUs this machine has. */
static int settings_valid_affinity(const char *v, il_err *err)
{
	return cpulist_check(v, err);
}

const il_settings_def settings_defs[] = {
	{ .key = "duration", .type = SETTING_INT, .min = 5, .max = 30, .def = "15",
	  .comment = "Seconds of audio generated per clip (5-30).",
	  .offset = OFF(duration), .applies = SETTING_TO_GEN },
	{ .key = "min_duration", .alias = "minduration", .type = SETTING_INT, .min = 10, .max = 300,
	  .def = "30", .comment = "Seconds a loop plays at least before the next one fades in (10-300).",
	  .offset = OFF(min_duration), .applies = SETTING_TO_PLAYER },
	{ .key = "crossfade", .type = SETTING_DOUBLE, .min = 0, .max = 10, .def = "3",
	  .comment = "Seconds of equal-power crossfade between loops (0-10).",
	  .offset = OFF(crossfade), .applies = SETTING_TO_PLAYER },
	{ .key = "backend", .type = SETTING_CHOICE, .choices = "synth|musicgpt|command", .def = "synth",
	  .comment = "Generator: synth (built in), musicgpt, or command (see 'command').",
	  .offset = OFF(backend), .size = SZ(backend), .applies = SETTING_TO_GEN },
	{ .key = "model", .type = SETTING_CHOICE,
	  .choices = "small|small-fp16|small-quant|medium|medium-fp16|medium-quant|large",
	  .def = "small", .comment = "MusicGPT model.",
	  .offset = OFF(model), .size = SZ(model), .applies = SETTING_TO_GEN },
	{ .key = "output", .alias = "driver", .type = SETTING_STRING, .def = "auto",
	  .comment = "Audio output: auto (PulseAudio if a server answers, else ALSA), pulse, alsa, "
		     "alsa:DEVICE, null, or file:PATH (a new WAV file; file!:PATH overwrites).",
	  .offset = OFF(output), .size = SZ(output), .applies = SETTING_TO_SINK,
	  .validate = settings_valid_output },
	{ .key = "theme", .type = SETTING_STRING, .def = "default",
	  .comment = "Colour theme: a name from themes/ in this folder or the installed data folder.",
	  .offset = OFF(theme), .size = SZ(theme), .applies = SETTING_TO_UI,
	  .validate = settings_valid_theme },
	{ .key = "algorithm", .type = SETTING_CHOICE, .choices = "advanced|classic", .def = "advanced",
	  .comment = "Loop finding: advanced (multi-metric) or classic (spectral only).",
	  .offset = OFF(algorithm), .size = SZ(algorithm) },
	{ .key = "loudness", .type = SETTING_STRING, .def = "-16",
	  .comment = "Loudness of each loop as played: a target in LUFS (EBU R128, -70 to 0), off, or "
		     "peak (the clip's peak to 0.7).",
	  .offset = OFF(loudness), .size = SZ(loudness), .validate = settings_valid_loudness },
	{ .key = "true_peak", .type = SETTING_DOUBLE, .min = -9, .max = 0, .def = "-1",
	  .comment = "True-peak ceiling in dBTP (-9 to 0): loops never go above it.",
	  .offset = OFF(true_peak) },
	{ .key = "latency_ms", .type = SETTING_INT, .min = 20, .max = 2000, .def = "200",
	  .comment = "Audio buffer length in milliseconds (20-2000), for PulseAudio and ALSA.",
	  .offset = OFF(latency_ms), .applies = SETTING_TO_SINK },
	{ .key = "musicgpt", .type = SETTING_STRING, .def = "",
	  .comment = "MusicGPT binary; empty: look for musicgpt in PATH.",
	  .offset = OFF(musicgpt), .size = SZ(musicgpt), .applies = SETTING_TO_GEN },
	{ .key = "soundfont", .type = SETTING_STRING, .def = "",
	  .comment = "General MIDI soundfont of the synth's instruments; empty: FluidR3_GM, then TimGM6mb; none: oscillators only.",
	  .offset = OFF(soundfont), .size = SZ(soundfont), .applies = SETTING_TO_GEN },
	{ .key = "gpu", .type = SETTING_BOOL, .min = 0, .max = 1, .def = "false",
	  .comment = "Pass --gpu to MusicGPT.", .offset = OFF(gpu), .applies = SETTING_TO_GEN },
	{ .key = "affinity", .type = SETTING_STRING, .def = "",
	  .comment = "CPUs the generator may run on, e.g. \"2,3\"; empty: any.",
	  .offset = OFF(affinity), .size = SZ(affinity), .applies = SETTING_TO_GEN,
	  .validate = settings_valid_affinity },
	{ .key = "timeout", .type = SETTING_INT, .min = 0, .max = 7200, .def = "0",
	  .comment = "Seconds before a generation is killed; 0: estimated from history.",
	  .offset = OFF(timeout), .applies = SETTING_TO_GEN },
	{ .key = "retries", .type = SETTING_INT, .min = 0, .max = 20, .def = "5",
	  .comment = "Retries after a failed generation, with backoff 2, 4, 8... s (max 60 s).",
	  .offset = OFF(retries), .applies = SETTING_TO_GEN },
	{ .key = "seed", .type = SETTING_LONG, .min = 0, .max = 2147483647, .def = "0",
	  .comment = "Synth seed; 0: a new clip every time.", .offset = OFF(seed),
	  .applies = SETTING_TO_GEN },
	{ .key = "autostart", .type = SETTING_BOOL, .min = 0, .max = 1, .def = "true",
	  .comment = "The station starts playing at launch: the last prompt, else the first preset.",
	  .offset = OFF(autostart), .applies = SETTING_TO_UI },
	{ .key = "command", .type = SETTING_ARGV, .def = "[]",
	  .comment = "Command backend: the generator's argv, run without a shell. Placeholders:\n"
		     "# {prompt} {secs} {output} (a .wav path to write) {seed}.\n"
		     "# Example: command = [\"my-generator\", \"--text\", \"{prompt}\", \"--out\", \"{output}\"];",
	  .offset = OFF(command), .applies = SETTING_TO_GEN },
	{ .key = "on_loop", .type = SETTING_ARGV, .def = "[]",
	  .comment = "Run each time a loop starts (a status line, a notification): an argv, no shell;\n"
		     "# empty: nothing. Placeholders: any field of the loop event, e.g. {title} {artist}\n"
		     "# {prompt} {bpm} {seconds} {key} {style} {metre} {instruments} {id}; {{ is a {.\n"
		     "# Example: on_loop = [\"notify-send\", \"Now playing\", \"{title} ({bpm} bpm)\"];",
	  .offset = OFF(on_loop) },
	{ .key = "on_loop_timeout", .type = SETTING_INT, .min = 1, .max = 60, .def = "5",
	  .comment = "Seconds on_loop may run before it is killed (1-60).",
	  .offset = OFF(on_loop_timeout) },
	{ .key = "presets", .type = SETTING_PRESETS, .def = "",
	  .comment = "Presets: a name and a prompt each. Add, edit or remove freely." },
	{ .key = "volume", .type = SETTING_INT, .min = 0, .max = 100, .def = "80",
	  .comment = "Software volume in percent (0-100).", .offset = OFF(volume),
	  .applies = SETTING_TO_PLAYER, .store = SETTING_IN_STATE },
	{ .key = "debug", .type = SETTING_BOOL, .min = 0, .max = 1, .def = "false",
	  .comment = "Debug log messages.", .offset = OFF(debug), .store = SETTING_IN_STATE },
	{ .key = "last_prompt", .type = SETTING_STRING, .def = "",
	  .comment = "The last prompt started.", .offset = OFF(last_prompt),
	  .size = SZ(last_prompt), .store = SETTING_IN_STATE, .multiline = 1 },
};
const size_t settings_ndefs = sizeof settings_defs / sizeof settings_defs[0];

/* Shipped presets: name and prompt. */
static const char *const settings_default_presets[][2] = {
	{ "Lo-fi Study", "lo-fi hip hop, 80 bpm, dusty drums, warm rhodes chords, vinyl crackle, rainy evening" },
	{ "Deep Ambient", "ambient drone, slow evolving pads, soft shimmer, wide reverb, starry night" },
	{ "Warehouse Techno", "techno, 128 bpm, pounding kick, rolling bassline, hypnotic synth stabs, A minor" },
	{ "Sunset House", "deep house, 122 bpm, soulful chords, round sub bass, crisp hats, summer terrace" },
	{ "Late Jazz Trio", "jazz trio, 96 bpm, brushed drums, walking upright bass, piano comping, smoky club" },
	{ "Solo Piano", "solo piano, 70 bpm, gentle arpeggios, C major, calm and reflective" },
	{ "8-bit Quest", "chiptune, 140 bpm, square wave lead, arpeggiated chords, retro game overworld" },
	{ "Epic Score", "cinematic orchestral, 90 bpm, big drums, low strings, heroic brass, D minor" },
	{ "Night Drive", "synthwave, 100 bpm, gated snare, pulsing bass, neon pads, 80s night drive" },
	{ "Coffee Shop Bossa", "bossa nova, 110 bpm, nylon guitar, soft shaker, mellow upright bass" },
	{ "Dub Garden", "dub reggae, 75 bpm, deep bass, offbeat skank, echoing snare, relaxed" },
	{ "Funk Engine", "funk, 108 bpm, slap bass, tight drums, wah guitar, horn hits, E minor" },
	{ "Drum and Bass", "drum and bass, 174 bpm, fast breakbeat, reese bass, airy pads" },
	{ "Chill Trap", "chill trap, 70 bpm, booming 808, crisp hi-hat rolls, dreamy bells" },
	{ "Space Cantina", "quirky lounge, 118 bpm, vibraphone, plucked bass, bongos, alien bar" },
	{ "Forest Folk", "acoustic folk, 92 bpm, fingerpicked guitar, soft fiddle, G major, morning light" },
	{ "Desert Western", "spaghetti western, 85 bpm, twangy guitar, whistles, lonely trumpet, dusty" },
	{ "Music Box", "music box lullaby, 66 bpm, celesta melody, soft bells, F major" },
	{ "Vapor Mall", "vaporwave, 80 bpm, slowed smooth jazz, chorus synths, empty shopping mall" },
	{ "Trance Peak", "uplifting trance, 138 bpm, supersaw chords, driving bass, euphoric lead" },
	{ "Rainy Piano Lo-fi", "lo-fi piano, 74 bpm, soft kick, mellow keys, tape hiss, cozy room" },
	{ "Pixel Dungeon", "chiptune, 120 bpm, minor key, spooky arpeggios, noise percussion, dungeon" },
	{ "Orbital Ambient", "ambient electronica, 90 bpm, soft pulses, glassy pads, drifting through orbit" },
	{ "Afro Groove", "afrobeat, 104 bpm, polyrhythmic percussion, bright guitar riffs, brass section" },
};

/* Copy src into dst of size n, always terminated. */
static void settings_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Find a definition by key or alias, or NULL. */
const il_settings_def *settings_find(const char *key)
{
	for (size_t k = 0; k < settings_ndefs; k++) {
		const il_settings_def *d = &settings_defs[k];
		if (strcmp(d->key, key) == 0 || (d->alias && strcmp(d->alias, key) == 0))
			return d;
	}
	return NULL;
}

/* What d does, as one line of plain text (its comment without the file's
 * line breaks and "# "), into out; "" when it has none. */
void settings_about(const il_settings_def *d, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = d->comment ? d->comment : ""; *p && k + 1 < n; p++) {
		if (*p == '\n') {
			p += strspn(p + 1, "# ");
			out[k++] = ' ';
		} else {
			out[k++] = *p;
		}
	}
	if (n > 0)
		out[k] = '\0';
}

/* Split "a|b|c" choices: calls fn for each; stops at a nonzero return. */
int settings_each_choice(const char *choices, int (*fn)(const char *word, size_t len, void *ud),
			 void *ud)
{
	const char *p = choices ? choices : "";
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		int rc = fn(p, len, ud);
		if (rc || !bar)
			return rc;
		p = bar + 1;
	}
}

/* settings_each_choice callback: 1 when word equals the value in ud. */
static int settings_choice_is(const char *word, size_t len, void *ud)
{
	const char *value = ud;
	return strlen(value) == len && strncmp(word, value, len) == 0;
}

/* Parse a number for d from text into *v (range checked); 0 or -1. */
static int settings_number(const il_settings_def *d, const char *value, double *v, il_err *err)
{
	char *end;
	errno = 0;
	if (d->type == SETTING_DOUBLE) {
		*v = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(*v))
			return il_err_set(err, IL_E_BAD_VALUE, "%s must be a number, not '%s'", d->key, value);
		if (*v < d->min || *v > d->max)
			return il_err_set(err, IL_E_BAD_VALUE, "%s must be between %g and %g, not %g", d->key, d->min,
					  d->max, *v);
		return 0;
	}
	long l = strtol(value, &end, 10);
	if (errno || end == value || *end)
		return il_err_set(err, IL_E_BAD_VALUE, "%s must be a whole number, not '%s'", d->key, value);
	if (l < (long)d->min || l > (long)d->max)
		return il_err_set(err, IL_E_BAD_VALUE, "%s must be between %ld and %ld, not %ld", d->key, (long)d->min,
				  (long)d->max, l);
	*v = (double)l;
	return 0;
}

/* Parse a boolean word; 0 with *v, or -1. */
static int settings_bool(const il_settings_def *d, const char *value, int *v, il_err *err)
{
	static const char *const yes[] = { "true", "on", "1", "yes" }, *const no[] = { "false", "off", "0", "no" };
	for (size_t k = 0; k < 4; k++) {
		if (!strcmp(value, yes[k]))
			return *v = 1, 0;
		if (!strcmp(value, no[k]))
			return *v = 0, 0;
	}
	return il_err_set(err, IL_E_BAD_VALUE, "%s must be true or false, not '%s'", d->key, value);
}

/* Check a scalar value against d (type, range, choices, length, hook). */
static int settings_check_scalar(const il_settings_def *d, const char *value, il_err *err)
{
	double num;
	int b;
	switch (d->type) {
	case SETTING_INT:
	case SETTING_LONG:
	case SETTING_DOUBLE:
		return settings_number(d, value, &num, err);
	case SETTING_BOOL:
		return settings_bool(d, value, &b, err);
	case SETTING_CHOICE:
		if (!settings_each_choice(d->choices, settings_choice_is, (void *)value))
			return il_err_set(err, IL_E_BAD_VALUE, "%s must be one of %s, not '%s'", d->key, d->choices, value);
		break;
	default:
		break;
	}
	if (strlen(value) >= d->size)
		return il_err_set(err, IL_E_BAD_VALUE, "%s is longer than %zu bytes", d->key, d->size - 1);
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && !(*p == '\n' && d->multiline))
			return il_err_set(err, IL_E_BAD_VALUE, "%s must not contain control characters", d->key);
	return d->validate ? d->validate(value, err) : 0;
}

/* Store a checked scalar value into s. */
static void settings_store_scalar(il_settings *s, const il_settings_def *d, const char *value)
{
	char *base = (char *)s + d->offset;
	double num = 0;
	int b = 0;
	switch (d->type) {
	case SETTING_INT:
		settings_number(d, value, &num, NULL);
		*(int *)(void *)base = (int)num;
		break;
	case SETTING_LONG:
		settings_number(d, value, &num, NULL);
		*(long *)(void *)base = (long)num;
		break;
	case SETTING_DOUBLE:
		settings_number(d, value, &num, NULL);
		*(double *)(void *)base = num;
		break;
	case SETTING_BOOL:
		settings_bool(d, value, &b, NULL);
		*(int *)(void *)base = b;
		break;
	default:
		settings_copy(base, d->size, value);
	}
}

/* The list a SETTING_ARGV definition stores into. */
static il_settings_argv *settings_argv_of(il_settings *s, const il_settings_def *d)
{
	return (il_settings_argv *)(void *)((char *)s + d->offset);
}

/* Free an argv list; it is empty afterwards. */
static void settings_argv_free(il_settings_argv *a)
{
	for (int k = 0; k < a->argc; k++)
		free(a->argv[k]);
	free(a->argv);
	a->argv = NULL;
	a->argc = 0;
}

/* Free what s allocated (see settings.h). */
void settings_free(il_settings *s)
{
	for (size_t k = 0; k < settings_ndefs; k++)
		if (settings_defs[k].type == SETTING_ARGV)
			settings_argv_free(settings_argv_of(s, &settings_defs[k]));
	free(s->presets);
	s->presets = NULL;
	s->npresets = 0;
}

/* A list value from libconfig: an argv template such as command or
 * on_loop (see settings_internal.h). */
static int settings_argv_from(il_settings *s, const il_settings_def *d, const config_setting_t *cs,
			      il_err *err)
{
	int n = config_setting_is_aggregate(cs) ? config_setting_length(cs) : -1;
	if (n < 0 || n > SETTINGS_ARGV_MAX)
		return il_err_set(err, IL_E_BAD_VALUE, "%s must be a list of at most %d strings", d->key,
				  SETTINGS_ARGV_MAX);
	for (int k = 0; k < n; k++) {
		const char *a = config_setting_get_string_elem(cs, k);
		if (!a || strlen(a) >= SETTINGS_ARG_MAX)
			return il_err_set(err, IL_E_BAD_VALUE, "%s must hold strings of under %d bytes", d->key,
					  SETTINGS_ARG_MAX);
	}
	char **argv = calloc((size_t)n + 1, sizeof *argv);
	for (int k = 0; argv && k < n; k++)
		if (!(argv[k] = strdup(config_setting_get_string_elem(cs, k)))) {
			while (k-- > 0)
				free(argv[k]);
			free(argv);
			argv = NULL;
		}
	if (!argv)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	il_settings_argv *to = settings_argv_of(s, d);
	settings_argv_free(to);
	to->argv = argv;
	to->argc = n;
	return 0;
}

/* A list value from libconfig: the presets; bad entries are skipped and
 * described in notes (path for messages). */
static int settings_presets_from(il_settings *s, const config_setting_t *cs, const char *path,
				 il_sbuf *notes, il_err *err)
{
	if (!config_setting_is_aggregate(cs))
		return il_err_set(err, IL_E_BAD_VALUE, "presets must be a list of groups");
	int n = config_setting_length(cs), used = 0;
	il_settings_preset *p = calloc(n > 0 ? (size_t)n : 1, sizeof *p);
	if (!p)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	for (int k = 0; k < n && used < SETTINGS_PRESETS_MAX; k++) {
		config_setting_t *g = config_setting_get_elem(cs, (unsigned)k);
		const char *name = NULL, *prompt = NULL;
		if (!config_setting_is_group(g) || !config_setting_lookup_string(g, "name", &name) ||
		    !config_setting_lookup_string(g, "prompt", &prompt) || !*name || !*prompt ||
		    strlen(name) >= sizeof p->name || strlen(prompt) >= sizeof p->prompt) {
			if (notes)
				sbuf_printf(notes, "%s:%d: preset %d needs a name (under 64 bytes) and a prompt; skipped\n",
					    path, config_setting_source_line(g), k + 1);
			s->file_had_problems = 1;
			continue;
		}
		settings_copy(p[used].name, sizeof p[used].name, name);
		settings_copy(p[used].prompt, sizeof p[used].prompt, prompt);
		used++;
	}
	free(s->presets);
	s->presets = p;
	s->npresets = used;
	return 0;
}

/* Apply a list setting from a parsed libconfig value (see settings_internal.h). */
int settings_list_from(il_settings *s, const il_settings_def *d, const config_setting_t *cs,
		       const char *path, il_sbuf *notes, il_err *err)
{
	if (d->type == SETTING_ARGV)
		return settings_argv_from(s, d, cs, err);
	return settings_presets_from(s, cs, path, notes, err);
}

/* Parse a list value written in the file's syntax and apply it to s. */
static int settings_set_list(il_settings *s, const il_settings_def *d, const char *value, il_err *err)
{
	il_sbuf text = SBUF_INIT;
	sbuf_printf(&text, "v = %s;\n", value);
	config_t cfg;
	config_init(&cfg);
	int rc = 0;
	if (text.oom) {
		rc = il_err_set(err, IL_E_INTERNAL, "out of memory");
	} else if (strstr(value, "@include") || config_read_string(&cfg, sbuf_str(&text)) != CONFIG_TRUE) {
		rc = il_err_set(err, IL_E_BAD_VALUE, "%s must be written as in the file, e.g. %s", d->key,
				d->type == SETTING_ARGV ? "[\"prog\", \"{prompt}\"]"
							: "({ name = \"A\"; prompt = \"a\"; })");
	} else {
		il_sbuf notes = SBUF_INIT;
		rc = settings_list_from(s, d, config_lookup(&cfg, "v"), d->key, &notes, err);
		if (rc == 0 && notes.len)
			rc = il_err_set(err, IL_E_BAD_VALUE, "%s", strtok(notes.buf, "\n"));
		sbuf_free(&notes);
	}
	config_destroy(&cfg);
	sbuf_free(&text);
	return rc;
}

/* Check a value against a definition without storing it. */
int settings_check(const il_settings_def *d, const char *value, il_err *err)
{
	if (d->type == SETTING_ARGV || d->type == SETTING_PRESETS) {
		il_settings tmp;
		memset(&tmp, 0, sizeof tmp);
		int rc = settings_set_list(&tmp, d, value, err);
		settings_free(&tmp);
		return rc;
	}
	return settings_check_scalar(d, value, err);
}

/* Apply one value to s after checking it (see settings_internal.h). */
int settings_apply(il_settings *s, const il_settings_def *d, const char *value, il_err *err)
{
	if (d->type == SETTING_ARGV || d->type == SETTING_PRESETS)
		return settings_set_list(s, d, value, err);
	if (settings_check_scalar(d, value, err) != 0)
		return -1;
	settings_store_scalar(s, d, value);
	return 0;
}

/* Fill s with every default (presets included); paths stay empty. */
void settings_defaults(il_settings *s)
{
	memset(s, 0, sizeof *s);
	for (size_t k = 0; k < settings_ndefs; k++)
		if (settings_defs[k].type != SETTING_ARGV && settings_defs[k].type != SETTING_PRESETS)
			settings_store_scalar(s, &settings_defs[k], settings_defs[k].def);
	size_t np = sizeof settings_default_presets / sizeof settings_default_presets[0];
	s->presets = calloc(np, sizeof *s->presets);
	for (size_t k = 0; s->presets && k < np; k++) {
		settings_copy(s->presets[k].name, sizeof s->presets[k].name, settings_default_presets[k][0]);
		settings_copy(s->presets[k].prompt, sizeof s->presets[k].prompt,
			      settings_default_presets[k][1]);
	}
	s->npresets = s->presets ? (int)np : 0;
}

/* Set one setting from text, validated against its definition. */
int settings_set(il_settings *s, const char *key, const char *value, il_err *err)
{
	const il_settings_def *d = settings_find(key);
	if (!d)
		return il_err_set(err, IL_E_BAD_VALUE, "unknown setting '%s'", key);
	return settings_apply(s, d, value, err);
}

/* Append value as a libconfig string literal. */
void settings_quote(il_sbuf *sb, const char *v)
{
	sbuf_putc(sb, '"');
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c == '"' || c == '\\') {
			sbuf_putc(sb, '\\');
			sbuf_putc(sb, (char)c);
		} else if (c == '\t') {
			sbuf_puts(sb, "\\t");
		} else if (c < 0x20) {
			sbuf_printf(sb, "\\x%02x", c);
		} else {
			sbuf_putc(sb, (char)c);
		}
	}
	sbuf_putc(sb, '"');
}

/* Append a setting's value as text; quoted (strings) as the file has it. */
static void settings_put(const il_settings *s, const il_settings_def *d, il_sbuf *sb, int quoted)
{
	const char *base = (const char *)s + d->offset;
	switch (d->type) {
	case SETTING_INT:
		sbuf_printf(sb, "%d", *(const int *)(const void *)base);
		break;
	case SETTING_LONG:
		sbuf_printf(sb, "%ld", *(const long *)(const void *)base);
		break;
	case SETTING_DOUBLE:
		sbuf_printf(sb, "%g", *(const double *)(const void *)base);
		break;
	case SETTING_BOOL:
		sbuf_puts(sb, *(const int *)(const void *)base ? "true" : "false");
		break;
	case SETTING_ARGV: {
		const il_settings_argv *a = (const il_settings_argv *)(const void *)base;
		sbuf_putc(sb, '[');
		for (int k = 0; k < a->argc; k++) {
			sbuf_puts(sb, k ? ", " : "");
			settings_quote(sb, a->argv[k]);
		}
		sbuf_putc(sb, ']');
		break;
	}
	case SETTING_PRESETS:
		sbuf_puts(sb, "(\n");
		for (int k = 0; k < s->npresets; k++) {
			sbuf_puts(sb, "  { name = ");
			settings_quote(sb, s->presets[k].name);
			sbuf_puts(sb, "; prompt = ");
			settings_quote(sb, s->presets[k].prompt);
			sbuf_printf(sb, "; }%s\n", k + 1 < s->npresets ? "," : "");
		}
		sbuf_putc(sb, ')');
		break;
	default:
		if (quoted)
			settings_quote(sb, base);
		else
			sbuf_puts(sb, base);
	}
}

/* Append a setting's value as the file writes it (strings quoted). */
void settings_put_value(const il_settings *s, const il_settings_def *d, il_sbuf *sb)
{
	settings_put(s, d, sb, 1);
}

/* Write one setting's value as text into out. */
int settings_get(const il_settings *s, const char *key, char *out, size_t n, il_err *err)
{
	const il_settings_def *d = settings_find(key);
	if (!d)
		return il_err_set(err, IL_E_BAD_VALUE, "unknown setting '%s'", key);
	il_sbuf sb = SBUF_INIT;
	settings_put(s, d, &sb, 0);
	snprintf(out, n, "%s", sbuf_str(&sb));
	sbuf_free(&sb);
	return 0;
}

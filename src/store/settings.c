/* settings.c: loading, validating and atomically saving the settings file. */
#include "store/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OFF(f) offsetof(settings, f)
#define SZ(f) sizeof(((settings *)0)->f)

const settings_def settings_defs[] = {
	{ "duration", NULL, SETTING_INT, 5, 30, NULL, "15",
	  "Seconds of audio generated per clip (5-30).", OFF(duration), 0 },
	{ "min_duration", "minduration", SETTING_INT, 10, 300, NULL, "30",
	  "Seconds a loop plays at least before the next one fades in (10-300).",
	  OFF(min_duration), 0 },
	{ "crossfade", NULL, SETTING_DOUBLE, 0, 10, NULL, "3",
	  "Seconds of equal-power crossfade between loops (0-10).", OFF(crossfade), 0 },
	{ "backend", NULL, SETTING_CHOICE, 0, 0, "synth|musicgpt|command", "synth",
	  "Generator: synth (built in), musicgpt, or command (see 'command').",
	  OFF(backend), SZ(backend) },
	{ "model", NULL, SETTING_CHOICE, 0, 0,
	  "small|small-fp16|small-quant|medium|medium-fp16|medium-quant|large", "small",
	  "MusicGPT model.", OFF(model), SZ(model) },
	{ "output", "driver", SETTING_STRING, 0, 0, NULL, "pulse",
	  "Audio output: pulse, null, or file:PATH (a WAV file).", OFF(output), SZ(output) },
	{ "theme", NULL, SETTING_STRING, 0, 0, NULL, "default",
	  "Colour theme: a name from themes/ in this folder or the installed data folder.",
	  OFF(theme), SZ(theme) },
	{ "algorithm", NULL, SETTING_CHOICE, 0, 0, "advanced|classic", "advanced",
	  "Loop finding: advanced (multi-metric) or classic (spectral only).",
	  OFF(algorithm), SZ(algorithm) },
	{ "volume", NULL, SETTING_INT, 0, 100, NULL, "80",
	  "Software volume in percent (0-100).", OFF(volume), 0 },
	{ "latency_ms", NULL, SETTING_INT, 20, 2000, NULL, "150",
	  "PulseAudio buffer length in milliseconds (20-2000).", OFF(latency_ms), 0 },
	{ "musicgpt", NULL, SETTING_STRING, 0, 0, NULL, "",
	  "MusicGPT binary; empty: look for musicgpt in PATH.", OFF(musicgpt), SZ(musicgpt) },
	{ "gpu", NULL, SETTING_BOOL, 0, 1, NULL, "false",
	  "Pass --gpu to MusicGPT.", OFF(gpu), 0 },
	{ "affinity", NULL, SETTING_STRING, 0, 0, NULL, "",
	  "CPUs the generator may run on, e.g. \"2,3\"; empty: any.", OFF(affinity), SZ(affinity) },
	{ "timeout", NULL, SETTING_INT, 0, 7200, NULL, "0",
	  "Seconds before a generation is killed; 0: estimated from history.", OFF(timeout), 0 },
	{ "retries", NULL, SETTING_INT, 0, 20, NULL, "5",
	  "Retries after a failed generation, with backoff 2, 4, 8... s (max 60 s).",
	  OFF(retries), 0 },
	{ "seed", NULL, SETTING_INT, 0, 2147483647, NULL, "0",
	  "Synth seed; 0: a new clip every time.", OFF(seed), 0 },
	{ "debug", NULL, SETTING_BOOL, 0, 1, NULL, "false",
	  "Debug log messages.", OFF(debug), 0 },
	{ "autostart", NULL, SETTING_BOOL, 0, 1, NULL, "true",
	  "The station starts playing at launch: the last prompt, else the first preset.",
	  OFF(autostart), 0 },
	{ "last_prompt", NULL, SETTING_STRING, 0, 0, NULL, "",
	  "The last prompt started.", OFF(last_prompt), SZ(last_prompt) },
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
const settings_def *settings_find(const char *key)
{
	for (size_t k = 0; k < settings_ndefs; k++) {
		const settings_def *d = &settings_defs[k];
		if (strcmp(d->key, key) == 0 || (d->alias && strcmp(d->alias, key) == 0))
			return d;
	}
	return NULL;
}

/* True when value is one of the "a|b|c" choices. */
static int settings_in_choices(const char *choices, const char *value)
{
	size_t vlen = strlen(value);
	const char *p = choices;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == vlen && strncmp(p, value, len) == 0)
			return 1;
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

/* Set one field from text, validated against d; 0 or -1 with err. */
static int settings_apply(settings *s, const settings_def *d, const char *value, il_err *err)
{
	char *base = (char *)s + d->offset;
	char *end;
	switch (d->type) {
	case SETTING_INT: {
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end)
			return il_err_set(err, "%s must be a whole number, not '%s'", d->key, value);
		if (v < (long)d->min || v > (long)d->max)
			return il_err_set(err, "%s must be between %.0f and %.0f, not %ld",
					  d->key, d->min, d->max, v);
		if (d->offset == OFF(seed))
			*(long *)(void *)base = v;
		else
			*(int *)(void *)base = (int)v;
		return 0;
	}
	case SETTING_DOUBLE: {
		errno = 0;
		double v = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(v))
			return il_err_set(err, "%s must be a number, not '%s'", d->key, value);
		if (v < d->min || v > d->max)
			return il_err_set(err, "%s must be between %g and %g, not %g",
					  d->key, d->min, d->max, v);
		*(double *)(void *)base = v;
		return 0;
	}
	case SETTING_BOOL: {
		int v;
		if (!strcmp(value, "true") || !strcmp(value, "on") || !strcmp(value, "1") ||
		    !strcmp(value, "yes"))
			v = 1;
		else if (!strcmp(value, "false") || !strcmp(value, "off") || !strcmp(value, "0") ||
			 !strcmp(value, "no"))
			v = 0;
		else
			return il_err_set(err, "%s must be true or false, not '%s'", d->key, value);
		*(int *)(void *)base = v;
		return 0;
	}
	case SETTING_CHOICE:
		if (!settings_in_choices(d->choices, value))
			return il_err_set(err, "%s must be one of %s, not '%s'", d->key, d->choices, value);
		break;
	case SETTING_STRING:
		break;
	}
	if (strlen(value) >= d->size)
		return il_err_set(err, "%s is longer than %zu bytes", d->key, d->size - 1);
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && !(*p == '\n' && d->offset == OFF(last_prompt)))
			return il_err_set(err, "%s must not contain control characters", d->key);
	if (d->offset == OFF(output) && strcmp(value, "pulse") && strcmp(value, "null") &&
	    !(strncmp(value, "file:", 5) == 0 && value[5]))
		return il_err_set(err, "output must be pulse, null or file:PATH, not '%s'", value);
	if (d->offset == OFF(theme) && (!*value || strchr(value, '/') || value[0] == '.'))
		return il_err_set(err, "theme must be a plain name such as 'default', not '%s'", value);
	settings_copy(base, d->size, value);
	return 0;
}

/* Fill s with every default (presets included); path stays empty. */
void settings_defaults(settings *s)
{
	memset(s, 0, sizeof *s);
	for (size_t k = 0; k < settings_ndefs; k++)
		settings_apply(s, &settings_defs[k], settings_defs[k].def, NULL);
	size_t np = sizeof settings_default_presets / sizeof settings_default_presets[0];
	for (size_t k = 0; k < np && k < SETTINGS_PRESETS_MAX; k++) {
		settings_copy(s->presets[k].name, sizeof s->presets[k].name, settings_default_presets[k][0]);
		settings_copy(s->presets[k].prompt, sizeof s->presets[k].prompt,
			      settings_default_presets[k][1]);
	}
	s->npresets = (int)np;
}

/* Set one setting from text, validated against its definition. */
int settings_set(settings *s, const char *key, const char *value, il_err *err)
{
	const settings_def *d = settings_find(key);
	if (!d)
		return il_err_set(err, "unknown setting '%s'", key);
	return settings_apply(s, d, value, err);
}

/* Write one setting's value as text into out. */
int settings_get(const settings *s, const char *key, char *out, size_t n, il_err *err)
{
	const settings_def *d = settings_find(key);
	if (!d)
		return il_err_set(err, "unknown setting '%s'", key);
	const char *base = (const char *)s + d->offset;
	switch (d->type) {
	case SETTING_INT:
		if (d->offset == OFF(seed))
			snprintf(out, n, "%ld", *(const long *)(const void *)base);
		else
			snprintf(out, n, "%d", *(const int *)(const void *)base);
		break;
	case SETTING_DOUBLE:
		snprintf(out, n, "%g", *(const double *)(const void *)base);
		break;
	case SETTING_BOOL:
		snprintf(out, n, "%s", *(const int *)(const void *)base ? "true" : "false");
		break;
	default:
		snprintf(out, n, "%s", base);
	}
	return 0;
}

/* Append value as a libconfig string literal. */
static void settings_quote(sbuf *sb, const char *v)
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

/* Render the whole file (comments included) into sb. */
void settings_render(const settings *s, sbuf *sb)
{
	sbuf_puts(sb, "# infiniloop-tui settings (libconfig format).\n"
			"# Edit freely; infiniloop-tui checks every value and says which line is wrong.\n"
			"# Keys left out take their defaults. See infiniloop-tui(1), section SETTINGS.\n\n");
	char val[SETTINGS_STR_MAX + 64];
	for (size_t k = 0; k < settings_ndefs; k++) {
		const settings_def *d = &settings_defs[k];
		settings_get(s, d->key, val, sizeof val, NULL);
		sbuf_printf(sb, "# %s Default: %s\n%s = ", d->comment,
			      d->def[0] ? d->def : "(empty)", d->key);
		if (d->type == SETTING_STRING || d->type == SETTING_CHOICE)
			settings_quote(sb, val);
		else
			sbuf_puts(sb, val);
		sbuf_puts(sb, ";\n\n");
	}
	sbuf_puts(sb, "# Command backend: the generator's argv, run without a shell. Placeholders:\n"
			"# {prompt} {secs} {output} (a .wav path to write) {seed}.\n"
			"# Example: command = [\"my-generator\", \"--text\", \"{prompt}\", \"--out\", \"{output}\"];\n"
			"command = [");
	for (int k = 0; k < s->command_argc; k++) {
		if (k)
			sbuf_puts(sb, ", ");
		settings_quote(sb, s->command[k]);
	}
	sbuf_puts(sb, "];\n\n# Presets: a name and a prompt each. Add, edit or remove freely.\npresets = (\n");
	for (int k = 0; k < s->npresets; k++) {
		sbuf_puts(sb, "  { name = ");
		settings_quote(sb, s->presets[k].name);
		sbuf_puts(sb, "; prompt = ");
		settings_quote(sb, s->presets[k].prompt);
		sbuf_printf(sb, "; }%s\n", k + 1 < s->npresets ? "," : "");
	}
	sbuf_puts(sb, ");\n");
}

/* Write text to path atomically: temp file in the same dir, fsync, rename. */
static int settings_write_atomic(const char *path, const char *text, size_t len, il_err *err)
{
	char tmp[IL_PATH_MAX + 32];
	int k = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	if (k < 0 || (size_t)k >= sizeof tmp)
		return il_err_set(err, "path too long: %s", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return il_err_errno(err, errno, "cannot write %s", tmp);
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			close(fd);
			unlink(tmp);
			return il_err_errno(err, e, "cannot write %s", tmp);
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		int e = errno;
		unlink(tmp);
		return il_err_errno(err, e, "cannot write %s", tmp);
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return il_err_errno(err, e, "cannot replace %s", path);
	}
	return 0;
}

/* Copy the file at path to path.bak (atomically); 0 or -1 with err. */
static int settings_backup(const char *path, il_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? 0 : il_err_errno(err, errno, "cannot read %s", path);
	sbuf sb = SBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_append(&sb, buf, n);
	fclose(f);
	char bak[IL_PATH_MAX + 8];
	snprintf(bak, sizeof bak, "%s.bak", path);
	int rc = settings_write_atomic(bak, sbuf_str(&sb), sb.len, err);
	sbuf_free(&sb);
	return rc;
}

/* Write s to s->path atomically (see settings.h). */
int settings_save(settings *s, il_err *err)
{
	if (!s->path[0])
		return il_err_set(err, "no settings file to save to");
	if (s->file_broken)
		return il_err_set(err, "not saving: %s has errors; fix or move it, changes last until exit",
				  s->path);
	if (s->file_had_problems && !s->backed_up) {
		if (settings_backup(s->path, err) != 0)
			return -1;
		s->backed_up = 1;
	}
	char dir[IL_PATH_MAX];
	settings_copy(dir, sizeof dir, s->path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (paths_mkdir_p(dir, 0700, err) != 0)
			return -1;
	}
	sbuf sb = SBUF_INIT;
	settings_render(s, &sb);
	int rc = sb.oom ? il_err_set(err, "out of memory") :
			  settings_write_atomic(s->path, sbuf_str(&sb), sb.len, err);
	sbuf_free(&sb);
	return rc;
}

/* Read one scalar setting's text from cs into out; 0 or -1 when of a wrong type. */
static int settings_scalar_text(const config_setting_t *cs, char *out, size_t n)
{
	switch (config_setting_type(cs)) {
	case CONFIG_TYPE_INT:
		snprintf(out, n, "%d", config_setting_get_int(cs));
		return 0;
	case CONFIG_TYPE_INT64:
		snprintf(out, n, "%lld", config_setting_get_int64(cs));
		return 0;
	case CONFIG_TYPE_FLOAT:
		snprintf(out, n, "%.17g", config_setting_get_float(cs));
		return 0;
	case CONFIG_TYPE_BOOL:
		snprintf(out, n, "%s", config_setting_get_bool(cs) ? "true" : "false");
		return 0;
	case CONFIG_TYPE_STRING:
		snprintf(out, n, "%s", config_setting_get_string(cs));
		return 0;
	default:
		return -1;
	}
}

/* Name of a libconfig type for messages. */
static const char *settings_type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group";
	case CONFIG_TYPE_ARRAY: return "an array";
	case CONFIG_TYPE_LIST: return "a list";
	default: return "a value";
	}
}

/* Apply the parsed file cfg to s, noting every problem. */
static void settings_from_config(settings *s, config_t *cfg, const char *path, sbuf *notes)
{
	config_setting_t *root = config_root_setting(cfg);
	int count = config_setting_length(root);
	for (int i = 0; i < count; i++) {
		config_setting_t *cs = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(cs);
		int line = config_setting_source_line(cs);
		if (!name)
			continue;
		if (!strcmp(name, "command") || !strcmp(name, "presets"))
			continue;
		const settings_def *d = settings_find(name);
		if (!d || strcmp(d->key, name) != 0) {
			if (notes)
				sbuf_printf(notes, "%s:%d: unknown setting '%s' ignored\n", path, line, name);
			continue;
		}
		char text[SETTINGS_STR_MAX + 64];
		il_err e;
		if (settings_scalar_text(cs, text, sizeof text) != 0) {
			if (notes)
				sbuf_printf(notes, "%s:%d: %s is %s, expected a single value; using default %s\n",
					      path, line, name, settings_type_name(config_setting_type(cs)),
					      d->def[0] ? d->def : "(empty)");
			s->file_had_problems = 1;
			continue;
		}
		int is_text = config_setting_type(cs) == CONFIG_TYPE_STRING;
		int wants_text = d->type == SETTING_STRING || d->type == SETTING_CHOICE;
		if (is_text != wants_text && d->type != SETTING_BOOL) {
			if (notes)
				sbuf_printf(notes, "%s:%d: %s must be %s; using default %s\n", path, line,
					      name, wants_text ? "a quoted string" : "a number",
					      d->def[0] ? d->def : "(empty)");
			s->file_had_problems = 1;
			continue;
		}
		if (settings_apply(s, d, text, &e) != 0) {
			if (notes)
				sbuf_printf(notes, "%s:%d: %s; using default %s\n", path, line, e.msg,
					      d->def[0] ? d->def : "(empty)");
			s->file_had_problems = 1;
			settings_apply(s, d, d->def, NULL);
		}
	}

	config_setting_t *cmd = config_lookup(cfg, "command");
	if (cmd) {
		int n = config_setting_is_aggregate(cmd) ? config_setting_length(cmd) : -1;
		if (n < 0 || n > SETTINGS_ARGV_MAX) {
			if (notes)
				sbuf_printf(notes, "%s:%d: command must be a list of at most %d strings; ignored\n",
					      path, config_setting_source_line(cmd), SETTINGS_ARGV_MAX);
			s->file_had_problems = 1;
		} else {
			int ok = 1;
			for (int k = 0; k < n && ok; k++) {
				const char *a = config_setting_get_string_elem(cmd, k);
				if (!a || strlen(a) >= sizeof s->command[0])
					ok = 0;
			}
			if (!ok) {
				if (notes)
					sbuf_printf(notes, "%s:%d: command must hold strings of under %zu bytes; ignored\n",
						      path, config_setting_source_line(cmd), sizeof s->command[0]);
				s->file_had_problems = 1;
			} else {
				for (int k = 0; k < n; k++)
					settings_copy(s->command[k], sizeof s->command[k],
						      config_setting_get_string_elem(cmd, k));
				s->command_argc = n;
			}
		}
	}

	config_setting_t *pr = config_lookup(cfg, "presets");
	if (pr) {
		if (!config_setting_is_aggregate(pr)) {
			if (notes)
				sbuf_printf(notes, "%s:%d: presets must be a list of groups; shipped presets used\n",
					      path, config_setting_source_line(pr));
			s->file_had_problems = 1;
			return;
		}
		int n = config_setting_length(pr), used = 0;
		for (int k = 0; k < n && used < SETTINGS_PRESETS_MAX; k++) {
			config_setting_t *g = config_setting_get_elem(pr, (unsigned)k);
			const char *name = NULL, *prompt = NULL;
			if (!config_setting_is_group(g) || !config_setting_lookup_string(g, "name", &name) ||
			    !config_setting_lookup_string(g, "prompt", &prompt) || !*name || !*prompt ||
			    strlen(name) >= sizeof s->presets[0].name ||
			    strlen(prompt) >= sizeof s->presets[0].prompt) {
				if (notes)
					sbuf_printf(notes, "%s:%d: preset %d needs a name (under 64 bytes) and a prompt; skipped\n",
						      path, config_setting_source_line(g), k + 1);
				s->file_had_problems = 1;
				continue;
			}
			settings_copy(s->presets[used].name, sizeof s->presets[used].name, name);
			settings_copy(s->presets[used].prompt, sizeof s->presets[used].prompt, prompt);
			used++;
		}
		s->npresets = used;
	}
}

/* Load path into s (see settings.h). */
int settings_load(settings *s, const char *path, sbuf *notes, il_err *err)
{
	settings_defaults(s);
	if (strlen(path) >= sizeof s->path)
		return il_err_set(err, "settings path too long: %s", path);
	settings_copy(s->path, sizeof s->path, path);
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return il_err_errno(err, errno, "cannot read settings %s", path);
		il_err e;
		if (settings_save(s, &e) != 0 && notes)
			sbuf_printf(notes, "%s: could not create the settings file (%s); using defaults\n",
				      path, e.msg);
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		s->file_broken = 1;
		if (notes)
			sbuf_printf(notes, "%s: is a directory, not a settings file; using defaults, nothing saved\n",
				      path);
		return 0;
	}
	config_t cfg;
	config_init(&cfg);
	config_set_options(&cfg, CONFIG_OPTION_AUTOCONVERT);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		s->file_broken = 1;
		if (notes) {
			if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
				sbuf_printf(notes, "%s: cannot read the settings file; using defaults, nothing saved\n",
					      path);
			else
				sbuf_printf(notes, "%s:%d: %s; using defaults, your file is left as it is\n",
					      path, config_error_line(&cfg), config_error_text(&cfg));
		}
		config_destroy(&cfg);
		return 0;
	}
	settings_from_config(s, &cfg, path, notes);
	config_destroy(&cfg);
	return 0;
}

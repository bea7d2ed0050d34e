/* settings.h: the user's settings, kept in a libconfig file.
 *
 * One table (settings_defs) describes every setting: its key in the file, a
 * short alias for `:set`, its type, range or choices, default and comment.
 * The loader, the writer, `set` requests and the settings screen all use it. */
#ifndef IL_STORE_SETTINGS_H
#define IL_STORE_SETTINGS_H

#include <stddef.h>

#include "store/paths.h"
#include "util/error.h"
#include "util/sbuf.h"

#define SETTINGS_STR_MAX 1024
#define SETTINGS_PRESETS_MAX 200
#define SETTINGS_ARGV_MAX 64

typedef struct settings_preset {
	char name[64];
	char prompt[SETTINGS_STR_MAX];
} settings_preset;

typedef struct settings {
	int duration;            /* seconds generated per clip, 5-30 */
	int min_duration;        /* seconds a loop plays before switching, 10-300 */
	double crossfade;        /* seconds of crossfade between loops, 0-10 */
	char backend[16];        /* synth | musicgpt | command */
	char model[32];          /* MusicGPT model */
	char output[IL_PATH_MAX]; /* pulse | null | file:PATH */
	char theme[64];          /* theme name (themes/NAME.theme) */
	char algorithm[16];      /* advanced | classic loop finding */
	int volume;              /* 0-100 */
	int latency_ms;          /* PulseAudio buffer, 20-2000 */
	char musicgpt[IL_PATH_MAX]; /* MusicGPT binary; empty: search PATH */
	int gpu;                 /* pass --gpu to MusicGPT */
	char affinity[64];       /* CPU list for the generator, e.g. "2,3"; empty: any */
	int timeout;             /* generation timeout in seconds; 0: from history */
	int retries;             /* attempts after a failure before giving up, 0-20 */
	long seed;               /* synth seed; 0: a new one each clip */
	int debug;               /* debug log events */
	int autostart;           /* the TUI starts playing at launch */
	char last_prompt[SETTINGS_STR_MAX];
	int command_argc;        /* command backend: argv template */
	char command[SETTINGS_ARGV_MAX][SETTINGS_STR_MAX / 4];
	int npresets;
	settings_preset presets[SETTINGS_PRESETS_MAX];

	/* Bookkeeping, not settings. */
	char path[IL_PATH_MAX];  /* file loaded from and saved to */
	int file_broken;         /* the file could not be parsed: never written */
	int file_had_problems;   /* values were replaced: keep a backup on save */
	int backed_up;           /* the backup was made this session */
} settings;

typedef enum settings_type {
	SETTING_INT,
	SETTING_DOUBLE,
	SETTING_STRING,
	SETTING_BOOL,
	SETTING_CHOICE
} settings_type;

typedef struct settings_def {
	const char *key;     /* name in the file and in `set key=...` */
	const char *alias;   /* short name for `:set` (or NULL) */
	settings_type type;
	double min, max;     /* range for numbers */
	const char *choices; /* "a|b|c" for SETTING_CHOICE (empty choice allowed as "") */
	const char *def;     /* default, as text */
	const char *comment; /* one line written above the key */
	size_t offset;       /* field in struct settings */
	size_t size;         /* size of a string field */
} settings_def;

extern const settings_def settings_defs[];
extern const size_t settings_ndefs;

/* Fill s with every default (presets included); path stays empty. */
void settings_defaults(settings *s);
/* Find a definition by key or alias, or NULL. */
const settings_def *settings_find(const char *key);
/* Load path into s (defaults first). A missing file is created with every
 * key at its default and a comment. Problems that leave s usable (a bad or
 * out-of-range value, a malformed file) are described line by line in
 * notes, with file and line, and return 0; -1 only when path is unusable
 * (err set). */
int settings_load(settings *s, const char *path, sbuf *notes, il_err *err);
/* Write s to s->path atomically (temporary file, fsync, rename). A file
 * that could not be parsed is never overwritten (-1); the first save over a
 * file whose values were replaced keeps the old one as PATH.bak. */
int settings_save(settings *s, il_err *err);
/* Set one setting from text, validated against its definition. */
int settings_set(settings *s, const char *key, const char *value, il_err *err);
/* Write one setting's value as text into out. */
int settings_get(const settings *s, const char *key, char *out, size_t n, il_err *err);
/* Render the whole file (comments included) into sb. */
void settings_render(const settings *s, sbuf *sb);

#endif

/* settings.h: the user's settings (a libconfig file) and the station's
 * runtime state (a small file of its own).
 *
 * One table (settings_defs) describes every setting: its key, an alias, its
 * type, range or choices, a validation hook, its default, the comment
 * written above it, which part of the engine it applies to, and whether it
 * is configuration (~/.config/infiniloop/config, written only when the user
 * sets it) or runtime state (~/.local/state/infiniloop/state: volume, the
 * last prompt, debug). The loaders, the writers, `set` requests, the
 * settings screen and the `:set` completion all read this table. */
#ifndef IL_STORE_SETTINGS_H
#define IL_STORE_SETTINGS_H

#include <stddef.h>

#include "options.h"
#include "store/paths.h"
#include "util/error.h"
#include "util/sbuf.h"

#define SETTINGS_STR_MAX 1024
#define SETTINGS_PRESETS_MAX 200
#define SETTINGS_ARGV_MAX 64
#define SETTINGS_ARG_MAX (SETTINGS_STR_MAX / 4)

typedef struct il_settings_preset {
	char name[64];
	char prompt[SETTINGS_STR_MAX];
} il_settings_preset;

/* A list of strings (an argv template), allocated. */
typedef struct il_settings_argv {
	int argc;
	char **argv;             /* argc strings and a NULL */
} il_settings_argv;

typedef struct il_settings {
	int duration;            /* seconds generated per clip, 5-30 */
	int min_duration;        /* seconds a loop plays before switching, 10-300 */
	double crossfade;        /* seconds of crossfade between loops, 0-10 */
	char backend[16];        /* synth | musicgpt | command */
	char model[32];          /* MusicGPT model */
	char output[IL_PATH_MAX]; /* pulse | null | file:PATH */
	char theme[64];          /* theme name (themes/NAME.theme) */
	char algorithm[16];      /* advanced | classic loop finding */
	char loudness[16];       /* target LUFS, "off" or "peak" */
	double true_peak;        /* true-peak ceiling in dBTP, -9 to 0 */
	int latency_ms;          /* PulseAudio buffer, 20-2000 */
	char musicgpt[IL_PATH_MAX]; /* MusicGPT binary; empty: search PATH */
	char soundfont[IL_PATH_MAX]; /* synth's GM soundfont; empty: the Debian paths; "none": off */
	int gpu;                 /* pass --gpu to MusicGPT */
	char affinity[64];       /* CPU list for the generator, e.g. "2,3"; empty: any */
	int timeout;             /* generation timeout in seconds; 0: from history */
	int retries;             /* attempts after a failure before giving up, 0-20 */
	long seed;               /* synth seed; 0: a new one each clip */
	int autostart;           /* the TUI starts playing at launch */
	il_settings_argv command;   /* command backend: argv template */
	il_settings_argv on_loop;   /* run when a loop starts: argv template; empty: off */
	int on_loop_timeout;     /* seconds before on_loop is killed, 1-60 */
	int npresets;            /* presets (allocated) */
	il_settings_preset *presets;
	/* Runtime state (the state file). */
	int volume;              /* 0-100 */
	int debug;               /* debug log events */
	char last_prompt[SETTINGS_STR_MAX];

	/* Bookkeeping, not settings. */
	char path[IL_PATH_MAX];  /* config file loaded from and written to */
	char state_path[IL_PATH_MAX]; /* state file ("" : state is not kept) */
	int file_broken;         /* the file could not be parsed: never written */
	int file_had_problems;   /* values were replaced: keep a backup on save */
	int backed_up;           /* the backup was made this session */
} il_settings;

typedef enum il_settings_type {
	SETTING_INT,
	SETTING_LONG,
	SETTING_DOUBLE,
	SETTING_STRING,
	SETTING_BOOL,
	SETTING_CHOICE,
	SETTING_ARGV,    /* a list of strings: ["prog", "--flag", "{prompt}"]
			  * (a settings_argv at offset) */
	SETTING_PRESETS  /* a list of { name = "..."; prompt = "..."; } groups */
} il_settings_type;

/* What a change applies to, beyond the stored value. */
#define SETTING_TO_PLAYER 0x1u /* volume, timing: the player takes it at once */
#define SETTING_TO_SINK 0x2u   /* the audio output is opened again */
#define SETTING_TO_GEN 0x4u    /* generation: a job that gave up may try again */
#define SETTING_TO_UI 0x8u     /* only the TUI uses it (theme, autostart) */

/* Where a setting is kept. */
typedef enum il_settings_store {
	SETTING_IN_CONFIG, /* the config: written only by `set` */
	SETTING_IN_STATE   /* the state file: the station's runtime state */
} il_settings_store;

typedef struct il_settings_def {
	const char *key;     /* name in the file and in `set key=...` */
	const char *alias;   /* another name, accepted everywhere (or NULL) */
	il_settings_type type;
	double min, max;     /* range for numbers */
	const char *choices; /* "a|b|c" for SETTING_CHOICE */
	const char *def;     /* default, as text */
	const char *comment; /* one line written above the key */
	size_t offset;       /* field in struct settings */
	size_t size;         /* size of a string field */
	unsigned applies;    /* SETTING_TO_* */
	il_settings_store store;
	int multiline;       /* a string that may hold line breaks */
	/* Extra check of a value that passed the type's checks (or NULL). */
	int (*validate)(const char *value, il_err *err);
} il_settings_def;

extern const il_settings_def settings_defs[];
extern const size_t settings_ndefs;

/* Fill s with every default (presets included); paths stay empty. s is
 * taken as holding nothing to free (use settings_free first otherwise). */
void settings_defaults(il_settings *s);
/* Free what s allocated (argv lists, presets); s holds defaults afterwards
 * only after settings_defaults. */
void settings_free(il_settings *s);
/* Find a definition by key or alias, or NULL. */
const il_settings_def *settings_find(const char *key);
/* Check a value against a definition without storing it. */
int settings_check(const il_settings_def *d, const char *value, il_err *err);
/* Set one setting from text, validated against its definition. A list
 * (command, on_loop, presets) is given in the file's syntax. */
int settings_set(il_settings *s, const char *key, const char *value, il_err *err);
/* Write one setting's value as text into out (lists in the file's syntax). */
int settings_get(const il_settings *s, const char *key, char *out, size_t n, il_err *err);
/* Append a setting's value as the file writes it (strings quoted). */
void settings_put_value(const il_settings *s, const il_settings_def *d, il_sbuf *sb);
/* Append value as a libconfig string literal. */
void settings_quote(il_sbuf *sb, const char *value);
/* What d does, as one line (its comment without "\n# "), into out. */
void settings_about(const il_settings_def *d, char *out, size_t n);
/* Split "a|b|c" choices: calls fn for each one; stops at a nonzero return. */
int settings_each_choice(const char *choices, int (*fn)(const char *word, size_t len, void *ud),
			 void *ud);

/* Load the config at path into s (defaults first). A missing file is
 * created with every configuration key at its default and a comment.
 * Problems that leave s usable (a bad or out-of-range value, a malformed
 * file) are described line by line in notes, with file and line, and
 * return 0; -1 only when path is unusable (err set). Values of state keys
 * found in the config (older versions wrote them there) are used until the
 * state file says otherwise. */
int settings_load(il_settings *s, const char *path, il_sbuf *notes, il_err *err);
/* Read the state file at path over s (a missing file is no problem) and
 * remember path for settings_state_save. */
int settings_state_load(il_settings *s, const char *path, il_sbuf *notes, il_err *err);
/* What a mode needs from the settings files. */
typedef enum il_settings_need {
	SETTINGS_FOR_ENGINE,   /* config (created when missing) and state */
	SETTINGS_FOR_GENERATE, /* config (created when missing), no state */
	SETTINGS_FOR_ANALYZE   /* an existing config only, never created */
} il_settings_need;
/* The one loader: --config or the XDG config, the state file when the mode
 * keeps state, then the command line's one-run overrides (--backend,
 * --model, --output, --theme, --duration, --seed), which are never written
 * back. Notes as for settings_load; -1 with err only when unusable. */
int settings_load_for(const il_opts *o, il_settings_need need, il_settings *s, il_sbuf *notes,
		      il_err *err);

/* Write the whole config file from s (the file a first run creates).
 * A file that could not be parsed is never overwritten (-1). */
int settings_save(il_settings *s, il_err *err);
/* Write one configuration key (after `set`): the file is read as it is on
 * disk now and only that key's entry is replaced (or appended), so
 * comments, unknown keys, @include lines and other programs' edits stay; a
 * key set in an included file is changed there. A symlinked config stays a
 * symlink (its target is written). The first write over a file whose
 * values were replaced at load keeps the old one as PATH.bak. */
int settings_save_key(il_settings *s, const il_settings_def *d, il_err *err);
/* Write the runtime state (every SETTING_IN_STATE key) to s->state_path. */
int settings_state_save(const il_settings *s, il_err *err);
/* Render the whole config file (comments included) into sb. */
void settings_render(const il_settings *s, il_sbuf *sb);

#endif

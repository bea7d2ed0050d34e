/* options.h: the command line of infiniloop-tui. */
#ifndef IL_OPTIONS_H
#define IL_OPTIONS_H

typedef enum il_mode {
	IL_MODE_TUI,      /* the full-screen station (default) */
	IL_MODE_ENGINE,   /* --engine: the protocol on stdin/stdout */
	IL_MODE_HEADLESS, /* --headless: the engine, events on stdout, no curses */
	IL_MODE_ANALYZE,  /* --analyze FILE [FILE]... */
	IL_MODE_GENERATE, /* --generate-only PROMPT OUT.wav */
	IL_MODE_DAEMON,   /* --daemon: the user's engine, serving its socket */
	IL_MODE_REMOTE    /* --remote CMD [ARG]...: one request to that engine */
} il_mode;

typedef struct il_opts {
	il_mode mode;
	const char *prompt;      /* -p: start with this prompt */
	const char *analyze_file;
	const char *gen_prompt, *gen_out;
	const char *config;      /* --config FILE */
	const char *backend, *model, *output, *theme;
	int duration;            /* -1: from settings */
	long seed;               /* -1: from settings */
	int fast, json, no_color, ascii, verbose, quiet;
	int play;                /* --play: the positional arguments are files */
	long max_switches;       /* --switches=N: headless ends after N loop switches (0: never) */
	double max_seconds;      /* --seconds=S: headless ends after S s of playback (0: never) */
	char **files;
	int nfiles;
} il_opts;

/* Parse argv into o. Returns -1 to go on, or an exit status (0 after --help
 * or --version, 2 after a usage error, with the message already printed). */
int options_parse(il_opts *o, int argc, char **argv);
/* Print the --help text to stdout. */
void options_usage(const char *prog);

#endif

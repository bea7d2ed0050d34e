/* engine.h: the engine process, which owns audio, generation, analysis and
 * the history, and speaks the protocol of protocol.h. */
#ifndef IL_ENGINE_ENGINE_H
#define IL_ENGINE_ENGINE_H

#include "options.h"

/* What --headless adds: the engine plays on at the end of its input, plays
 * the given files in turn, round and round, and ends after a limit. */
typedef struct il_engine_headless {
	int on;              /* headless: end of input does not stop the engine */
	char **files;        /* --play: prepared and queued in order, repeated */
	int nfiles;
	long max_switches;   /* end after N loop switches (0: never) */
	double max_seconds;  /* end after S s of playback (0: never) */
} il_engine_headless;

/* The headless configuration the command line asks for (off unless
 * --headless). */
il_engine_headless engine_headless_from(const il_opts *o);
/* Run the engine on stdin/stdout until `quit` or end of input (headless:
 * until `quit`, a signal or its limit); exit status. */
int engine_main(const il_opts *o);
/* Run the engine on the given descriptors; o gives the settings overrides,
 * -p and --fast, hl how it runs. Exit status. */
int engine_run(const il_opts *o, const il_engine_headless *hl, int in_fd, int out_fd);

#endif

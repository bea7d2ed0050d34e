/* spawn.h: running an external generator under supervision.
 *
 * The child gets its own process group, stdin from /dev/null, stdout and
 * stderr into one pipe or pseudo-terminal (the last few kB are kept),
 * NO_COLOR=1, nice +10, best-effort I/O priority 7 and optionally a CPU
 * list (sched_setaffinity), all set in the child before exec, with no
 * shell in between. The generator runs under a guard process that leads
 * its group and is a child subreaper (PR_SET_CHILD_SUBREAPER): processes
 * that leave the group or the session (setsid, a double fork) come back to
 * the guard as orphans, and it kills them when the generator ends. On
 * timeout or cancellation the whole group gets SIGTERM, then after a second
 * the guard is told (SIGUSR1) to kill the generator and all it inherited;
 * if the engine dies, the guard does the same. */
#ifndef IL_GEN_SPAWN_H
#define IL_GEN_SPAWN_H

#include <stddef.h>

#include "gen/cancel.h"
#include "util/error.h"

#define GEN_SPAWN_OUTPUT 4096

typedef enum il_gen_spawn_end {
	GEN_SPAWN_EXITED,    /* code holds the exit status */
	GEN_SPAWN_SIGNALLED, /* code holds the signal */
	GEN_SPAWN_TIMEOUT,
	GEN_SPAWN_CANCELLED
} il_gen_spawn_end;

typedef struct il_gen_spawn_result {
	il_gen_spawn_end end;
	int code;
	int pid;                        /* the child's pid (also its group id) */
	char output[GEN_SPAWN_OUTPUT];  /* the last bytes of stdout and stderr */
} il_gen_spawn_result;

/* Called about twice a second while the child runs; progress is the
 * fraction read from MusicGPT's progress bar, or -1 when there is none. */
typedef void (*il_gen_spawn_tick)(void *ud, double elapsed, double progress);

/* Find a program: a name with a '/' is taken as is, others are searched in
 * PATH. 0 with the path in out, or -1 (not found or not executable). */
int gen_spawn_find(const char *name, char *out, size_t n);
/* Run argv (argv[0] already resolved to a path) until it exits, timeout_s
 * passes (0: no limit) or cancel is requested. With pty set, stdout and
 * stderr are a pseudo-terminal (MusicGPT draws its progress bar only on a
 * terminal), else a pipe. With tmpdir, the child's TMPDIR is a fresh folder
 * inside it, removed with whatever is left in it when the child is gone.
 * -1 with err only when the child could not be started at all; otherwise
 * 0 and res describes the end. */
int gen_spawn_run(char *const argv[], const char *affinity, double timeout_s, int pty,
		  const char *tmpdir, il_gen_cancel *cancel, il_gen_spawn_tick tick, void *ud,
		  il_gen_spawn_result *res, il_err *err);
/* The fraction shown by the last "Generating audio ... [###>---]" bar in
 * text, or -1 when there is none. */
double gen_spawn_bar(const char *text);

#endif

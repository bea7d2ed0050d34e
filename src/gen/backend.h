/* backend.h: the argv of the external backends (MusicGPT and command
 * templates) and the reading of their failures. Internal to src/gen. */
#ifndef IL_GEN_BACKEND_H
#define IL_GEN_BACKEND_H

#include <stddef.h>

#include "gen/job.h"

#define GEN_ARGV_MAX (SETTINGS_ARGV_MAX + 16)

typedef struct il_gen_argv {
	int argc;
	char *argv[GEN_ARGV_MAX + 1]; /* NULL-terminated; strings owned */
} il_gen_argv;

/* Build MusicGPT's argv writing to out (absolute). -1 with err (a clear
 * message naming the 'musicgpt' setting) when the binary is missing. */
int gen_musicgpt_argv(const il_gen_job_cfg *cfg, const char *out, il_gen_argv *av, il_err *err);
/* Build a command template's argv: {prompt} {secs} {output} {seed} replaced
 * in every element. -1 with err when the template is empty or the program
 * is missing. */
int gen_command_argv(const il_gen_job_cfg *cfg, const char *out, long seed, il_gen_argv *av,
		     il_err *err);
/* Free the strings of an argv. */
void gen_argv_free(il_gen_argv *av);
/* Describe why an external generator failed (exit code and its output)
 * into msg: MusicGPT's "ERROR ..." line, or the last line of output. */
void gen_backend_explain(const char *name, int code, int signalled, const char *output,
			 char *msg, size_t n);

#endif

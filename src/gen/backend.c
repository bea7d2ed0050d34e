/* backend.c: the backends' names, the argv of MusicGPT and command
 * templates, and their error messages. */
#include "gen/backend.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/spawn.h"
#include "util/sbuf.h"

static const char *const gen_backend_names[] = {
	[GEN_BACKEND_SYNTH] = "synth", [GEN_BACKEND_MUSICGPT] = "musicgpt",
	[GEN_BACKEND_COMMAND] = "command",
};

/* Parse "synth", "musicgpt" or "command"; -1 when unknown. */
int gen_backend_parse(const char *name)
{
	for (int k = 0; k < 3; k++)
		if (name && !strcmp(name, gen_backend_names[k]))
			return k;
	return -1;
}

/* The settings word of a backend. */
const char *gen_backend_name(il_gen_backend backend)
{
	return gen_backend_names[backend];
}

/* Append a copy of s to av; -1 when full or out of memory. */
static int gen_argv_push(il_gen_argv *av, const char *s)
{
	if (av->argc >= GEN_ARGV_MAX)
		return -1;
	char *d = strdup(s);
	if (!d)
		return -1;
	av->argv[av->argc++] = d;
	av->argv[av->argc] = NULL;
	return 0;
}

/* Free the strings of an argv. */
void gen_argv_free(il_gen_argv *av)
{
	for (int k = 0; k < av->argc; k++)
		free(av->argv[k]);
	av->argc = 0;
	av->argv[0] = NULL;
}

/* Build MusicGPT's argv writing to out (see backend.h). */
int gen_musicgpt_argv(const il_gen_job_cfg *cfg, const char *out, il_gen_argv *av, il_err *err)
{
	char bin[IL_PATH_MAX], secs[16];
	av->argc = 0;
	av->argv[0] = NULL;
	if (gen_spawn_find(cfg->musicgpt[0] ? cfg->musicgpt : "musicgpt", bin, sizeof bin) != 0) {
		if (cfg->musicgpt[0])
			return il_err_set(err, IL_E_GEN, "MusicGPT was not found at '%s' (setting 'musicgpt'): "
					  "fix the path with 'set musicgpt PATH', or get the binary from "
					  "https://github.com/gabotechs/MusicGPT/releases", cfg->musicgpt);
		return il_err_set(err, IL_E_GEN, "MusicGPT was not found: it is not in PATH and the setting "
				  "'musicgpt' is empty. Get the binary from "
				  "https://github.com/gabotechs/MusicGPT/releases, then put it in PATH or "
				  "'set musicgpt /path/to/musicgpt' (or use the built-in synth: 'set backend synth')");
	}
	snprintf(secs, sizeof secs, "%d", cfg->secs);
	const char *fixed[] = { bin, "--model", cfg->model, "--secs", secs, "--output", out,
				"--no-playback", "--no-interactive" };
	int bad = 0;
	for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
		bad |= gen_argv_push(av, fixed[k]);
	if (cfg->gpu)
		bad |= gen_argv_push(av, "--gpu");
	bad |= gen_argv_push(av, "--");
	bad |= gen_argv_push(av, cfg->prompt);
	if (bad) {
		gen_argv_free(av);
		return il_err_set(err, IL_E_INTERNAL, "out of memory building MusicGPT's command line");
	}
	return 0;
}

/* Replace the placeholders of one template element into sb. */
static void gen_command_subst(il_sbuf *sb, const char *tmpl, const il_gen_job_cfg *cfg,
			      const char *out, long seed)
{
	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, "{prompt}", 8)) {
			sbuf_puts(sb, cfg->prompt);
			p += 8;
		} else if (!strncmp(p, "{secs}", 6)) {
			sbuf_printf(sb, "%d", cfg->secs);
			p += 6;
		} else if (!strncmp(p, "{output}", 8)) {
			sbuf_puts(sb, out);
			p += 8;
		} else if (!strncmp(p, "{seed}", 6)) {
			sbuf_printf(sb, "%ld", seed);
			p += 6;
		} else {
			sbuf_putc(sb, *p++);
		}
	}
}

/* Build a command template's argv (see backend.h). */
int gen_command_argv(const il_gen_job_cfg *cfg, const char *out, long seed, il_gen_argv *av,
		     il_err *err)
{
	av->argc = 0;
	av->argv[0] = NULL;
	if (cfg->command_argc <= 0)
		return il_err_set(err, IL_E_GEN, "the command backend has no command: add one to the settings file, "
				  "e.g. command = [\"my-generator\", \"--text\", \"{prompt}\", \"--out\", \"{output}\"];");
	char bin[IL_PATH_MAX];
	if (gen_spawn_find(cfg->command[0], bin, sizeof bin) != 0)
		return il_err_set(err, IL_E_GEN, "the command backend's program '%s' was not found or is not "
				  "executable (setting 'command' in the settings file)", cfg->command[0]);
	int bad = gen_argv_push(av, bin);
	il_sbuf sb = SBUF_INIT;
	for (int k = 1; k < cfg->command_argc && !bad; k++) {
		sbuf_reset(&sb);
		gen_command_subst(&sb, cfg->command[k], cfg, out, seed);
		bad |= sb.oom || gen_argv_push(av, sbuf_str(&sb));
	}
	sbuf_free(&sb);
	if (bad) {
		gen_argv_free(av);
		return il_err_set(err, IL_E_GEN, "the command template is too long (at most %d elements)", GEN_ARGV_MAX);
	}
	return 0;
}

/* Copy a line without ANSI escapes and surrounding blanks into out. */
static void gen_backend_clean(const char *s, size_t len, char *out, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < n; i++) {
		if (s[i] == '\033') { /* CSI ... final byte */
			if (i + 1 < len && s[i + 1] == '[')
				for (i += 2; i < len && !(s[i] >= 0x40 && s[i] <= 0x7e); i++)
					;
			continue;
		}
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			continue;
		out[o++] = s[i];
	}
	while (o && isspace((unsigned char)out[o - 1]))
		o--;
	out[o] = '\0';
	size_t lead = 0;
	while (out[lead] && isspace((unsigned char)out[lead]))
		lead++;
	memmove(out, out + lead, o - lead + 1);
}

/* Describe why an external generator failed (see backend.h). */
void gen_backend_explain(const char *name, int code, int signalled, const char *output,
			 char *msg, size_t n)
{
	char line[600] = "", last[600] = "";
	/* MusicGPT logs "<date> <time> ERROR <message>" on stdout before exit 1. */
	for (const char *p = output; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char clean[600];
		gen_backend_clean(p, len, clean, sizeof clean);
		if (clean[0]) {
			snprintf(last, sizeof last, "%s", clean);
			const char *e = strstr(clean, "ERROR");
			if (e) {
				e += 5;
				while (*e == ' ' || *e == ':')
					e++;
				snprintf(line, sizeof line, "%s", e);
			}
		}
		p = nl ? nl + 1 : p + len;
	}
	const char *why = line[0] ? line : last;
	if (signalled)
		snprintf(msg, n, "%s was killed by signal %d (%s)%s%s", name, code, strsignal(code),
			 why[0] ? ": " : "", why);
	else if (code == 127 && !why[0])
		snprintf(msg, n, "%s could not start (exit 127: a shared library may be missing)", name);
	else if (code == 101)
		snprintf(msg, n, "%s crashed (exit 101)%s%s", name, why[0] ? ": " : "", why);
	else
		snprintf(msg, n, "%s failed (exit %d)%s%s", name, code, why[0] ? ": " : "", why);
}

/* cli_generate.c: --generate-only PROMPT OUT.wav: generate one clip with
 * the configured backend, find its loop and write it with its loop points.
 * Messages go to stderr (-q: errors only, -v: every attempt and timing). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/wavsave.h"
#include "cli/cli.h"
#include "engine/pipeline.h"
#include "gen/prompt.h"
#include "store/paths.h"
#include "util/sbuf.h"
#include "util/timeutil.h"

static il_gen_cancel *cli_gen_cancel;

/* SIGINT/SIGTERM: stop the generator (its process group is killed). */
static void cli_generate_signal(int sig)
{
	(void)sig;
	if (cli_gen_cancel)
		gen_cancel_request(cli_gen_cancel);
}

/* Progress messages on stderr. */
static void cli_generate_report(void *ud, il_gen_state state, double progress, double eta,
				int attempt, double wait, const char *msg)
{
	const il_opts *o = ud;
	if (o->quiet)
		return;
	if (state == GEN_STATE_RETRY)
		fprintf(stderr, "infiniloop-tui: attempt %d failed: %s; trying again in %.0f s\n",
			attempt, msg ? msg : "", wait);
	else if (o->verbose && state == GEN_STATE_RUNNING && progress == 0)
		fprintf(stderr, "infiniloop-tui: generating, attempt %d%s\n", attempt,
			eta > 0 ? "" : " (no estimate yet)");
	else if (o->verbose && state == GEN_STATE_ANALYZING)
		fprintf(stderr, "infiniloop-tui: finding the loop (attempt %d)\n", attempt);
}

/* Warnings on stderr. */
static void cli_generate_log(void *ud, const char *msg)
{
	const il_opts *o = ud;
	if (!o->quiet)
		fprintf(stderr, "infiniloop-tui: %s\n", msg);
}

/* True when path is our standard output (the WAV goes there, so the summary
 * goes to stderr). */
static int cli_generate_to_stdout(const char *path)
{
	struct stat a, b;
	return fstat(STDOUT_FILENO, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* Load the settings with the command line's overrides; 0 or -1 (printed). */
static int cli_generate_settings(const il_opts *o, il_settings *s)
{
	il_err err;
	il_sbuf notes = SBUF_INIT;
	int rc = settings_load_for(o, SETTINGS_FOR_GENERATE, s, &notes, &err);
	if (notes.len && !o->quiet)
		fprintf(stderr, "%s", sbuf_str(&notes));
	sbuf_free(&notes);
	if (rc != 0)
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
	return rc;
}

/* Append a list of names separated by sep in s as a JSON array. */
static void cli_generate_json_list(il_sbuf *sb, const char *s, const char *sep)
{
	sbuf_putc(sb, '[');
	size_t k = strlen(sep);
	for (const char *p = s; *p;) {
		const char *e = strstr(p, sep);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char item[256];
		snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), p);
		if (p != s)
			sbuf_puts(sb, ", ");
		sbuf_put_json(sb, item);
		p += n;
		if (e)
			p += k;
	}
	sbuf_putc(sb, ']');
}

/* Append "name": "value" (or null when empty). */
static void cli_generate_json_str(il_sbuf *sb, const char *name, const char *value)
{
	sbuf_printf(sb, ", \"%s\": ", name);
	if (value[0])
		sbuf_put_json(sb, value);
	else
		sbuf_puts(sb, "null");
}

/* The plan of the loop made, as one JSON object on stdout. */
static void cli_generate_json(FILE *to, const il_opts *o, const il_pipeline *pl, const il_loop *l)
{
	il_gen_prompt_info pi;
	gen_prompt_parse(o->gen_prompt, &pi);
	il_sbuf sb = SBUF_INIT;
	sbuf_puts(&sb, "{\"file\": ");
	sbuf_put_json(&sb, o->gen_out);
	cli_generate_json_str(&sb, "prompt", o->gen_prompt);
	cli_generate_json_str(&sb, "backend", pl->backend);
	cli_generate_json_str(&sb, "style", l->style);
	sbuf_printf(&sb, ", \"bpm\": %.2f", l->bpm);
	cli_generate_json_str(&sb, "key", l->key);
	cli_generate_json_str(&sb, "metre", l->metre);
	sbuf_puts(&sb, ", \"instruments\": ");
	cli_generate_json_list(&sb, l->instruments, ", ");
	sbuf_puts(&sb, ", \"sections\": ");
	cli_generate_json_list(&sb, l->sections, " ");
	sbuf_printf(&sb, ", \"bars\": %d, \"loop_start\": %zu, \"loop_end\": %zu, \"loop_seconds\": %.3f, "
		    "\"frames\": %zu, \"sample_rate\": %d, \"seed\": %ld, \"method\": ", l->bars, l->loop_start,
		    l->loop_end, (double)(l->loop_end - l->loop_start) / l->rate, l->nframes, l->rate, pl->seed);
	sbuf_put_json(&sb, l->method);
	sbuf_puts(&sb, ", \"ignored\": ");
	cli_generate_json_list(&sb, pi.ignored, ", ");
	cli_generate_json_str(&sb, "note", pl->note);
	sbuf_puts(&sb, "}\n");
	fputs(sbuf_str(&sb), to);
	sbuf_free(&sb);
}

/* A problem of the prompt (gen_prompt_problems): a warning on stderr. */
static void cli_generate_note(void *ud, const char *note)
{
	(void)ud;
	fprintf(stderr, "infiniloop-tui: warning: ignored: %s\n", note);
}

/* --generate-only: one loop written to a file; exit status. */
int cli_generate(const il_opts *o)
{
	il_settings s;
	static il_pipeline pl;
	char tmp[IL_PATH_MAX];
	il_err err;
	if (cli_generate_settings(o, &s) != 0) {
		settings_free(&s);
		return 1;
	}
	if (paths_tmpdir_create(tmp, sizeof tmp, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		settings_free(&s);
		return 1;
	}
	il_history *hist = NULL;
	if (history_open(NULL, &hist, &err) != 0 && !o->quiet)
		fprintf(stderr, "infiniloop-tui: warning: no generation history: %s\n", err.msg);
	else if (hist && *history_notice(hist) && !o->quiet)
		fprintf(stderr, "infiniloop-tui: warning: %s\n", history_notice(hist));
	int status = 1;
	il_gen_cancel cancel;
	if (pipeline_setup(&pl, &s, o->gen_prompt, tmp, hist, &err) != 0 ||
	    gen_cancel_init(&cancel, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		goto out;
	}
	if (!o->quiet)
		gen_prompt_problems(o->gen_prompt, !strcmp(pl.backend, "synth"), cli_generate_note, NULL);
	pl.report = cli_generate_report;
	pl.log = cli_generate_log;
	pl.ud = (void *)o;
	cli_gen_cancel = &cancel;
	struct sigaction sa, old_int, old_term;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_generate_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (o->verbose)
		fprintf(stderr, "infiniloop-tui: %s, %d s, timeout %.0f s%s\n", pl.backend, pl.cfg.secs,
			pl.cfg.timeout, pl.eta > 0 ? "" : ", no history yet");
	double t0 = time_mono();
	il_loop *loop = NULL;
	int rc = pipeline_run(&pl, &cancel, &loop, &err);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	cli_gen_cancel = NULL;
	gen_cancel_free(&cancel);
	if (rc != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		goto out;
	}
	if (il_wav_save(loop, o->gen_out, 1, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		il_loop_free(loop);
		goto out;
	}
	FILE *msgs = cli_generate_to_stdout(o->gen_out) ? stderr : stdout;
	if (pl.note[0] && !o->quiet)
		fprintf(stderr, "infiniloop-tui: note: %s\n", pl.note);
	if (o->json)
		cli_generate_json(msgs, o, &pl, loop);
	else if (!o->quiet && loop->style[0])
		fprintf(msgs, "%s: %s, %.0f bpm, %s, %s, %d bars (%s); %s\n", o->gen_out, loop->style, loop->bpm,
			loop->key, loop->metre, loop->bars, loop->sections, loop->instruments);
	if (!o->json && !o->quiet)
		fprintf(msgs, "%s: loop %zu-%zu of %zu frames (%.3f s) at %d Hz, %.1f bpm, score %.3f%s, "
		       "%s, seed %ld, %.2f s\n", o->gen_out, loop->loop_start, loop->loop_end,
		       loop->nframes, (double)(loop->loop_end - loop->loop_start) / loop->rate,
		       loop->rate, loop->bpm, loop->score, loop->poor ? " (poor)" : "", pl.backend,
		       pl.seed, time_mono() - t0);
	il_loop_free(loop);
	status = 0;
out:
	history_close(hist);
	paths_tmpdir_remove(tmp);
	settings_free(&s);
	return status;
}

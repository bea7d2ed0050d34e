/* pipeline.c: one generated loop with history rows (see pipeline.h). */
#include "engine/pipeline.h"

#include "gen/prompt.h"

#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "engine/loopprep.h"
#include "gen/synth.h"
#include "util/timeutil.h"

#define PIPELINE_TIMEOUT_SYNTH 120.0
#define PIPELINE_TIMEOUT_MUSICGPT 1800.0 /* a first run downloads the model */
#define PIPELINE_TIMEOUT_COMMAND 900.0

/* The model name of the settings' backend as the history records it. */
void pipeline_model_name(const il_settings *s, char *out, size_t n)
{
	int b = gen_backend_parse(s->backend);
	if (b == GEN_BACKEND_MUSICGPT) {
		snprintf(out, n, "%s", s->model);
	} else if (b == GEN_BACKEND_COMMAND && s->command.argc > 0) {
		char tmp[SETTINGS_ARG_MAX];
		snprintf(tmp, sizeof tmp, "%s", s->command.argv[0]);
		snprintf(out, n, "%s", basename(tmp));
	} else {
		snprintf(out, n, "%s", b == GEN_BACKEND_COMMAND ? "command" : "builtin");
	}
}

/* Prepare a job for prompt from the settings (see pipeline.h). */
int pipeline_setup(il_pipeline *p, const il_settings *s, const char *prompt, const char *workdir,
		   il_history *hist, il_err *err)
{
	memset(p, 0, sizeof *p);
	il_gen_job_cfg *c = &p->cfg;
	c->backend = gen_backend_parse(s->backend);
	if (c->backend < 0)
		return il_err_set(err, IL_E_BAD_VALUE, "unknown backend '%s' (synth, musicgpt or command)", s->backend);
	if (gen_prompt_check(prompt, err) != 0)
		return -1;
	if (strlen(prompt) >= sizeof c->prompt)
		return il_err_set(err, IL_E_BAD_VALUE, "the prompt is longer than %zu bytes", sizeof c->prompt - 1);
	snprintf(c->prompt, sizeof c->prompt, "%s", prompt);
	snprintf(c->model, sizeof c->model, "%s", s->model);
	c->secs = s->duration;
	c->seed = s->seed;
	snprintf(c->musicgpt, sizeof c->musicgpt, "%s", s->musicgpt);
	snprintf(c->soundfont, sizeof c->soundfont, "%s", s->soundfont);
	c->gpu = s->gpu;
	snprintf(c->affinity, sizeof c->affinity, "%s", s->affinity);
	c->retries = s->retries;
	c->command_argc = s->command.argc < SETTINGS_ARGV_MAX ? s->command.argc : SETTINGS_ARGV_MAX;
	for (int k = 0; k < c->command_argc; k++)
		snprintf(c->command[k], sizeof c->command[k], "%s", s->command.argv[k]);
	snprintf(c->workdir, sizeof c->workdir, "%s", workdir);
	snprintf(p->backend, sizeof p->backend, "%s", gen_backend_name(c->backend));
	pipeline_model_name(s, p->model, sizeof p->model);
	snprintf(p->algorithm, sizeof p->algorithm, "%s", s->algorithm);
	snprintf(p->loudness, sizeof p->loudness, "%s", s->loudness);
	p->true_peak = s->true_peak;
	p->hist = hist;
	il_err herr;
	if (hist && history_eta(hist, p->backend, p->model, c->secs, &p->eta, &herr) != 0)
		p->eta = 0;
	if (s->timeout > 0)
		c->timeout = s->timeout;
	else if (p->eta > 0)
		c->timeout = p->eta * 3 + 30 > 60 ? p->eta * 3 + 30 : 60;
	else
		c->timeout = c->backend == GEN_BACKEND_SYNTH ? PIPELINE_TIMEOUT_SYNTH
			     : c->backend == GEN_BACKEND_MUSICGPT ? PIPELINE_TIMEOUT_MUSICGPT
								  : PIPELINE_TIMEOUT_COMMAND;
	return 0;
}

/* Job hook: progress, passed on with the ETA. */
static void pipeline_on_report(void *ud, il_gen_state state, double progress, int attempt,
			       double wait, const char *msg)
{
	il_pipeline *p = ud;
	if (p->report)
		p->report(p->ud, state, progress, p->eta, attempt, wait, msg);
}

/* The tempo the generator says the clip has: its own (the synth), else the
 * prompt's "NN bpm" (external generators are asked for it); 0 unknown. */
static double pipeline_known_bpm(const il_pipeline *p, const il_gen_attempt *a)
{
	if (a->bpm > 0)
		return a->bpm;
	il_gen_prompt_info info;
	gen_prompt_parse(p->cfg.prompt, &info);
	return info.bpm;
}

/* True when the generator uses the seed: the synth, a command whose
 * template has {seed}. */
static int pipeline_takes_seed(const il_gen_job_cfg *c)
{
	if (c->backend == GEN_BACKEND_SYNTH)
		return 1;
	for (int k = 0; c->backend == GEN_BACKEND_COMMAND && k < c->command_argc; k++)
		if (strstr(c->command[k], "{seed}"))
			return 1;
	return 0;
}

/* Job hook: find the loop of a valid clip. */
static int pipeline_on_accept(void *ud, il_gen_attempt *a, il_err *err)
{
	il_pipeline *p = ud;
	if (p->report)
		p->report(p->ud, GEN_STATE_ANALYZING, 1.0, p->eta, a->attempt, 0, NULL);
	il_loopprep_opts o = { p->algorithm, p->loudness, p->true_peak };
	il_loop *loop;
	int rc;
	if (a->samples) { /* the composer's clip, in memory: taken */
		rc = loopprep_tagged(a->samples, a->frames, SYNTH_RATE, SYNTH_CHANNELS, a->tags, "the composer's clip",
				     &o, pipeline_known_bpm(p, a), &loop, err);
		a->samples = NULL;
	} else {
		rc = loopprep_file_bpm(a->path, &o, pipeline_known_bpm(p, a), &loop, err);
	}
	if (rc != 0)
		return -1;
	if (loop->poor && p->cfg.backend == GEN_BACKEND_SYNTH) {
		/* The composer makes another clip rather than play a poor loop. */
		char metrics[256];
		il_loop_metrics_format(loop, metrics, sizeof metrics);
		il_err_set(err, IL_E_GEN, "the loop is poor (score %.2f, %s); making another", loop->score, metrics);
		il_loop_free(loop);
		return -1;
	}
	snprintf(loop->prompt, sizeof loop->prompt, "%s", p->cfg.prompt);
	snprintf(loop->backend, sizeof loop->backend, "%s", p->backend);
	snprintf(loop->model, sizeof loop->model, "%s", p->model);
	loop->seed = pipeline_takes_seed(&p->cfg) ? a->seed : 0;
	loop->secs = p->cfg.secs;
	loop->asked_bpm = p->cfg.backend == GEN_BACKEND_SYNTH ? p->cfg.bpm : 0;
	loop->asked_key = p->cfg.backend == GEN_BACKEND_SYNTH ? p->cfg.key : 0;
	il_loop_free(p->loop);
	p->loop = loop;
	p->gen_wall = a->wall;
	p->seed = a->seed;
	snprintf(p->note, sizeof p->note, "%s", a->note);
	return 0;
}

/* Job hook: one history row per attempt. */
static void pipeline_on_record(void *ud, const il_gen_attempt *a)
{
	il_pipeline *p = ud;
	if (!p->hist)
		return;
	il_history_row r;
	memset(&r, 0, sizeof r);
	r.time = time_wall();
	snprintf(r.backend, sizeof r.backend, "%s", p->backend);
	snprintf(r.model, sizeof r.model, "%s", p->model);
	snprintf(r.prompt, sizeof r.prompt, "%s", p->cfg.prompt);
	r.secs = p->cfg.secs;
	r.actual = a->actual;
	r.wall = a->wall;
	snprintf(r.outcome, sizeof r.outcome, "%s", gen_outcome_name(a->outcome));
	snprintf(r.error, sizeof r.error, "%s", a->error);
	if (a->outcome == GEN_OUTCOME_OK && p->loop) {
		const il_loop *l = p->loop;
		r.loop_seconds = l->rate > 0 ? (double)(l->loop_end - l->loop_start) / l->rate : 0;
		r.bpm = l->bpm;
		r.score = l->score;
	}
	snprintf(r.source, sizeof r.source, "engine");
	r.seed = pipeline_takes_seed(&p->cfg) ? a->seed : 0;
	il_err err;
	if (history_add(p->hist, &r, &err) != 0 && p->log)
		p->log(p->ud, err.msg);
}

/* Run the job (see pipeline.h). */
int pipeline_run(il_pipeline *p, il_gen_cancel *cancel, il_loop **out, il_err *err)
{
	*out = NULL;
	il_gen_hooks h = { p, pipeline_on_report, pipeline_on_accept, pipeline_on_record };
	if (gen_job_run(&p->cfg, &h, cancel, p->eta, err) != 0) {
		il_loop_free(p->loop);
		p->loop = NULL;
		return -1;
	}
	*out = p->loop;
	p->loop = NULL;
	return 0;
}

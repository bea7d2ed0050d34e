/* pipeline.h: one generated loop, from the settings to an analysed,
 * normalized il_loop, with a history row per attempt. Shared by the engine
 * (engine_gen.c, on its worker thread) and --generate-only. */
#ifndef IL_ENGINE_PIPELINE_H
#define IL_ENGINE_PIPELINE_H

#include <stddef.h>

#include "audio/loop.h"
#include "gen/job.h"
#include "store/history.h"
#include "store/settings.h"

/* Progress of the job: GEN_STATE_RUNNING, _ANALYZING, _RETRY or _FAILED. */
typedef void (*il_pipeline_report_fn)(void *ud, il_gen_state state, double progress, double eta,
				   int attempt, double wait, const char *msg);
/* A warning that is no progress (a history row that could not be written). */
typedef void (*il_pipeline_log_fn)(void *ud, const char *msg);

typedef struct il_pipeline {
	il_gen_job_cfg cfg;
	char backend[16];        /* names in the history */
	char model[64];
	char algorithm[16];      /* loop finding */
	char loudness[16];       /* loudness normalization (the setting) */
	double true_peak;
	double eta;              /* expected seconds per attempt (0: unknown) */
	il_history *hist;           /* may be NULL */
	il_pipeline_report_fn report; /* may be NULL; called from the running thread */
	il_pipeline_log_fn log;       /* may be NULL; called from the running thread */
	void *ud;                  /* for report and log */
	/* Filled by pipeline_run. */
	il_loop *loop;
	double gen_wall;         /* seconds the accepted attempt took */
	long seed;
	char note[200];          /* the generator's remark on the clip ("" none) */
} il_pipeline;

/* The model name of the settings' backend as the history records it:
 * MusicGPT's model, "builtin" for the synth, the program of a command. */
void pipeline_model_name(const il_settings *s, char *out, size_t n);
/* Prepare a job for prompt from the settings: backend, model, duration,
 * timeout (the setting, or from the history's ETA), retries, seed, the
 * command template. Clips go to workdir. 0, or -1 with err. */
int pipeline_setup(il_pipeline *p, const il_settings *s, const char *prompt, const char *workdir,
		   il_history *hist, il_err *err);
/* Run the job: generate, validate, analyse; retries as set. 0 with *out a
 * new loop (prompt filled in), or -1 with err. */
int pipeline_run(il_pipeline *p, il_gen_cancel *cancel, il_loop **out, il_err *err);

#endif

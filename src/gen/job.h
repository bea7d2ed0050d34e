/* job.h: one generation job, the same for every backend.
 *
 * A job makes one clip from a prompt with the chosen backend (the built-in
 * synth, MusicGPT, or a command template), validates it (readable by
 * libsndfile, the expected length, finite, not silent, at least 2 s), hands
 * it to the caller's accept hook (loop analysis) and retries failed attempts
 * after 2, 4, 8... s (at most 60 s), up to cfg->retries times. Every attempt
 * ends with a call of the record hook (the history row). Runs in the
 * caller's thread; another thread may cancel it with gen_cancel_request(). */
#ifndef IL_GEN_JOB_H
#define IL_GEN_JOB_H

#include "gen/cancel.h"
#include "store/paths.h"
#include "store/settings.h"
#include "util/error.h"

/* The generator; gen_backend_name() gives its settings word. */
typedef enum il_gen_backend { GEN_BACKEND_SYNTH, GEN_BACKEND_MUSICGPT, GEN_BACKEND_COMMAND } il_gen_backend;

/* Where a generation is; gen_state_name() gives its protocol word. A job
 * reports RUNNING, RETRY and FAILED; the pipeline adds ANALYZING; the
 * engine the others. */
typedef enum il_gen_state {
	GEN_STATE_IDLE, GEN_STATE_RUNNING, GEN_STATE_ANALYZING, GEN_STATE_READY,
	GEN_STATE_RETRY, GEN_STATE_FAILED, GEN_STATE_STOPPED,
} il_gen_state;

/* How an attempt ended; gen_outcome_name() gives the word the history keeps. */
typedef enum il_gen_outcome {
	GEN_OUTCOME_OK, GEN_OUTCOME_ERROR, GEN_OUTCOME_TIMEOUT, GEN_OUTCOME_INVALID,
	GEN_OUTCOME_ANALYSIS, GEN_OUTCOME_STOPPED, GEN_OUTCOME_MISSING,
} il_gen_outcome;

#define GEN_MUSICGPT_RATE 32000
#define GEN_BACKOFF_MAX 60.0

typedef struct il_gen_job_cfg {
	il_gen_backend backend;
	char model[32];               /* MusicGPT model */
	char prompt[SETTINGS_STR_MAX];
	int secs;                     /* requested seconds, 1-30 */
	long seed;                    /* synth and {seed}: 0 picks a new one per attempt */
	char musicgpt[IL_PATH_MAX];   /* MusicGPT binary; empty: PATH */
	int gpu;
	char affinity[64];            /* CPU list for external generators */
	double timeout;               /* seconds per attempt (0: none) */
	int retries;                  /* attempts after the first failure */
	int command_argc;
	char command[SETTINGS_ARGV_MAX][SETTINGS_STR_MAX / 4];
	char workdir[IL_PATH_MAX];    /* where clips are written */
	char soundfont[IL_PATH_MAX];  /* synth: General MIDI soundfont ("": the Debian paths, "none": off) */
	double bpm;                   /* synth: the tempo when the prompt names none (0: free) */
	int key;                      /* synth: 1 + root + 12 * minor when the prompt names none (0: free) */
} il_gen_job_cfg;

typedef struct il_gen_attempt {
	int attempt;                  /* 1, 2, ... */
	char path[IL_PATH_MAX];       /* the clip (valid when outcome is ok; "" for the synth's) */
	float *samples;               /* synth: the clip in memory, SYNTH_CHANNELS interleaved at
	                               * SYNTH_RATE (no file is written); the accept hook may take
	                               * it (set NULL), gen_job_run frees what is left */
	size_t frames;                /* frames in samples */
	char tags[1024];              /* synth: the clip's plan as tags (see synth_plan_tags) */
	long seed;                    /* the seed used */
	double wall;                  /* seconds from start to the clip's end of validation */
	double actual;                /* seconds of audio in the clip (0: unknown) */
	il_gen_outcome outcome;
	char error[IL_ERR_MAX];       /* why it failed ("" when ok) */
	int fatal;                    /* no point retrying (missing binary, bad template) */
	int pid;                      /* the external generator's pid (0: none) */
	char note[200];               /* synth: a remark on the render (no soundfont, ...) */
	double bpm;                   /* the tempo the generator made (0: unknown) */
} il_gen_attempt;

typedef struct il_gen_hooks {
	void *ud;
	/* Progress: GEN_STATE_RUNNING, _RETRY or _FAILED; from the job's thread. */
	void (*report)(void *ud, il_gen_state state, double progress, int attempt, double wait,
		       const char *msg);
	/* A valid clip: analyse it. 0 accepts it (the job ends), -1 with err retries. */
	int (*accept)(void *ud, il_gen_attempt *a, il_err *err);
	/* The end of every attempt (after accept for valid clips). */
	void (*record)(void *ud, const il_gen_attempt *a);
} il_gen_hooks;

/* Parse "synth", "musicgpt" or "command" (backend.c); -1 when unknown. */
int gen_backend_parse(const char *name);
/* The settings word of a backend (backend.c). */
const char *gen_backend_name(il_gen_backend backend);
/* The protocol word of a generation state: idle, running, analyzing, ready,
 * retry, failed or stopped. */
const char *gen_state_name(il_gen_state s);
/* Set *s to the generation state named word; 0, or -1 (s untouched) when unknown. */
int gen_state_parse(const char *word, il_gen_state *s);
/* The history's word for an outcome: ok, error, timeout, invalid, analysis,
 * stopped or missing. */
const char *gen_outcome_name(il_gen_outcome o);
/* Seconds to wait before retry number n (1, 2, ...): 2, 4, 8... at most 60. */
double gen_backoff(int n);
/* Run a job (see above). eta (0: unknown) drives the progress of external
 * generators. 0 when a clip was accepted, -1 with err after the last failed
 * attempt or when cancelled. */
int gen_job_run(const il_gen_job_cfg *cfg, const il_gen_hooks *hooks, il_gen_cancel *cancel, double eta,
		il_err *err);
/* One attempt with no retry and no accept hook: make and validate a clip.
 * 0 when a valid clip is at a->path (the synth's: in a->samples; drop it
 * with gen_attempt_clear), else -1 (a->outcome, a->error set). */
int gen_attempt_run(const il_gen_job_cfg *cfg, int attempt, il_gen_cancel *cancel, double eta,
		    const il_gen_hooks *hooks, il_gen_attempt *a);
/* Validate a clip: readable, at least 2 s, exactly want_frames when non-zero,
 * finite, not silent. 0 with *seconds set, or -1 with err. */
int gen_validate(const char *path, long want_frames, double *seconds, il_err *err);
/* The same for a clip in memory (frames of channels interleaved at rate). */
int gen_validate_memory(const float *samples, size_t frames, int rate, int channels, long want_frames,
			double *seconds, il_err *err);
/* Drop an attempt's clip: remove its file, free its samples in memory. */
void gen_attempt_clear(il_gen_attempt *a);

#endif

/* job.c: one generation job with validation and retries (see job.h). */
#include "gen/job.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen/backend.h"
#include "gen/spawn.h"
#include "gen/synth.h"
#include "util/timeutil.h"

/* Seconds to wait before retry number n: 2, 4, 8... at most 60. */
double gen_backoff(int n)
{
	if (n < 1)
		n = 1;
	if (n > 6)
		return GEN_BACKOFF_MAX;
	double s = (double)(1 << n);
	return s > GEN_BACKOFF_MAX ? GEN_BACKOFF_MAX : s;
}

/* Add count interleaved values to a clip's peak and sum of squares;
 * 1 when one of them is not finite (left out). */
static int gen_validate_scan(const float *v, size_t count, double *peak, double *sum)
{
	int bad = 0;
	for (size_t i = 0; i < count; i++) {
		if (!isfinite(v[i])) {
			bad = 1;
			continue;
		}
		double a = fabs(v[i]);
		if (a > *peak)
			*peak = a;
		*sum += (double)v[i] * v[i];
	}
	return bad;
}

/* The verdict on a clip's values from its scan: 0, or -1 with err (not
 * finite, or silent). */
static int gen_validate_verdict(int bad, double peak, double sum, size_t count, il_err *err)
{
	if (bad)
		return il_err_set(err, IL_E_GEN, "the clip contains NaN or infinite samples");
	double rms = count ? sqrt(sum / (double)count) : 0;
	if (peak < 1e-4 || rms < 1e-5)
		return il_err_set(err, IL_E_GEN, "the clip is silent (peak %.2g)", peak);
	return 0;
}

/* Check a clip's length: got frames (the header said frames) against
 * want_frames (0: any), at least 2 s; 0, or -1 with err. */
static int gen_validate_length(size_t got, size_t frames, long want_frames, double seconds, il_err *err)
{
	if (want_frames > 0 && (got != (size_t)want_frames || frames != (size_t)want_frames))
		return il_err_set(err, IL_E_GEN, "the clip has %zu samples, expected %ld (truncated or cut short)",
				  got, want_frames);
	if (seconds < 2.0)
		return il_err_set(err, IL_E_GEN, "the clip is only %.2f s long (at least 2 s are needed)", seconds);
	return 0;
}

/* Validate a clip (see job.h). */
int gen_validate(const char *path, long want_frames, double *seconds, il_err *err)
{
	*seconds = 0;
	if (access(path, F_OK) != 0)
		return il_err_set(err, IL_E_GEN, "no audio file was written (%s)", path);
	/* O_NONBLOCK: a FIFO left at {output} must not block the open. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return il_err_set(err, IL_E_GEN, "the generator left no regular file at %s (a FIFO, device or folder)", path);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	SF_INFO info;
	memset(&info, 0, sizeof info);
	SNDFILE *f = sf_open_fd(fd, SFM_READ, &info, 1);
	if (!f) {
		close(fd);
		return il_err_set(err, IL_E_GEN, "the clip is not a readable audio file: %s", sf_strerror(NULL));
	}
	if (info.samplerate <= 0 || info.channels <= 0 || info.frames <= 0) {
		sf_close(f);
		return il_err_set(err, IL_E_GEN, "the clip holds no audio");
	}
	size_t frames = (size_t)info.frames, ch = (size_t)info.channels;
	float *buf = malloc(4096 * ch * sizeof *buf);
	if (!buf) {
		sf_close(f);
		return il_err_set(err, IL_E_INTERNAL, "out of memory reading the clip");
	}
	size_t got = 0;
	double peak = 0, sum = 0;
	int bad = 0;
	sf_count_t r;
	while ((r = sf_readf_float(f, buf, 4096)) > 0) {
		bad |= gen_validate_scan(buf, (size_t)r * ch, &peak, &sum);
		got += (size_t)r;
	}
	free(buf);
	sf_close(f);
	*seconds = (double)got / info.samplerate;
	if (gen_validate_length(got, frames, want_frames, *seconds, err) != 0)
		return -1;
	return gen_validate_verdict(bad, peak, sum, got * ch, err);
}

/* Validate a clip in memory (see job.h). */
int gen_validate_memory(const float *samples, size_t frames, int rate, int channels, long want_frames,
			double *seconds, il_err *err)
{
	*seconds = rate > 0 ? (double)frames / rate : 0;
	if (!samples || frames == 0 || channels <= 0)
		return il_err_set(err, IL_E_GEN, "the clip holds no audio");
	if (gen_validate_length(frames, frames, want_frames, *seconds, err) != 0)
		return -1;
	double peak = 0, sum = 0;
	size_t count = frames * (size_t)channels;
	int bad = gen_validate_scan(samples, count, &peak, &sum);
	return gen_validate_verdict(bad, peak, sum, count, err);
}

/* A fresh seed in 1..2^31-1. */
static long gen_new_seed(void)
{
	unsigned int v = 0;
	if (getrandom(&v, sizeof v, GRND_NONBLOCK) != (ssize_t)sizeof v)
		v = (unsigned int)(time_wall() * 1000003.0) ^ (unsigned int)getpid();
	long s = (long)(v & 0x7fffffffu);
	return s ? s : 1;
}

/* Mark an attempt failed: outcome and message; returns -1. */
static int gen_fail(il_gen_attempt *a, il_gen_outcome outcome, const char *msg)
{
	a->outcome = outcome;
	snprintf(a->error, sizeof a->error, "%s", msg);
	return -1;
}

/* The synth's attempt: render in this thread; the clip stays in memory
 * (a->samples, its plan in a->tags): no file is written. */
static int gen_attempt_synth(const il_gen_job_cfg *cfg, il_gen_cancel *cancel, il_gen_attempt *a)
{
	il_synth_params p = { cfg->prompt, (double)cfg->secs, (uint64_t)a->seed,
			   cancel ? &cancel->flag : NULL, cfg->soundfont, cfg->bpm, cfg->key, cfg->timeout };
	float *buf;
	size_t n;
	il_err err;
	il_synth_plan plan;
	if (synth_render(&p, &buf, &n, &plan, &err) != 0)
		return gen_fail(a, cancel && gen_cancel_requested(cancel) ? GEN_OUTCOME_STOPPED : GEN_OUTCOME_ERROR, err.msg);
	a->bpm = plan.bpm; /* the synth always knows its tempo */
	synth_plan_tags(&plan, a->tags, sizeof a->tags);
	snprintf(a->note, sizeof a->note, "%s", plan.note);
	a->samples = buf;
	a->frames = n;
	return 0;
}

typedef struct gen_tick_ctx {
	const il_gen_hooks *hooks;
	double eta;
	int attempt;
} gen_tick_ctx;

/* Progress of an external generator: its progress bar, else estimated
 * from the expected time. */
static void gen_attempt_tick(void *ud, double elapsed, double bar)
{
	gen_tick_ctx *t = ud;
	if (!t->hooks || !t->hooks->report)
		return;
	double p = bar >= 0 ? bar : t->eta > 0 ? elapsed / t->eta : 0;
	t->hooks->report(t->hooks->ud, GEN_STATE_RUNNING, p > 0.99 ? 0.99 : p, t->attempt, 0, NULL);
}

/* An external generator's attempt: MusicGPT or a command template. */
static int gen_attempt_external(const il_gen_job_cfg *cfg, il_gen_cancel *cancel, double eta,
				const il_gen_hooks *hooks, il_gen_attempt *a)
{
	il_gen_argv av;
	il_err err;
	int mg = cfg->backend == GEN_BACKEND_MUSICGPT;
	int rc = mg ? gen_musicgpt_argv(cfg, a->path, &av, &err)
		    : gen_command_argv(cfg, a->path, a->seed, &av, &err);
	if (rc != 0) {
		a->fatal = 1;
		return gen_fail(a, GEN_OUTCOME_MISSING, err.msg);
	}
	const char *name = mg ? "MusicGPT" : cfg->command[0];
	gen_tick_ctx tc = { hooks, eta, a->attempt };
	il_gen_spawn_result res;
	rc = gen_spawn_run(av.argv, cfg->affinity, cfg->timeout, mg, cfg->workdir, cancel, gen_attempt_tick, &tc,
			   &res, &err);
	gen_argv_free(&av);
	a->pid = res.pid;
	if (rc != 0) {
		a->fatal = 1;
		return gen_fail(a, GEN_OUTCOME_ERROR, err.msg);
	}
	char msg[IL_ERR_MAX];
	switch (res.end) {
	case GEN_SPAWN_TIMEOUT:
		snprintf(msg, sizeof msg, "%s did not finish within %.0f s and was stopped (setting 'timeout')",
			 name, cfg->timeout);
		return gen_fail(a, GEN_OUTCOME_TIMEOUT, msg);
	case GEN_SPAWN_CANCELLED:
		return gen_fail(a, GEN_OUTCOME_STOPPED, "generation was stopped");
	case GEN_SPAWN_SIGNALLED:
		gen_backend_explain(name, res.code, 1, res.output, msg, sizeof msg);
		return gen_fail(a, GEN_OUTCOME_ERROR, msg);
	case GEN_SPAWN_EXITED:
		if (res.code != 0) {
			gen_backend_explain(name, res.code, 0, res.output, msg, sizeof msg);
			return gen_fail(a, GEN_OUTCOME_ERROR, msg);
		}
		break;
	}
	return 0;
}

/* Drop an attempt's clip: its file, or its samples in memory (see job.h). */
void gen_attempt_clear(il_gen_attempt *a)
{
	if (a->path[0])
		unlink(a->path);
	free(a->samples);
	a->samples = NULL;
	a->frames = 0;
}

/* One attempt with no retry and no accept hook (see job.h). */
int gen_attempt_run(const il_gen_job_cfg *cfg, int attempt, il_gen_cancel *cancel, double eta,
		    const il_gen_hooks *hooks, il_gen_attempt *a)
{
	static unsigned long counter;
	memset(a, 0, sizeof *a);
	a->attempt = attempt;
	a->seed = cfg->seed > 0 ? cfg->seed : gen_new_seed();
	unsigned long id = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
	if ((size_t)snprintf(a->path, sizeof a->path, "%s/clip-%ld-%lu.wav", cfg->workdir,
			     (long)getpid(), id) >= sizeof a->path) {
		a->fatal = 1;
		return gen_fail(a, GEN_OUTCOME_ERROR, "the work folder's path is too long");
	}
	if (cfg->backend == GEN_BACKEND_SYNTH)
		a->path[0] = '\0'; /* the synth's clip stays in memory */
	else
		unlink(a->path); /* a clip of an earlier attempt must not pass for a new one */
	if (hooks && hooks->report)
		hooks->report(hooks->ud, GEN_STATE_RUNNING, 0, attempt, 0, NULL);
	double t0 = time_mono();
	int rc;
	if (cfg->backend == GEN_BACKEND_SYNTH)
		rc = gen_attempt_synth(cfg, cancel, a);
	else
		rc = gen_attempt_external(cfg, cancel, eta, hooks, a);
	a->wall = time_mono() - t0;
	if (rc != 0) {
		gen_attempt_clear(a);
		return -1;
	}
	long want = 0;
	if (cfg->backend == GEN_BACKEND_MUSICGPT)
		want = ((long)cfg->secs * 50 - 3) * 640;
	else if (cfg->backend == GEN_BACKEND_SYNTH)
		want = (long)cfg->secs * SYNTH_RATE;
	il_err err;
	if (a->samples ? gen_validate_memory(a->samples, a->frames, SYNTH_RATE, SYNTH_CHANNELS, want, &a->actual, &err)
		       : gen_validate(a->path, want, &a->actual, &err)) {
		gen_attempt_clear(a);
		return gen_fail(a, GEN_OUTCOME_INVALID, err.msg);
	}
	a->outcome = GEN_OUTCOME_OK;
	return 0;
}

/* Run a job with retries (see job.h). */
int gen_job_run(const il_gen_job_cfg *cfg, const il_gen_hooks *hooks, il_gen_cancel *cancel, double eta,
		il_err *err)
{
	il_gen_attempt a;
	for (int attempt = 1;; attempt++) {
		if (cancel && gen_cancel_requested(cancel))
			return il_err_set(err, IL_E_GEN, "generation was stopped");
		int rc = gen_attempt_run(cfg, attempt, cancel, eta, hooks, &a);
		if (rc == 0 && hooks && hooks->accept) {
			il_err aerr;
			if (hooks->accept(hooks->ud, &a, &aerr) != 0) {
				rc = -1;
				if (cancel && gen_cancel_requested(cancel))
					gen_fail(&a, GEN_OUTCOME_STOPPED, "generation was stopped");
				else
					gen_fail(&a, GEN_OUTCOME_ANALYSIS, aerr.msg);
			}
		}
		if (rc != 0 || (hooks && hooks->accept))
			gen_attempt_clear(&a); /* an accepted clip has been read into memory */
		else
			free(a.samples); /* kept: only a clip in a file outlives the job */
		if (hooks && hooks->record)
			hooks->record(hooks->ud, &a);
		if (rc == 0)
			return 0;
		if (a.outcome == GEN_OUTCOME_STOPPED || (cancel && gen_cancel_requested(cancel)))
			return il_err_set(err, IL_E_GEN, "generation was stopped");
		if (a.fatal || attempt > cfg->retries) {
			if (hooks && hooks->report)
				hooks->report(hooks->ud, GEN_STATE_FAILED, 0, attempt, 0, a.error);
			if (a.fatal || attempt == 1)
				return il_err_set(err, IL_E_GEN, "%s", a.error);
			return il_err_set(err, IL_E_GEN, "%s (gave up after %d attempts)", a.error, attempt);
		}
		double wait = gen_backoff(attempt);
		if (hooks && hooks->report)
			hooks->report(hooks->ud, GEN_STATE_RETRY, 0, attempt, wait, a.error);
		if (cancel ? gen_cancel_sleep(cancel, wait) : (time_sleep(wait), 0))
			return il_err_set(err, IL_E_GEN, "generation was stopped");
	}
}

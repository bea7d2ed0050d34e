/* loopprep.c: from an audio file to a prepared loop: read, validate, find
 * the loop, normalize. */
#include "engine/loopprep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audiofile.h"
#include "dsp/loopfind.h"
#include "dsp/normalize.h"
#include "util/timeutil.h"

/* The loop-finding mode named by opts ("advanced" when unset or unknown). */
static loopfind_mode loopprep_mode(const loopprep_opts *opts)
{
	if (opts && opts->algorithm && strcmp(opts->algorithm, "classic") == 0)
		return LOOPFIND_CLASSIC;
	return LOOPFIND_ADVANCED;
}

/* Prepare the loop of samples already in memory; takes ownership of
 * samples (freed on failure too). name is used in messages and as source. */
int loopprep_samples(float *samples, size_t frames, int rate, int channels,
		     const char *name, const loopprep_opts *opts, il_loop **out, il_err *err)
{
	*out = NULL;
	audiofile af = { samples, frames, rate, channels };
	if (audiofile_check(&af, name, err) != 0) {
		audiofile_free(&af);
		return -1;
	}
	double t0 = time_mono();
	loopfind_result r;
	il_err ferr;
	if (loopfind_run(af.samples, af.frames, af.channels, af.rate, loopprep_mode(opts), &r,
			 &ferr) != 0) {
		audiofile_free(&af);
		return il_err_set(err, ferr.code, "%s: %s", name, ferr.msg);
	}
	normalize_apply(af.samples, af.frames * (size_t)af.channels);
	double ms = (time_mono() - t0) * 1000.0;
	il_loop *l = il_loop_new();
	if (!l) {
		audiofile_free(&af);
		return il_err_set(err, IL_E_INTERNAL, "%s: out of memory", name);
	}
	l->frames = af.samples;
	l->nframes = af.frames;
	l->rate = af.rate;
	l->channels = af.channels;
	l->loop_start = r.start;
	l->loop_end = r.end;
	l->bpm = r.bpm;
	l->beats = r.beats;
	l->score = r.score;
	l->poor = r.poor;
	snprintf(l->method, sizeof l->method, "%s", r.method);
	snprintf(l->metrics, sizeof l->metrics, "spectral=%.4f,waveform=%.4f,beat=%.4f,phase=%.4f,seam=%.4f",
		 r.spectral, r.waveform, r.beat, r.phase, r.seam);
	l->ncandidates = r.ncand < IL_LOOP_CANDIDATES ? r.ncand : IL_LOOP_CANDIDATES;
	for (int i = 0; i < l->ncandidates; i++) {
		l->candidates[i].start = r.cand[i].start;
		l->candidates[i].end = r.cand[i].end;
		l->candidates[i].score = r.cand[i].score;
	}
	l->analysis_ms = ms;
	snprintf(l->source, sizeof l->source, "%s", name);
	*out = l;
	return 0;
}

/* Prepare the loop of the file at path. On success *out is a new loop
 * (caller frees with il_loop_free) and 0 is returned; otherwise -1 with err
 * naming the file and the reason. */
int loopprep_file(const char *path, const loopprep_opts *opts, il_loop **out, il_err *err)
{
	*out = NULL;
	audiofile af;
	if (audiofile_read(path, &af, err) != 0)
		return -1;
	return loopprep_samples(af.samples, af.frames, af.rate, af.channels, path, opts, out, err);
}

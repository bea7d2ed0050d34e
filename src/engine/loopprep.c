/* loopprep.c: from an audio file to a prepared loop: read, validate, find
 * the loop, normalize its loudness. */
#include "engine/loopprep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audiofile.h"
#include "dsp/loopfind.h"
#include "dsp/loudness.h"
#include "util/timeutil.h"

/* The loop-finding mode named by opts ("advanced" when unset or unknown). */
static il_loopfind_mode loopprep_mode(const il_loopprep_opts *opts)
{
	if (opts && opts->algorithm && strcmp(opts->algorithm, "classic") == 0)
		return LOOPFIND_CLASSIC;
	return LOOPFIND_ADVANCED;
}

/* Copy the value of "; name=" in tags (up to the next "; ") into out. */
static void loopprep_tag(const char *tags, const char *name, char *out, size_t n)
{
	char key[32];
	snprintf(key, sizeof key, "; %s=", name);
	const char *p = strstr(tags, key);
	out[0] = '\0';
	if (!p)
		return;
	p += strlen(key);
	const char *e = strstr(p, "; ");
	size_t len = e ? (size_t)(e - p) : strlen(p);
	snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), p);
}

/* Normalize af's loudness as opts say, measured on the loop region
 * [start, end); 0, or -1 with err. A clip whose tags ("; loudness=LUFS
 * LRA dBTP", from a generator that normalized it already) say it is at
 * the loudness asked for is taken as it is, lr filled from them. */
static int loopprep_loudness(il_audiofile *af, size_t start, size_t end, const il_loopprep_opts *opts,
			     il_loudness_result *lr, il_err *err)
{
	il_loudness_opts lo = { LOUDNESS_R128, LOUDNESS_TARGET, LOUDNESS_CEILING };
	if (opts && opts->loudness && opts->loudness[0]) {
		if (loudness_parse(opts->loudness, &lo, err) != 0)
			return -1;
		lo.ceiling = opts->true_peak;
	}
	char v[64];
	il_loudness m;
	loopprep_tag(af->comment, "loudness", v, sizeof v);
	if (lo.mode == LOUDNESS_R128 && sscanf(v, "%lf %lf %lf", &m.integrated, &m.range, &m.true_peak) == 3 &&
	    fabs(m.integrated - lo.target) <= 0.1 && m.true_peak <= lo.ceiling) {
		memset(lr, 0, sizeof *lr);
		lr->before = lr->after = m;
		return 0;
	}
	return loudness_normalize(af->samples, af->frames, af->channels, af->rate, start, end, &lo, lr, err);
}

/* Prepare the loop of samples already in memory, of a known tempo (bpm,
 * 0 unknown); takes ownership of samples (freed on failure too). */
static int loopprep_run(float *samples, size_t frames, int rate, int channels, const char *name,
			const il_loopprep_opts *opts, double bpm, il_loop **out, il_err *err)
{
	*out = NULL;
	il_audiofile af = { samples, frames, rate, channels, "" };
	if (audiofile_check(&af, name, err) != 0) {
		audiofile_free(&af);
		return -1;
	}
	double t0 = time_mono();
	il_loopfind_result r;
	il_err ferr;
	if (loopfind_run_tempo(af.samples, af.frames, af.channels, af.rate, loopprep_mode(opts), bpm,
			       &r, &ferr) != 0) {
		audiofile_free(&af);
		return il_err_set(err, ferr.code, "%s: %s", name, ferr.msg);
	}
	il_loudness_result lr;
	if (loopprep_loudness(&af, r.start, r.end, opts, &lr, err) != 0) {
		audiofile_free(&af);
		return -1;
	}
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
	l->beat_conf = r.grid.confidence;
	if (r.grid.bars > 0 && r.grid.confidence >= BEATGRID_CONFIDENT) {
		l->bars = r.grid.bars;
		l->downbeat = r.grid.downbeat;
	}
	l->score = r.score;
	l->poor = r.poor;
	snprintf(l->method, sizeof l->method, "%s", r.method);
	l->metrics[IL_METRIC_SPECTRAL] = r.spectral;
	l->metrics[IL_METRIC_WAVEFORM] = r.waveform;
	l->metrics[IL_METRIC_BEAT] = r.beat;
	l->metrics[IL_METRIC_PHASE] = r.phase;
	l->metrics[IL_METRIC_SEAM] = r.seam;
	l->ncandidates = r.ncand < IL_LOOP_CANDIDATES ? r.ncand : IL_LOOP_CANDIDATES;
	for (int i = 0; i < l->ncandidates; i++) {
		l->candidates[i].start = r.cand[i].start;
		l->candidates[i].end = r.cand[i].end;
		l->candidates[i].score = r.cand[i].score;
	}
	l->analysis_ms = ms;
	l->loudness = lr;
	snprintf(l->source, sizeof l->source, "%s", name);
	*out = l;
	return 0;
}

/* The composer's clip says where its loop is and what it holds
 * ("LOOPSTART=N LOOPLENGTH=N; composer; bpm=...", see gen/synth.h): a
 * loop made from its plan, or NULL when the tags are not the composer's. */
static il_loop *loopprep_from_plan(il_audiofile *af, const char *name, const il_loopprep_opts *opts)
{
	size_t start, len;
	if (!strstr(af->comment, "; composer;") ||
	    sscanf(af->comment, "LOOPSTART=%zu LOOPLENGTH=%zu", &start, &len) != 2 ||
	    len < (size_t)af->rate || start + len > af->frames)
		return NULL;
	il_loop *l = il_loop_new();
	if (!l)
		return NULL;
	char v[64];
	loopprep_tag(af->comment, "bpm", v, sizeof v);
	l->bpm = atof(v);
	loopprep_tag(af->comment, "bars", v, sizeof v);
	l->bars = atoi(v);
	loopprep_tag(af->comment, "style", l->style, sizeof l->style);
	loopprep_tag(af->comment, "key", l->key, sizeof l->key);
	loopprep_tag(af->comment, "metre", l->metre, sizeof l->metre);
	loopprep_tag(af->comment, "sections", l->sections, sizeof l->sections);
	loopprep_tag(af->comment, "instruments", l->instruments, sizeof l->instruments);
	int per_bar = !strcmp(l->metre, "3/4") ? 3 : !strcmp(l->metre, "6/8") ? 2 : 4;
	l->beats = l->bars * per_bar;
	l->beat_conf = 1.0; /* its bars start at the loop's start */
	l->loop_start = start;
	l->loop_end = start + len;
	/* Check the seam: what follows the loop's end must be what follows
	 * its start (the clip holds the phrase's start again after it). */
	size_t w = (size_t)af->rate / 4, ch = (size_t)af->channels;
	if (start + len + w > af->frames)
		w = af->frames - start - len;
	double d = 0, s = 0;
	for (size_t i = 0; i < w * ch; i++) {
		double a = af->samples[start * ch + i], b = af->samples[(start + len) * ch + i];
		d += (a - b) * (a - b);
		s += a * a;
	}
	double db = w > 0 && s > 0 ? 10 * log10(d / s + 1e-12) : -120;
	l->score = db <= -30 ? 1.0 : db >= -10 ? 0.5 : 1.0 - 0.5 * (db + 30) / 20;
	l->poor = l->score < LOOPFIND_GOOD;
	l->metrics[IL_METRIC_SEAM_DB] = db;
	snprintf(l->method, sizeof l->method, "composer");
	snprintf(l->source, sizeof l->source, "%s", name);
	il_err lerr;
	if (loopprep_loudness(af, start, start + len, opts, &l->loudness, &lerr) != 0) {
		il_loop_free(l); /* the samples stay af's */
		return NULL;
	}
	l->frames = af->samples;
	l->nframes = af->frames;
	l->rate = af->rate;
	l->channels = af->channels;
	return l;
}

/* Prepare the loop of the file at path. On success *out is a new loop
 * (caller frees with il_loop_free) and 0 is returned; otherwise -1 with err
 * naming the file and the reason. The composer's clips carry their loop
 * and plan in their tags, which are used as they are. */
int loopprep_file(const char *path, const il_loopprep_opts *opts, il_loop **out, il_err *err)
{
	return loopprep_file_bpm(path, opts, 0, out, err);
}

/* Prepare the loop of a clip read into af, whose samples are taken (they
 * become the loop's frames, or are freed); t0 is when its reading began. */
static int loopprep_clip(il_audiofile *af, const char *name, const il_loopprep_opts *opts, double bpm, double t0,
			 il_loop **out, il_err *err)
{
	if (af->comment[0] && audiofile_check(af, name, err) == 0) {
		il_loop *l = loopprep_from_plan(af, name, opts);
		if (l) {
			l->analysis_ms = (time_mono() - t0) * 1000.0;
			*out = l;
			return 0;
		}
	}
	return loopprep_run(af->samples, af->frames, af->rate, af->channels, name, opts, bpm, out, err);
}

/* The same for a clip whose tempo its generator knows (see loopprep.h). */
int loopprep_file_bpm(const char *path, const il_loopprep_opts *opts, double bpm, il_loop **out,
		      il_err *err)
{
	*out = NULL;
	il_audiofile af;
	double t0 = time_mono();
	if (audiofile_read(path, &af, err) != 0)
		return -1;
	return loopprep_clip(&af, path, opts, bpm, t0, out, err);
}

/* A clip in memory with its file's tags (see loopprep.h). */
int loopprep_tagged(float *samples, size_t frames, int rate, int channels, const char *tags,
		    const char *name, const il_loopprep_opts *opts, double bpm, il_loop **out, il_err *err)
{
	*out = NULL;
	il_audiofile af = { samples, frames, rate, channels, "" };
	snprintf(af.comment, sizeof af.comment, "%s", tags ? tags : "");
	return loopprep_clip(&af, name, opts, bpm, time_mono(), out, err);
}

/* Prepare the loop of samples already in memory; takes ownership of
 * samples (freed on failure too). name is used in messages and as source. */
int loopprep_samples(float *samples, size_t frames, int rate, int channels,
		     const char *name, const il_loopprep_opts *opts, il_loop **out, il_err *err)
{
	return loopprep_run(samples, frames, rate, channels, name, opts, 0, out, err);
}

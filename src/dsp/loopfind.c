/* loopfind.c: the loop finder: features, tempo, candidates, sample-exact
 * refinement, composite score, choice and report. */
#include "dsp/loopfind.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/loopfind_internal.h"

#define LF_W_SPECTRAL 0.70
#define LF_W_WAVEFORM 0.10
#define LF_W_BEAT 0.10
#define LF_W_PHASE 0.10
#define LF_W_SUPPORT 0.50
#define LF_SEAM_GATE 0.03

/* The mono mix (channel mean) of x. */
static float *lf_mono(const float *x, size_t n, int ch)
{
	float *m = malloc(sizeof(float) * (n ? n : 1));
	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		float acc = 0;
		for (int k = 0; k < ch; k++)
			acc += x[i * (size_t)ch + (size_t)k];
		m[i] = acc / (float)ch;
	}
	return m;
}

/* The 99.9th percentile of the mono sample steps (histogram, rounded down)
 * and the mean step over all channels. */
static void lf_steps(il_lf_ctx *x)
{
	enum { BINS = 4096 };
	float mx = 0;
	double sum = 0;
	const float *m = x->mono;
	for (size_t i = 1; i < x->n; i++) {
		float d = fabsf(m[i] - m[i - 1]);
		mx = d > mx ? d : mx;
	}
	size_t ch = (size_t)x->ch, ns = x->n * ch;
	for (size_t k = 0; k < ch; k++) {
		float part = 0;
		for (size_t i = k + ch; i < ns; i += ch)
			part += fabsf(x->x[i] - x->x[i - ch]);
		sum += part;
	}
	x->typstep = sum / ((double)(x->n - 1) * x->ch);
	x->step999 = mx;
	if (mx <= 0)
		return;
	unsigned *hist = calloc(BINS, sizeof *hist);
	if (!hist)
		return; /* the maximum step stands in: less strict, still safe */
	float scale = (float)(BINS - 1) / mx;
	for (size_t i = 1; i < x->n; i++) {
		float v = fabsf(m[i] - m[i - 1]) * scale;
		hist[v >= 0 && v < BINS ? (int)v : BINS - 1]++;
	}
	size_t want = (size_t)ceil(0.999 * (double)(x->n - 1)), acc = 0;
	for (int b = 0; b < BINS; b++) {
		acc += hist[b];
		if (acc >= want) {
			x->step999 = (double)mx * b / (BINS - 1);
			break;
		}
	}
	free(hist);
}

/* The composite score of a measured candidate (0..1). */
static double lf_score(const il_lf_ctx *x, const il_lf_cand *c)
{
	if (x->mode == LOOPFIND_CLASSIC)
		return c->spectral;
	return LF_W_SPECTRAL * c->spectral + LF_W_WAVEFORM * c->waveform +
	       LF_W_BEAT * c->beat + LF_W_PHASE * c->phase;
}

/* Refine and score c[from..to). 0, or -1 when out of memory. */
static int lf_evaluate(il_lf_ctx *x, il_lf_cand *c, int from, int to)
{
	for (int i = from; i < to; i++) {
		if (looprefine_cand(x, &c[i]) != 0)
			return -1;
		if (c[i].valid)
			c[i].score = lf_score(x, &c[i]);
	}
	return 0;
}

/* The ranking value of c: the composite score plus a bonus for a length
 * at which much of the clip repeats (its true period rather than a
 * passing resemblance). */
static double lf_rank(const il_lf_cand *c)
{
	return c->score + LF_W_SUPPORT * c->support * c->spectral;
}

/* The score reported for c: its ranking value, at most 1. */
static double lf_shown(const il_lf_cand *c)
{
	double v = lf_rank(c);
	return v < 1 ? v : 1;
}

/* The best of c[0..n): among the candidates whose seam is within
 * LF_SEAM_GATE of the best seam (they sound equally seamless), the highest
 * ranked. -1 when none is valid. */
static int lf_choose(const il_lf_cand *c, int n)
{
	double bs = 1e9;
	for (int i = 0; i < n; i++)
		if (c[i].valid && c[i].seam_rank < bs)
			bs = c[i].seam_rank;
	int best = -1;
	for (int i = 0; i < n; i++)
		if (c[i].valid && c[i].seam_rank <= bs + LF_SEAM_GATE &&
		    (best < 0 || lf_rank(&c[i]) > lf_rank(&c[best])))
			best = i;
	return best;
}

/* Fill the result's top list with the best distinct valid candidates. */
static void lf_top(const il_lf_cand *c, int n, int chosen, il_loopfind_result *r)
{
	char used[LF_MAX_CANDS] = { 0 };
	r->ncand = 0;
	int next = chosen;
	while (r->ncand < LOOPFIND_TOP && next >= 0) {
		used[next] = 1;
		int dup = 0;
		for (int j = 0; j < r->ncand; j++)
			if (r->cand[j].start == c[next].start && r->cand[j].end == c[next].start + c[next].len)
				dup = 1;
		if (!dup)
			r->cand[r->ncand++] = (il_loopfind_cand){ c[next].start, c[next].start + c[next].len,
							       lf_shown(&c[next]) };
		next = -1;
		for (int i = 0; i < n; i++)
			if (c[i].valid && !used[i] && (next < 0 || lf_rank(&c[i]) > lf_rank(&c[next])))
				next = i;
	}
}

/* Set up the context: mono mix, features, tempo, limits. */
static int lf_setup(il_lf_ctx *x, const float *in, size_t frames, int channels, int rate,
		    il_loopfind_mode mode, double bpm, il_err *err)
{
	memset(x, 0, sizeof *x);
	x->x = in;
	x->n = frames;
	x->ch = channels;
	x->rate = rate;
	x->mode = mode;
	x->mono = lf_mono(in, frames, channels);
	if (!x->mono)
		return il_err_set(err, IL_E_INTERNAL, "out of memory for loop analysis");
	if (features_compute(x->mono, frames, rate, &x->f, err) != 0)
		return -1;
	double fps = (double)rate / x->f.hop;
	if (tempo_analyze_prior(x->f.onset, x->f.nframes, fps, bpm, &x->tp, err) != 0)
		return -1;
	x->beat_samples = x->tp.period * x->f.hop;
	size_t quarter = (frames + 3) / 4, two = (size_t)ceil(LOOPFIND_MIN_SECONDS * rate);
	x->lmin = quarter > two ? quarter : two;
	x->K = (long)(0.75 * rate) / x->f.hop;
	x->Kmin = (long)ceil(0.25 * rate / x->f.hop);
	lf_steps(x);
	return 0;
}

/* Free the context. */
static void lf_cleanup(il_lf_ctx *x)
{
	free(x->mono);
	features_free(&x->f);
	tempo_free(&x->tp);
}

/* Find the loop of x (frames frames of channels interleaved samples at
 * rate). 0, or -1 with err set (too short, out of memory). */
int loopfind_run(const float *in, size_t frames, int channels, int rate,
		 il_loopfind_mode mode, il_loopfind_result *r, il_err *err)
{
	return loopfind_run_tempo(in, frames, channels, rate, mode, 0, r, err);
}

/* The same, with the tempo the clip is known to have (0: unknown). */
int loopfind_run_tempo(const float *in, size_t frames, int channels, int rate,
		       il_loopfind_mode mode, double bpm, il_loopfind_result *r, il_err *err)
{
	memset(r, 0, sizeof *r);
	if (channels < 1 || rate < 1000 || (double)frames < LOOPFIND_MIN_SECONDS * rate)
		return il_err_set(err, IL_E_BAD_VALUE, "too short for a loop (at least %.0f s needed)",
				  LOOPFIND_MIN_SECONDS);
	il_lf_ctx x;
	if (lf_setup(&x, in, frames, channels, rate, mode, bpm, err) != 0) {
		lf_cleanup(&x);
		return -1;
	}
	il_lf_cand c[LF_MAX_CANDS];
	int n = loopsearch_run(&x, c, LF_MAX_CANDS - 8), oom = n < 0;
	int best = -1, from_grid = 0;
	if (!oom && lf_evaluate(&x, c, 0, n) != 0)
		oom = 1;
	if (!oom)
		best = lf_choose(c, n);
	/* The beat grid, when the multi-metric search found nothing good. */
	if (!oom && mode == LOOPFIND_ADVANCED && (best < 0 || lf_shown(&c[best]) < LOOPFIND_GOOD)) {
		int m = loopsearch_beats(&x, c, n, LF_MAX_CANDS);
		if (m < 0 || lf_evaluate(&x, c, n, m) != 0) {
			oom = 1;
		} else {
			best = lf_choose(c, m);
			from_grid = best >= n;
			n = m;
		}
	}
	if (oom) {
		lf_cleanup(&x);
		return il_err_set(err, IL_E_INTERNAL, "out of memory for loop analysis");
	}
	r->bpm = x.tp.bpm;
	if (best >= 0) {
		il_lf_cand *b = &c[best];
		r->start = b->start;
		r->end = b->start + b->len;
		r->score = lf_shown(b);
		r->spectral = b->spectral;
		r->waveform = b->waveform;
		r->beat = b->beat;
		r->phase = b->phase;
		r->seam = b->seam;
		snprintf(r->method, sizeof r->method, "%s",
			 from_grid ? "beatgrid" : mode == LOOPFIND_CLASSIC ? "classic" : "advanced");
		lf_top(c, n, best, r);
	} else {
		/* Nothing fits: the whole clip, marked poor. */
		r->start = 0;
		r->end = frames;
		r->seam = 1.0;
		snprintf(r->method, sizeof r->method, "whole");
		r->ncand = 1;
		r->cand[0] = (il_loopfind_cand){ 0, frames, 0 };
	}
	r->poor = r->score < LOOPFIND_GOOD;
	if (x.beat_samples > 0)
		r->beats = (int)lround((double)(r->end - r->start) / x.beat_samples);
	int rc = beatgrid_find(x.mono, frames, rate, r->start, r->end - r->start, x.beat_samples, &r->grid, err);
	lf_cleanup(&x);
	return rc;
}

/* synth.c: planning, rendering and mixing of the composer's clips. */
#include "gen/synth.h"

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/prompt.h"
#include "gen/synth_internal.h"

#define SYNTH_OVERHEAD 1.9 /* seconds of intro and tail around the phrase */

static const int synth_major[7] = { 0, 2, 4, 5, 7, 9, 11 };
static const int synth_minor[7] = { 0, 2, 3, 5, 7, 8, 10 };
static const char *const synth_note_names[12] = { "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B" };

/* "D minor" */
void synth_key_name(int root, int minor, char *out, size_t n)
{
	snprintf(out, n, "%s %s", synth_note_names[((root % 12) + 12) % 12], minor ? "minor" : "major");
}

/* Read a key named by synth_key_name; 0, or -1 when it is not one. */
int synth_key_parse(const char *name, int *root, int *minor)
{
	for (int r = 0; r < 12; r++)
		for (int m = 0; m < 2; m++) {
			char k[16];
			synth_key_name(r, m, k, sizeof k);
			if (!strcmp(k, name)) {
				*root = r;
				*minor = m;
				return 0;
			}
		}
	return -1;
}

/* A key as one number: 1 + root + 12 * minor. */
int synth_key_code(int root, int minor)
{
	return 1 + ((root % 12) + 12) % 12 + 12 * (minor ? 1 : 0);
}

/* The root and mode of a key code made by synth_key_code. */
void synth_key_decode(int code, int *root, int *minor)
{
	*root = (code - 1) % 12;
	*minor = (code - 1) / 12 ? 1 : 0;
}

/* Bars in the phrase at bar length bar_s for a clip of secs. */
static int synth_bars_for(double secs, double bar_s)
{
	int P = (int)floor((secs - SYNTH_OVERHEAD) / bar_s);
	return P > SYNTH_BARS_MAX ? SYNTH_BARS_MAX : P;
}

/* Seconds per bar at bpm in a metre. */
static double synth_bar_seconds(double bpm, int metre)
{
	return (metre == 6 ? 2 : metre) * 60.0 / bpm;
}

/* The tempo: the prompt's, the station's, else one in the style's range
 * (moved by pace and mood) whose whole bars fill the clip best. */
static double synth_pick_bpm(il_synth_ctx *c, const il_synth_params *p, const il_gen_prompt_info *pi, int metre)
{
	if (pi->bpm > 0)
		return pi->bpm;
	if (p->bpm > 0)
		return p->bpm;
	double lo = c->st->bpm_lo, hi = c->st->bpm_hi, span = hi - lo;
	if (pi->pace < 0 || c->mood == GEN_MOOD_CALM || c->mood == GEN_MOOD_SAD)
		hi = lo + span * 0.5, lo -= span * (pi->pace < 0 ? 0.3 : 0);
	else if (pi->pace > 0 || c->mood == GEN_MOOD_ENERGETIC || c->mood == GEN_MOOD_HAPPY)
		lo = lo + span * 0.5, hi += span * (pi->pace > 0 ? 0.3 : 0);
	double best = 0, cand[64];
	int n = 0;
	for (double b = floor(lo); b <= hi + 1e-9; b += 1) {
		double bar = synth_bar_seconds(b, metre), len = synth_bars_for(p->seconds, bar) * bar;
		best = len > best ? len : best;
	}
	for (double b = floor(lo); b <= hi + 1e-9 && n < 64; b += 1) {
		double bar = synth_bar_seconds(b, metre), len = synth_bars_for(p->seconds, bar) * bar;
		if (len >= best * 0.97)
			cand[n++] = b;
	}
	return n ? cand[synth_rng_int(&c->rng, n)] : floor(lo);
}

/* True when the style's instrument mine (a GM program, or -1: an
 * oscillator) may stand for a family's name whose program is want: one of
 * the family, or an oscillator where the family is a synthesizer's (bass,
 * synth lead, synth pad: "pulsing bass" in techno is its acid bass). */
static int synth_family_stands(int mine, int want)
{
	if (mine == -1)
		return want / 8 == 4 || want / 8 == 10 || want / 8 == 11;
	return mine >= 0 && mine < GEN_GM_KIT && want < GEN_GM_KIT && mine / 8 == want / 8;
}

/* Instruments: the style's, then the prompt's in the part they prefer. */
static void synth_pick_instruments(il_synth_ctx *c, const il_gen_prompt_info *pi)
{
	il_synth_plan *pl = &c->plan;
	int taken[GEN_PART_COUNT] = { 0 };
	for (int part = 0; part < GEN_PART_COUNT; part++)
		pl->program[part] = c->st->program[part];
	for (int k = 0; k < pi->ninst; k++) {
		int part = pi->inst[k].part;
		if (taken[part] && part != GEN_PART_LEAD && !taken[GEN_PART_LEAD] && pi->inst[k].program < GEN_GM_KIT &&
		    part != GEN_PART_BASS)
			part = GEN_PART_LEAD;
		if (taken[part])
			continue;
		taken[part] = 1;
		int mine = pl->program[part], want = pi->inst[k].program;
		if (pi->inst[k].family && synth_family_stands(mine, want) && !pi->inst[k].octave)
			continue; /* "guitar" in bossa nova: the style's own guitar ("grand piano": the piano) */
		pl->program[part] = want;
		c->octave[part] = pi->inst[k].octave;
	}
	/* Chords and lead the prompt leaves to the style: one of the style's
	 * (from a generator of their own, so that the rest of the clip is what
	 * the seed always made). */
	const il_synth_alts *alt = &synth_alts[pl->style];
	il_synth_rng r;
	synth_rng_seed(&r, c->seed ^ 0x9e3779b97f4a7c15u);
	int ch = synth_rng_int(&r, 1000), ld = synth_rng_int(&r, 1000);
	if (alt->nchords && pl->program[GEN_PART_CHORDS] >= 0 && !taken[GEN_PART_CHORDS])
		pl->program[GEN_PART_CHORDS] = alt->chords[ch % alt->nchords];
	if (alt->nlead && pl->program[GEN_PART_LEAD] >= 0 && !taken[GEN_PART_LEAD])
		pl->program[GEN_PART_LEAD] = alt->lead[ld % alt->nlead];
	if (pi->density < 0 && !taken[GEN_PART_PAD])
		pl->program[GEN_PART_PAD] = -2;
	if (pi->density > 0 && pl->program[GEN_PART_PAD] == -2)
		pl->program[GEN_PART_PAD] = 89;
}

/* Choose style, tempo, key, metre, bars, instruments and the phrase. */
static void synth_plan_clip(il_synth_ctx *c, const il_synth_params *p, const char *soundfont)
{
	il_gen_prompt_info pi;
	gen_prompt_parse(p->prompt, &pi);
	il_synth_plan *pl = &c->plan;
	static const int pool[5] = { GEN_STYLE_LOFI, GEN_STYLE_PIANO, GEN_STYLE_POP, GEN_STYLE_AMBIENT, GEN_STYLE_FOLK };
	pl->style = pi.style >= 0 ? pi.style : pi.hint >= 0 ? pi.hint : pool[synth_rng_int(&c->rng, 5)];
	c->st = &synth_styles[pl->style];
	c->mood = pi.mood;
	c->density = pi.density;
	snprintf(pl->ignored, sizeof pl->ignored, "%s", pi.ignored);
	pl->metre = pi.metre ? pi.metre : c->st->metre;
	pl->beats_per_bar = pl->metre == 6 ? 2 : pl->metre;
	c->spb = pl->metre == 4 ? 16 : 12;
	pl->bpm = synth_pick_bpm(c, p, &pi, pl->metre);
	while (synth_bars_for(p->seconds, synth_bar_seconds(pl->bpm, pl->metre)) < 1 && pl->bpm < 480)
		pl->bpm *= 2; /* a short clip: a faster count, so a whole bar fits */
	int pct = c->mood == GEN_MOOD_DARK || c->mood == GEN_MOOD_SAD ? 95
		  : c->mood == GEN_MOOD_HAPPY				  ? 10
									  : c->st->minor_pct;
	if (pi.key_root >= 0) {
		pl->key_root = pi.key_root;
		pl->minor = pi.minor >= 0 ? pi.minor : 0;
	} else if (p->key > 0) {
		/* The station's key; its relative when the prompt names the other
		 * mode, or the style or mood holds to it, so that a dark station
		 * does not wander into major keys one relative at a time. */
		int root, minor;
		synth_key_decode(p->key, &root, &minor);
		int want = pi.minor >= 0 ? pi.minor : pct >= 80 ? 1 : pct <= 20 ? 0 : minor;
		pl->key_root = want == minor ? root : want ? (root + 9) % 12 : (root + 3) % 12;
		pl->minor = want;
	} else {
		pl->key_root = synth_rng_int(&c->rng, 12);
		pl->minor = pi.minor >= 0 ? pi.minor : synth_rng_int(&c->rng, 100) < pct;
	}
	memcpy(c->scale, pl->minor ? synth_minor : synth_major, sizeof c->scale);
	c->beat = 60.0 / pl->bpm;
	pl->bar_s = synth_bar_seconds(pl->bpm, pl->metre);
	pl->main_bars = synth_bars_for(p->seconds, pl->bar_s);
	if (pl->main_bars < 1)
		pl->main_bars = 1;
	/* The phrase lasts a whole number of FluidSynth's 64-frame blocks, so
	 * every note falls at the same place in its block on each repeat. */
	double blocks = round(pl->main_bars * pl->bar_s * SYNTH_RATE / 64.0);
	pl->bar_s = blocks * 64.0 / SYNTH_RATE / pl->main_bars;
	c->step = pl->bar_s / c->spb;
	pl->cycle_bars = pl->main_bars;
	/* The tail holds the phrase's start again for as long as a loop finder
	 * compares around a seam (0.75 s) before the clip fades out. */
	double slack = p->seconds - pl->main_bars * pl->bar_s, tail = slack - 0.6 > 1.3 ? slack - 0.6 : 1.3;
	pl->intro_s = slack - tail > 0.2 ? slack - tail : slack * 0.3;
	if (pl->intro_s > 0.6) /* a short intro, so a loop finder's seams fall after its fade */
		pl->intro_s = 0.6;
	c->slots_per_bar = pl->bar_s >= 2.4 ? 2 : 1;
	c->swing16 = pl->metre == 4 ? c->st->swing16 : 0;
	c->swing8 = pl->metre == 4 ? c->st->swing8 : 0;
	c->humanize = c->st->humanize;
	synth_pick_instruments(c, &pi);
	c->bass_pat = synth_rng_int(&c->rng, SYNTH_PATS);
	c->bass_pat_b = (c->bass_pat + 1 + synth_rng_int(&c->rng, SYNTH_PATS - 1)) % SYNTH_PATS;
	c->comp_pat = synth_rng_int(&c->rng, SYNTH_PATS);
	c->comp_pat_b = (c->comp_pat + 1 + synth_rng_int(&c->rng, SYNTH_PATS - 1)) % SYNTH_PATS;
	synth_drums_plan(c);
	int any_gm = 0;
	for (int part = 0; part < GEN_PART_COUNT; part++)
		any_gm |= pl->program[part] >= 0;
	c->gm = any_gm && soundfont;
	if (any_gm && !soundfont)
		snprintf(pl->note, sizeof pl->note, "%s; General MIDI instruments are played by oscillators",
			 p->soundfont && *p->soundfont && strcmp(p->soundfont, "none")
				 ? "the soundfont set in 'soundfont' cannot be read"
			 : p->soundfont && !strcmp(p->soundfont, "none")
				 ? "the soundfont is off (setting 'soundfont' is none)"
				 : "no General MIDI soundfont found (install fluid-soundfont-gm or set 'soundfont')");
	synth_form_compose(c);
}

/* Names of the instruments and the GM channel setup of the score. */
static void synth_setup_parts(il_synth_ctx *c)
{
	static const float vol[GEN_PART_COUNT] = { 0.95f, 0.85f, 0.7f, 0.8f, 0.55f };
	il_synth_plan *pl = &c->plan;
	for (int ch = 0; ch < 16; ch++)
		c->score.program[ch] = -1;
	for (int part = 0; part < GEN_PART_COUNT; part++) {
		int prog = pl->program[part];
		if (prog == -2)
			snprintf(pl->instrument[part], sizeof pl->instrument[part], "%s", "");
		else if (prog == -1)
			snprintf(pl->instrument[part], sizeof pl->instrument[part], "%s", part == GEN_PART_DRUMS
				 ? "drum machine" : synth_osc_name(c->st->osc[part]));
		else if (c->gm)
			snprintf(pl->instrument[part], sizeof pl->instrument[part], "%s", gen_prompt_gm_name(prog));
		else
			snprintf(pl->instrument[part], sizeof pl->instrument[part], "%.28s (synth)", gen_prompt_gm_name(prog));
		if (prog < 0 || !c->gm)
			continue;
		const il_synth_place *sp = &synth_place[part];
		for (int k = 0; k < 2; k++) {
			int ch = k ? sp->chan2 : sp->chan;
			c->score.program[ch] = prog;
			c->score.vol[ch] = vol[part];
			c->score.pan[ch] = (k ? sp->pan2 : sp->pan) * c->st->width;
			c->score.rev[ch] = sp->rev * (0.5f + c->st->room * 0.6f);
		}
	}
}

/* Play the phrase's bars once, from bus time t_main (synth_fold repeats them). */
static int synth_play_bars(il_synth_ctx *c, const il_synth_params *p)
{
	for (int bar = 0; bar < c->plan.main_bars; bar++) {
		synth_rng_seed(&c->rng, c->seed * 1000003u + (uint64_t)bar + 17u);
		synth_parts_bar(c, bar);
		if (p->cancel && *p->cancel)
			return -1;
	}
	return 0;
}

/* Frames of a run from bus frame i that keeps to one pass of the phrase
 * (len frames from bus frame main_f, repeated both ways) and ends by end;
 * *j is set to the phrase frame at i. */
static size_t synth_run(size_t i, size_t end, size_t main_f, size_t len, size_t *j)
{
	*j = (i % len + len - main_f % len) % len;
	return len - *j < end - i ? len - *j : end - i;
}

/* Make the dry bus the phrase repeated: what was played outside the phrase
 * [main_f, main_f + len) (its notes' tails after it, early notes before
 * it) is added where it falls in the phrase, then the phrase is copied over
 * the whole bus, its end before it and its start after it. This is what
 * playing the phrase again and again would leave, for the price of one
 * playing. Runs of frames that keep to one pass of the phrase are added
 * and copied whole, in the order of the bus. */
static void synth_fold(il_synth_bus *b, size_t main_f, size_t len)
{
	float *chans[4] = { b->l, b->r, b->rev, b->dly };
	const size_t from[2] = { 0, main_f + len }, to[2] = { main_f, b->n };
	for (int k = 0; k < 4; k++) {
		float *x = chans[k], *ph = x + main_f;
		for (int copy = 0; copy < 2; copy++)
			for (int side = 0; side < 2; side++)
				for (size_t i = from[side], j, m; i < to[side]; i += m) {
					m = synth_run(i, to[side], main_f, len, &j);
					if (copy)
						memcpy(x + i, ph + j, m * sizeof *x);
					else
						for (size_t q = 0; q < m; q++)
							ph[j + q] += x[i + q];
				}
	}
}

/* Level, soft-clip and interleave the clip part of the bus into out, with
 * the intro fading in and the end fading out. */
static void synth_master(il_synth_ctx *c, size_t off, size_t n, float *out)
{
	il_synth_bus *b = &c->bus;
	float R = 1.0f - 2.0f * 3.14159265f * 10.0f / b->rate, pl = 0, pr = 0, yl = 0, yr = 0;
	for (size_t i = 0; i < b->n; i++) { /* DC blocker, about 10 Hz */
		yl = b->l[i] - pl + R * yl;
		yr = b->r[i] - pr + R * yr;
		pl = b->l[i];
		pr = b->r[i];
		b->l[i] = yl;
		b->r[i] = yr;
	}
	size_t ls = off + c->plan.loop_start, le = off + c->plan.loop_end;
	double sum = 0;
	for (size_t i = ls; i < le; i++)
		sum += (double)b->l[i] * b->l[i] + (double)b->r[i] * b->r[i];
	double rms = sqrt(sum / (2.0 * (double)(le > ls ? le - ls : 1)));
	float gain = rms > 1e-9 ? (float)(0.2 / rms) : 1.0f, peak = 0;
	for (size_t i = 0; i < n; i++) {
		float v[2] = { b->l[off + i] * gain, b->r[off + i] * gain };
		for (int ch = 0; ch < 2; ch++) {
			float x = v[ch] > 3 ? 3 : v[ch] < -3 ? -3 : v[ch];
			x = x * (27 + x * x) / (27 + 9 * x * x);
			out[2 * i + ch] = x;
			if (fabsf(x) > peak)
				peak = fabsf(x);
		}
	}
	float norm = peak > 0.89f ? 0.89f / peak : 1.0f;
	/* The intro is silent for its first 40 %, then rises to full level at half way. */
	size_t fade = (size_t)(0.25 * b->rate), f0 = (size_t)(c->plan.intro_s * 0.4 * b->rate),
	       f1 = (size_t)(c->plan.intro_s * 0.5 * b->rate);
	for (size_t i = 0; i < n; i++) {
		float f = norm;
		if (i < f1) {
			float x = i < f0 ? 0.0f : (float)(i - f0) / (float)(f1 - f0);
			f *= x * x;
		}
		if (i + fade > n) { /* the clip ends in silence */
			float x = (float)(n - i) / (float)fade;
			f *= x * x;
		}
		out[2 * i] *= f;
		out[2 * i + 1] *= f;
	}
}

/* Vinyl crackle, one phrase long and repeated, so the loop stays seamless;
 * made in the bus's sends (spent after the effects). */
static void synth_crackle(il_synth_ctx *c, size_t main_f, float level)
{
	size_t len = c->plan.loop_end - c->plan.loop_start;
	float *spare = c->bus.rev; /* rev and dly: 2 * total >= 2 * len floats */
	memset(spare, 0, 2 * len * sizeof *spare);
	il_synth_bus cb = { spare, spare + len, NULL, NULL, len, c->bus.rate };
	sv_crackle(&cb, &c->rng, level);
	for (size_t i = 0, k, m; i < c->bus.n; i += m) {
		m = synth_run(i, c->bus.n, main_f, len, &k);
		for (size_t q = 0; q < m; q++) {
			c->bus.l[i + q] += cb.l[k + q];
			c->bus.r[i + q] += cb.r[k + q];
		}
	}
}

/* Render the clip of n frames into a new buffer, *res (interleaved; the
 * caller frees it); 0, -1 cancelled, or -2 with err. */
static int synth_render_clip(il_synth_ctx *c, const il_synth_params *p, const char *soundfont, float **res, size_t n,
			     il_err *err)
{
	il_synth_plan *pl = &c->plan;
	/* Reverb and delay tails too: 4 s of history (less for short clips). */
	double pre_s = p->seconds / 2 < 4.0 ? p->seconds / 2 : 4.0;
	int pre_bars = (int)ceil((pl->intro_s + pre_s) / pl->bar_s);
	/* Bar 0 starts on a 64-frame block of the bus (see synth_plan_clip). */
	size_t main_f = (size_t)ceil(pre_bars * pl->bar_s * SYNTH_RATE / 64.0) * 64;
	pl->loop_start = (size_t)llround(pl->intro_s * SYNTH_RATE);
	size_t len = (size_t)llround(pl->main_bars * pl->bar_s * SYNTH_RATE);
	/* After the phrase, room for its notes' tails as long as the history. */
	size_t off = main_f - pl->loop_start, total = off + n, tails = main_f + len + (size_t)(pre_s * SYNTH_RATE);
	if (total < tails)
		total = tails;
	float *mem = calloc(4 * total, sizeof *mem);
	if (!mem)
		return il_err_set(err, IL_E_INTERNAL, "out of memory rendering %g s of synth audio", p->seconds), -2;
	c->bus = (il_synth_bus){ mem, mem + total, mem + 2 * total, mem + 3 * total, total, SYNTH_RATE };
	c->t_main = (double)main_f / SYNTH_RATE;
	pl->loop_end = pl->loop_start + len;
	pl->end_s = pl->intro_s + pl->main_bars * pl->bar_s;
	c->score.n = 0;
	synth_setup_parts(c);
	int played = synth_play_bars(c, p);
	sv_drum_cache_free(c->drums); /* the drums are played: their shapes go */
	c->drums = NULL;
	if (played != 0) {
		free(mem);
		return -1;
	}
	pl->soundfont = 0;
	if (c->gm && c->score.n > 0) {
		il_err ferr;
		if (synth_fluid_render(&c->score, soundfont, &c->bus, 0.35f * c->st->room, p->cancel, p->timeout, &ferr) == 0) {
			pl->soundfont = 1;
		} else if (p->cancel && *p->cancel) {
			free(mem);
			return -1;
		} else { /* FluidSynth failed: the oscillators play everything */
			free(mem);
			c->gm = 0;
			int rc = synth_render_clip(c, p, NULL, res, n, err);
			snprintf(pl->note, sizeof pl->note, "%.140s; General MIDI instruments are played by oscillators", ferr.msg);
			return rc;
		}
	}
	synth_fold(&c->bus, main_f, len);
	c->bus.n = off + n; /* the tails are folded in: the rest ends with the clip */
	const il_synth_style *st = c->st;
	double delay = st->delay_beats > 0 ? st->delay_beats * c->beat : 0.3;
	sv_effects(&c->bus, st->room, st->wet, delay, st->delay_beats > 0 ? st->feedback : 0);
	if (st->crackle > 0)
		synth_crackle(c, main_f, st->crackle);
	if (st->lowpass > 0)
		sv_lowpass(&c->bus, st->lowpass);
	sv_width(&c->bus, 150.0f, 0.7f, 1.0f + 2.0f * st->width);
	/* The clip is mastered into the spent sends (2 * total >= 2 * n
	 * floats), then moved to the front of the bus, whose rest is let go:
	 * the bus becomes the clip, and no other buffer is needed. */
	synth_master(c, off, n, c->bus.rev);
	memmove(mem, c->bus.rev, 2 * n * sizeof *mem);
	float *clip = realloc(mem, 2 * n * sizeof *mem);
	*res = clip ? clip : mem;
	return 0;
}

/* Render a clip (see synth.h). */
int synth_render(const il_synth_params *p, float **out, size_t *nframes, il_synth_plan *plan,
		 il_err *err)
{
	*out = NULL;
	*nframes = 0;
	if (!(p->seconds >= 2 && p->seconds <= 60))
		return il_err_set(err, IL_E_GEN, "the synth makes clips of 2 to 60 seconds, not %g", p->seconds);
	il_synth_ctx *c = calloc(1, sizeof *c);
	size_t n = (size_t)llround(p->seconds * SYNTH_RATE);
	float *res = NULL;
	if (!c)
		return il_err_set(err, IL_E_INTERNAL, "out of memory rendering %g s of synth audio", p->seconds);
	const char *sf = p->soundfont && !strcmp(p->soundfont, "none") ? NULL : synth_fluid_find(p->soundfont);
	c->seed = p->seed;
	synth_rng_seed(&c->rng, p->seed);
	synth_plan_clip(c, p, sf);
	int rc = synth_render_clip(c, p, sf, &res, n, err);
	if (plan)
		*plan = c->plan;
	free(c->score.ev);
	free(c);
	if (rc != 0) {
		free(res);
		return rc == -1 ? il_err_set(err, IL_E_GEN, "the synth was stopped") : -1;
	}
	*out = res;
	*nframes = n;
	return 0;
}

/* The plan as the clip's tags (see synth.h). */
void synth_plan_tags(const il_synth_plan *pl, char *out, size_t n)
{
	char key[16], secs[64] = "", inst[256] = "";
	synth_key_name(pl->key_root, pl->minor, key, sizeof key);
	for (int k = 0; k < pl->nsections; k++)
		snprintf(secs + strlen(secs), sizeof secs - strlen(secs), "%s%s", k ? " " : "", pl->section[k]);
	for (int part = 0; part < GEN_PART_COUNT; part++)
		if (pl->instrument[part][0])
			snprintf(inst + strlen(inst), sizeof inst - strlen(inst), "%s%s", inst[0] ? ", " : "",
				 pl->instrument[part]);
	snprintf(out, n, "LOOPSTART=%zu LOOPLENGTH=%zu; composer; bpm=%.2f; key=%s; metre=%s; style=%s; "
		 "bars=%d; sections=%s; instruments=%s", pl->loop_start, pl->loop_end - pl->loop_start, pl->bpm,
		 key, pl->metre == 3 ? "3/4" : pl->metre == 6 ? "6/8" : "4/4", gen_prompt_style_name(pl->style),
		 pl->main_bars, secs, inst);
}

/* Write interleaved samples to a WAV file (32-bit float, or 16-bit PCM). */
int synth_write_wav(const char *path, const float *samples, size_t nframes, int rate,
		    int channels, int pcm16, const char *comment, il_err *err)
{
	SF_INFO info;
	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = channels;
	info.format = SF_FORMAT_WAV | (pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
	SNDFILE *f = sf_open(path, SFM_WRITE, &info);
	if (!f)
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, sf_strerror(NULL));
	if (comment)
		sf_set_string(f, SF_STR_COMMENT, comment);
	sf_command(f, SFC_SET_CLIPPING, NULL, SF_TRUE);
	sf_count_t w = sf_writef_float(f, samples, (sf_count_t)nframes);
	int rc = sf_close(f);
	if (w != (sf_count_t)nframes || rc != 0)
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, w != (sf_count_t)nframes ? "short write" : sf_error_number(rc));
	return 0;
}

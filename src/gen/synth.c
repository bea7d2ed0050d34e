/* synth.c: planning and mixing of the built-in synth's clips. */
#include "gen/synth.h"

#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

#include "gen/prompt.h"
#include "gen/synth_int.h"

typedef struct synth_style {
	double bpm_lo, bpm_hi;
	int minor_pct;          /* chance of a minor key when none is given */
	float swing16, swing8;
	int sevenths;
	int chord_center;       /* MIDI centre of the chord voicings */
	int lead_lo, lead_hi;   /* lead range */
	int mel_density;        /* percent of 8ths (16ths for chiptune) with a new note */
	float humanize;         /* seconds */
	float room, wet, delay_beats, feedback;
	float lowpass;          /* master low-pass, Hz (0: none) */
	float crackle;
} synth_style;

static const synth_style synth_styles[GEN_STYLE_COUNT] = {
	[GEN_STYLE_LOFI] = { 70, 90, 60, 0.30f, 0, 1, 60, 67, 84, 35, 0.006f, 0.5f, 0.25f, 0.75f, 0.3f, 5200, 0.012f },
	[GEN_STYLE_AMBIENT] = { 60, 80, 50, 0, 0, 1, 62, 72, 91, 15, 0, 0.95f, 0.9f, 1.5f, 0.55f, 0, 0 },
	[GEN_STYLE_HOUSE] = { 118, 126, 55, 0.12f, 0, 1, 62, 69, 86, 25, 0, 0.5f, 0.18f, 0.75f, 0.3f, 0, 0 },
	[GEN_STYLE_TECHNO] = { 124, 134, 85, 0, 0, 0, 58, 67, 84, 20, 0, 0.6f, 0.2f, 0.75f, 0.45f, 0, 0 },
	[GEN_STYLE_JAZZ] = { 92, 132, 40, 0, 0.33f, 1, 60, 67, 86, 55, 0.008f, 0.4f, 0.2f, 0, 0, 0, 0 },
	[GEN_STYLE_PIANO] = { 64, 84, 45, 0, 0, 0, 55, 67, 86, 45, 0.01f, 0.75f, 0.35f, 0, 0, 0, 0 },
	[GEN_STYLE_CHIPTUNE] = { 126, 156, 50, 0, 0, 0, 64, 72, 91, 55, 0, 0.2f, 0.05f, 0.5f, 0.2f, 0, 0 },
	[GEN_STYLE_CINEMATIC] = { 80, 100, 85, 0, 0, 0, 57, 62, 79, 25, 0, 0.9f, 0.45f, 0, 0, 0, 0 },
	[GEN_STYLE_SYNTHWAVE] = { 92, 112, 70, 0, 0, 0, 60, 67, 86, 35, 0, 0.8f, 0.3f, 0.75f, 0.4f, 0, 0 },
	[GEN_STYLE_DNB] = { 170, 176, 70, 0, 0, 1, 62, 72, 89, 20, 0, 0.8f, 0.3f, 0.75f, 0.35f, 0, 0 },
};

/* Chord cycles as scale degrees, for major and minor keys. */
static const int synth_prog_major[][4] = {
	{ 0, 4, 5, 3 }, { 5, 3, 0, 4 }, { 0, 5, 3, 4 }, { 1, 4, 0, 5 }, { 3, 4, 2, 5 }, { 0, 3, 5, 4 },
	{ 0, 2, 3, 4 }, { 3, 0, 4, 5 },
};
static const int synth_prog_minor[][4] = {
	{ 0, 5, 2, 6 }, { 0, 3, 6, 2 }, { 0, 6, 5, 6 }, { 0, 5, 3, 4 }, { 0, 3, 4, 0 }, { 5, 6, 0, 0 },
	{ 0, 2, 3, 5 }, { 3, 4, 0, 5 },
};
static const int synth_major[7] = { 0, 2, 4, 5, 7, 9, 11 };
static const int synth_minor[7] = { 0, 2, 3, 5, 7, 8, 10 };
static const int synth_dorian[7] = { 0, 2, 3, 5, 7, 9, 10 };

/* Time of 16th step (0-15, may exceed) of main bar (may be -1: the intro). */
double synth_time(const synth_ctx *c, int bar, double step)
{
	double t = c->t_main + bar * c->plan.bar_s + step * c->step;
	int s = (int)step;
	if ((double)s == step) {
		if (s % 2 == 1)
			t += c->swing16 * c->step;
		if (s % 4 == 2)
			t += c->swing8 * 2.0 * c->step;
	}
	return t;
}

/* Index (0-3) into chord[] at the given bar and step. */
int synth_chord_index(const synth_ctx *c, int bar, int step)
{
	if (bar < 0)
		return 0;
	int halves = (bar % c->plan.cycle_bars) * 2 + (step >= 8);
	return (c->half_chords ? halves : halves / 2) % 4;
}

/* MIDI note of scale index si (7 per octave) above octave base (a C). */
int synth_scale_note(const synth_ctx *c, int base, int si)
{
	int oct = si >= 0 ? si / 7 : -((-si + 6) / 7);
	int deg = si - oct * 7;
	return base + c->plan.key_root + 12 * oct + c->scale[deg];
}

/* Random velocity around v (humanized). */
float synth_vel(synth_ctx *c, float v)
{
	return v * (float)(0.88 + 0.24 * synth_rng_unit(&c->rng));
}

/* Build the chord voicings and bass roots from the chord cycle. */
static void synth_voice_chords(synth_ctx *c, int center)
{
	c->nchord = c->sevenths ? 4 : 3;
	for (int k = 0; k < 4; k++) {
		int d = c->prog[k];
		for (int v = 0; v < c->nchord; v++) {
			int m = synth_scale_note(c, 0, d + 2 * v);
			int pc = ((m % 12) + 12) % 12;
			/* Closest placement to the centre keeps the voices together. */
			int note = center - 6 + ((pc - (center - 6)) % 12 + 12) % 12;
			c->chord[k][v] = note;
		}
		for (int a = 0; a < c->nchord; a++) /* sort low to high */
			for (int b = a + 1; b < c->nchord; b++)
				if (c->chord[k][b] < c->chord[k][a]) {
					int t = c->chord[k][a];
					c->chord[k][a] = c->chord[k][b];
					c->chord[k][b] = t;
				}
		int root = synth_scale_note(c, 0, d);
		c->bass_root[k] = 36 + ((root % 12) + 12) % 12;
		if (c->bass_root[k] > 43)
			c->bass_root[k] -= 12;
	}
}

/* True when scale index si is a tone of chord k. */
static int synth_is_chord_tone(const synth_ctx *c, int k, int si)
{
	int d = ((si % 7) + 7) % 7;
	for (int v = 0; v < c->nchord; v++)
		if ((c->prog[k] + 2 * v) % 7 == d)
			return 1;
	return 0;
}

/* Compose the lead: a motif answered with variation over the chord cycle. */
static void synth_compose_lead(synth_ctx *c, const synth_style *st, int fine)
{
	memset(c->mel, 0, sizeof c->mel);
	memset(c->mel_len, 0, sizeof c->mel_len);
	int steps = c->plan.cycle_bars * 16, grid = fine ? 1 : 2;
	int lo = (st->lead_lo - 12 - c->plan.key_root) * 7 / 12, hi = (st->lead_hi - 12 - c->plan.key_root) * 7 / 12;
	int si = (lo + hi) / 2, last = -1;
	int rhythm[16] = { 0 };
	for (int s = 0; s < 16; s += grid)
		rhythm[s] = (int)synth_rng_int(&c->rng, 100) < st->mel_density + (s % 4 == 0 ? 25 : 0);
	for (int s = 0; s < steps; s += grid) {
		int bar = s / 16, pos = s % 16;
		/* Bars 0 and 2 share the motif's rhythm; bars 1 and 3 answer it. */
		int on = (bar % 2 == 0) ? rhythm[pos]
					: (int)synth_rng_int(&c->rng, 100) < st->mel_density + (pos % 4 == 0 ? 20 : 0);
		if (bar == c->plan.cycle_bars - 1 && pos >= 12)
			on = 0; /* breathe before the cycle repeats */
		if (!on)
			continue;
		int k = synth_chord_index(c, bar, pos);
		int r = synth_rng_int(&c->rng, 100);
		si += r < 35 ? 1 : r < 70 ? -1 : r < 82 ? 2 : r < 94 ? -2 : 0;
		if (pos % 8 == 0) /* strong beats land on chord tones */
			for (int d = 0; d < 3 && !synth_is_chord_tone(c, k, si); d++)
				si += (d % 2 == 0) ? 1 : -2;
		if (si < lo)
			si = lo + 1;
		if (si > hi)
			si = hi - 1;
		c->mel[s] = synth_scale_note(c, 12, si);
		if (last >= 0)
			c->mel_len[last] = s - last;
		last = s;
	}
	if (last >= 0)
		c->mel_len[last] = steps - last;
	for (int s = 0; s < steps; s++)
		if (c->mel[s] && c->mel_len[s] > 8)
			c->mel_len[s] = 8;
}

/* Choose tempo, key, bars and the chord cycle from the prompt and the seed. */
static void synth_plan_clip(synth_ctx *c, const synth_params *p)
{
	gen_prompt_info pi;
	gen_prompt_parse(p->prompt, &pi);
	synth_plan *pl = &c->plan;
	pl->style = pi.style >= 0 ? pi.style : synth_rng_int(&c->rng, 2) ? GEN_STYLE_LOFI : GEN_STYLE_PIANO;
	const synth_style *st = &synth_styles[pl->style];
	pl->bpm = pi.bpm > 0 ? pi.bpm : st->bpm_lo + synth_rng_int(&c->rng, (int)(st->bpm_hi - st->bpm_lo) + 1);
	pl->key_root = pi.key_root >= 0 ? pi.key_root : synth_rng_int(&c->rng, 12);
	pl->minor = pi.minor >= 0 ? pi.minor : synth_rng_int(&c->rng, 100) < st->minor_pct;
	const int *mode = pl->minor ? (pl->style == GEN_STYLE_LOFI || pl->style == GEN_STYLE_JAZZ ? synth_dorian : synth_minor)
				    : synth_major;
	memcpy(c->scale, mode, sizeof c->scale);
	c->beat = 60.0 / pl->bpm;
	c->step = c->beat / 4;
	pl->bar_s = 4 * c->beat;
	pl->cycle_bars = pl->bar_s >= 2.4 ? 2 : 4;
	c->half_chords = pl->cycle_bars == 2;
	c->swing16 = st->swing16;
	c->swing8 = st->swing8;
	c->humanize = st->humanize;
	c->sevenths = st->sevenths;
	/* Short clips get a shorter intro and tail, to leave room for whole bars. */
	double share = p->seconds < 10 ? 0.1 : 0.2;
	pl->intro_s = pl->bar_s >= 2.4 ? pl->bar_s / 2 : pl->bar_s;
	if (pl->intro_s > p->seconds * share)
		pl->intro_s = c->beat * floor(p->seconds * share / c->beat);
	double tail = c->beat * 2 > 1.2 ? c->beat * 2 : 1.2;
	if (tail > 2.5)
		tail = 2.5;
	if (tail > p->seconds * 0.15)
		tail = p->seconds * 0.15;
	pl->main_bars = (int)floor((p->seconds - pl->intro_s - tail) / pl->bar_s);
	if (pl->main_bars < 1)
		pl->main_bars = 1;
	/* Short clips: a shorter cycle (fewer chords), whole and then some. */
	while (pl->cycle_bars > 1 && pl->main_bars < pl->cycle_bars + 1)
		pl->cycle_bars /= 2;
	c->t_main = pl->intro_s;
	pl->end_s = c->t_main + pl->main_bars * pl->bar_s;
	const int (*progs)[4] = pl->minor ? synth_prog_minor : synth_prog_major;
	int np = pl->minor ? (int)(sizeof synth_prog_minor / sizeof synth_prog_minor[0])
			   : (int)(sizeof synth_prog_major / sizeof synth_prog_major[0]);
	memcpy(c->prog, progs[synth_rng_int(&c->rng, np)], sizeof c->prog);
	synth_voice_chords(c, st->chord_center);
	c->fill_bars = pl->cycle_bars - 1;
	synth_compose_lead(c, st, pl->style == GEN_STYLE_CHIPTUNE);
}

/* Soft-clip, level and interleave the two channels into out. */
static void synth_master(synth_ctx *c, float *out)
{
	synth_bus *b = &c->bus;
	/* DC blocker: a one-pole high-pass at about 10 Hz. */
	float R = 1.0f - 2.0f * 3.14159265f * 10.0f / b->rate, pl = 0, pr = 0, yl = 0, yr = 0;
	for (size_t i = 0; i < b->n; i++) {
		yl = b->l[i] - pl + R * yl;
		yr = b->r[i] - pr + R * yr;
		pl = b->l[i];
		pr = b->r[i];
		b->l[i] = yl;
		b->r[i] = yr;
	}
	double sum = 0;
	for (size_t i = 0; i < b->n; i++)
		sum += (double)b->l[i] * b->l[i] + (double)b->r[i] * b->r[i];
	double rms = sqrt(sum / (2.0 * (double)(b->n ? b->n : 1)));
	float gain = rms > 1e-9 ? (float)(0.2 / rms) : 1.0f, peak = 0;
	for (size_t i = 0; i < b->n; i++) {
		float v[2] = { b->l[i] * gain, b->r[i] * gain };
		for (int ch = 0; ch < 2; ch++) {
			float x = v[ch] > 3 ? 3 : v[ch] < -3 ? -3 : v[ch];
			x = x * (27 + x * x) / (27 + 9 * x * x);
			out[2 * i + ch] = x;
			if (fabsf(x) > peak)
				peak = fabsf(x);
		}
	}
	float norm = peak > 0.89f ? 0.89f / peak : 1.0f;
	size_t fade = (size_t)(0.25 * b->rate);
	for (size_t i = 0; i < b->n; i++) {
		float f = norm;
		if (i + fade > b->n)
			f *= (float)(b->n - i) / (float)fade; /* the clip ends in silence */
		out[2 * i] *= f;
		out[2 * i + 1] *= f;
	}
}

/* Render a clip (see synth.h). */
int synth_render(const synth_params *p, float **out, size_t *nframes, synth_plan *plan,
		 il_err *err)
{
	*out = NULL;
	*nframes = 0;
	if (!(p->seconds >= 2 && p->seconds <= 60))
		return il_err_set(err, IL_E_GEN, "the synth makes clips of 2 to 60 seconds, not %g", p->seconds);
	synth_ctx *c = calloc(1, sizeof *c);
	size_t n = (size_t)llround(p->seconds * SYNTH_RATE);
	float *mem = c ? calloc(4 * n, sizeof *mem) : NULL;
	float *res = mem ? malloc(2 * n * sizeof *res) : NULL;
	if (!res) {
		free(mem);
		free(c);
		return il_err_set(err, IL_E_INTERNAL, "out of memory rendering %g s of synth audio", p->seconds);
	}
	c->bus = (synth_bus){ mem, mem + n, mem + 2 * n, mem + 3 * n, n, SYNTH_RATE };
	synth_rng_seed(&c->rng, p->seed);
	synth_plan_clip(c, p);
	const synth_style *st = &synth_styles[c->plan.style];
	int cancelled = 0;
	synth_parts_intro(c);
	for (int bar = 0; bar < c->plan.main_bars && !cancelled; bar++) {
		/* The same random choices in every chord cycle: bars vary within a
		 * cycle, and whole cycles repeat, so that they loop. */
		synth_rng_seed(&c->rng, p->seed * 1000003u + (uint64_t)(bar % c->plan.cycle_bars) + 17u);
		synth_parts_bar(c, bar);
		cancelled = p->cancel && *p->cancel;
	}
	if (!cancelled) {
		synth_parts_ending(c);
		double delay = st->delay_beats > 0 ? st->delay_beats * c->beat : 0.3;
		sv_effects(&c->bus, st->room, st->wet, delay, st->delay_beats > 0 ? st->feedback : 0);
		if (st->crackle > 0)
			sv_crackle(&c->bus, &c->rng, st->crackle);
		if (st->lowpass > 0)
			sv_lowpass(&c->bus, st->lowpass);
		synth_master(c, res);
		cancelled = p->cancel && *p->cancel;
	}
	if (plan)
		*plan = c->plan;
	free(mem);
	free(c);
	if (cancelled) {
		free(res);
		return il_err_set(err, IL_E_GEN, "the synth was stopped");
	}
	*out = res;
	*nframes = n;
	return 0;
}

/* Write interleaved samples to a WAV file (32-bit float, or 16-bit PCM). */
int synth_write_wav(const char *path, const float *samples, size_t nframes, int rate,
		    int channels, int pcm16, il_err *err)
{
	SF_INFO info;
	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = channels;
	info.format = SF_FORMAT_WAV | (pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
	SNDFILE *f = sf_open(path, SFM_WRITE, &info);
	if (!f)
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, sf_strerror(NULL));
	sf_command(f, SFC_SET_CLIPPING, NULL, SF_TRUE);
	sf_count_t w = sf_writef_float(f, samples, (sf_count_t)nframes);
	int rc = sf_close(f);
	if (w != (sf_count_t)nframes || rc != 0)
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, w != (sf_count_t)nframes ? "short write" : sf_error_number(rc));
	return 0;
}

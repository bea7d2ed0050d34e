/* synth_theory.c: the composer's time grid and harmony helpers (where a
 * step falls, which chord slot, which scale note), shared by the form and
 * the parts. */
#include "gen/synth_internal.h"

#define SYNTH_HUMAN_MIN 0.004 /* +-2 ms */

/* Bus time of 16th step (may be past the bar) of phrase bar. */
double synth_time(const il_synth_ctx *c, int bar, double step)
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

/* Time of 16th step s of phrase bar, a few ms off the grid: at least
 * SYNTH_HUMAN_MIN seconds of spread, more where the style is played by hand. */
double synth_hit_time(il_synth_ctx *c, int bar, double s)
{
	double h = c->humanize > SYNTH_HUMAN_MIN ? c->humanize : SYNTH_HUMAN_MIN;
	return synth_time(c, bar, s) + h * (synth_rng_unit(&c->rng) - 0.5);
}

/* True when phrase bar b (0..main_bars) starts a section. */
int synth_section_start(const il_synth_ctx *c, int b)
{
	int bar = 0;
	for (int s = 0; s < c->plan.nsections; s++) {
		if (bar == b)
			return 1;
		bar += c->plan.section_bars[s];
	}
	return b == c->plan.main_bars;
}

/* Chord slot at a phrase bar (any integer) and step. */
int synth_slot(const il_synth_ctx *c, int bar, int step)
{
	int P = c->plan.main_bars;
	bar = ((bar % P) + P) % P;
	int half = c->slots_per_bar == 2 && step >= c->spb / 2;
	int k = bar * c->slots_per_bar + half;
	return k < c->nslot ? k : c->nslot - 1;
}

/* MIDI note of scale index si (7 per octave) above octave base (a C). */
int synth_scale_note(const il_synth_ctx *c, int base, int si)
{
	int oct = si >= 0 ? si / 7 : -((-si + 6) / 7);
	int deg = si - oct * 7;
	return base + c->plan.key_root + 12 * oct + c->scale[deg];
}

/* Semitone of scale degree d in chord slot k (in a minor key the raised
 * leading tone of the harmonic minor, but over III and VII, which hold the
 * natural seventh). */
int synth_degree_semi(const il_synth_ctx *c, int k, int d)
{
	d = ((d % 7) + 7) % 7;
	int v = c->scale[d];
	if (c->plan.minor && d == 6 && k >= 0 && k < c->nslot && c->deg[k] != 2 && c->deg[k] != 6)
		v++; /* harmonic minor: the leading tone, but over III and VII */
	return v;
}

/* Random velocity around v (humanized). */
float synth_vel(il_synth_ctx *c, float v)
{
	return v * (float)(0.88 + 0.24 * synth_rng_unit(&c->rng));
}

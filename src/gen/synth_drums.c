/* synth_drums.c: the drum part. Each seed picks its groove: one of the
 * style's patterns for the A sections and another for the B section, a
 * feel to play them with (as written, half time, busier hats, hats on the
 * off-beats), and which fills end the sections (toms, a snare roll, a
 * two-beat build, a break, kick and snare). Hits fall a few milliseconds
 * off the grid with varied velocity. */
#include <string.h>

#include "gen/synth_internal.h"

/* GM percussion notes of the drum sounds. */
static const int drums_gm[DR_COUNT] = { 36, 38, 37, 39, 42, 46, 51, 49, 45, 50, 70, 63, 75 };

/* Feels: how a pattern is played. */
enum { FEEL_ASIS, FEEL_HALF, FEEL_BUSY, FEEL_OFFBEAT, FEEL_COUNT };
/* Fills before a new section. */
enum { FILL_TOMS, FILL_ROLL, FILL_BUILD, FILL_BREAK, FILL_KICK_SNARE, FILL_COUNT };
/* Pattern lines. */
enum { LINE_KICK, LINE_SNARE, LINE_HAT, LINE_OHAT, LINE_PERC };

/* A drum hit. */
static void drums_hit(il_synth_ctx *c, int sound, double t, float vel)
{
	if (vel <= 0)
		return;
	if (synth_part_is_gm(c, GEN_PART_DRUMS)) {
		int v = (int)(vel * 115 + 0.5f);
		synth_score_add(&c->score, t, 0.2, synth_place[GEN_PART_DRUMS].chan, drums_gm[sound],
				v < 1 ? 1 : v > 127 ? 127 : v);
		return;
	}
	int kit = c->plan.program[GEN_PART_DRUMS] >= 0 ? KIT_ACOUSTIC : c->st->osc[GEN_PART_DRUMS];
	/* The hit's noise has its own generator: how much of it is rendered
	 * (a hit cut by the end of the clip) must not change later choices. */
	il_synth_rng noise;
	synth_rng_seed(&noise, synth_rng_u32(&c->rng));
	synth_osc_drum(c, &noise, kit, sound, t, vel);
}

/* The pattern's line. */
static const char *drums_line(const il_synth_drum_pat *p, int line)
{
	switch (line) {
	case LINE_KICK: return p->kick;
	case LINE_SNARE: return p->snare;
	case LINE_HAT: return p->hat;
	case LINE_OHAT: return p->ohat;
	default: return p->perc;
	}
}

/* Hits of a line in a bar of 16ths. */
static int drums_count(const char *line)
{
	int n = 0;
	for (int s = 0; s < 16; s++)
		n += synth_pat_vel(line, s) > 0;
	return n;
}

/* True when feel fits pattern p: half time needs a backbeat (snare on 2
 * and 4, not on 3), busy and off-beat hats need 8th-note hats; 4/4 only. */
static int drums_feel_fits(const il_synth_ctx *c, const il_synth_drum_pat *p, int feel)
{
	if (c->spb != 16 || feel == FEEL_ASIS)
		return 1;
	if (feel == FEEL_HALF)
		return synth_pat_vel(p->snare, 4) > 0.5f && synth_pat_vel(p->snare, 12) > 0.5f &&
		       synth_pat_vel(p->snare, 8) == 0;
	return drums_count(p->hat) >= 6 && strchr(p->hat, 'r') == NULL;
}

/* Velocity of line at step s of pattern p played with the clip's feel. */
static float drums_vel(const il_synth_ctx *c, const il_synth_drum_pat *p, int line, int s)
{
	const char *l = drums_line(p, line);
	float v = synth_pat_vel(l, s);
	int feel = drums_feel_fits(c, p, c->feel) ? c->feel : FEEL_ASIS;
	switch (feel) {
	case FEEL_HALF: /* the snare on 3, the kick out of its way, hats in 8ths */
		if (line == LINE_SNARE)
			return s == 8 ? 1.0f : s == 4 || s == 12 ? 0 : v;
		if (line == LINE_KICK && (s == 8 || s == 12))
			return 0;
		if (line == LINE_HAT)
			return s % 2 ? 0 : v;
		return v;
	case FEEL_BUSY: /* ghost 16ths between the hats, ghost snares before 3 and 1 */
		if (line == LINE_HAT && v == 0 && s % 2 && synth_pat_vel(l, s - 1) > 0)
			return 0.3f;
		if (line == LINE_SNARE && v == 0 && (s == 7 || s == 15))
			return 0.3f;
		return v;
	case FEEL_OFFBEAT: /* hats only between the beats, and open on the last one */
		if (line == LINE_HAT)
			return s % 4 == 2 ? 0.9f : 0;
		if (line == LINE_OHAT && s == 14 && v == 0)
			return 0.6f;
		return v;
	default:
		return v;
	}
}

/* Index of the section phrase bar bar is in. */
static int drums_section_of(const il_synth_ctx *c, int bar)
{
	int end = 0;
	for (int s = 0; s < c->plan.nsections; s++) {
		end += c->plan.section_bars[s];
		if (bar < end)
			return s;
	}
	return c->plan.nsections - 1;
}

/* True when phrase bar b (0..main_bars) starts a section the drums mark
 * with a fill before it and a crash on it: the loop's start, the B
 * section, and any section after one of two bars or more (so a phrase of
 * one-bar sections has no crash and fill in every bar). */
static int drums_marked(const il_synth_ctx *c, int b)
{
	int P = c->plan.main_bars;
	if (!synth_section_start(c, b))
		return 0;
	if (b == 0 || b == P || c->sec_of_bar[b] == SEC_B)
		return 1;
	return c->plan.section_bars[drums_section_of(c, b - 1)] >= 2;
}

/* True when the drums are brushes or hands: no toms or kick rolls. */
static int drums_soft(const il_synth_ctx *c)
{
	return c->plan.style == GEN_STYLE_JAZZ || c->plan.style == GEN_STYLE_BOSSA;
}

/* The seed's groove: patterns, feel and fills. */
void synth_drums_plan(il_synth_ctx *c)
{
	c->drum_pat = synth_rng_int(&c->rng, SYNTH_PATS);
	c->drum_pat_b = (c->drum_pat + 1 + synth_rng_int(&c->rng, SYNTH_PATS - 1)) % SYNTH_PATS;
	c->feel = synth_rng_int(&c->rng, FEEL_COUNT);
	c->fill_kind = synth_rng_int(&c->rng, FILL_COUNT);
}

/* The fill of the last beats of a bar, from step f0 of spb: kind k. */
static void drums_fill(il_synth_ctx *c, int bar, int kind, int f0, int s)
{
	int spb = c->spb, n = spb - f0, i = s - f0;
	float rise = 0.45f + 0.45f * (float)i / (float)(n > 1 ? n - 1 : 1);
	double t = synth_hit_time(c, bar, s);
	switch (kind) {
	case FILL_TOMS:
		drums_hit(c, i < n / 2 ? DR_TOM_H : DR_TOM_L, t, synth_vel(c, rise));
		break;
	case FILL_BUILD: /* 8ths, then 16ths in its last half */
		if (i >= n / 2 || i % 2 == 0)
			drums_hit(c, DR_SNARE, t, synth_vel(c, rise));
		if (i == n / 2)
			drums_hit(c, DR_KICK, t, synth_vel(c, 0.8f));
		break;
	case FILL_BREAK: /* everything stops; the snare leads back in */
		if (s >= spb - 2)
			drums_hit(c, DR_SNARE, t, synth_vel(c, s == spb - 1 ? 0.8f : 0.55f));
		return;
	case FILL_KICK_SNARE:
		drums_hit(c, i % 2 ? DR_SNARE : DR_KICK, t, synth_vel(c, i % 2 ? rise : 0.75f));
		break;
	default:
		drums_hit(c, DR_SNARE, t, synth_vel(c, rise * 0.9f));
		break;
	}
	if (i == 0 && kind != FILL_KICK_SNARE)
		drums_hit(c, DR_KICK, t, synth_vel(c, 0.8f));
}

/* Drums of one bar: the pattern, a breakdown in B, a fill before each new section. */
void synth_drums_bar(il_synth_ctx *c, int bar)
{
	if (!c->st->drums)
		return;
	int in_b = c->plan.nsections == 4 && !strcmp(c->plan.section[2], "B") && c->sec_of_bar[bar] == SEC_B;
	const il_synth_drum_pat *p = &c->st->drums[in_b ? c->drum_pat_b : c->drum_pat];
	int fill = drums_marked(c, bar + 1) && c->plan.main_bars > 1;
	int crash = drums_marked(c, bar) && c->plan.main_bars >= 4;
	int breakdown = in_b && synth_section_start(c, bar) && c->plan.section_bars[2] > 1;
	int spb = c->spb, beat = spb == 12 && c->plan.metre == 6 ? 6 : 4;
	/* The fill's kind: the next one for every section, within what the kit plays. */
	int kind = (c->fill_kind + drums_section_of(c, bar)) % FILL_COUNT;
	int acoustic = synth_part_is_gm(c, GEN_PART_DRUMS) || c->st->osc[GEN_PART_DRUMS] == KIT_ACOUSTIC;
	if ((kind == FILL_TOMS && !acoustic) || (drums_soft(c) && (kind == FILL_TOMS || kind == FILL_KICK_SNARE)))
		kind = FILL_ROLL;
	int f0 = spb - (kind == FILL_BUILD && spb >= 2 * beat ? 2 * beat : beat);
	if (crash)
		drums_hit(c, DR_CRASH, synth_time(c, bar, 0), synth_vel(c, 0.7f));
	for (int s = 0; s < spb; s++) {
		if (fill && s >= f0) {
			drums_fill(c, bar, kind, f0, s);
			continue;
		}
		double t = synth_hit_time(c, bar, s);
		float accent = s % beat == 0 ? 1.0f : 0.85f;
		if (!breakdown)
			drums_hit(c, DR_KICK, t, synth_vel(c, drums_vel(c, p, LINE_KICK, s) * accent));
		drums_hit(c, DR_SNARE, t, synth_vel(c, drums_vel(c, p, LINE_SNARE, s)));
		float hv = drums_vel(c, p, LINE_HAT, s);
		if (hv > 0 && p->hat[s % (int)strlen(p->hat)] == 'r') {
			for (int q = 0; q < 3; q++) /* a triplet roll */
				drums_hit(c, DR_HAT, t + q * c->step / 3, synth_vel(c, 0.35f + 0.1f * q));
		} else {
			drums_hit(c, DR_HAT, t, synth_vel(c, hv * (s % 2 ? 0.7f : 1.0f)));
		}
		int ride = c->plan.style == GEN_STYLE_JAZZ || c->plan.style == GEN_STYLE_ROCK;
		drums_hit(c, ride ? DR_RIDE : DR_OHAT, t, synth_vel(c, drums_vel(c, p, LINE_OHAT, s) * 0.8f));
		drums_hit(c, p->perc_sound, t, synth_vel(c, drums_vel(c, p, LINE_PERC, s)));
	}
}

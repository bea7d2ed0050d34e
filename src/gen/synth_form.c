/* synth_form.c: the phrase: sections (A A' B A''), their chords with a
 * cadence back to the tonic, voice-led chord voicings, which parts play in
 * each bar, and a lead built from motifs (repeated, answered, sequenced,
 * with phrase endings on chord tones). */
#include <string.h>

#include "gen/synth_internal.h"

/* Chord progressions as scale degrees. A sections start on the tonic; B
 * sections move away. Degree 4 in minor is a major dominant (harmonic
 * minor); minor leaves out the subtonic VII, whose natural seventh makes the
 * piece read as the relative major. */
static const int form_prog_a_major[][4] = {
	{ 0, 4, 5, 3 }, { 0, 5, 3, 4 }, { 0, 3, 4, 0 }, { 0, 3, 5, 4 }, { 0, 2, 3, 4 }, { 0, 5, 1, 4 },
};
static const int form_prog_a_minor[][4] = {
	{ 0, 5, 3, 4 }, { 0, 3, 4, 0 }, { 0, 3, 0, 4 }, { 0, 4, 5, 3 }, { 0, 5, 4, 0 }, { 0, 3, 5, 4 },
};
static const int form_prog_b_major[][4] = {
	{ 3, 4, 2, 5 }, { 5, 3, 0, 4 }, { 3, 0, 3, 4 }, { 1, 4, 2, 5 },
};
static const int form_prog_b_minor[][4] = {
	{ 3, 0, 5, 4 }, { 5, 3, 0, 4 }, { 3, 4, 0, 0 }, { 5, 0, 3, 4 },
};

/* Scale index nearest below MIDI note m (7 per octave, 0 = the tonic at MIDI 12 + root). */
static int form_si_of(const il_synth_ctx *c, int m)
{
	int rel = m - 12 - c->plan.key_root, oct = rel >= 0 ? rel / 12 : -((-rel + 11) / 12);
	int pc = rel - 12 * oct, d = 0;
	while (d < 6 && c->scale[d + 1] <= pc)
		d++;
	return 7 * oct + d;
}

/* True when scale index si is a tone of chord slot k. */
static int form_is_chord_tone(const il_synth_ctx *c, int k, int si)
{
	int d = ((si % 7) + 7) % 7;
	for (int v = 0; v < (c->nchord > 3 ? 4 : 3); v++)
		if ((c->deg[k] + 2 * v) % 7 == d)
			return 1;
	return 0;
}

/* Split the phrase into sections and say which parts play in each bar. */
static void form_sections(il_synth_ctx *c)
{
	il_synth_plan *pl = &c->plan;
	int P = pl->main_bars, kinds[4], n;
	if (P == 1)
		n = 1, kinds[0] = SEC_A;
	else if (P == 2)
		n = 2, kinds[0] = SEC_A, kinds[1] = SEC_B;
	else if (P == 3)
		n = 3, kinds[0] = SEC_A, kinds[1] = SEC_B, kinds[2] = SEC_A2;
	else
		n = 4, kinds[0] = SEC_A, kinds[1] = SEC_A1, kinds[2] = SEC_B, kinds[3] = SEC_A2;
	static const char *const names[4] = { "A", "A'", "B", "A''" };
	int size[4] = { 0 }, base = P / n, rem = P % n;
	for (int k = 0; k < n; k++)
		size[k] = base;
	static const int extra_order[4] = { 2, 0, 1, 3 };
	for (int k = 0; rem > 0; k = (k + 1) % 4)
		if (extra_order[k] < n)
			size[extra_order[k]]++, rem--;
	pl->nsections = n;
	int bar = 0;
	for (int k = 0; k < n; k++) {
		strcpy(pl->section[k], names[kinds[k]]);
		pl->section_bars[k] = size[k];
		for (int j = 0; j < size[k]; j++, bar++) {
			c->sec_of_bar[bar] = kinds[k];
			unsigned m = 0;
			for (int part = 0; part < GEN_PART_COUNT; part++)
				if (pl->program[part] != -2)
					m |= 1u << part;
			/* The pad joins after the first section; the first A of a
			 * long phrase starts without the lead in its first bar. */
			if (kinds[k] == SEC_A && n == 4)
				m &= ~(1u << GEN_PART_PAD);
			if (kinds[k] == SEC_A && n == 4 && size[k] > 1 && j == 0 && P >= 8)
				m &= ~(1u << GEN_PART_LEAD);
			c->parts_of_bar[bar] = m;
		}
	}
}

/* The cadence that establishes the key: the tonic at the loop start, and
 * the phrase closes predominant - dominant - tonic, so the loop's last chord
 * is the tonic (a loop of two chords closes on the dominant, which resolves
 * at the loop start). */
static void form_cadence(il_synth_ctx *c, int minor)
{
	int n = c->nslot;
	c->deg[0] = 0;
	if (n == 2)
		c->deg[1] = 4;
	if (n < 3)
		return;
	c->deg[n - 1] = 0;
	c->deg[n - 2] = 4;
	if (n >= 4 && (c->deg[n - 3] == 4 || c->deg[n - 3] == 0 || c->deg[n - 3] == 2))
		c->deg[n - 3] = minor ? 3 : 1;
}

/* Chord degrees of every slot, with the cadences. */
static void form_chords(il_synth_ctx *c)
{
	int minor = c->plan.minor;
	const int(*pa)[4] = minor ? form_prog_a_minor : form_prog_a_major;
	const int(*pb)[4] = minor ? form_prog_b_minor : form_prog_b_major;
	const int *a = pa[synth_rng_int(&c->rng, 6)], *b = pb[synth_rng_int(&c->rng, 4)];
	int spb = c->slots_per_bar, slot = 0, run_a = 0;
	for (int s = 0; s < c->plan.nsections; s++) {
		int kind = c->sec_of_bar[slot / spb], ns = c->plan.section_bars[s] * spb;
		for (int j = 0; j < ns; j++) {
			int v;
			if (kind == SEC_B)
				v = b[j % 4];
			else if (kind == SEC_A1 && ns < 4)
				v = a[(run_a + j) % 4];
			else
				v = a[j % 4];
			c->deg[slot + j] = v;
		}
		if (kind == SEC_B && ns >= 2)
			c->deg[slot + ns - 1] = 4; /* a half cadence before the return */
		if (kind != SEC_B)
			run_a = ns;
		slot += ns;
	}
	c->nslot = slot;
	form_cadence(c, minor);
}

/* The pitch class of scale degree d in chord slot k. */
static int form_pc(const il_synth_ctx *c, int k, int d)
{
	return (c->plan.key_root + synth_degree_semi(c, k, d)) % 12;
}

/* The bass's root for pitch class pc, from Ab1 (32) up to G2 (43). */
static int form_bass_root(int pc)
{
	return 36 + pc > 43 ? 24 + pc : 36 + pc;
}

/* Power chords (root, fifth, octave): the root near the previous one, kept
 * within an octave and a half of the style's centre. */
static void form_power_chords(il_synth_ctx *c)
{
	int center = c->st->chord_center, prev = center - 6;
	c->nchord = 3;
	for (int k = 0; k < c->nslot; k++) {
		int pc = form_pc(c, k, c->deg[k]), best = 0, bestcost = 1 << 30;
		for (int r = center - 12; r <= center + 3; r++) {
			if (((r % 12) + 12) % 12 != pc)
				continue;
			int mid = r + 6 - center, cost = (r > prev ? r - prev : prev - r) + 2 * (mid < 0 ? -mid : mid);
			if (cost < bestcost)
				bestcost = cost, best = r;
		}
		c->chord[k][0] = best;
		c->chord[k][1] = best + 7;
		c->chord[k][2] = best + 12;
		prev = best;
		c->bass_root[k] = form_bass_root(pc);
	}
}

/* Voice every chord near the previous one (common tones held, small steps). */
static void form_voicings(il_synth_ctx *c)
{
	int center = c->st->chord_center;
	if (c->st->sevenths < 0) {
		form_power_chords(c);
		return;
	}
	c->nchord = c->st->sevenths ? 4 : 3;
	int prev[5] = { 0 };
	for (int k = 0; k < c->nslot; k++) {
		int pcs[4];
		for (int v = 0; v < c->nchord; v++) {
			int d = c->deg[k] + 2 * v;
			pcs[v] = form_pc(c, k, d % 7);
		}
		int best[5] = { 0 }, bestcost = 1 << 30;
		for (int lo = center - 9; lo <= center - 1; lo++) {
			int cand[5];
			for (int v = 0; v < c->nchord; v++)
				cand[v] = lo + ((pcs[v] - lo) % 12 + 12) % 12;
			for (int x = 0; x < c->nchord; x++) /* sort */
				for (int y = x + 1; y < c->nchord; y++)
					if (cand[y] < cand[x]) {
						int t = cand[x];
						cand[x] = cand[y];
						cand[y] = t;
					}
			int cost = 0;
			for (int v = 0; v < c->nchord; v++)
				cost += k ? (cand[v] > prev[v] ? cand[v] - prev[v] : prev[v] - cand[v]) : 0;
			int mid = (cand[0] + cand[c->nchord - 1]) / 2 - center;
			cost += 2 * (mid < 0 ? -mid : mid);
			if (cost < bestcost) {
				bestcost = cost;
				memcpy(best, cand, sizeof best);
			}
		}
		memcpy(c->chord[k], best, sizeof best);
		memcpy(prev, best, sizeof prev);
		c->bass_root[k] = form_bass_root(form_pc(c, k, c->deg[k]));
	}
}

typedef struct form_motif {
	int on[SYNTH_STEPS_MAX]; /* onsets */
	int step[SYNTH_STEPS_MAX]; /* scale steps from the previous note */
} form_motif;

/* A one-bar motif: a rhythm on the 8th grid (16ths for dense styles) and a contour. */
static void form_motif_make(il_synth_ctx *c, form_motif *m, int density, int grid)
{
	memset(m, 0, sizeof *m);
	int count = 0;
	for (int s = 0; s < c->spb; s += grid) {
		int strong = s % 4 == 0;
		m->on[s] = (int)synth_rng_int(&c->rng, 100) < density + (strong ? 25 : 0);
		count += m->on[s];
	}
	if (count < 2)
		m->on[0] = m->on[c->spb / 2] = 1;
	int dir = synth_rng_int(&c->rng, 2) ? 1 : -1;
	for (int s = 0; s < c->spb; s++) {
		int r = synth_rng_int(&c->rng, 100);
		int st = r < 55 ? 1 : r < 75 ? 2 : r < 88 ? 0 : r < 96 ? 3 : 4;
		if (st >= 3)
			dir = -dir; /* a leap, then a step back */
		m->step[s] = dir * st;
		if (synth_rng_int(&c->rng, 100) < 30)
			dir = -dir;
	}
}

/* A variation: one onset moved or added, the contour kept or inverted. */
static void form_motif_vary(il_synth_ctx *c, const form_motif *src, form_motif *dst, int invert, int grid)
{
	*dst = *src;
	int s = grid * synth_rng_int(&c->rng, c->spb / grid);
	dst->on[s] = !dst->on[s];
	dst->on[0] = 1;
	if (invert)
		for (int k = 0; k < c->spb; k++)
			dst->step[k] = -dst->step[k];
}

/* A phrase ending over the tonic chord lands on the tonic (at the loop's
 * end, home) or on the third: the note at step s of bar, scale index si. */
static void form_land(il_synth_ctx *c, int bar, int s, int si, int lo, int hi, int home)
{
	int k = synth_slot(c, bar, s);
	if (c->deg[k] != 0)
		return;
	int best = si, bestd = 1 << 30;
	for (int t = si - 4; t <= si + 4; t++) {
		int td = ((t % 7) + 7) % 7, dist = t > si ? t - si : si - t;
		if (t < lo - 1 || t > hi + 1 || (td != 0 && (home || td != 2)))
			continue;
		if (dist < bestd)
			best = t, bestd = dist;
	}
	int oct = best >= 0 ? best / 7 : -((-best + 6) / 7);
	c->mel[bar * c->spb + s] = 12 + c->plan.key_root + 12 * oct + synth_degree_semi(c, k, best - 7 * oct);
}

/* Write one bar of the lead from a motif, starting near scale index target. */
static void form_bar(il_synth_ctx *c, int bar, const form_motif *m, int target, int lo, int hi, int ending)
{
	int *mel = c->mel + bar * c->spb, *len = c->mel_len + bar * c->spb;
	int si = target, last = -1;
	int k0 = synth_slot(c, bar, 0);
	for (int d = 0; d < 4 && !form_is_chord_tone(c, k0, si); d++)
		si += d % 2 ? -d - 1 : d + 1;
	for (int s = 0; s < c->spb; s++) {
		if (!m->on[s])
			continue;
		if (last >= 0)
			si += m->step[s];
		if (si > hi)
			si -= 2 + (si - hi);
		if (si < lo)
			si += 2 + (lo - si);
		int k = synth_slot(c, bar, s);
		if (s % (c->spb == 12 ? 6 : 4) == 0 || (ending && s >= c->spb / 2))
			for (int d = 0; d < 3 && !form_is_chord_tone(c, k, si); d++)
				si += d % 2 ? -2 : 1;
		int oct = si >= 0 ? si / 7 : -((-si + 6) / 7);
		mel[s] = 12 + c->plan.key_root + 12 * oct + synth_degree_semi(c, k, si - 7 * oct);
		if (last >= 0)
			len[last] = s - last;
		last = s;
	}
	if (last >= 0 && ending)
		form_land(c, bar, last, si, lo, hi, ending > 1);
	if (last >= 0)
		len[last] = c->spb - last - (ending ? 0 : 1);
	if (last >= 0 && len[last] < 1)
		len[last] = 1;
}

/* The lead of the whole phrase. */
static void form_melody(il_synth_ctx *c)
{
	memset(c->mel, 0, sizeof c->mel);
	memset(c->mel_len, 0, sizeof c->mel_len);
	int lo = form_si_of(c, c->st->lead_lo + 2), hi = form_si_of(c, c->st->lead_hi - 2);
	if (c->mood == GEN_MOOD_DARK || c->mood == GEN_MOOD_SAD)
		lo -= 2, hi -= 2;
	int grid = c->plan.style == GEN_STYLE_CHIPTUNE ? 1 : 2;
	int dens = c->st->mel_density + 10 * c->density;
	form_motif ma, mb, var;
	form_motif_make(c, &ma, dens, grid);
	form_motif_make(c, &mb, dens - 10, grid);
	int home = lo + (hi - lo) * 2 / 5;
	int bar = 0;
	for (int s = 0; s < c->plan.nsections; s++) {
		int n = c->plan.section_bars[s], kind = c->sec_of_bar[bar];
		int target = kind == SEC_B ? home + 4 : kind == SEC_A1 ? home + 2 : home;
		for (int j = 0; j < n; j++, bar++) {
			int ending = j == n - 1 && (n > 1 || s == c->plan.nsections - 1);
			if (ending && s == c->plan.nsections - 1)
				ending = 2; /* the loop's end: home */
			const form_motif *m = kind == SEC_B ? &mb : &ma;
			if (j % 2 == 1 || kind == SEC_A1) {
				form_motif_vary(c, m, &var, j % 2 == 1, grid);
				m = &var;
			}
			form_bar(c, bar, m, target + (j % 2 ? 1 : 0) + (j >= 2 ? -1 : 0), lo, hi, ending);
		}
	}
}

/* Sections, chords and the melody of the phrase. */
void synth_form_compose(il_synth_ctx *c)
{
	form_sections(c);
	form_chords(c);
	form_voicings(c);
	form_melody(c);
}

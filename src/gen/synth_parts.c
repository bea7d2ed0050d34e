/* synth_parts.c: the parts of one bar (drums with fills and crashes, bass,
 * chords, lead, pad), played by General MIDI instruments (into the score
 * FluidSynth renders) or by the oscillators. */
#include <stdlib.h>
#include <string.h>

#include "gen/synth_internal.h"

/* The stage: drums and bass in the centre, the chords spread from the left,
 * the lead right of centre, the pad across the whole field. */
const il_synth_place synth_place[GEN_PART_COUNT] = {
	[GEN_PART_DRUMS] = { 9, 9, 0, 0, 0.25f },
	[GEN_PART_BASS] = { 0, 0, 0, 0, 0.08f },
	[GEN_PART_CHORDS] = { 1, 4, -1.0f, 1.0f, 0.5f },
	[GEN_PART_LEAD] = { 2, 2, 0.35f, 0.35f, 0.45f },
	[GEN_PART_PAD] = { 3, 5, -1.0f, 1.0f, 0.7f },
};
/* GM percussion notes of the drum sounds. */
static const int parts_gm_drum[DR_COUNT] = { 36, 38, 37, 39, 42, 46, 51, 49, 45, 50, 70, 63, 75 };

/* Velocity of a pattern character ('.' and '-' are none). */
static float parts_pat(const char *pat, int s)
{
	if (!pat || !*pat)
		return 0;
	switch (pat[s % (int)strlen(pat)]) {
	case 'X': return 1.0f;
	case 'x': return 0.8f;
	case 'o': return 0.55f;
	case 'g': return 0.3f;
	case 'r': return 0.6f;
	default: return 0.0f;
	}
}

/* Time of a hit with a little human timing. */
static double parts_hit_time(il_synth_ctx *c, int at, double s)
{
	double t = synth_time(c, at, s);
	if (c->humanize > 0)
		t += c->humanize * (synth_rng_unit(&c->rng) - 0.5);
	return t;
}

/* True when a General MIDI instrument plays the part. */
static int parts_is_gm(const il_synth_ctx *c, int part)
{
	return c->gm && c->plan.program[part] >= 0;
}

/* A pitched note of a part, side 0..1 from its first place to its second:
 * GM into the score (on the part's second channel from side 0.5), or an
 * oscillator panned between the two. */
static void parts_note(il_synth_ctx *c, int part, double t, double dur, int midi, float vel, float side)
{
	midi += 12 * c->octave[part];
	if (midi < 12 || midi > 115 || vel <= 0)
		return;
	const il_synth_place *pl = &synth_place[part];
	if (parts_is_gm(c, part)) {
		int v = (int)(vel * 127 + 0.5f);
		synth_score_add(&c->score, t, dur, side < 0.5f ? pl->chan : pl->chan2, midi, v < 1 ? 1 : v > 127 ? 127 : v);
		return;
	}
	int prog = c->plan.program[part];
	int osc = prog >= 0 ? synth_osc_for_program(prog) : c->st->osc[part];
	float pan = (pl->pan + side * (pl->pan2 - pl->pan)) * c->st->width;
	synth_osc_note(c, osc, t, dur, midi, vel * 0.45f, pan, part == GEN_PART_BASS ? 0 : 0.8f * c->st->width);
}

/* A drum hit. */
static void parts_drum(il_synth_ctx *c, int sound, double t, float vel)
{
	if (vel <= 0)
		return;
	if (parts_is_gm(c, GEN_PART_DRUMS)) {
		int v = (int)(vel * 115 + 0.5f);
		synth_score_add(&c->score, t, 0.2, synth_place[GEN_PART_DRUMS].chan, parts_gm_drum[sound], v < 1 ? 1 : v > 127 ? 127 : v);
		return;
	}
	int kit = c->plan.program[GEN_PART_DRUMS] >= 0 ? KIT_ACOUSTIC : c->st->osc[GEN_PART_DRUMS];
	/* The hit's noise has its own generator: how much of it is rendered
	 * (a hit cut by the end of the clip) must not change later choices. */
	il_synth_rng noise;
	synth_rng_seed(&noise, synth_rng_u32(&c->rng));
	synth_osc_drum(c, &noise, kit, sound, t, vel);
}

/* True when phrase bar b starts a section. */
static int parts_section_start(const il_synth_ctx *c, int b)
{
	int bar = 0;
	for (int s = 0; s < c->plan.nsections; s++) {
		if (bar == b)
			return 1;
		bar += c->plan.section_bars[s];
	}
	return b == c->plan.main_bars;
}

/* Drums of one bar: the pattern, a breakdown in B, a fill before each new section. */
static void parts_drums(il_synth_ctx *c, int bar, int at)
{
	if (!c->st->drums)
		return;
	int in_b = c->plan.nsections == 4 && !strcmp(c->plan.section[2], "B") && c->sec_of_bar[bar] == 2;
	const il_synth_drum_pat *p = &c->st->drums[(c->drum_pat + (in_b ? 1 : 0)) % SYNTH_PATS];
	int fill = parts_section_start(c, bar + 1) && c->plan.main_bars > 1;
	int crash = parts_section_start(c, bar) && c->plan.main_bars >= 4;
	int breakdown = in_b && parts_section_start(c, bar) && c->plan.section_bars[2] > 1;
	int spb = c->spb, beat = spb == 12 && c->plan.metre == 6 ? 6 : 4;
	if (crash)
		parts_drum(c, DR_CRASH, synth_time(c, at, 0), synth_vel(c, 0.7f));
	for (int s = 0; s < spb; s++) {
		double t = parts_hit_time(c, at, s);
		float accent = s % beat == 0 ? 1.0f : 0.85f;
		if (fill && s >= spb - beat) {
			/* The fill: the last beat rolls on the snare or toms. */
			int acoustic = parts_is_gm(c, GEN_PART_DRUMS) || c->st->osc[GEN_PART_DRUMS] == KIT_ACOUSTIC;
			int sound = acoustic ? (s - (spb - beat) < beat / 2 ? DR_TOM_H : DR_TOM_L) : DR_SNARE;
			if (c->plan.style == GEN_STYLE_JAZZ || c->plan.style == GEN_STYLE_BOSSA)
				sound = DR_SNARE;
			parts_drum(c, sound, t, synth_vel(c, 0.45f + 0.1f * (float)(s - (spb - beat))));
			if (s == spb - beat)
				parts_drum(c, DR_KICK, t, synth_vel(c, 0.8f));
			continue;
		}
		if (!breakdown)
			parts_drum(c, DR_KICK, t, synth_vel(c, parts_pat(p->kick, s) * accent));
		parts_drum(c, DR_SNARE, t, synth_vel(c, parts_pat(p->snare, s)));
		float hv = parts_pat(p->hat, s);
		if (hv > 0 && p->hat[s % (int)strlen(p->hat)] == 'r') {
			for (int q = 0; q < 3; q++) /* a triplet roll */
				parts_drum(c, DR_HAT, t + q * c->step / 3, synth_vel(c, 0.35f + 0.1f * q));
		} else {
			parts_drum(c, DR_HAT, t, synth_vel(c, hv * (s % 2 ? 0.7f : 1.0f)));
		}
		int ride = c->plan.style == GEN_STYLE_JAZZ || c->plan.style == GEN_STYLE_ROCK;
		parts_drum(c, ride ? DR_RIDE : DR_OHAT, t, synth_vel(c, parts_pat(p->ohat, s) * 0.8f));
		parts_drum(c, p->perc_sound, t, synth_vel(c, parts_pat(p->perc, s)));
	}
}

/* The note a bass symbol stands for in chord slot k. */
static int parts_bass_note(const il_synth_ctx *c, int k, int next, char sym)
{
	int root = c->bass_root[k];
	switch (sym) {
	case '5': return root + 7;
	case '8': return root + 12;
	case '3': return root + synth_degree_semi(c, k, (c->deg[k] + 2) % 7) - synth_degree_semi(c, k, c->deg[k]) +
			 (synth_degree_semi(c, k, (c->deg[k] + 2) % 7) < synth_degree_semi(c, k, c->deg[k]) ? 12 : 0);
	case '6': return root + 9;
	case '7': return root + 10;
	case 'A': return c->bass_root[next] + (c->bass_root[next] > root ? -1 : 1);
	default: return root;
	}
}

/* The length in steps of the hit at step s of a pattern of n symbols ('-'
 * holds the note on), or 0 when step s is no hit. */
static int parts_hit_len(const char *pat, int n, int s, int spb)
{
	char sym = pat[s % n];
	if (sym == '.' || sym == '-')
		return 0;
	int len = 1;
	while (s + len < spb && pat[(s + len) % n] == '-')
		len++;
	return len;
}

/* Bass of one bar. */
static void parts_bass(il_synth_ctx *c, int bar, int at)
{
	const char *pat = c->st->bass[c->bass_pat] ? c->st->bass[c->bass_pat] : c->st->bass[0];
	if (!pat)
		return;
	int n = (int)strlen(pat);
	for (int s = 0; s < c->spb; s++) {
		int len = parts_hit_len(pat, n, s, c->spb);
		if (!len)
			continue;
		char sym = pat[s % n];
		int k = synth_slot(c, bar, s), next = synth_slot(c, bar, s + len);
		if (next == k)
			next = synth_slot(c, bar + 1 < c->plan.main_bars ? bar + 1 : 0, 0);
		float vel = synth_vel(c, s == 0 ? 0.8f : 0.65f);
		parts_note(c, GEN_PART_BASS, parts_hit_time(c, at, s), len * c->step * 0.92,
			   parts_bass_note(c, k, next, sym), vel, 0.5f);
	}
}

/* Chord slot k, notes from index v0, at t for dur, rolled by roll seconds per note. */
static void parts_chord(il_synth_ctx *c, int part, int k, int v0, double t, double dur, float vel, double roll, int oct)
{
	for (int v = v0; v < c->nchord; v++) {
		float side = (float)v / (float)(c->nchord - 1);
		parts_note(c, part, t + (v - v0) * roll, dur, c->chord[k][v] + 12 * oct, synth_vel(c, vel), side);
	}
}

/* Chords of one bar: held, a comping pattern, or an arpeggio. */
static void parts_comp(il_synth_ctx *c, int bar, int at)
{
	int guitar = c->plan.program[GEN_PART_CHORDS] >= 24 && c->plan.program[GEN_PART_CHORDS] < 32;
	double roll = guitar ? 0.012 : 0.004;
	if (c->st->comp_kind == COMP_HOLD) {
		int slot_steps = c->spb / c->slots_per_bar;
		for (int h = 0; h < c->slots_per_bar; h++) {
			int k = synth_slot(c, bar, h * slot_steps);
			parts_chord(c, GEN_PART_CHORDS, k, 0, synth_time(c, at, h * slot_steps), slot_steps * c->step, 0.5f, 0, 0);
		}
		return;
	}
	const char *pat = c->st->comp[c->comp_pat] ? c->st->comp[c->comp_pat] : c->st->comp[0];
	if (!pat)
		return;
	int n = (int)strlen(pat), arp = 0;
	for (int s = 0; s < c->spb; s++) {
		int len = parts_hit_len(pat, n, s, c->spb);
		if (!len)
			continue;
		char sym = pat[s % n];
		int k = synth_slot(c, bar, s);
		double t = parts_hit_time(c, at, s);
		if (sym == 'a') {
			static const int order[8] = { -1, 0, 1, 2, 1, 0, 2, 1 };
			int idx = order[arp++ % 8];
			int note = idx < 0 ? c->bass_root[k] + 12 : c->chord[k][idx];
			if (c->plan.program[GEN_PART_BASS] == -2 && idx < 0)
				note = c->bass_root[k] + 12;
			else if (idx < 0)
				note = c->chord[k][0];
			float side = (float)(idx + 1) / 3.0f;
			parts_note(c, GEN_PART_CHORDS, t, (len + 1) * c->step, note, synth_vel(c, s % 4 ? 0.45f : 0.6f), side);
			continue;
		}
		int v0 = sym == 'u' ? c->nchord - 2 : 0;
		float vel = sym == 'C' ? 0.6f : 0.42f;
		parts_chord(c, GEN_PART_CHORDS, k, v0, t, len * c->step * 0.9, vel, roll, 0);
	}
}

/* Lead of one bar. */
static void parts_lead(il_synth_ctx *c, int bar, int at)
{
	for (int s = 0; s < c->spb; s++) {
		int idx = bar * c->spb + s;
		if (!c->mel[idx])
			continue;
		float vel = synth_vel(c, s == 0 ? 0.75f : s % 4 == 0 ? 0.68f : 0.58f);
		parts_note(c, GEN_PART_LEAD, parts_hit_time(c, at, s), c->mel_len[idx] * c->step * 0.92, c->mel[idx],
			   vel, 0);
	}
}

/* Pad of one bar: the chord held an octave up, soft. */
static void parts_pad(il_synth_ctx *c, int bar, int at)
{
	int slot_steps = c->spb / c->slots_per_bar;
	for (int h = 0; h < c->slots_per_bar; h++) {
		int k = synth_slot(c, bar, h * slot_steps);
		parts_chord(c, GEN_PART_PAD, k, 0, synth_time(c, at, h * slot_steps), slot_steps * c->step, 0.35f, 0, 1);
	}
}

/* One phrase bar (0..main_bars-1) played at bar position at. */
void synth_parts_bar(il_synth_ctx *c, int bar, int at)
{
	unsigned m = c->parts_of_bar[bar];
	if (m & (1u << GEN_PART_DRUMS))
		parts_drums(c, bar, at);
	if (m & (1u << GEN_PART_BASS))
		parts_bass(c, bar, at);
	if (m & (1u << GEN_PART_CHORDS))
		parts_comp(c, bar, at);
	if (m & (1u << GEN_PART_LEAD))
		parts_lead(c, bar, at);
	if (m & (1u << GEN_PART_PAD))
		parts_pad(c, bar, at);
}

/* Add a GM note to the score. */
int synth_score_add(il_synth_score *s, double t, double dur, int chan, int note, int vel)
{
	if (t < 0 || note < 0 || note > 127)
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		il_synth_ev *ev = realloc(s->ev, cap * sizeof *ev);
		if (!ev)
			return -1;
		s->ev = ev;
		s->cap = cap;
	}
	s->ev[s->n++] = (il_synth_ev){ t, dur, (unsigned char)chan, (unsigned char)note, (unsigned char)vel };
	return 0;
}

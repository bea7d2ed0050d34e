/* synth_parts.c: the pitched parts of one bar (bass, chords, lead, pad),
 * played by General MIDI instruments (into the score FluidSynth renders)
 * or by the oscillators; the drums are in synth_drums.c. */
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
/* Velocity of a pattern character ('.' and '-' are none). */
float synth_pat_vel(const char *pat, int s)
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

/* True when a General MIDI instrument plays the part. */
int synth_part_is_gm(const il_synth_ctx *c, int part)
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
	if (synth_part_is_gm(c, part)) {
		int v = (int)(vel * 127 + 0.5f);
		synth_score_add(&c->score, t, dur, side < 0.5f ? pl->chan : pl->chan2, midi, v < 1 ? 1 : v > 127 ? 127 : v);
		return;
	}
	int prog = c->plan.program[part];
	int osc = prog >= 0 ? synth_osc_for_program(prog) : c->st->osc[part];
	float pan = (pl->pan + side * (pl->pan2 - pl->pan)) * c->st->width;
	synth_osc_note(c, osc, t, dur, midi, vel * 0.45f, pan, part == GEN_PART_BASS ? 0 : 0.8f * c->st->width);
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
	case '6': /* in minor the diatonic sixth (no Dorian major sixth over i) */
		if (c->plan.minor)
			return root + ((synth_degree_semi(c, k, (c->deg[k] + 5) % 7) - synth_degree_semi(c, k, c->deg[k])) % 12 + 12) % 12;
		return root + 9;
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
static void parts_bass(il_synth_ctx *c, int bar)
{
	int bp = c->sec_of_bar[bar] == SEC_B ? c->bass_pat_b : c->bass_pat;
	const char *pat = c->st->bass[bp] ? c->st->bass[bp] : c->st->bass[0];
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
		parts_note(c, GEN_PART_BASS, synth_hit_time(c, bar, s), len * c->step * 0.92,
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
static void parts_comp(il_synth_ctx *c, int bar)
{
	int guitar = c->plan.program[GEN_PART_CHORDS] >= 24 && c->plan.program[GEN_PART_CHORDS] < 32;
	double roll = guitar ? 0.012 : 0.004;
	if (c->st->comp_kind == COMP_HOLD) {
		int slot_steps = c->spb / c->slots_per_bar;
		for (int h = 0; h < c->slots_per_bar; h++) {
			int k = synth_slot(c, bar, h * slot_steps);
			parts_chord(c, GEN_PART_CHORDS, k, 0, synth_time(c, bar, h * slot_steps), slot_steps * c->step, 0.5f, 0, 0);
		}
		return;
	}
	int cp = c->sec_of_bar[bar] == SEC_B ? c->comp_pat_b : c->comp_pat;
	const char *pat = c->st->comp[cp] ? c->st->comp[cp] : c->st->comp[0];
	if (!pat)
		return;
	int n = (int)strlen(pat), arp = 0;
	for (int s = 0; s < c->spb; s++) {
		int len = parts_hit_len(pat, n, s, c->spb);
		if (!len)
			continue;
		char sym = pat[s % n];
		int k = synth_slot(c, bar, s);
		double t = synth_hit_time(c, bar, s);
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
		if (sym == 'm') { /* a riff note: the chord's third above its root, alone */
			int d = c->deg[k], third = synth_degree_semi(c, k, d + 2) - synth_degree_semi(c, k, d);
			parts_note(c, GEN_PART_CHORDS, t, len * c->step * 0.9, c->chord[k][0] + (third + 12) % 12,
				   synth_vel(c, 0.6f), 0.5f);
			continue;
		}
		int v0 = sym == 'u' ? c->nchord - 2 : 0;
		float vel = sym == 'C' ? 0.6f : 0.42f;
		if (sym == 'c' && c->st->sevenths < 0) { /* a palm-muted chug on the tonic: a pedal */
			parts_note(c, GEN_PART_CHORDS, t, len * c->step * 0.9, c->chord[0][0], synth_vel(c, vel), 0.5f);
			continue;
		}
		parts_chord(c, GEN_PART_CHORDS, k, v0, t, len * c->step * 0.9, vel, roll, 0);
	}
}

/* Lead of one bar. */
static void parts_lead(il_synth_ctx *c, int bar)
{
	for (int s = 0; s < c->spb; s++) {
		int idx = bar * c->spb + s;
		if (!c->mel[idx])
			continue;
		float vel = synth_vel(c, s == 0 ? 0.75f : s % 4 == 0 ? 0.68f : 0.58f);
		parts_note(c, GEN_PART_LEAD, synth_hit_time(c, bar, s), c->mel_len[idx] * c->step * 0.92, c->mel[idx],
			   vel, 0);
	}
}

/* Pad of one bar: the chord held an octave up, soft. */
static void parts_pad(il_synth_ctx *c, int bar)
{
	int slot_steps = c->spb / c->slots_per_bar;
	for (int h = 0; h < c->slots_per_bar; h++) {
		int k = synth_slot(c, bar, h * slot_steps);
		parts_chord(c, GEN_PART_PAD, k, 0, synth_time(c, bar, h * slot_steps), slot_steps * c->step, 0.35f, 0, 1);
	}
}

/* One phrase bar (0..main_bars-1). */
void synth_parts_bar(il_synth_ctx *c, int bar)
{
	unsigned m = c->parts_of_bar[bar];
	if (m & (1u << GEN_PART_DRUMS))
		synth_drums_bar(c, bar);
	if (m & (1u << GEN_PART_BASS))
		parts_bass(c, bar);
	if (m & (1u << GEN_PART_CHORDS))
		parts_comp(c, bar);
	if (m & (1u << GEN_PART_LEAD))
		parts_lead(c, bar);
	if (m & (1u << GEN_PART_PAD))
		parts_pad(c, bar);
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

/* synth_parts.c: the drums, bass, chords and lead of each synth style. */
#include "gen/prompt.h"
#include "gen/synth_int.h"

#include <string.h>

/* Velocity of a pattern character ('.' is silence). */
static float synth_pat(const char *pat, int s)
{
	switch (pat[s & 15]) {
	case 'X': return 1.0f;
	case 'x': return 0.8f;
	case 'o': return 0.5f;
	case 'g': return 0.25f;
	default: return 0.0f;
	}
}

/* Time of a hit with a little human timing. */
static double synth_hit(synth_ctx *c, int bar, int s)
{
	double t = synth_time(c, bar, s);
	if (c->humanize > 0)
		t += c->humanize * (synth_rng_unit(&c->rng) - 0.5);
	return t;
}

/* True with the given percent chance. */
static int synth_chance(synth_ctx *c, int pct)
{
	return synth_rng_int(&c->rng, 100) < pct;
}

/* Drums of one bar. */
static void synth_drums(synth_ctx *c, int bar)
{
	synth_bus *b = &c->bus;
	synth_rng *r = &c->rng;
	int fill = bar % c->plan.cycle_bars == c->fill_bars;
	int alt = bar % 2;
	for (int s = 0; s < 16; s++) {
		double t = synth_hit(c, bar, s);
		float v;
		switch (c->plan.style) {
		case GEN_STYLE_LOFI:
			if ((v = synth_pat(alt ? "x.....x.x.....o." : "x.....x...x.....", s)))
				sv_kick(b, t, synth_vel(c, v * 0.95f), 52, 0.22f);
			if ((v = synth_pat("....X.......X...", s)))
				sv_snare(b, r, t, synth_vel(c, v * 0.55f), 190, 0.13f, 0.2f, 0);
			else if ((s == 7 || s == 15 || (fill && s >= 13)) && synth_chance(c, fill ? 90 : 25))
				sv_snare(b, r, t, synth_vel(c, 0.14f), 190, 0.08f, 0.1f, 0);
			if (s % 2 == 0 || synth_chance(c, 15))
				sv_hat(b, r, t, synth_vel(c, s % 4 == 0 ? 0.5f : 0.32f), 0.035f, 0.3f, 0);
			break;
		case GEN_STYLE_HOUSE:
			if (s % 4 == 0)
				sv_kick(b, t, synth_vel(c, 1.0f), 50, 0.28f);
			if (s == 4 || s == 12 || (fill && (s == 14 || s == 15)))
				sv_snare(b, r, t, synth_vel(c, s % 4 ? 0.35f : 0.55f), 0, 0.12f, 0.25f, 1);
			if (s % 4 == 2)
				sv_hat(b, r, t, synth_vel(c, 0.5f), 0.16f, 0.2f, 0);
			else
				sv_hat(b, r, t, synth_vel(c, 0.18f), 0.025f, -0.25f, 0);
			break;
		case GEN_STYLE_TECHNO:
			if (s % 4 == 0)
				sv_kick(b, t, synth_vel(c, 1.0f), 49, 0.2f);
			if (s == 4 || s == 12)
				sv_snare(b, r, t, synth_vel(c, 0.3f), 0, 0.1f, 0.4f, 1);
			if (fill && s >= 12)
				sv_snare(b, r, t, synth_vel(c, 0.12f + 0.06f * (s - 12)), 220, 0.06f, 0.2f, 0);
			sv_hat(b, r, t, synth_vel(c, s % 2 ? 0.5f : 0.25f), s % 4 == 2 ? 0.09f : 0.02f, 0.15f, 0);
			if (bar % 2 && s % 4 == 2)
				sv_hat(b, r, t, synth_vel(c, 0.18f), 0.35f, -0.3f, 1);
			break;
		case GEN_STYLE_JAZZ:
			if (s == 0 || s == 4 || s == 6 || s == 8 || s == 12 || s == 14)
				sv_hat(b, r, t, synth_vel(c, s % 4 ? 0.3f : 0.42f), 0.5f, 0.35f, 1);
			if (s == 4 || s == 12)
				sv_hat(b, r, t, synth_vel(c, 0.28f), 0.025f, -0.2f, 0);
			if (s == 0 || s == 8)
				sv_kick(b, t, synth_vel(c, 0.28f), 58, 0.18f);
			if (s % 2 == 0 && synth_chance(c, fill ? 60 : 22))
				sv_snare(b, r, t, synth_vel(c, fill ? 0.3f : 0.14f), 200, 0.14f, 0.2f, 0);
			break;
		case GEN_STYLE_CHIPTUNE:
			if ((v = synth_pat("x.....x.x.......", s)))
				sv_kick(b, t, synth_vel(c, v * 0.9f), 62, 0.08f);
			if (s == 4 || s == 12 || (fill && s >= 13))
				sv_snare(b, r, t, synth_vel(c, 0.5f), 240, 0.06f, 0.05f, 0);
			if (s % 2 == 0)
				sv_hat(b, r, t, synth_vel(c, 0.28f), 0.015f, 0.0f, 0);
			break;
		case GEN_STYLE_CINEMATIC:
			if ((v = synth_pat(alt ? "x..x..x.x...x.o." : "x..x..x.x...x.x.", s)))
				sv_tom(b, t, synth_vel(c, v * 0.8f), s == 0 ? 48 : 72, s == 0 ? 0.6f : 0.3f, 0.35f);
			if (fill && s >= 12)
				sv_tom(b, t, synth_vel(c, 0.4f + 0.12f * (s - 12)), 95, 0.2f, 0.3f);
			if (s % 2 == 0)
				sv_hat(b, r, t, synth_vel(c, 0.08f), 0.05f, 0.4f, 0);
			break;
		case GEN_STYLE_SYNTHWAVE:
			if (s % 4 == 0)
				sv_kick(b, t, synth_vel(c, 0.95f), 52, 0.25f);
			if (s == 4 || s == 12 || (fill && s == 15))
				sv_snare(b, r, t, synth_vel(c, 0.6f), 180, 0.2f, 0.8f, 0);
			if (s % 2 == 0)
				sv_hat(b, r, t, synth_vel(c, s % 4 == 2 ? 0.35f : 0.18f), 0.04f, 0.25f, 0);
			if (fill && s >= 12 && s % 2 == 0)
				sv_tom(b, t, synth_vel(c, 0.45f), 120 - 8 * (s - 12), 0.22f, 0.4f);
			break;
		case GEN_STYLE_DNB:
			if ((v = synth_pat(alt ? "x.x.......x....." : "x.........x.....", s)))
				sv_kick(b, t, synth_vel(c, v), 55, 0.2f);
			if ((v = synth_pat(fill ? "....X..g.g..XgXo" : "....X..g.g..X..g", s)))
				sv_snare(b, r, t, synth_vel(c, v * 0.6f), 200, 0.11f, 0.2f, 0);
			sv_hat(b, r, t, synth_vel(c, s % 2 ? 0.12f : 0.26f), s % 4 == 2 ? 0.06f : 0.025f, 0.2f, 0);
			break;
		default: /* ambient and piano: no drums */
			return;
		}
	}
}

/* Play one bass note of chord k from step s for len steps. */
static void synth_bass_note(synth_ctx *c, int bar, double s, double len, int midi, float vel)
{
	sv_note n = sv_note_make(synth_time(c, bar, s), len * c->step, midi, vel, SV_SAW);
	switch (c->plan.style) {
	case GEN_STYLE_LOFI: n.osc = SV_TRI; n.cutoff = 650; n.d = 0.25f; n.s = 0.6f; n.r = 0.08f; break;
	case GEN_STYLE_HOUSE: n.cutoff = 300; n.fenv = 1400; n.fdecay = 0.08f; n.reso = 0.3f; break;
	case GEN_STYLE_TECHNO: n.cutoff = 220; n.fenv = 1100; n.fdecay = 0.06f; n.reso = 0.55f; break;
	case GEN_STYLE_JAZZ: n.osc = SV_TRI; n.cutoff = 800; n.d = 0.3f; n.s = 0.35f; n.r = 0.1f; break;
	case GEN_STYLE_CHIPTUNE: n.osc = SV_TRI; n.a = 0.002f; n.s = 1.0f; break;
	case GEN_STYLE_CINEMATIC: n.voices = 3; n.detune = 12; n.cutoff = 420; n.a = 0.25f; n.r = 0.5f; n.rev = 0.3f; break;
	case GEN_STYLE_SYNTHWAVE: n.cutoff = 420; n.fenv = 900; n.fdecay = 0.1f; n.reso = 0.2f; break;
	case GEN_STYLE_DNB: n.voices = 3; n.detune = 22; n.cutoff = 360; n.fenv = 300; n.fdecay = 0.4f; n.s = 1.0f; n.r = 0.1f; break;
	case GEN_STYLE_AMBIENT: n.osc = SV_SINE; n.a = 0.8f; n.s = 1.0f; n.r = 1.2f; break;
	default: return;
	}
	sv_play(&c->bus, &n);
}

/* Bass of one bar. */
static void synth_bass(synth_ctx *c, int bar)
{
	int half = c->half_chords;
	switch (c->plan.style) {
	case GEN_STYLE_LOFI:
		for (int h = 0; h < (half ? 2 : 1); h++) {
			int k = synth_chord_index(c, bar, h * 8), root = c->bass_root[k];
			synth_bass_note(c, bar, h * 8, half ? 5 : 6, root, 0.6f);
			synth_bass_note(c, bar, half ? h * 8 + 6 : 10, 2, root + (synth_chance(c, 50) ? 7 : 12), 0.45f);
		}
		break;
	case GEN_STYLE_HOUSE:
		for (int s = 2; s < 16; s += 4)
			synth_bass_note(c, bar, s, 1.6, c->bass_root[synth_chord_index(c, bar, s)] + (s == 14 ? 12 : 0), 0.5f);
		break;
	case GEN_STYLE_TECHNO:
		for (int s = 0; s < 16; s++)
			if (s % 4)
				synth_bass_note(c, bar, s, 0.8, c->bass_root[synth_chord_index(c, bar, s)] + (s % 4 == 3 && synth_chance(c, 30) ? 12 : 0),
						s % 4 == 2 ? 0.45f : 0.32f);
		break;
	case GEN_STYLE_JAZZ:
		for (int q = 0; q < 4; q++) {
			int k = synth_chord_index(c, bar, q * 4), root = c->bass_root[k];
			int nk = synth_chord_index(c, bar + (q == 3), (q * 4 + 4) % 16);
			int note = q == 0 ? root : q == 3 ? c->bass_root[nk] + (synth_chance(c, 50) ? 1 : -1)
						 : root + (q == 1 ? (c->plan.minor ? 3 : 4) : 7);
			synth_bass_note(c, bar, q * 4, 3.6, note + (note < 38 ? 12 : 0), 0.6f);
		}
		break;
	case GEN_STYLE_CHIPTUNE:
	case GEN_STYLE_SYNTHWAVE:
		for (int s = 0; s < 16; s += 2)
			synth_bass_note(c, bar, s, 1.7, c->bass_root[synth_chord_index(c, bar, s)] + (s % 4 == 2 ? 12 : 0),
					c->plan.style == GEN_STYLE_CHIPTUNE ? 0.45f : 0.42f);
		break;
	case GEN_STYLE_DNB:
		for (int h = 0; h < 2; h++)
			synth_bass_note(c, bar, h * 8, 7.5, c->bass_root[synth_chord_index(c, bar, h * 8)] - (h && bar % 2 ? 12 : 0) + 12, 0.42f);
		break;
	case GEN_STYLE_CINEMATIC:
	case GEN_STYLE_AMBIENT:
		for (int h = 0; h < (half ? 2 : 1); h++)
			synth_bass_note(c, bar, h * 8, half ? 8 : 16, c->bass_root[synth_chord_index(c, bar, h * 8)], 0.4f);
		break;
	default:
		break;
	}
}

/* A chord-instrument note with the style's sound. */
static sv_note synth_chord_sound(synth_ctx *c, double t, double dur, int midi, float vel)
{
	sv_note n = sv_note_make(t, dur, midi, vel, SV_SAW);
	n.pan = (float)((midi % 7) - 3) * 0.12f;
	switch (c->plan.style) {
	case GEN_STYLE_LOFI: n.osc = SV_EPIANO; n.d = 1.2f; n.s = 0.4f; n.r = 0.3f; n.rev = 0.3f; n.vib_rate = 0.7f; n.vib_depth = 0.07f; break; /* tape wobble */
	case GEN_STYLE_HOUSE: n.voices = 3; n.detune = 10; n.cutoff = 900; n.fenv = 2600; n.fdecay = 0.12f; n.s = 0.5f; n.dly = 0.2f; n.rev = 0.2f; break;
	case GEN_STYLE_TECHNO: n.voices = 2; n.detune = 8; n.cutoff = 600; n.fenv = 2200; n.fdecay = 0.07f; n.reso = 0.45f; n.s = 0.3f; n.dly = 0.5f; n.rev = 0.3f; break;
	case GEN_STYLE_JAZZ: n.osc = SV_PIANO; n.d = 1.0f; n.s = 0.5f; n.r = 0.2f; n.rev = 0.2f; break;
	case GEN_STYLE_PIANO: n.osc = SV_PIANO; n.d = 2.0f; n.s = 0.6f; n.r = 0.5f; n.rev = 0.35f; break;
	case GEN_STYLE_CHIPTUNE: n.osc = SV_PULSE; n.a = 0.001f; n.s = 1.0f; n.r = 0.01f; break;
	case GEN_STYLE_CINEMATIC: n.voices = 5; n.detune = 14; n.cutoff = 2000; n.a = 0.35f; n.s = 0.9f; n.r = 0.8f; n.rev = 0.5f; n.vib_rate = 5; n.vib_depth = 0.04f; break;
	case GEN_STYLE_SYNTHWAVE: n.voices = 5; n.detune = 18; n.cutoff = 2400; n.a = 0.05f; n.s = 0.9f; n.r = 0.4f; n.rev = 0.4f; break;
	case GEN_STYLE_DNB: n.voices = 4; n.detune = 16; n.cutoff = 1500; n.a = 0.5f; n.s = 1.0f; n.r = 1.0f; n.rev = 0.6f; break;
	case GEN_STYLE_AMBIENT: n.voices = 5; n.detune = 12; n.cutoff = 900; n.a = 1.5f; n.s = 1.0f; n.r = 2.5f; n.rev = 0.8f; break;
	default: break;
	}
	return n;
}

/* Play chord k from time t for dur seconds, rolled by roll seconds per note. */
static void synth_chord_play(synth_ctx *c, int k, double t, double dur, float vel, double roll, int octave)
{
	for (int v = 0; v < c->nchord; v++) {
		sv_note n = synth_chord_sound(c, t + v * roll, dur, c->chord[k][v] + 12 * octave, synth_vel(c, vel));
		sv_play(&c->bus, &n);
	}
}

/* Chords (or arpeggios) of one bar. */
static void synth_chords(synth_ctx *c, int bar)
{
	int half = c->half_chords, spans = half ? 2 : 1, span = 16 / spans;
	for (int h = 0; h < spans; h++) {
		int s0 = h * span, k = synth_chord_index(c, bar, s0);
		double t0 = synth_time(c, bar, s0), len = span * c->step;
		switch (c->plan.style) {
		case GEN_STYLE_LOFI:
			synth_chord_play(c, k, t0 + 0.01, len * (half ? 0.9 : 0.62), 0.3f, 0.012, 0);
			if (!half)
				synth_chord_play(c, k, synth_time(c, bar, 10), 6 * c->step, synth_chance(c, 50) ? 0.22f : 0.16f, 0.01, 0);
			break;
		case GEN_STYLE_HOUSE:
			for (int v = 0; v < c->nchord; v++) { /* a soft pad under the stabs */
				sv_note n = sv_note_make(t0, len, c->chord[k][v] - 12, 0.05f, SV_SAW);
				n.voices = 3; n.detune = 12; n.cutoff = 1100; n.a = 0.2f; n.s = 1.0f; n.r = 0.3f; n.rev = 0.4f;
				sv_play(&c->bus, &n);
			}
			for (int s = s0; s < s0 + span; s++)
				if ("...x..x...x..x.."[s])
					if (s != 13 || bar % 2 == 0)
						synth_chord_play(c, synth_chord_index(c, bar, s), synth_time(c, bar, s), 1.4 * c->step, 0.2f, 0, 0);
			break;
		case GEN_STYLE_TECHNO:
			for (int s = s0; s < s0 + span; s++)
				if ((s == 3 || s == 10 || (bar % 2 && s == 14)))
					synth_chord_play(c, synth_chord_index(c, bar, s), synth_time(c, bar, s), 1.0 * c->step, 0.18f, 0, 0);
			break;
		case GEN_STYLE_JAZZ: {
			static const char *const comp[3] = { "x.....x.........", "...x......x.....", "......x....x...." };
			const char *pat = comp[synth_rng_int(&c->rng, 3)];
			for (int s = s0; s < s0 + span; s++)
				if (pat[s] == 'x')
					synth_chord_play(c, synth_chord_index(c, bar, s), synth_time(c, bar, s), 3 * c->step, 0.24f, 0.004, 0);
			break;
		}
		case GEN_STYLE_PIANO:
			for (int s = s0; s < s0 + span; s += 2) {
				static const int order[8] = { -1, 0, 1, 2, 1, 0, 2, 1 };
				int idx = order[(s / 2) % 8];
				int note = idx < 0 ? c->bass_root[k] + 12 : c->chord[k][idx] - 12 + (idx == 2 ? 12 : 0);
				sv_note n = synth_chord_sound(c, synth_hit(c, bar, s), 4 * c->step, note, synth_vel(c, idx < 0 ? 0.36f : 0.24f));
				sv_play(&c->bus, &n);
			}
			break;
		case GEN_STYLE_CHIPTUNE:
			for (int s = s0; s < s0 + span; s++)
				for (int q = 0; q < 2; q++) {
					sv_note n = synth_chord_sound(c, synth_time(c, bar, s + q * 0.5), 0.45 * c->step,
								      c->chord[synth_chord_index(c, bar, s)][(2 * s + q) % c->nchord] + 12, 0.12f);
					sv_play(&c->bus, &n);
				}
			break;
		case GEN_STYLE_CINEMATIC:
			synth_chord_play(c, k, t0, len, 0.15f, 0, 0);
			for (int s = s0; s < s0 + span; s += 2) {
				sv_note n = synth_chord_sound(c, synth_time(c, bar, s), 1.2 * c->step, c->chord[k][(s / 2) % 2 ? 2 : 0] - 12, 0.2f);
				n.voices = 2; n.a = 0.005f; n.s = 0.2f; n.d = 0.15f; n.r = 0.1f; n.cutoff = 1400;
				sv_play(&c->bus, &n);
			}
			break;
		case GEN_STYLE_SYNTHWAVE:
			synth_chord_play(c, k, t0, len, 0.11f, 0, 0);
			for (int s = s0; s < s0 + span; s++) {
				sv_note n = sv_note_make(synth_time(c, bar, s), 0.8 * c->step, c->chord[k][s % c->nchord] + 12, 0.1f, SV_SQUARE);
				n.cutoff = 2200; n.s = 0.5f; n.dly = 0.4f; n.rev = 0.2f; n.pan = s % 2 ? 0.4f : -0.4f;
				sv_play(&c->bus, &n);
			}
			break;
		case GEN_STYLE_DNB:
			synth_chord_play(c, k, t0, len, 0.11f, 0, 0);
			break;
		case GEN_STYLE_AMBIENT:
			synth_chord_play(c, k, t0, len + c->beat, 0.13f, 0.15, 0);
			break;
		default:
			break;
		}
	}
}

/* The lead's sound for the style. */
static sv_note synth_lead_sound(synth_ctx *c, double t, double dur, int midi, float vel)
{
	sv_note n = sv_note_make(t, dur, midi, vel, SV_SAW);
	switch (c->plan.style) {
	case GEN_STYLE_LOFI: n.osc = SV_TRI; n.cutoff = 2200; n.a = 0.03f; n.vel *= 0.8f; n.vib_rate = 5; n.vib_depth = 0.12f; n.rev = 0.35f; n.dly = 0.2f; break;
	case GEN_STYLE_AMBIENT: n.osc = SV_BELL; n.d = 2.5f; n.s = 0.0f; n.r = 1.0f; n.rev = 0.8f; n.dly = 0.5f; n.dur = dur * 2; break;
	case GEN_STYLE_HOUSE: n.osc = SV_EPIANO; n.d = 0.6f; n.s = 0.3f; n.dly = 0.3f; n.rev = 0.25f; break;
	case GEN_STYLE_TECHNO: n.osc = SV_SQUARE; n.cutoff = 1800; n.dur = dur > 2 * c->step ? 2 * c->step : dur; n.dly = 0.5f; n.vel *= 0.6f; break;
	case GEN_STYLE_JAZZ: n.osc = SV_BELL; n.d = 1.2f; n.s = 0.2f; n.r = 0.3f; n.vib_rate = 5.5f; n.vib_depth = 0.05f; n.rev = 0.25f; break;
	case GEN_STYLE_PIANO: n.osc = SV_PIANO; n.d = 1.5f; n.s = 0.5f; n.r = 0.4f; n.rev = 0.35f; n.dur = dur * 1.2; break;
	case GEN_STYLE_CHIPTUNE: n.osc = SV_PULSE; n.a = 0.002f; n.s = 0.9f; n.r = 0.01f; n.vib_rate = 6; n.vib_depth = 0.15f; n.dur = dur * 0.9; n.vel *= 0.7f; break;
	case GEN_STYLE_CINEMATIC: n.voices = 2; n.detune = 6; n.cutoff = 700; n.fenv = 900; n.fdecay = 0.4f; n.a = 0.08f; n.rev = 0.5f; break;
	case GEN_STYLE_SYNTHWAVE: n.voices = 2; n.detune = 8; n.cutoff = 2600; n.vib_rate = 5; n.vib_depth = 0.1f; n.dly = 0.4f; n.rev = 0.3f; n.vel *= 0.75f; break;
	case GEN_STYLE_DNB: n.osc = SV_BELL; n.d = 1.5f; n.s = 0.0f; n.rev = 0.6f; n.dly = 0.4f; n.vel *= 0.7f; break;
	default: break;
	}
	return n;
}

/* Lead of one bar. */
static void synth_lead(synth_ctx *c, int bar)
{
	int cyc = c->plan.cycle_bars;
	if (c->plan.main_bars >= 3 * cyc && bar < cyc)
		return; /* enters after the first cycle when two whole cycles with it remain */
	for (int s = 0; s < 16; s++) {
		int idx = (bar % cyc) * 16 + s;
		if (!c->mel[idx])
			continue;
		sv_note n = synth_lead_sound(c, synth_hit(c, bar, s), c->mel_len[idx] * c->step * 0.92,
					     c->mel[idx], synth_vel(c, 0.3f));
		sv_play(&c->bus, &n);
	}
}

/* One main bar of every part of the style. */
void synth_parts_bar(synth_ctx *c, int bar)
{
	synth_drums(c, bar);
	synth_bass(c, bar);
	synth_chords(c, bar);
	synth_lead(c, bar);
}

/* The intro before bar 0: the first chord swelling in, hats building up. */
void synth_parts_intro(synth_ctx *c)
{
	double len = c->t_main;
	if (len <= 0)
		return;
	for (int v = 0; v < c->nchord; v++) {
		sv_note n = synth_chord_sound(c, 0.0, len, c->chord[0][v], 0.14f);
		n.a = (float)(len * 0.7);
		if (n.osc == SV_SAW && n.cutoff > 0)
			n.cutoff *= 0.5f;
		sv_play(&c->bus, &n);
	}
	int drums = c->plan.style != GEN_STYLE_AMBIENT && c->plan.style != GEN_STYLE_PIANO;
	int steps = (int)(len / c->step + 0.5);
	for (int s = 0; s < steps; s += 2) {
		double t = c->t_main - (steps - s) * c->step;
		if (drums)
			sv_hat(&c->bus, &c->rng, t, 0.1f + 0.3f * s / steps, 0.03f, 0.2f, 0);
		else if (c->plan.style == GEN_STYLE_PIANO && s % 4 == 0)
			synth_chord_play(c, 0, t, 2 * c->step, 0.05f + 0.2f * s / steps, 0.02, 0);
	}
}

/* The final chord at plan.end_s, ringing to the end of the clip. */
void synth_parts_ending(synth_ctx *c)
{
	double t = c->plan.end_s, len = c->bus.n / (double)c->bus.rate - t;
	if (len <= 0)
		return;
	synth_chord_play(c, 0, t, len * 0.6, 0.3f, 0.02, 0);
	synth_bass_note(c, c->plan.main_bars, 0, len * 0.6 / c->step, c->bass_root[0], 0.5f);
	if (c->plan.style != GEN_STYLE_AMBIENT && c->plan.style != GEN_STYLE_PIANO) {
		sv_kick(&c->bus, t, 0.9f, 50, 0.4f);
		sv_hat(&c->bus, &c->rng, t, 0.45f, 0.9f, 0.0f, 1);
	}
	int top = synth_scale_note(c, 60 + 12 * (c->plan.style == GEN_STYLE_AMBIENT), 0);
	sv_note n = synth_lead_sound(c, t + 0.02, len * 0.5, top, 0.25f);
	sv_play(&c->bus, &n);
}

/* test_composer.c: what the composer understands in a prompt (every
 * category, in upper and lower case), the plan of its clips (sections,
 * whole bars, a loop that is the whole phrase and repeats sample for sample,
 * more material for longer clips), a station's tempo and key, the
 * fallback to oscillators without a soundfont, and drums that sound the
 * same to the bit with their shapes kept for the clip or made afresh. */
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testutil.h"
#include "gen/prompt.h"
#include "gen/synth.h"
#include "gen/synth_internal.h"
#include "gen/synth_voice.h"

/* Parse p, and p in upper case: both must give the same reading. */
static void parse_both(const char *p, il_gen_prompt_info *out)
{
	char up[512];
	size_t k = 0;
	for (; p[k] && k + 1 < sizeof up; k++)
		up[k] = (char)toupper((unsigned char)p[k]);
	up[k] = '\0';
	il_gen_prompt_info u;
	gen_prompt_parse(p, out);
	gen_prompt_parse(up, &u);
	ck_assert_msg(u.style == out->style && u.bpm == out->bpm && u.key_root == out->key_root &&
			      u.minor == out->minor && u.metre == out->metre && u.mood == out->mood &&
			      u.ninst == out->ninst && u.pace == out->pace,
		      "\"%s\" and \"%s\" are read differently", p, up);
}

static float *render(const char *prompt, double secs, uint64_t seed, const char *sf, double bpm, int key,
		     il_synth_plan *pl, size_t *n);

START_TEST(test_genres)
{
	static const struct { const char *prompt; int style; } cases[] = {
		{ "lo-fi beats to study to", GEN_STYLE_LOFI }, { "ambient drone", GEN_STYLE_AMBIENT },
		{ "deep house", GEN_STYLE_HOUSE }, { "minimal techno", GEN_STYLE_TECHNO },
		{ "jazzy trio", GEN_STYLE_JAZZ }, { "bossa nova guitar", GEN_STYLE_BOSSA },
		{ "solo piano", GEN_STYLE_PIANO }, { "8-bit chiptune", GEN_STYLE_CHIPTUNE },
		{ "epic orchestral battle", GEN_STYLE_CINEMATIC }, { "outrun synthwave", GEN_STYLE_SYNTHWAVE },
		{ "liquid drum and bass", GEN_STYLE_DNB }, { "dark trap beat", GEN_STYLE_TRAP },
		{ "dub reggae", GEN_STYLE_REGGAE }, { "funky disco", GEN_STYLE_FUNK },
		{ "heavy metal", GEN_STYLE_METAL }, { "hard rock", GEN_STYLE_ROCK },
		{ "thrash metal riffs", GEN_STYLE_METAL }, { "punk", GEN_STYLE_ROCK }, { "upbeat pop song", GEN_STYLE_POP },
		{ "celtic folk", GEN_STYLE_FOLK }, { "classical string quartet", GEN_STYLE_CLASSICAL },
		{ "viennese waltz", GEN_STYLE_WALTZ }, { "slow blues", GEN_STYLE_BLUES },
		{ "latin salsa", GEN_STYLE_LATIN },
		/* The most specific word wins, not the first. */
		{ "minimal piano, sad", GEN_STYLE_PIANO }, { "space jazz", GEN_STYLE_JAZZ },
		{ "jazzy hip hop", GEN_STYLE_LOFI }, { "lo-fi piano", GEN_STYLE_LOFI },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		il_gen_prompt_info pi;
		parse_both(cases[k].prompt, &pi);
		ck_assert_msg(pi.style == cases[k].style, "\"%s\" is %s, not %s", cases[k].prompt,
			      gen_prompt_style_name(pi.style), gen_prompt_style_name(cases[k].style));
	}
	il_gen_prompt_info pi;
	parse_both("chill electronic music", &pi); /* a mere hint gives way to the mood */
	ck_assert_int_eq(pi.style, -1);
	ck_assert_int_eq(pi.hint, GEN_STYLE_LOFI);
	parse_both("happy ukulele", &pi); /* an instrument's style before a mood's */
	ck_assert_int_eq(pi.style, -1);
	ck_assert_int_eq(pi.hint, GEN_STYLE_FOLK);
}
END_TEST

START_TEST(test_instruments)
{
	static const struct { const char *prompt; int program, part; } cases[] = {
		{ "melancholic cello", 42, GEN_PART_LEAD }, { "soft fiddle", 110, GEN_PART_LEAD },
		{ "nylon guitar", 24, GEN_PART_CHORDS }, { "happy ukulele", 24, GEN_PART_CHORDS },
		{ "kalimba", 108, GEN_PART_LEAD }, { "booming 808", GEN_GM_KIT + 25, GEN_PART_DRUMS },
		{ "warm rhodes chords", 4, GEN_PART_CHORDS }, { "walking upright bass", 32, GEN_PART_BASS },
		{ "heroic brass", 61, GEN_PART_LEAD }, { "alto sax", 65, GEN_PART_LEAD },
		{ "church organ", 19, GEN_PART_CHORDS }, { "pan flute", 75, GEN_PART_LEAD },
		{ "strings", 48, GEN_PART_PAD }, { "choir", 52, GEN_PART_PAD }, { "harp", 46, GEN_PART_CHORDS },
		{ "brushed drums", GEN_GM_KIT + 40, GEN_PART_DRUMS }, { "slap bass", 36, GEN_PART_BASS },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		il_gen_prompt_info pi;
		parse_both(cases[k].prompt, &pi);
		int found = 0;
		for (int i = 0; i < pi.ninst; i++)
			found |= pi.inst[i].program == cases[k].program && pi.inst[i].part == cases[k].part;
		ck_assert_msg(found, "\"%s\" has no %s as part %d", cases[k].prompt, gen_prompt_gm_name(cases[k].program),
			      cases[k].part);
	}
	/* A family's name leaves the style its own member of the family (or
	 * its oscillator, for a synthesizer's family); a name of one
	 * instrument is played as named. */
	static const struct { const char *prompt; int part, program; } plays[] = {
		{ "bossa nova guitar", GEN_PART_CHORDS, 24 }, { "jazz with bass", GEN_PART_BASS, 32 },
		{ "rock with acoustic guitar", GEN_PART_CHORDS, 25 }, { "lo-fi hip hop, grand piano", GEN_PART_CHORDS, 0 },
		{ "lo-fi piano", GEN_PART_CHORDS, 0 }, { "jazz, electric bass", GEN_PART_BASS, 33 },
		/* an oscillator stands for a synthesizer's family, not for another */
		{ "techno, rolling bassline", GEN_PART_BASS, -1 }, { "synthwave, pulsing bass", GEN_PART_BASS, -1 },
		{ "synthwave with guitar", GEN_PART_CHORDS, 25 }, { "techno, synth bass", GEN_PART_BASS, 38 },
	};
	for (size_t k = 0; k < sizeof plays / sizeof plays[0]; k++) {
		il_synth_plan pl;
		size_t n;
		free(render(plays[k].prompt, 5, 1, "none", 0, 0, &pl, &n));
		ck_assert_msg(pl.program[plays[k].part] == plays[k].program, "\"%s\" plays %d, not %d", plays[k].prompt,
			      pl.program[plays[k].part], plays[k].program);
	}
	il_gen_prompt_info pi;
	gen_prompt_parse("ukulele", &pi);
	ck_assert_int_eq(pi.inst[0].octave, 1);
	ck_assert_str_eq(gen_prompt_gm_name(42), "Cello");
	ck_assert_str_eq(gen_prompt_gm_name(GEN_GM_KIT + 25), "TR-808 Kit");
}
END_TEST

START_TEST(test_mood_tempo_key_metre)
{
	static const struct { const char *prompt; int mood; } moods[] = {
		{ "dark", GEN_MOOD_DARK }, { "melancholic", GEN_MOOD_SAD }, { "happy", GEN_MOOD_HAPPY },
		{ "calm", GEN_MOOD_CALM }, { "energetic", GEN_MOOD_ENERGETIC }, { "sad", GEN_MOOD_SAD },
	};
	il_gen_prompt_info pi;
	for (size_t k = 0; k < sizeof moods / sizeof moods[0]; k++) {
		parse_both(moods[k].prompt, &pi);
		ck_assert_int_eq(pi.mood, moods[k].mood);
	}
	static const char *const tempos[] = { "92 bpm", "92bpm", "bpm 92", "tempo 92", "tempo: 92",
					      "tempo of 92", "92 beats per minute", "BPM: 92" };
	for (size_t k = 0; k < sizeof tempos / sizeof tempos[0]; k++) {
		parse_both(tempos[k], &pi);
		ck_assert_msg(pi.bpm == 92, "\"%s\" gives %g bpm", tempos[k], pi.bpm);
		ck_assert_msg(!pi.ignored[0], "\"%s\" leaves \"%s\"", tempos[k], pi.ignored);
	}
	parse_both("slow", &pi);
	ck_assert_int_eq(pi.pace, -1);
	parse_both("fast", &pi);
	ck_assert_int_eq(pi.pace, 1);
	gen_prompt_parse("house 240 bpm", &pi);
	ck_assert(pi.bpm == 0);
	ck_assert_ptr_nonnull(strstr(pi.ignored, "240"));
	static const struct { const char *prompt; int root, minor; } keys[] = {
		{ "in a minor", 9, 1 }, { "c# minor", 1, 1 }, { "Bb major", 10, 0 }, { "F#m", 6, 1 },
		{ "e flat major", 3, 0 }, { "key of d", 2, 0 }, { "G\xe2\x99\xaf minor", 8, 1 }, { "ab min", 8, 1 },
	};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		gen_prompt_parse(keys[k].prompt, &pi);
		ck_assert_msg(pi.key_root == keys[k].root && pi.minor == keys[k].minor, "\"%s\" is %d/%d",
			      keys[k].prompt, pi.key_root, pi.minor);
	}
	gen_prompt_parse("IN A MINOR", &pi);
	ck_assert(pi.key_root == 9 && pi.minor == 1);
	gen_prompt_parse("a song in a major key", &pi);
	ck_assert(pi.key_root == 9 && pi.minor == 0);
	parse_both("waltz", &pi);
	ck_assert_int_eq(pi.metre, 3);
	parse_both("folk in 6/8", &pi);
	ck_assert_int_eq(pi.metre, 6);
	parse_both("rock in 3/4", &pi);
	ck_assert_int_eq(pi.metre, 3);
	gen_prompt_parse("lo-fi hip hop, rainy evening, purple", &pi);
	ck_assert_str_eq(pi.ignored, "rainy, evening, purple");
}
END_TEST

/* Render a clip of secs seconds. */
static float *render(const char *prompt, double secs, uint64_t seed, const char *sf, double bpm, int key,
		     il_synth_plan *pl, size_t *n)
{
	il_synth_params p = { prompt, secs, seed, NULL, sf, bpm, key, 0 };
	float *x;
	il_err err;
	ck_assert_msg(synth_render(&p, &x, n, pl, &err) == 0, "%s", err.msg);
	return x;
}

/* Level in dB of x[a..] - x[b..] over len frames (left channel) against x[a..]. */
static double residual_db(const float *x, size_t a, size_t b, size_t len)
{
	double d = 0, s = 0;
	for (size_t i = 0; i < len; i++) {
		double e = x[2 * (a + i)] - x[2 * (b + i)];
		d += e * e;
		s += (double)x[2 * (a + i)] * x[2 * (a + i)];
	}
	return 10 * log10((d + 1e-20) / (s + 1e-20));
}

START_TEST(test_plan)
{
	il_synth_plan pl;
	size_t n;
	float *x = render("waltz in 3/4, music box, d minor, tempo 100", 15, 3, "none", 0, 0, &pl, &n);
	ck_assert_int_eq(pl.style, GEN_STYLE_WALTZ);
	ck_assert_int_eq(pl.metre, 3);
	ck_assert_int_eq(pl.beats_per_bar, 3);
	ck_assert(pl.key_root == 2 && pl.minor == 1);
	ck_assert(pl.bpm == 100);
	ck_assert_int_eq(pl.nsections, 4);
	ck_assert_str_eq(pl.section[0], "A");
	ck_assert_str_eq(pl.section[2], "B");
	ck_assert_str_eq(pl.section[3], "A''");
	int bars = 0;
	for (int k = 0; k < pl.nsections; k++)
		bars += pl.section_bars[k];
	ck_assert_int_eq(bars, pl.main_bars);
	/* The loop is the whole phrase, over 12 s of the 15, in whole bars. */
	double len = (double)(pl.loop_end - pl.loop_start) / SYNTH_RATE;
	ck_assert_msg(len > 12.0, "the loop is %.2f s", len);
	ck_assert(fabs(len - pl.main_bars * pl.bar_s) < 2.0 / SYNTH_RATE);
	ck_assert(fabs(pl.bar_s * 100 / 60 - 3) < 0.001);
	/* It repeats sample for sample after its end, and no half of it repeats. */
	double seam = residual_db(x, pl.loop_start, pl.loop_end, SYNTH_RATE / 2);
	ck_assert_msg(seam < -40, "after the loop's end the phrase differs by %.1f dB", seam);
	size_t bar = (size_t)llround(pl.bar_s * SYNTH_RATE);
	for (int k = 1; k <= pl.main_bars / 2; k++) {
		double sub = residual_db(x, pl.loop_start, pl.loop_start + k * bar, (size_t)(pl.main_bars - k) * bar);
		ck_assert_msg(sub > -10, "the loop repeats itself after %d bars (%.1f dB)", k, sub);
	}
	free(x);
	/* More seconds, more bars: a 30 s clip is no copy of two 15 s phrases. */
	il_synth_plan p15, p30;
	float *a = render("upbeat pop song 120 bpm", 15, 9, "none", 0, 0, &p15, &n);
	float *b = render("upbeat pop song 120 bpm", 30, 9, "none", 0, 0, &p30, &n);
	ck_assert_int_gt(p30.main_bars, 2 * p15.main_bars - 1);
	size_t half = (p30.loop_end - p30.loop_start) / 2;
	double copy = residual_db(b, p30.loop_start, p30.loop_start + half, half);
	ck_assert_msg(copy > -10, "the 30 s loop's halves differ by only %.1f dB", copy);
	free(a);
	free(b);
	/* 5 s: whole bars still. */
	x = render("sparse kalimba and rain ambient", 5, 1, "none", 0, 0, &pl, &n);
	ck_assert_int_ge(pl.main_bars, 1);
	ck_assert(fabs((double)(pl.loop_end - pl.loop_start) / SYNTH_RATE - pl.main_bars * pl.bar_s) < 2.0 / SYNTH_RATE);
	ck_assert(pl.loop_end <= n);
	free(x);
}
END_TEST

/* A style's chords and lead change from clip to clip among its own
 * instruments, unless the prompt names them (lo-fi: two electric pianos;
 * jazz guitar, vibraphone or flute). */
START_TEST(test_instrument_turns)
{
	int leads[128] = { 0 }, chords[128] = { 0 }, nlead = 0, nchords = 0;
	for (uint64_t seed = 1; seed <= 12; seed++) {
		il_synth_plan pl;
		size_t n;
		free(render("lo-fi hip hop", 5, seed, "none", 0, 0, &pl, &n));
		int l = pl.program[GEN_PART_LEAD], c = pl.program[GEN_PART_CHORDS];
		ck_assert_msg(l == 26 || l == 11 || l == 73, "seed %d: lead %d", (int)seed, l);
		ck_assert_msg(c == 4 || c == 5, "seed %d: chords %d", (int)seed, c);
		nlead += !leads[l]++;
		nchords += !chords[c]++;
		free(render("lo-fi hip hop, warm rhodes chords, flute", 5, seed, "none", 0, 0, &pl, &n));
		ck_assert_int_eq(pl.program[GEN_PART_CHORDS], 4);
		ck_assert_int_eq(pl.program[GEN_PART_LEAD], 73);
	}
	ck_assert_msg(nlead == 3 && nchords == 2, "12 clips: %d leads, %d chord instruments", nlead, nchords);
}
END_TEST

/* Metal: a minor key unless the prompt names one, its tempo, and power
 * chords (root, fifth, octave) on the chords' roots, voiced low. */
START_TEST(test_metal)
{
	int minor = 0;
	for (uint64_t seed = 1; seed <= 20; seed++) {
		il_synth_plan pl;
		size_t n;
		free(render("heavy metal", 5, seed, "none", 0, 0, &pl, &n));
		ck_assert_int_eq(pl.style, GEN_STYLE_METAL);
		ck_assert_msg(pl.bpm >= 120 && pl.bpm <= 170, "seed %d: %g bpm", (int)seed, pl.bpm);
		minor += pl.minor;
	}
	ck_assert_msg(minor >= 17, "%d of 20 metal pieces are in a minor key", minor);
	static const int aeolian[7] = { 0, 2, 3, 5, 7, 8, 10 };
	il_synth_ctx c;
	memset(&c, 0, sizeof c);
	c.st = &synth_styles[GEN_STYLE_METAL];
	synth_rng_seed(&c.rng, 5);
	c.plan.main_bars = 8;
	c.plan.key_root = 4; /* E minor */
	c.plan.minor = 1;
	memcpy(c.scale, aeolian, sizeof c.scale);
	memcpy(c.plan.program, c.st->program, sizeof c.plan.program);
	c.spb = 16;
	c.slots_per_bar = 1;
	synth_form_compose(&c);
	ck_assert_int_eq(c.nslot, 8);
	ck_assert_int_eq(c.nchord, 3);
	for (int k = 0; k < c.nslot; k++) {
		int *ch = c.chord[k], root = (4 + synth_degree_semi(&c, k, c.deg[k])) % 12;
		ck_assert_msg(ch[1] - ch[0] == 7 && ch[2] - ch[0] == 12, "slot %d: %d %d %d is no power chord", k,
			      ch[0], ch[1], ch[2]);
		ck_assert_int_eq(ch[0] % 12, root);
		ck_assert_msg(ch[0] >= 35 && ch[0] <= 50, "slot %d: the root is MIDI %d", k, ch[0]);
	}
	ck_assert_int_eq(c.chord[0][0], 40); /* the tonic on the guitar's low E */
}
END_TEST

START_TEST(test_station_params)
{
	il_synth_plan pl;
	size_t n;
	/* A station's tempo and key hold when the prompt names none... */
	float *x = render("lo-fi hip hop", 15, 4, "none", 84, 1 + 9 + 12, &pl, &n);
	ck_assert(pl.bpm == 84);
	ck_assert(pl.key_root == 9 && pl.minor == 1);
	free(x);
	/* ...and the prompt's win when it names them. */
	x = render("lo-fi hip hop, 72 bpm, C major", 15, 4, "none", 84, 1 + 9 + 12, &pl, &n);
	ck_assert(pl.bpm == 72);
	ck_assert(pl.key_root == 0 && pl.minor == 0);
	free(x);
	/* A mode the prompt, its mood or its style holds to turns the
	 * station's key into its relative: C major gives A minor to a dark
	 * piece and to metal, A minor gives C major to a happy one. */
	static const struct { const char *prompt; int key, root, minor; } rel[] = {
		{ "dark ambient", 1 + 0, 9, 1 }, { "heavy metal", 1 + 0, 9, 1 }, { "happy ukulele", 1 + 9 + 12, 0, 0 },
		{ "lo-fi hip hop in minor", 1 + 0, 9, 1 }, { "lo-fi hip hop", 1 + 0, 0, 0 },
	};
	for (size_t k = 0; k < sizeof rel / sizeof rel[0]; k++) {
		free(render(rel[k].prompt, 6, 4, "none", 0, rel[k].key, &pl, &n));
		ck_assert_msg(pl.key_root == rel[k].root && pl.minor == rel[k].minor, "%s: root %d minor %d",
			      rel[k].prompt, pl.key_root, pl.minor);
	}
}
END_TEST

START_TEST(test_fallback)
{
	il_synth_plan pl;
	size_t n;
	float *x = render("melancholic cello", 8, 2, "none", 0, 0, &pl, &n);
	ck_assert_int_eq(pl.soundfont, 0);
	ck_assert_ptr_nonnull(strstr(pl.note, "oscillators"));
	ck_assert_str_eq(pl.instrument[GEN_PART_LEAD], "Cello (synth)");
	double s = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		ck_assert(isfinite(x[i]) && fabsf(x[i]) <= 1.0f);
		s += (double)x[i] * x[i];
	}
	ck_assert(sqrt(s / (2.0 * n)) > 0.05);
	free(x);
	x = render("melancholic cello", 8, 2, "/nonexistent/gm.sf2", 0, 0, &pl, &n);
	ck_assert_int_eq(pl.soundfont, 0);
	ck_assert_ptr_nonnull(strstr(pl.note, "cannot be read"));
	free(x);
	/* Oscillator styles name their oscillators and need no soundfont. */
	x = render("techno", 8, 2, "none", 0, 0, &pl, &n);
	ck_assert_str_eq(pl.note, "");
	ck_assert_str_eq(pl.instrument[GEN_PART_BASS], "acid bass");
	free(x);
}
END_TEST

/* Without the FluidSynth library the oscillators play, and the note says why. */
START_TEST(test_no_fluidsynth)
{
	if (access("/usr/share/sounds/sf2/FluidR3_GM.sf2", R_OK) != 0 &&
	    access("/usr/share/sounds/sf2/TimGM6mb.sf2", R_OK) != 0)
		return; /* no soundfont installed: the library is never opened */
	ck_assert_int_eq(setenv("INFINILOOP_FLUIDSYNTH", "libfluidsynth-missing.so.99", 1), 0);
	il_synth_plan pl;
	size_t n;
	float *x = render("melancholic cello", 8, 2, NULL, 0, 0, &pl, &n);
	unsetenv("INFINILOOP_FLUIDSYNTH");
	ck_assert_int_eq(pl.soundfont, 0);
	ck_assert_msg(strstr(pl.note, "FluidSynth library not found (libfluidsynth-missing.so.99") &&
			      strstr(pl.note, "General MIDI instruments are played by oscillators"),
		      "note: %s", pl.note);
	ck_assert_str_eq(pl.instrument[GEN_PART_LEAD], "Cello (synth)");
	double s = 0;
	for (size_t i = 0; i < 2 * n; i++)
		s += (double)x[i] * x[i];
	ck_assert(sqrt(s / (2.0 * n)) > 0.05);
	free(x);
}
END_TEST

START_TEST(test_soundfont)
{
	if (access("/usr/share/sounds/sf2/FluidR3_GM.sf2", R_OK) != 0 &&
	    access("/usr/share/sounds/sf2/TimGM6mb.sf2", R_OK) != 0)
		return; /* no soundfont installed: test_fallback covers this machine */
	il_synth_plan pl;
	size_t n;
	float *x = render("melancholic cello", 8, 2, NULL, 0, 0, &pl, &n);
	ck_assert_int_eq(pl.soundfont, 1);
	ck_assert_str_eq(pl.note, "");
	ck_assert_str_eq(pl.instrument[GEN_PART_LEAD], "Cello");
	/* The cello is heard: a clip with it differs from one with a flute. */
	il_synth_plan p2;
	float *y = render("melancholic flute", 8, 2, NULL, 0, 0, &p2, &n);
	ck_assert_str_eq(p2.instrument[GEN_PART_LEAD], "Flute");
	double d = 0;
	for (size_t i = 0; i < 2 * n; i++)
		d += fabs((double)x[i] - y[i]);
	ck_assert(d / (2.0 * n) > 1e-3);
	free(x);
	free(y);
}
END_TEST

/* Every drum voice adds the same bits to the bus with a drum cache (its
 * shapes made once, grown for longer hits, cut by the bus's end) as
 * without one (made afresh a chunk at a time). */
START_TEST(test_drum_cache)
{
	enum { RATE = 48000, N = 3 * RATE };
	float *mem = calloc(8 * (size_t)N, sizeof *mem);
	sv_drum_cache *dc = sv_drum_cache_new();
	ck_assert(mem && dc);
	for (int k = 0; k < 2; k++) {
		float *m = mem + 4 * (size_t)N * k;
		il_synth_bus b = { m, m + N, m + 2 * N, m + 3 * N, N, RATE };
		sv_drum_cache *use = k ? dc : NULL;
		il_synth_rng r;
		synth_rng_seed(&r, 7);
		for (int h = 0; h < 3; h++) {
			double t = 0.1 + 0.9 * h;
			float v = 0.5f + 0.2f * h;
			sv_kick(&b, use, t, v, 45, 0.9f, 0.05f);
			sv_kick(&b, use, t + 0.05, v, 55, 0.25f, 0.2f);
			sv_snare(&b, use, &r, t + 0.1, v, 190, 0.13f, 0.2f, 0);
			sv_snare(&b, use, &r, t + 0.2, v, 0, 0.12f, 0.3f, 1);
			sv_hat(&b, use, &r, t + 0.3, v, h ? 0.18f : 0.035f, 0.25f, 0);
			sv_hat(&b, use, &r, t + 0.4, v, 0.9f, -0.2f, 1);
			sv_tom(&b, use, t + 0.5, v, 90, 0.3f, 0.3f);
		}
	}
	sv_drum_cache_free(dc);
	double s = 0;
	for (size_t i = 0; i < 4 * (size_t)N; i++)
		s += fabs((double)mem[i]);
	ck_assert(s > 1.0);
	ck_assert(memcmp(mem, mem + 4 * (size_t)N, 4 * (size_t)N * sizeof *mem) == 0);
	free(mem);
}
END_TEST

/* The suite. */
int main(void)
{
	Suite *s = suite_create("composer");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_genres);
	tcase_add_test(tc, test_instruments);
	tcase_add_test(tc, test_mood_tempo_key_metre);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_metal);
	tcase_add_test(tc, test_instrument_turns);
	tcase_add_test(tc, test_station_params);
	tcase_add_test(tc, test_fallback);
	tcase_add_test(tc, test_soundfont);
	tcase_add_test(tc, test_no_fluidsynth);
	tcase_add_test(tc, test_drum_cache);
	suite_add_tcase(s, tc);
	return testutil_run(s);
}

/* fluidrender.c: the renderer's FluidSynth part. The library is opened with
 * dlopen() (see fluidrender_open), so that no program of the package links
 * it and the renderer can say it is missing; its headers give the types at
 * compile time. The soundfont is loaded with only the samples the score
 * uses (dynamic sample loading), and is gone when the renderer exits. */
#include "gen/fluidrender.h"

#include <dlfcn.h>
#include <fluidsynth.h>
#include <stdint.h>
#include <string.h>

#include "gen/prompt.h"

/* The FluidSynth functions used, one row per symbol, looked up at start. */
#define FLUID_FUNCS(X)                                                                                                \
	X(fluid_set_log_function)                                                                                     \
	X(new_fluid_settings)                                                                                         \
	X(delete_fluid_settings)                                                                                      \
	X(fluid_settings_setnum)                                                                                      \
	X(fluid_settings_setint)                                                                                      \
	X(new_fluid_synth)                                                                                            \
	X(delete_fluid_synth)                                                                                         \
	X(fluid_synth_sfload)                                                                                         \
	X(fluid_synth_program_select)                                                                                 \
	X(fluid_synth_cc)                                                                                             \
	X(fluid_synth_write_float)                                                                                    \
	X(fluid_synth_noteon)                                                                                         \
	X(fluid_synth_noteoff)                                                                                        \
	X(fluid_synth_get_active_voice_count)

#define FLUID_FIELD(f) __typeof__(&f) f;
static struct {
	FLUID_FUNCS(FLUID_FIELD)
} fl;
#define FLUID_ROW(f) { #f, (void *)&fl.f },
static const struct {
	const char *name;
	void *slot; /* where the function's address goes */
} fluid_rows[] = { FLUID_FUNCS(FLUID_ROW) };

/* The synth and settings of the last run, kept to the end (see
 * fluidrender_run); volatile, so that the stores are not left out. */
static volatile struct {
	fluid_synth_t *syn;
	fluid_settings_t *set;
} fluidrender_kept;

/* Open the library lib (else fallback, when not NULL) and fill fl from
 * fluid_rows; 0, or -1 if it or a function is missing. */
int fluidrender_open(const char *lib, const char *fallback)
{
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!h && fallback && *fallback)
		h = dlopen(fallback, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -1;
	for (size_t k = 0; k < sizeof fluid_rows / sizeof fluid_rows[0]; k++) {
		void *f = dlsym(h, fluid_rows[k].name);
		if (!f)
			return -1;
		memcpy(fluid_rows[k].slot, &f, sizeof f); /* POSIX: a data pointer holds a function's */
	}
	return 0;
}

/* Select program prog (or a kit on channel 9) on chan, falling back to the
 * first of its bank, then to program 0. */
static void fluidrender_program(fluid_synth_t *syn, int sfid, int chan, int prog)
{
	int bank = chan == 9 ? 128 : 0, p = prog >= GEN_GM_KIT ? prog - GEN_GM_KIT : prog;
	if (fl.fluid_synth_program_select(syn, chan, sfid, bank, p) != FLUID_OK)
		fl.fluid_synth_program_select(syn, chan, sfid, bank, 0);
}

/* Render frames pos .. to of the synth into out (planar: n left, then n
 * right); 0, or -1 when FluidSynth fails. */
static int fluidrender_write(fluid_synth_t *syn, float *out, size_t n, size_t pos, size_t to)
{
	fluid_job_populate(out + pos, to - pos, MADV_POPULATE_WRITE);
	fluid_job_populate(out + n + pos, to - pos, MADV_POPULATE_WRITE);
	return fl.fluid_synth_write_float(syn, (int)(to - pos), out, (int)pos, 1, out + n, (int)pos, 1) == FLUID_OK ? 0 : -1;
}

/* Play the messages through syn into out, from the first note to the last
 * sound, and say which frames in *from and *to; 0, or FLUID_EXIT_RENDER. */
static int fluidrender_play(fluid_synth_t *syn, const fluid_msg *m, size_t nm, float *out, size_t n, uint64_t *from,
			    uint64_t *to_)
{
	/* Silence before the first note and after the last sound is not
	 * rendered; the first frame rendered is on the bus's 64-frame grid. */
	size_t pos = nm && m[0].frame < n ? m[0].frame / 64 * 64 : n;
	*from = *to_ = pos;
	for (size_t k = 0; k < nm; k++) {
		size_t to = m[k].frame < n ? (size_t)m[k].frame : n;
		if (to > pos) {
			if (fluidrender_write(syn, out, n, pos, to) != 0)
				return FLUID_EXIT_RENDER;
			pos = to;
		}
		if (m[k].on)
			fl.fluid_synth_noteon(syn, m[k].chan, m[k].note, m[k].vel);
		else
			fl.fluid_synth_noteoff(syn, m[k].chan, m[k].note);
	}
	while (pos < n && fl.fluid_synth_get_active_voice_count(syn) > 0) {
		size_t to = pos + 4096 < n ? pos + 4096 : n;
		if (fluidrender_write(syn, out, n, pos, to) != 0)
			return FLUID_EXIT_RENDER;
		pos = to;
	}
	*to_ = pos;
	return 0;
}

/* Render a job (see fluidrender.h); fluidrender_open has succeeded. */
int fluidrender_run(fluid_job *job, const fluid_msg *m, float *out, const char *soundfont)
{
	for (int lv = 0; lv < LAST_LOG_LEVEL; lv++)
		fl.fluid_set_log_function(lv, NULL, NULL);
	fluid_settings_t *set = fl.new_fluid_settings();
	if (!set)
		return FLUID_EXIT_SETTINGS;
	fl.fluid_settings_setnum(set, "synth.sample-rate", job->rate);
	fl.fluid_settings_setnum(set, "synth.gain", job->gain);
	fl.fluid_settings_setint(set, "synth.dynamic-sample-loading", 1);
	fl.fluid_settings_setint(set, "synth.lock-memory", 0);
	fl.fluid_settings_setint(set, "synth.chorus.active", 0);
	/* No reverb here: its delay lines are modulated, so it would not repeat
	 * with the phrase; the composer's own reverb takes the send instead. */
	fl.fluid_settings_setint(set, "synth.reverb.active", 0);
	fl.fluid_settings_setint(set, "synth.polyphony", 192);
	fluid_synth_t *syn = fl.new_fluid_synth(set);
	if (!syn) {
		fl.delete_fluid_settings(set);
		return FLUID_EXIT_SETTINGS;
	}
	/* No preset reset: it would load the piano's samples on every channel
	 * before the programs below replace it (20 ms when no piano plays). */
	int rc = FLUID_EXIT_SOUNDFONT, sfid = fl.fluid_synth_sfload(syn, soundfont, 0);
	if (sfid != FLUID_FAILED) {
		for (int ch = 0; ch < 16; ch++) {
			if (job->program[ch] < 0)
				continue;
			fluidrender_program(syn, sfid, ch, job->program[ch]);
			fl.fluid_synth_cc(syn, ch, 7, (int)(job->vol[ch] * 127));
			fl.fluid_synth_cc(syn, ch, 10, (int)(64 + job->pan[ch] * 63));
			fl.fluid_synth_cc(syn, ch, 91, (int)(job->rev[ch] * 127));
			fl.fluid_synth_cc(syn, ch, 93, 0);
		}
		rc = fluidrender_play(syn, m, (size_t)job->nmsg, out, (size_t)job->frames, &job->from, &job->to);
	}
	/* Not deleted: the renderer exits next, and its end gives the memory
	 * back at once, where deleting frees the soundfont's tables piece by
	 * piece, tens of thousands of them (about 3.5 ms of the renderer's
	 * 100). Kept here, they stay reachable for a leak checker. */
	fluidrender_kept.syn = syn;
	fluidrender_kept.set = set;
	return rc;
}

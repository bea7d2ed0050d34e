/* synth_fluid.c: General MIDI parts through FluidSynth, in a short-lived
 * child process: the soundfont (FluidR3_GM is 148 MB) is loaded there, with
 * only the samples the score uses, and is gone when the child exits, so it
 * never stays in the engine's memory. The child writes into a shared
 * anonymous mapping; the parent mixes it into the bus. The library itself
 * is opened with dlopen() in the child only (see fluid_open), so neither the
 * UI nor the engine ever maps libfluidsynth and the libraries it pulls in;
 * its headers give the types at compile time. */
/* (The per-channel reverb amounts of the score are kept for a soundfont
 * reverb; the bus's reverb gets one send for all General MIDI parts.) */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <fluidsynth.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gen/synth_internal.h"

#define FLUID_GAIN 0.9f /* level of the GM parts against the oscillators */
#define FLUID_NOLIB 6    /* the child's exit status when the library cannot be loaded */

/* The FluidSynth functions used, one row per symbol, looked up in the child. */
#define FLUID_FUNCS(X)                                                                                                \
	X(fluid_set_log_function)                                                                                     \
	X(new_fluid_settings)                                                                                         \
	X(fluid_settings_setnum)                                                                                      \
	X(fluid_settings_setint)                                                                                      \
	X(new_fluid_synth)                                                                                            \
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

typedef struct fluid_msg {
	size_t frame;
	unsigned char on, chan, note, vel;
} fluid_msg;

/* Order messages by frame, note-offs first. */
static int fluid_msg_cmp(const void *a, const void *b)
{
	const fluid_msg *x = a, *y = b;
	if (x->frame != y->frame)
		return x->frame < y->frame ? -1 : 1;
	return (int)x->on - (int)y->on;
}

/* The soundfont to use: the setting, else the Debian paths; NULL if none. */
const char *synth_fluid_find(const char *setting)
{
	static const char *const paths[] = {
		"/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2",
		"/usr/share/sounds/sf2/default-GM.sf2", "/usr/share/soundfonts/default.sf2",
	};
	if (setting && *setting)
		return strcmp(setting, "none") != 0 && access(setting, R_OK) == 0 ? setting : NULL;
	for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++)
		if (access(paths[k], R_OK) == 0)
			return paths[k];
	return NULL;
}

/* The library to open: $INFINILOOP_FLUIDSYNTH, else the configured soname. */
static const char *synth_fluid_soname(void)
{
	const char *e = getenv("INFINILOOP_FLUIDSYNTH");
	return e && *e ? e : IL_FLUID_SONAME;
}

/* Open FluidSynth and fill fl from fluid_rows; 0, or -1 if it is missing. */
static int fluid_open(void)
{
	const char *name = synth_fluid_soname();
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!h && !getenv("INFINILOOP_FLUIDSYNTH") && strcmp(name, "libfluidsynth.so") != 0)
		h = dlopen("libfluidsynth.so", RTLD_NOW | RTLD_LOCAL);
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
static void fluid_program(fluid_synth_t *syn, int sfid, int chan, int prog)
{
	int bank = chan == 9 ? 128 : 0, p = prog >= GEN_GM_KIT ? prog - GEN_GM_KIT : prog;
	if (fl.fluid_synth_program_select(syn, chan, sfid, bank, p) != FLUID_OK)
		fl.fluid_synth_program_select(syn, chan, sfid, bank, 0);
}

/* Render frames pos .. to of the synth into out (planar: n left, then n
 * right); 0, or -1 when FluidSynth fails. */
static int fluid_write(fluid_synth_t *syn, float *out, size_t n, size_t pos, size_t to)
{
	return fl.fluid_synth_write_float(syn, (int)(to - pos), out, (int)pos, 1, out + n, (int)pos, 1) == FLUID_OK ? 0 : -1;
}

/* The child: render msgs into out (planar: n left, then n right); exit status. */
static int fluid_child(const il_synth_score *s, const char *soundfont, const fluid_msg *m, size_t nm, float *out,
		       size_t n)
{
	if (fluid_open() != 0)
		return FLUID_NOLIB;
	for (int lv = 0; lv < LAST_LOG_LEVEL; lv++)
		fl.fluid_set_log_function(lv, NULL, NULL);
	fluid_settings_t *set = fl.new_fluid_settings();
	if (!set)
		return 2;
	fl.fluid_settings_setnum(set, "synth.sample-rate", SYNTH_RATE);
	fl.fluid_settings_setnum(set, "synth.gain", FLUID_GAIN);
	fl.fluid_settings_setint(set, "synth.dynamic-sample-loading", 1);
	fl.fluid_settings_setint(set, "synth.chorus.active", 0);
	/* No reverb here: its delay lines are modulated, so it would not repeat
	 * with the phrase; the bus's own reverb takes the send instead. */
	fl.fluid_settings_setint(set, "synth.reverb.active", 0);
	fl.fluid_settings_setint(set, "synth.polyphony", 192);
	fluid_synth_t *syn = fl.new_fluid_synth(set);
	if (!syn)
		return 3;
	/* No preset reset: it would load the piano's samples on every channel
	 * before the programs below replace it (20 ms when no piano plays). */
	int sfid = fl.fluid_synth_sfload(syn, soundfont, 0);
	if (sfid == FLUID_FAILED)
		return 4;
	for (int ch = 0; ch < 16; ch++) {
		if (s->program[ch] < 0)
			continue;
		fluid_program(syn, sfid, ch, s->program[ch]);
		fl.fluid_synth_cc(syn, ch, 7, (int)(s->vol[ch] * 127));
		fl.fluid_synth_cc(syn, ch, 10, (int)(64 + s->pan[ch] * 63));
		fl.fluid_synth_cc(syn, ch, 91, (int)(s->rev[ch] * 127));
		fl.fluid_synth_cc(syn, ch, 93, 0);
	}
	/* Silence before the first note and after the last sound is not
	 * rendered; the first frame rendered is on the bus's 64-frame grid. */
	size_t pos = nm && m[0].frame < n ? m[0].frame / 64 * 64 : n;
	for (size_t k = 0; k < nm; k++) {
		size_t to = m[k].frame < n ? m[k].frame : n;
		if (to > pos) {
			if (fluid_write(syn, out, n, pos, to) != 0)
				return 5;
			pos = to;
		}
		if (m[k].on)
			fl.fluid_synth_noteon(syn, m[k].chan, m[k].note, m[k].vel);
		else
			fl.fluid_synth_noteoff(syn, m[k].chan, m[k].note);
	}
	while (pos < n && fl.fluid_synth_get_active_voice_count(syn) > 0) {
		size_t to = pos + 4096 < n ? pos + 4096 : n;
		if (fluid_write(syn, out, n, pos, to) != 0)
			return 5;
		pos = to;
	}
	return 0;
}

/* Wait for the child; kill it when cancel is set. Its exit status, or -1. */
static int fluid_wait(pid_t pid, const volatile int *cancel)
{
	int st;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		if (r < 0 && errno != EINTR)
			return -1;
		if (cancel && *cancel) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		struct timespec ts = { 0, 2000000 };
		nanosleep(&ts, NULL);
	}
}

/* Render the score with FluidSynth and mix it into the bus (see synth_internal.h). */
int synth_fluid_render(const il_synth_score *s, const char *soundfont, il_synth_bus *bus, float rev,
		       const volatile int *cancel, il_err *err)
{
	size_t nm = 2 * s->n, bytes = 2 * bus->n * sizeof(float);
	fluid_msg *m = malloc((nm ? nm : 1) * sizeof *m);
	if (!m)
		return il_err_set(err, IL_E_INTERNAL, "out of memory for %zu notes", s->n);
	for (size_t k = 0; k < s->n; k++) {
		const il_synth_ev *e = &s->ev[k];
		size_t a = (size_t)llround(e->t * bus->rate), b = (size_t)llround((e->t + e->dur) * bus->rate);
		m[2 * k] = (fluid_msg){ a, 1, e->chan, e->note, e->vel };
		m[2 * k + 1] = (fluid_msg){ b > a ? b : a + 1, 0, e->chan, e->note, 0 };
	}
	qsort(m, nm, sizeof *m, fluid_msg_cmp);
	float *out = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (out == MAP_FAILED) {
		free(m);
		return il_err_set(err, IL_E_INTERNAL, "cannot map %zu bytes for FluidSynth: %s", bytes, strerror(errno));
	}
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		munmap(out, bytes);
		free(m);
		return il_err_set(err, IL_E_GEN, "cannot start FluidSynth's process: %s", strerror(e));
	}
	if (pid == 0)
		_exit(fluid_child(s, soundfont, m, nm, out, bus->n));
	int rc = fluid_wait(pid, cancel);
	free(m);
	if (rc != 0) {
		munmap(out, bytes);
		if (rc < 0)
			return il_err_set(err, IL_E_GEN, "FluidSynth was stopped");
		if (rc == FLUID_NOLIB)
			return il_err_set(err, IL_E_GEN, "FluidSynth library not found (%s; install libfluidsynth3)",
					  synth_fluid_soname());
		return il_err_set(err, IL_E_GEN, "FluidSynth could not render with %s (status %d)", soundfont, rc);
	}
	for (size_t i = 0; i < bus->n; i++) {
		bus->l[i] += out[i];
		bus->r[i] += out[bus->n + i];
		bus->rev[i] += rev * 0.5f * (out[i] + out[bus->n + i]);
	}
	munmap(out, bytes);
	return 0;
}

/* synth_fluid.c: General MIDI parts through FluidSynth, rendered by the
 * program infiniloop-fluid (src/main_fluid.c), started for each clip with
 * posix_spawn: the soundfont (FluidR3_GM is 148 MB) is loaded there, with
 * only the samples the score uses, and is gone when it exits, so it never
 * stays in the engine's memory; neither the UI nor the engine ever maps
 * libfluidsynth. The job and the samples rendered go through one memfd
 * (src/gen/fluidjob.h); the engine mixes them into the bus. */
/* (The per-channel reverb amounts of the score are kept for a soundfont
 * reverb; the bus's reverb gets one send for all General MIDI parts.) */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gen/fluidjob.h"
#include "gen/synth_internal.h"
#include "store/paths.h"
#include "util/timeutil.h"
#include "util/tunables.h"

#define FLUID_GAIN 0.9f /* level of the GM parts against the oscillators */
#define FLUID_WAIT_MS 50 /* a wait for the renderer looks at cancel and its timeout this often */

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

/* The library the renderer opens: $INFINILOOP_FLUIDSYNTH, else the
 * configured soname (then, as a fallback, the development link). */
static const char *synth_fluid_soname(const char **fallback)
{
	const char *e = getenv("INFINILOOP_FLUIDSYNTH");
	*fallback = e && *e ? "" : "libfluidsynth.so";
	return e && *e ? e : IL_FLUID_SONAME;
}

/* Write the score's job into a new memfd of its size; the descriptor,
 * or -1 with err. The output part is left zero (silence). */
static int synth_fluid_job(const il_synth_score *s, size_t frames, double rate, il_err *err)
{
	size_t nm = 2 * s->n, size = fluid_job_size(nm, frames);
	int fd = memfd_create("infiniloop-fluid", MFD_CLOEXEC);
	if (fd < 0)
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot make FluidSynth's job file");
	void *p = ftruncate(fd, (off_t)size) == 0 ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
	if (p == MAP_FAILED) {
		int e = errno;
		close(fd);
		return il_err_errno(err, IL_E_INTERNAL, e, "cannot map %zu bytes for FluidSynth", size);
	}
	fluid_job *job = p;
	*job = (fluid_job){ FLUID_JOB_MAGIC, (uint32_t)rate, frames, nm, getpid(), FLUID_GAIN, { 0 }, { 0 }, { 0 }, { 0 }, 0, 0 };
	memcpy(job->program, s->program, sizeof job->program);
	memcpy(job->vol, s->vol, sizeof job->vol);
	memcpy(job->pan, s->pan, sizeof job->pan);
	memcpy(job->rev, s->rev, sizeof job->rev);
	fluid_msg *m = (fluid_msg *)(void *)((char *)p + fluid_job_msgs_at());
	for (size_t k = 0; k < s->n; k++) {
		const il_synth_ev *e = &s->ev[k];
		size_t a = (size_t)llround(e->t * rate), b = (size_t)llround((e->t + e->dur) * rate);
		m[2 * k] = (fluid_msg){ a, 1, e->chan, e->note, e->vel };
		m[2 * k + 1] = (fluid_msg){ b > a ? b : a + 1, 0, e->chan, e->note, 0 };
	}
	qsort(m, nm, sizeof *m, fluid_msg_cmp);
	munmap(p, size);
	return fd;
}

/* Start the renderer on the job fd; its pid, or -1 with err. Its signals
 * are the defaults, none blocked, whatever the calling thread's are. */
static pid_t synth_fluid_spawn(int fd, const char *soundfont, il_err *err)
{
	char prog[IL_PATH_MAX];
	if (paths_program(IL_FLUID_NAME, prog, sizeof prog, err) != 0)
		return -1;
	const char *fallback, *lib = synth_fluid_soname(&fallback);
	char *argv[] = { prog, (char *)soundfont, (char *)lib, *fallback ? (char *)fallback : NULL, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dfl;
	sigemptyset(&none);
	sigemptyset(&dfl);
	int sigs[] = { SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD };
	for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaddset(&dfl, sigs[k]);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, FLUID_JOB_FD); /* (clears close-on-exec, even when fd is 3) */
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	char **env = tunables_env(0); /* its samples in huge pages */
	int rc = posix_spawn(&pid, prog, &fa, &at, argv, env ? env : environ);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc != 0)
		return il_err_errno(err, IL_E_GEN, rc, "cannot run FluidSynth's renderer %s", prog);
	return pid;
}

/* Wait for the renderer; kill it when cancel is set (-1) or after timeout
 * seconds when timeout > 0 (-3). Its exit status, or -1 or -3. The wait
 * sleeps on the renderer's pidfd, which wakes it when the renderer ends,
 * looking at cancel and the clock every FLUID_WAIT_MS (without a pidfd,
 * every 2 ms). */
static int fluid_wait(pid_t pid, const volatile int *cancel, double timeout)
{
	int st, pfd = pidfd_open(pid, 0), rc;
	double t0 = time_mono();
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid) {
			rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
			break;
		}
		if (r < 0 && errno != EINTR) {
			rc = -1;
			break;
		}
		int late = timeout > 0 && time_mono() - t0 > timeout;
		if ((cancel && *cancel) || late) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			rc = late ? -3 : -1;
			break;
		}
		struct pollfd pf = { pfd, POLLIN, 0 };
		poll(&pf, pfd >= 0 ? 1 : 0, pfd >= 0 ? FLUID_WAIT_MS : 2);
	}
	if (pfd >= 0)
		close(pfd);
	return rc;
}

/* Render the score with FluidSynth and mix it into the bus (see synth_internal.h). */
int synth_fluid_render(const il_synth_score *s, const char *soundfont, il_synth_bus *bus, float rev,
		       const volatile int *cancel, double timeout, il_err *err)
{
	int fd = synth_fluid_job(s, bus->n, bus->rate, err);
	if (fd < 0)
		return -1;
	pid_t pid = synth_fluid_spawn(fd, soundfont, err);
	int rc = pid < 0 ? -2 : fluid_wait(pid, cancel, timeout);
	size_t size = fluid_job_size(2 * s->n, bus->n);
	void *p = rc == 0 ? mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	close(fd);
	if (rc == 0 && p == MAP_FAILED)
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot map FluidSynth's output");
	if (rc != 0) {
		if (rc == -2)
			return -1; /* err says why */
		if (rc == -3)
			return il_err_set(err, IL_E_GEN, "FluidSynth did not finish within %.0f s and was stopped "
					  "(setting 'timeout')", timeout);
		if (rc < 0)
			return il_err_set(err, IL_E_GEN, "FluidSynth was stopped");
		if (rc == FLUID_EXIT_NOLIB) {
			const char *fallback, *lib = synth_fluid_soname(&fallback);
			return il_err_set(err, IL_E_GEN, "FluidSynth library not found (%s; install libfluidsynth3)", lib);
		}
		return il_err_set(err, IL_E_GEN, "FluidSynth could not render with %s (status %d)", soundfont, rc);
	}
	/* Only the frames rendered: the file has no pages elsewhere. */
	const fluid_job *job = p;
	const float *out = (const float *)(const void *)((const char *)p + fluid_job_out_at(2 * s->n));
	size_t from = job->from < bus->n ? (size_t)job->from : bus->n, to = job->to < bus->n ? (size_t)job->to : bus->n;
	fluid_job_populate(out + from, to > from ? to - from : 0, MADV_POPULATE_READ);
	fluid_job_populate(out + bus->n + from, to > from ? to - from : 0, MADV_POPULATE_READ);
	for (size_t i = from; i < to; i++) {
		bus->l[i] += out[i];
		bus->r[i] += out[bus->n + i];
		bus->rev[i] += rev * 0.5f * (out[i] + out[bus->n + i]);
	}
	munmap(p, size);
	return 0;
}

/* bench_player.c: figures for the player (make bench).
 *   1. Engine CPU while playing to a private PulseAudio server for 30 s
 *      (two loops, crossfades every 10 s): whole run, and steady state
 *      from 5 s on (from /proc/PID/stat).
 *   2. Peak RSS of the engine after 10 and after 1000 fast switches on the
 *      null sink (flat means nothing grows with the number of loops).
 * Needs ./infiniloop-tui (run from the build folder) and, for 1, pulseaudio;
 * prints figures and never fails on them. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../testutil.h"

static char dir[256];

/* Monotonic seconds. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Write a test clip: a chord (noise 0) or a beat of noise (noise 1). */
static int write_clip(const char *path, double secs, int noise)
{
	SF_INFO info = { 0 };
	info.samplerate = 48000;
	info.channels = 2;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	long n = lround(secs * 48000);
	float *x = malloc((size_t)n * 2 * sizeof *x);
	unsigned long s = 99;
	for (long i = 0; i < n; i++) {
		double t = i / 48000.0;
		for (int c = 0; c < 2; c++) {
			s = s * 6364136223846793005UL + 1442695040888963407UL;
			double r = (double)(s >> 11) / 9007199254740992.0 * 2 - 1;
			x[2 * i + c] = (float)(noise ? 0.4 * r * exp(-6 * fmod(t, 0.5))
					      : (0.6 + 0.4 * sin(4 * M_PI * t)) * 0.3 * sin(2 * M_PI * 220 * t + c));
		}
	}
	SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
	int ok = sf && sf_writef_float(sf, x, n) == n;
	if (sf)
		sf_close(sf);
	free(x);
	return ok ? 0 : -1;
}

/* Start argv with stdout and stderr to /dev/null; pid or -1. */
static pid_t spawn(char *const argv[])
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		freopen("/dev/null", "r", stdin);
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Run the engine headless with the given extra arguments; fills rusage. */
static int run_engine(const char *output, const char *limit, const char *value, struct rusage *ru,
		      double *wall, double *steady)
{
	char cfg[300], a[300], b[300];
	snprintf(cfg, sizeof cfg, "%s/config", dir);
	snprintf(a, sizeof a, "%s/a.wav", dir);
	snprintf(b, sizeof b, "%s/b.wav", dir);
	char *argv[] = { "./infiniloop-tui", "--headless", "--config", cfg, "--output", (char *)output,
			 "--fast", (char *)limit, (char *)value, "--play", a, b, NULL };
	if (strcmp(output, "null") != 0)
		argv[6] = "--verbose"; /* real time: no --fast */
	double t0 = now();
	pid_t pid = spawn(argv);
	if (pid < 0)
		return -1;
	double c5 = -1, t5 = 0;
	int status;
	while (wait4(pid, &status, WNOHANG, ru) == 0) {
		usleep(100000);
		if (c5 < 0 && now() - t0 >= 5.0) {
			c5 = testutil_proc_cpu(pid);
			t5 = now();
		}
		if (steady && c5 >= 0) {
			double c = testutil_proc_cpu(pid);
			if (c >= 0)
				*steady = (c - c5) / (now() - t5);
		}
	}
	*wall = now() - t0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* CPU while playing to a private PulseAudio server for 30 s. */
static void bench_pulse(void)
{
	char sock[300], run[300], home[300], env[400], load[400];
	snprintf(sock, sizeof sock, "%s/pulse.sock", dir);
	snprintf(run, sizeof run, "%s/run", dir);
	snprintf(home, sizeof home, "%s/home", dir);
	mkdir(run, 0700);
	setenv("PULSE_RUNTIME_PATH", run, 1);
	snprintf(load, sizeof load, "module-native-protocol-unix socket=%s auth-anonymous=1", sock);
	char *argv[] = { "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
			 "--use-pid-file=no", "--disable-shm=yes", "-L", load, "-L",
			 "module-null-sink sink_name=bench rate=48000 channels=2", NULL };
	pid_t pa = spawn(argv);
	struct stat st;
	for (int i = 0; i < 100 && stat(sock, &st) != 0; i++)
		usleep(100000);
	if (pa < 0 || stat(sock, &st) != 0) {
		printf("player: no PulseAudio server could be started; CPU figure skipped\n");
		if (pa > 0) {
			kill(pa, SIGTERM);
			waitpid(pa, NULL, 0);
		}
		return;
	}
	snprintf(env, sizeof env, "unix:%s", sock);
	setenv("PULSE_SERVER", env, 1);
	struct rusage ru;
	double wall, steady = -1;
	int rc = run_engine("pulse", "--seconds", "30", &ru, &wall, &steady);
	double cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	double pacpu = testutil_proc_cpu(pa);
	kill(pa, SIGTERM);
	waitpid(pa, NULL, 0);
	unsetenv("PULSE_SERVER");
	printf("player: 30 s to PulseAudio%s: engine CPU %.2f s in %.1f s wall = %.2f %% of one core "
	       "(steady state from 5 s: %.2f %%; the server itself: %.2f s)\n",
	       rc ? " (engine failed)" : "", cpu, wall, 100 * cpu / wall, 100 * steady, pacpu);
}

/* Peak RSS after 10 and after 1000 fast switches on the null sink. */
static void bench_rss(void)
{
	const char *counts[] = { "10", "1000" };
	for (int k = 0; k < 2; k++) {
		struct rusage ru;
		double wall;
		int rc = run_engine("null", "--switches", counts[k], &ru, &wall, NULL);
		printf("player: %s fast switches (10 s loops, null sink)%s: peak RSS %ld kB, %.2f s wall\n",
		       counts[k], rc ? " (engine failed)" : "", ru.ru_maxrss, wall);
	}
}

/* Program entry point. */
int main(void)
{
	if (!testutil_mkdtemp(dir, sizeof dir, "il-bench") || access("./infiniloop-tui", X_OK) != 0) {
		printf("player: run from the build folder (./infiniloop-tui); skipped\n");
		return 0;
	}
	char p[300];
	snprintf(p, sizeof p, "%s/a.wav", dir);
	write_clip(p, 4, 0);
	snprintf(p, sizeof p, "%s/b.wav", dir);
	write_clip(p, 3, 1);
	snprintf(p, sizeof p, "%s/config", dir);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs("min_duration = 10;\ncrossfade = 3.0;\nlatency_ms = 150;\n", f);
		fclose(f);
	}
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_RUNTIME_DIR", dir, 1);
	bench_rss();
	bench_pulse();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("player: could not remove %s\n", dir);
	return 0;
}

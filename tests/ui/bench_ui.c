/* bench_ui.c: CPU used by the full-screen station and its engine, idle and
 * while playing with the spectrum, on an 80x24 pseudo-terminal. Prints
 * figures (percent of one core, terminal bytes per second); never fails on
 * timing. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../testutil.h"

/* Monotonic seconds. */
static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The first child of pid (the engine), or 0. */
static pid_t bench_child(pid_t pid)
{
	char path[96];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	int c = 0;
	if (fscanf(f, "%d", &c) != 1)
		c = 0;
	fclose(f);
	return (pid_t)c;
}

/* Read the terminal's output for secs seconds; bytes read (the text of the
 * last chunks is kept in tail). */
static long bench_drain(int fd, double secs, char *tail, size_t tailn)
{
	double end = bench_now() + secs;
	long total = 0;
	for (;;) {
		double left = end - bench_now();
		if (left <= 0)
			break;
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		char buf[8192];
		ssize_t r = read(fd, buf, sizeof buf);
		if (r <= 0)
			break;
		total += r;
		if (tail) {
			size_t k = (size_t)r < tailn - 1 ? (size_t)r : tailn - 1;
			memcpy(tail, buf + r - (ssize_t)k, k);
			tail[k] = '\0';
		}
	}
	return total;
}

/* Measure both processes over secs seconds and print one line. */
static void bench_phase(const char *name, int fd, pid_t ui, double secs)
{
	pid_t eng = bench_child(ui);
	double u0 = testutil_proc_cpu(ui), e0 = eng ? testutil_proc_cpu(eng) : 0, t0 = bench_now();
	long bytes = bench_drain(fd, secs, NULL, 0);
	double dt = bench_now() - t0;
	double u1 = testutil_proc_cpu(ui), e1 = eng ? testutil_proc_cpu(eng) : 0;
	double up = 100 * (u1 - u0) / dt, ep = eng ? 100 * (e1 - e0) / dt : 0;
	printf("%-28s UI %5.2f %%  engine %5.2f %%  together %5.2f %% of one core;"
	       "  terminal output %7.0f bytes/s  (%.1f s)\n", name, up, ep, up + ep, bytes / dt, dt);
}

/* Type text into the terminal. */
static void bench_type(int fd, const char *s)
{
	ssize_t w = write(fd, s, strlen(s));
	(void)w;
}

/* Run the station on a pseudo-terminal and measure it. */
int main(void)
{
	const char *bin = getenv("IL_BIN") ? getenv("IL_BIN") : "./infiniloop-tui";
	char tmp[256];
	if (!testutil_mkdtemp(tmp, sizeof tmp, "il-bench-ui")) {
		perror("mkdtemp");
		return 1;
	}
	char home[512], cfg[512], data[512], datadir[1024];
	snprintf(home, sizeof home, "%s/home", tmp);
	snprintf(cfg, sizeof cfg, "%s/config", tmp);
	snprintf(data, sizeof data, "%s/data", tmp);
	snprintf(datadir, sizeof datadir, "%s/data:%s/data:%s", IL_TOP_BUILDDIR, IL_TOP_SRCDIR, IL_TOP_SRCDIR);
	/* The idle figure needs a station that does not start playing at launch. */
	char cfgdir[600], cfgfile[640];
	snprintf(cfgdir, sizeof cfgdir, "%s/infiniloop", cfg);
	snprintf(cfgfile, sizeof cfgfile, "%s/config", cfgdir);
	mkdir(cfg, 0700);
	mkdir(cfgdir, 0700);
	FILE *cf = fopen(cfgfile, "w");
	if (cf) {
		fputs("autostart = false;\n", cf);
		fclose(cf);
	}
	struct winsize ws = { 24, 80, 0, 0 };
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("HOME", home, 1);
		setenv("XDG_CONFIG_HOME", cfg, 1);
		setenv("XDG_DATA_HOME", data, 1);
		setenv("INFINILOOP_DATADIR", datadir, 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("NO_COLOR");
		unsetenv("SSH_CONNECTION");
		mkdir(home, 0700);
		execl(bin, "infiniloop-tui", "--output", "null", "--duration", "10", (char *)NULL);
		perror(bin);
		_exit(127);
	}
	printf("station %s on an 80x24 pty (TERM=xterm-256color, UTF-8, --output null)\n", bin);
	bench_drain(fd, 2.0, NULL, 0);
	bench_phase("idle (nothing playing)", fd, pid, 5.0);
	bench_type(fd, ":start 'calm piano'\r");
	bench_drain(fd, 4.0, NULL, 0);
	bench_phase("playing with the spectrum", fd, pid, 20.0);
	struct winsize big = { 60, 200, 0, 0 }; /* the kernel sends SIGWINCH */
	ioctl(fd, TIOCSWINSZ, &big);
	bench_drain(fd, 1.0, NULL, 0);
	bench_phase("playing, 200x60 terminal", fd, pid, 10.0);
	ioctl(fd, TIOCSWINSZ, &ws);
	bench_type(fd, " ");
	bench_drain(fd, 1.0, NULL, 0);
	bench_phase("paused", fd, pid, 4.0);
	bench_type(fd, "Q");
	bench_drain(fd, 3.0, NULL, 0);
	int st;
	if (waitpid(pid, &st, WNOHANG) == 0) {
		kill(pid, SIGTERM);
		waitpid(pid, &st, 0);
	}
	close(fd);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	return 0;
}

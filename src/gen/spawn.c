/* spawn.c: running an external generator under supervision (see spawn.h). */
#include "gen/spawn.h"

#include "store/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/cpulist.h"
#include "util/timeutil.h"

extern char **environ;

#define GEN_SPAWN_GRACE 1.0 /* seconds between SIGTERM and SIGKILL */
#define GEN_SPAWN_SWEEP 4.0 /* seconds the guard may take to kill what is left */

/* True when path names an executable regular file. */
static int gen_spawn_exec_ok(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Find a program by name or path (see spawn.h). */
int gen_spawn_find(const char *name, char *out, size_t n)
{
	if (!name || !*name)
		return -1;
	if (strchr(name, '/')) {
		if (!gen_spawn_exec_ok(name) || (size_t)snprintf(out, n, "%s", name) >= n)
			return -1;
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		int w = len ? snprintf(out, n, "%.*s/%s", (int)len, path, name) : snprintf(out, n, "./%s", name);
		if (w > 0 && (size_t)w < n && gen_spawn_exec_ok(out))
			return 0;
		if (!colon)
			break;
		path = colon + 1;
	}
	return -1;
}

/* The environment of the child: ours, with NO_COLOR=1 and, when tmpvar is
 * set ("TMPDIR=..."), that TMPDIR. NULL when out of memory. */
static char **gen_spawn_env(const char *tmpvar)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	char **env = calloc(n + 3, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "NO_COLOR=", 9) != 0 &&
		    !(tmpvar && strncmp(environ[i], "TMPDIR=", 7) == 0))
			env[k++] = environ[i];
	env[k++] = "NO_COLOR=1";
	if (tmpvar)
		env[k++] = (char *)tmpvar;
	env[k] = NULL;
	return env;
}

static volatile pid_t gen_spawn_guarded; /* in the guard: the generator's pid */
static volatile sig_atomic_t gen_spawn_stopping;

/* In the guard: the engine died (SIGUSR2) or wants the job ended now
 * (SIGUSR1): kill the generator; the guard then sweeps what is left. */
static void gen_spawn_guard_stop(int sig)
{
	(void)sig;
	gen_spawn_stopping = 1;
	if (gen_spawn_guarded > 0)
		kill(gen_spawn_guarded, SIGKILL);
}

/* In the guard: SIGKILL each of its children listed in /proc (as a child
 * subreaper it inherits every orphan the generator leaves, setsid or not);
 * how many were found, -1 when the list cannot be read. */
static int gen_spawn_guard_kill_children(void)
{
	char path[64] = "/proc/self/task/", buf[4096];
	char num[16];
	int k = 0, n = 0;
	for (long v = (long)getpid(); v > 0 && k < 15; v /= 10)
		num[k++] = (char)('0' + v % 10);
	size_t len = strlen(path);
	while (k > 0)
		path[len++] = num[--k];
	memcpy(path + len, "/children", 10);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (r < 0)
		return -1;
	buf[r] = '\0';
	for (char *p = buf; *p;) {
		long pid = 0;
		while (*p >= '0' && *p <= '9')
			pid = pid * 10 + (*p++ - '0');
		if (pid > 0 && kill((pid_t)pid, SIGKILL) == 0)
			n++;
		while (*p && (*p < '0' || *p > '9'))
			p++;
	}
	return n;
}

/* In the guard, after the generator ended: kill and reap everything it left
 * behind (inherited orphans, their children in turn), for at most 3 s. */
static void gen_spawn_guard_sweep(void)
{
	struct timespec nap = { 0, 10000000 };
	for (int round = 0; round < 300; round++) {
		int found = gen_spawn_guard_kill_children();
		int st;
		pid_t r;
		while ((r = waitpid(-1, &st, WNOHANG)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			return;
		if (found < 0) /* no list: the group at least (the guard ignores nothing but itself) */
			return;
		nanosleep(&nap, NULL);
	}
}

/* In the generator: lower priorities, set up descriptors and exec; never
 * returns. Only async-signal-safe calls. */
static void gen_spawn_exec(char *const argv[], char **env, int out_fd, int err_fd,
			   const unsigned char *mask, int any)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* the guard died */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sigaction(s, &sa, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int in = open("/dev/null", O_RDONLY);
	if (in >= 0 && in != 0) {
		dup2(in, 0);
		close(in);
	}
	dup2(out_fd, 1);
	dup2(out_fd, 2);
	if (out_fd > 2)
		close(out_fd);
	errno = 0;
	int nice_now = getpriority(PRIO_PROCESS, 0);
	if (errno)
		nice_now = 0;
	setpriority(PRIO_PROCESS, 0, nice_now + 10 > 19 ? 19 : nice_now + 10);
	syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, (2 << 13) | 7 /* best-effort, 7 */);
	if (any) {
		cpu_set_t set;
		CPU_ZERO(&set);
		for (int k = 0; k < 1024 && k < CPU_SETSIZE; k++)
			if (mask[k / 8] & (1u << (k % 8)))
				CPU_SET(k, &set);
		sched_setaffinity(0, sizeof set, &set);
	}
	execve(argv[0], argv, env);
	int e = errno;
	ssize_t w = write(err_fd, &e, sizeof e);
	(void)w;
	_exit(127);
}

/* In the child: a guard that leads the generator's process group and is a
 * child subreaper, so every orphan the generator leaves (double fork,
 * setsid, its own process group) becomes the guard's child. When the
 * generator ends, or the engine dies (even by SIGKILL), or the engine asks
 * with SIGUSR1, the guard kills the generator and all it inherited, reaps
 * them and exits as the generator did. It ignores the group's SIGTERM, so a
 * stop still gives the generator its grace period. Never returns. */
static void gen_spawn_child(char *const argv[], char **env, int out_fd, int err_fd,
			    const unsigned char *mask, int any, pid_t engine_pid)
{
	setpgid(0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = gen_spawn_guard_stop; /* no SA_RESTART: waitpid returns */
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGUSR2);
	if (getppid() != engine_pid) /* the engine died before prctl */
		kill(0, SIGKILL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	pid_t gen = fork();
	if (gen == 0)
		gen_spawn_exec(argv, env, out_fd, err_fd, mask, any);
	if (gen < 0) {
		int e = errno;
		ssize_t w = write(err_fd, &e, sizeof e);
		(void)w;
		_exit(127);
	}
	gen_spawn_guarded = gen;
	if (gen_spawn_stopping) /* asked before the pid was known */
		kill(gen, SIGKILL);
	close(out_fd);
	close(err_fd);
	int st;
	while (waitpid(gen, &st, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	gen_spawn_guard_sweep();
	if (WIFSIGNALED(st)) {
		sa.sa_handler = SIG_DFL;
		sigaction(WTERMSIG(st), &sa, NULL);
		prctl(PR_SET_PDEATHSIG, 0);
		kill(getpid(), WTERMSIG(st));
	}
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 127);
}

/* Keep the last bytes of the child's output in res. */
static void gen_spawn_keep(il_gen_spawn_result *res, size_t *len, const char *buf, size_t n)
{
	size_t cap = sizeof res->output - 1;
	if (n >= cap) {
		memcpy(res->output, buf + n - cap, cap);
		*len = cap;
	} else {
		if (*len + n > cap) {
			size_t drop = *len + n - cap;
			memmove(res->output, res->output + drop, *len - drop);
			*len -= drop;
		}
		memcpy(res->output + *len, buf, n);
		*len += n;
	}
	res->output[*len] = '\0';
}

/* The fraction shown by the last progress bar in text (see spawn.h). */
double gen_spawn_bar(const char *text)
{
	const char *g = NULL;
	for (const char *p = strstr(text, "Generating audio"); p; p = strstr(p + 1, "Generating audio"))
		g = p;
	if (!g)
		return -1;
	double frac = -1;
	for (const char *p = strchr(g, '['); p; p = strchr(p + 1, '[')) {
		size_t done = 0, total = 0;
		const char *q = p + 1;
		for (; *q == '#' || *q == '>' || *q == '-'; q++, total++)
			done += *q == '#';
		if (*q == ']' && total >= 4)
			frac = (double)done / (double)total;
	}
	return frac;
}

/* Wait for pid for up to secs; 1 when it was reaped (status set). */
static int gen_spawn_reap(pid_t pid, double secs, int *status)
{
	double end = time_mono() + secs;
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r < 0 && errno == ECHILD))
			return 1;
		if (time_mono() >= end)
			return 0;
		time_sleep(0.02);
	}
}

/* Run argv under supervision (see spawn.h). */
static int gen_spawn_run_env(char *const argv[], const char *affinity, double timeout_s, int pty,
			     const char *tmpvar, il_gen_cancel *cancel, il_gen_spawn_tick tick, void *ud,
			     il_gen_spawn_result *res, il_err *err);

/* Run argv with a private TMPDIR inside tmpdir (see spawn.h). */
int gen_spawn_run(char *const argv[], const char *affinity, double timeout_s, int pty,
		  const char *tmpdir, il_gen_cancel *cancel, il_gen_spawn_tick tick, void *ud,
		  il_gen_spawn_result *res, il_err *err)
{
	char dir[IL_PATH_MAX], var[IL_PATH_MAX + 8];
	const char *tmpvar = NULL;
	if (tmpdir && *tmpdir && (size_t)snprintf(dir, sizeof dir, "%s/gen.XXXXXX", tmpdir) < sizeof dir &&
	    mkdtemp(dir)) {
		snprintf(var, sizeof var, "TMPDIR=%s", dir);
		tmpvar = var;
	}
	int rc = gen_spawn_run_env(argv, affinity, timeout_s, pty, tmpvar, cancel, tick, ud, res, err);
	if (tmpvar)
		paths_remove_tree(dir); /* what a crashed generator left there */
	return rc;
}

/* Run argv with the given TMPDIR setting (see gen_spawn_run). */
static int gen_spawn_run_env(char *const argv[], const char *affinity, double timeout_s, int pty,
			     const char *tmpvar, il_gen_cancel *cancel, il_gen_spawn_tick tick, void *ud,
			     il_gen_spawn_result *res, il_err *err)
{
	memset(res, 0, sizeof *res);
	unsigned char mask[CPULIST_MAX / 8];
	int any;
	if (cpulist_parse(affinity, mask, &any, err) != 0)
		return -1;
	char **env = gen_spawn_env(tmpvar);
	if (!env)
		return il_err_set(err, IL_E_INTERNAL, "out of memory starting %s", argv[0]);
	int out[2], ep[2];
	struct winsize ws = { 24, 120, 0, 0 };
	if (pty && openpty(&out[0], &out[1], NULL, NULL, &ws) == 0) {
		fcntl(out[0], F_SETFD, FD_CLOEXEC);
		fcntl(out[1], F_SETFD, FD_CLOEXEC);
	} else if (pipe2(out, O_CLOEXEC) != 0) {
		free(env);
		return il_err_errno(err, IL_E_IO, errno, "cannot create a pipe for %s", argv[0]);
	}
	if (pipe2(ep, O_CLOEXEC) != 0) {
		close(out[0]);
		close(out[1]);
		free(env);
		return il_err_errno(err, IL_E_IO, errno, "cannot create a pipe for %s", argv[0]);
	}
	pid_t engine_pid = getpid();
	pid_t pid = fork();
	if (pid == 0)
		gen_spawn_child(argv, env, out[1], ep[1], mask, any, engine_pid);
	int fork_errno = errno;
	free(env);
	close(out[1]);
	close(ep[1]);
	if (pid < 0) {
		close(out[0]);
		close(ep[0]);
		return il_err_errno(err, IL_E_IO, fork_errno, "cannot start %s", argv[0]);
	}
	setpgid(pid, pid); /* also from here, so the group exists before any kill */
	res->pid = (int)pid;
	int exec_errno = 0;
	ssize_t r;
	while ((r = read(ep[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
		;
	close(ep[0]);
	if (r == (ssize_t)sizeof exec_errno) {
		int st;
		waitpid(pid, &st, 0);
		close(out[0]);
		return il_err_errno(err, IL_E_IO, exec_errno, "cannot run %s", argv[0]);
	}
	fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
	double start = time_mono(), last_tick = start;
	size_t kept = 0;
	int status = 0, reaped = 0, out_open = 1;
	double progress = -1;
	char buf[2048];
	while (!reaped) {
		struct pollfd p[2];
		int np = 0;
		if (out_open)
			p[np++] = (struct pollfd){ out[0], POLLIN, 0 };
		if (cancel)
			p[np++] = (struct pollfd){ cancel->fd[0], POLLIN, 0 };
		poll(p, (nfds_t)np, 100);
		while (out_open && (r = read(out[0], buf, sizeof buf)) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				if (errno == EIO)
					r = 0; /* a pty whose other side is closed */
				break;
			}
			gen_spawn_keep(res, &kept, buf, (size_t)r);
			double bar = gen_spawn_bar(res->output);
			if (bar >= 0)
				progress = bar;
		}
		if (out_open && r == 0)
			out_open = 0;
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid || (w < 0 && errno == ECHILD)) {
			if (w < 0)
				status = 0; /* reaped elsewhere (SIGCHLD ignored): the clip will tell */
			reaped = 1;
			break;
		}
		double now = time_mono();
		int timed_out = timeout_s > 0 && now - start >= timeout_s;
		if (timed_out || (cancel && gen_cancel_requested(cancel))) {
			res->end = timed_out ? GEN_SPAWN_TIMEOUT : GEN_SPAWN_CANCELLED;
			kill(-pid, SIGTERM);
			if (!gen_spawn_reap(pid, GEN_SPAWN_GRACE, &status)) {
				kill(pid, SIGUSR1); /* the guard kills all the generator started */
				if (!gen_spawn_reap(pid, GEN_SPAWN_SWEEP, &status)) {
					kill(-pid, SIGKILL);
					waitpid(pid, &status, 0);
				}
			}
			kill(-pid, SIGKILL); /* whatever else is left in the group */
			close(out[0]);
			return 0;
		}
		if (tick && now - last_tick >= 0.5) {
			last_tick = now;
			tick(ud, now - start, progress);
		}
	}
	kill(-pid, SIGKILL); /* children it left behind in its group */
	while (out_open && (r = read(out[0], buf, sizeof buf)) > 0)
		gen_spawn_keep(res, &kept, buf, (size_t)r);
	close(out[0]);
	if (WIFSIGNALED(status)) {
		res->end = GEN_SPAWN_SIGNALLED;
		res->code = WTERMSIG(status);
	} else {
		res->end = GEN_SPAWN_EXITED;
		res->code = WEXITSTATUS(status);
	}
	return 0;
}

/* elink.c: the UI's link to the user's engine, on the engine's socket. */
#include "ui/elink.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/paths.h"
#include "util/timeutil.h"
#include "util/tunables.h"
#include "util/usock.h"

/* Append one argument to the engine's command line. */
static void elink_arg(il_elink *l, const char *a)
{
	if (l->argc < ELINK_ARGS_MAX - 1)
		l->argv[l->argc++] = (char *)a;
	l->argv[l->argc] = NULL;
}

/* Prepare the link: the engine's command line and the temporary folder. */
int elink_init(il_elink *l, const il_opts *o, il_err *err)
{
	memset(l, 0, sizeof *l);
	l->fd = -1;
	proto_reader_init(&l->rd);
	if (paths_program(IL_ENGINE_NAME, l->exe, sizeof l->exe, err) != 0)
		return -1;
	elink_arg(l, "infiniloop-tui");
	elink_arg(l, "--daemon");
	const struct { const char *opt; const char *val; } pass[] = {
		{ "--config", o->config }, { "--output", o->output }, { "--backend", o->backend },
		{ "--model", o->model }, { "--theme", o->theme },
	};
	for (size_t k = 0; k < sizeof pass / sizeof pass[0]; k++) {
		if (pass[k].val) {
			elink_arg(l, pass[k].opt);
			elink_arg(l, pass[k].val);
		}
	}
	if (o->fast)
		elink_arg(l, "--fast");
	if (o->duration > 0) {
		snprintf(l->durbuf, sizeof l->durbuf, "%d", o->duration);
		elink_arg(l, "--duration");
		elink_arg(l, l->durbuf);
	}
	if (o->seed >= 0) {
		snprintf(l->seedbuf, sizeof l->seedbuf, "%ld", o->seed);
		elink_arg(l, "--seed");
		elink_arg(l, l->seedbuf);
	}
	char state[IL_PATH_MAX];
	if (paths_tmpdir_create(l->tmpdir, sizeof l->tmpdir, err) != 0 ||
	    paths_runtime_file("engine.sock", l->sockpath, sizeof l->sockpath, err) != 0 ||
	    paths_state_dir(state, sizeof state, err) != 0 || paths_mkdir_p(state, 0700, err) != 0)
		return -1;
	return paths_join(l->logpath, sizeof l->logpath, state, "engine.log", err);
}

/* In the child: a session of its own (no terminal, so no hang-up), stdio
 * on /dev/null and the log, then run the engine as the user's server with
 * the environment env. */
static void elink_exec_child(il_elink *l, char **env)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	setsid();
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	int logfd = open(l->logpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(logfd >= 0 ? logfd : null, 2) < 0)
		_exit(127);
	if (chdir("/") != 0)
		_exit(127);
	execve(l->exe, l->argv, env);
	_exit(127);
}

/* The log's size now (0 when it is missing). */
static long elink_log_size(const il_elink *l)
{
	struct stat st;
	return stat(l->logpath, &st) == 0 ? (long)st.st_size : 0;
}

/* Keep the log short: past 1 MB it is moved to engine.log.old. */
static void elink_rotate_log(const il_elink *l)
{
	if (elink_log_size(l) > (1L << 20)) {
		char old[IL_PATH_MAX + 8];
		snprintf(old, sizeof old, "%s.old", l->logpath);
		rename(l->logpath, old);
	}
}

/* Adopt a connected socket. */
static void elink_adopt(il_elink *l, int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	l->fd = fd;
	l->starts++;
	proto_reader_init(&l->rd);
	sbuf_reset(&l->outq);
	l->outq_sent = 0;
	l->why[0] = '\0';
}

/* Attach to the running engine, or start one and attach (see elink.h). */
int elink_start(il_elink *l, il_err *err)
{
	int fd = usock_connect(l->sockpath, err);
	if (fd >= 0) {
		l->attached = 1;
		l->log_from = elink_log_size(l);
		elink_adopt(l, fd);
		return 0;
	}
	if (err->code != IL_E_STATE)
		return -1;
	l->attached = 0;
	elink_rotate_log(l);
	l->log_from = elink_log_size(l);
	char **env = tunables_env(1); /* made before the fork: malloc */
	pid_t pid = fork();
	if (pid == 0)
		elink_exec_child(l, env ? env : environ);
	free(env);
	if (pid < 0)
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot start the engine");
	l->pid = pid;
	/* Its socket comes once its lock is taken: wait for it, or its end. */
	for (int k = 0; k < 1000; k++) {
		fd = usock_connect(l->sockpath, err);
		if (fd >= 0) {
			elink_adopt(l, fd);
			return 0;
		}
		if (elink_reap(l)) {
			char last[256];
			elink_last_log(l, last, sizeof last);
			if (strstr(last, "an engine already runs") && k < 999)
				return elink_start(l, err); /* another client started one just now */
			l->starts++;
			return il_err_set(err, IL_E_STATE, "%s%s%s", l->why, last[0] ? ": " : "", last);
		}
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	l->starts++;
	return il_err_set(err, IL_E_STATE, "the engine did not open its socket %s within 10 s", l->sockpath);
}

/* Queue a finished protocol line. */
void elink_send(il_elink *l, const il_sbuf *line)
{
	if (l->fd < 0 || line->len == 0)
		return;
	sbuf_append(&l->outq, line->buf, line->len);
	elink_flush(l);
}

/* Queue a request with no fields. */
void elink_send_verb(il_elink *l, const char *verb)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, verb);
	proto_fmt_end(&sb);
	elink_send(l, &sb);
	sbuf_free(&sb);
}

/* True when queued bytes wait for the socket. */
int elink_pending(const il_elink *l)
{
	return l->fd >= 0 && l->outq_sent < l->outq.len;
}

/* Write what the socket takes now; -1 when the engine is gone. */
int elink_flush(il_elink *l)
{
	while (l->fd >= 0 && l->outq_sent < l->outq.len) {
		ssize_t w = send(l->fd, l->outq.buf + l->outq_sent, l->outq.len - l->outq_sent, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0)
			return -1;
		l->outq_sent += (size_t)w;
	}
	if (l->outq_sent == l->outq.len) {
		sbuf_reset(&l->outq);
		l->outq_sent = 0;
	}
	return l->fd >= 0 ? 0 : -1;
}

/* Read what the socket has: >0 bytes, 0 at end, -1 EAGAIN (or ENOBUFS: take
 * the events first). */
ssize_t elink_read(il_elink *l)
{
	if (l->fd < 0)
		return 0;
	ssize_t r = proto_reader_read(&l->rd, l->fd);
	if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ENOBUFS) {
		proto_reader_set_eof(&l->rd);
		return 0;
	}
	return r;
}

/* Take the next event: 1 an event, 0 nothing more, -1 a bad line. */
int elink_next(il_elink *l, il_proto_msg *m, il_err *err)
{
	return proto_reader_next(&l->rd, m, err);
}

/* Close our end after the engine went away. */
void elink_close(il_elink *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	sbuf_reset(&l->outq);
	l->outq_sent = 0;
}

/* Describe a wait status in words into l->why. */
static void elink_describe(il_elink *l, int st)
{
	l->status = st;
	if (WIFEXITED(st))
		snprintf(l->why, sizeof l->why, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(l->why, sizeof l->why, "killed by signal %d (%s)", WTERMSIG(st),
			 strsignal(WTERMSIG(st)));
	else
		snprintf(l->why, sizeof l->why, "ended");
}

/* Reap the engine if it ended; 1 when it did. */
int elink_reap(il_elink *l)
{
	if (l->pid <= 0)
		return 0;
	int st;
	pid_t r = waitpid(l->pid, &st, WNOHANG);
	if (r != l->pid)
		return 0;
	elink_describe(l, st);
	l->pid = 0;
	return 1;
}

/* Wait until the process pid has ended, at most until end (ms on the
 * monotonic clock). */
static void elink_wait_ended(long pid, int64_t end)
{
	while (pid > 0 && kill((pid_t)pid, 0) == 0 && time_mono_ms() < end) {
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
}

/* Ask the engine to quit, then TERM and KILL it if it takes too long. */
void elink_stop(il_elink *l, int timeout_ms)
{
	if (l->pid <= 0) { /* an engine we attached to: quit, wait for its end of the socket, then its end */
		if (l->fd >= 0) {
			elink_send_verb(l, "quit");
			int64_t end = time_mono_ms() + timeout_ms;
			while (l->fd >= 0 && time_mono_ms() < end) {
				struct pollfd p = { l->fd, POLLIN | (elink_pending(l) ? POLLOUT : 0), 0 };
				poll(&p, 1, 50);
				if (elink_flush(l) < 0)
					break;
				char buf[4096];
				ssize_t r = recv(l->fd, buf, sizeof buf, MSG_DONTWAIT);
				if (r == 0) { /* it closed the socket last: its process ends next */
					elink_wait_ended(l->engine_pid, end);
					break;
				}
				if (r < 0 && errno != EAGAIN && errno != EINTR)
					break;
			}
		}
		elink_close(l);
		return;
	}
	if (l->fd >= 0) {
		elink_send_verb(l, "quit");
		int64_t end = time_mono_ms() + timeout_ms;
		while (elink_pending(l) && time_mono_ms() < end) {
			struct pollfd p = { l->fd, POLLOUT, 0 };
			poll(&p, 1, 50);
			if (elink_flush(l) < 0)
				break;
		}
	}
	const int steps[3] = { timeout_ms, 1000, 1000 };
	const int sigs[3] = { 0, SIGTERM, SIGKILL };
	for (int k = 0; k < 3 && l->pid > 0; k++) {
		if (sigs[k])
			kill(l->pid, sigs[k]);
		int64_t end = time_mono_ms() + steps[k];
		while (l->pid > 0 && time_mono_ms() < end) {
			if (l->fd >= 0) { /* keep draining its output so it never blocks */
				char buf[4096];
				while (recv(l->fd, buf, sizeof buf, MSG_DONTWAIT) > 0)
					;
			}
			if (elink_reap(l))
				break;
			struct timespec ts = { 0, 10 * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	elink_close(l);
}

/* nftw callback: remove one entry (children come first). */
static int elink_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Leave the engine playing: close our end of the socket. */
void elink_detach(il_elink *l)
{
	elink_close(l);
	l->pid = 0; /* not waited for: it plays on without us */
}

/* Detach and remove the temporary folder. */
void elink_free(il_elink *l)
{
	elink_detach(l);
	sbuf_free(&l->outq);
	if (l->tmpdir[0])
		nftw(l->tmpdir, elink_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	l->tmpdir[0] = '\0';
}

/* Open the log at what was written since we attached; NULL when none. */
static FILE *elink_open_log(const il_elink *l)
{
	FILE *f = fopen(l->logpath, "r");
	if (f && elink_log_size(l) >= l->log_from)
		fseek(f, l->log_from, SEEK_SET);
	return f;
}

/* Whether a line of the engine's log is its own news (info, ok or
 * debug), which never says why it ended. */
static int elink_log_is_news(const char *line)
{
	static const char *const news[] = { "infiniloop-tui: info: ", "infiniloop-tui: ok: ", "infiniloop-tui: debug: " };
	for (size_t k = 0; k < sizeof news / sizeof news[0]; k++)
		if (!strncmp(line, news[k], strlen(news[k])))
			return 1;
	return 0;
}

/* The last line of the engine's log since we attached that may say why
 * it ended (a warning or error of its own, or what anything else wrote
 * there), or "". */
void elink_last_log(const il_elink *l, char *out, size_t n)
{
	out[0] = '\0';
	FILE *f = elink_open_log(l);
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (elink_log_is_news(line))
			continue;
		const char *p = line;
		if (!strncmp(p, "infiniloop-tui: ", 16)) /* its own messages: the reason only */
			p = strchr(p + 16, ':') ? strchr(p + 16, ':') + 2 : p + 16;
		if (*p)
			snprintf(out, n, "%s", p);
	}
	fclose(f);
}

/* Print what the engine wrote on stderr since we attached, other than its
 * own messages. */
void elink_replay_log(const il_elink *l, FILE *out, const char *prefix)
{
	FILE *f = elink_open_log(l);
	if (!f)
		return;
	char line[1024];
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "infiniloop-tui: ", 16))
			fprintf(out, "%s%s", prefix, line);
	fclose(f);
}

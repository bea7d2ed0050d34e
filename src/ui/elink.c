/* elink.c: the UI's link to its engine, a child process on a socketpair. */
#include "ui/elink.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/timeutil.h"

/* Append one argument to the engine's command line. */
static void elink_arg(elink *l, const char *a)
{
	if (l->argc < ELINK_ARGS_MAX - 1)
		l->argv[l->argc++] = (char *)a;
	l->argv[l->argc] = NULL;
}

/* Prepare the link: the engine's command line and the temporary folder. */
int elink_init(elink *l, const il_opts *o, il_err *err)
{
	memset(l, 0, sizeof *l);
	l->fd = -1;
	proto_reader_init(&l->rd);
	snprintf(l->exe, sizeof l->exe, "/proc/self/exe");
	elink_arg(l, "infiniloop-tui");
	elink_arg(l, "--engine");
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
	if (paths_tmpdir_create(l->tmpdir, sizeof l->tmpdir, err) != 0)
		return -1;
	return paths_join(l->logpath, sizeof l->logpath, l->tmpdir, "engine.log", err);
}

/* In the child: wire the socket and the log, then run the engine. */
static void elink_exec_child(elink *l, int sock, pid_t parent)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setpgid(0, 0); /* keys like Ctrl-C and Ctrl-Z go to the UI, not here */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	int logfd = open(l->logpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (logfd < 0)
		logfd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (dup2(sock, 0) < 0 || dup2(sock, 1) < 0 || (logfd >= 0 && dup2(logfd, 2) < 0))
		_exit(127);
	setenv("TMPDIR", l->tmpdir, 1); /* its temporary files go where we clean up */
	execv(l->exe, l->argv);
	_exit(127);
}

/* Start an engine. */
int elink_start(elink *l, il_err *err)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot create the engine's socket");
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot start the engine");
	}
	if (pid == 0) {
		close(sv[0]);
		elink_exec_child(l, sv[1], parent);
	}
	close(sv[1]);
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	l->pid = pid;
	l->fd = sv[0];
	l->starts++;
	proto_reader_init(&l->rd);
	sbuf_reset(&l->outq);
	l->outq_sent = 0;
	l->why[0] = '\0';
	return 0;
}

/* Queue a finished protocol line. */
void elink_send(elink *l, const sbuf *line)
{
	if (l->fd < 0 || line->len == 0)
		return;
	sbuf_append(&l->outq, line->buf, line->len);
	elink_flush(l);
}

/* Queue a request with no fields. */
void elink_send_verb(elink *l, const char *verb)
{
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, verb);
	proto_fmt_end(&sb);
	elink_send(l, &sb);
	sbuf_free(&sb);
}

/* True when queued bytes wait for the socket. */
int elink_pending(const elink *l)
{
	return l->fd >= 0 && l->outq_sent < l->outq.len;
}

/* Write what the socket takes now; -1 when the engine is gone. */
int elink_flush(elink *l)
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
ssize_t elink_read(elink *l)
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
int elink_next(elink *l, proto_msg *m, il_err *err)
{
	return proto_reader_next(&l->rd, m, err);
}

/* Close our end after the engine went away. */
void elink_close(elink *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	sbuf_reset(&l->outq);
	l->outq_sent = 0;
}

/* Describe a wait status in words into l->why. */
static void elink_describe(elink *l, int st)
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
int elink_reap(elink *l)
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

/* Ask the engine to quit, then TERM and KILL it if it takes too long. */
void elink_stop(elink *l, int timeout_ms)
{
	if (l->pid <= 0) {
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
		shutdown(l->fd, SHUT_WR); /* end of input also makes it quit */
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

/* Stop the engine and remove the temporary folder (with whatever an engine
 * that was killed left in it). */
void elink_free(elink *l)
{
	elink_stop(l, 2000);
	sbuf_free(&l->outq);
	if (l->tmpdir[0])
		nftw(l->tmpdir, elink_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	l->tmpdir[0] = '\0';
}

/* The last line of the engine's log (its stderr), or "". */
void elink_last_log(const elink *l, char *out, size_t n)
{
	out[0] = '\0';
	FILE *f = fopen(l->logpath, "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0])
			snprintf(out, n, "%s", line);
	}
	fclose(f);
}

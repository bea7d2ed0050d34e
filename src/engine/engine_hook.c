/* engine_hook.c: the now-playing hook (see engine_hook.h). */
#include "engine/engine_hook.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/timeutil.h"

extern char **environ;

#define HOOK_POLL_MIN_MS 5   /* a running hook is looked at this often at first, */
#define HOOK_POLL_MAX_MS 100 /* then less often, down to this */
#define HOOK_ZOMBIES 8       /* killed hooks not reaped yet */
#define HOOK_REAP_MS 1000    /* at exit, the wait for killed hooks to go */

struct engine_hook {
	pid_t pid;                   /* the running hook (its process group too), 0: none */
	char name[SETTINGS_ARG_MAX]; /* its program, for messages */
	char id[32];                 /* the id of the loop it runs for */
	int timeout;                 /* its limit in seconds */
	int64_t started, deadline;   /* time_mono_ms it started and is killed at */
	char *waiting;               /* the loop line whose hook runs next, or NULL */
	char waiting_id[32];         /* that loop's id */
	pid_t zombies[HOOK_ZOMBIES]; /* killed hooks, reaped as they go */
	int nzombies;
};

/* Parse a loop line (NUL-terminated, no newline) into a new message; NULL
 * (with a warning) when it cannot be read. */
static il_proto_msg *engine_hook_parse(il_engine *e, const char *line)
{
	il_proto_msg *m = malloc(sizeof *m);
	il_err err;
	if (!m) {
		engine_log(e, ENGINE_WARN, "on_loop: out of memory");
		return NULL;
	}
	if (proto_parse_line(line, strlen(line), m, &err) != 1) {
		engine_log(e, ENGINE_WARN, "on_loop: cannot read the loop event: %s", err.msg);
		free(m);
		return NULL;
	}
	return m;
}

/* Copy the id field of a loop line into out ("?" when it has none). */
static void engine_hook_id(il_engine *e, const char *line, char *out, size_t n)
{
	il_proto_msg *m = engine_hook_parse(e, line);
	const char *id = m ? proto_get(m, "id") : NULL;
	snprintf(out, n, "%s", id && *id ? id : "?");
	free(m);
}

/* Append template t to out with each {FIELD} replaced by that field of m
 * and {{ by {; an unknown {x} stays as it is. */
static void engine_hook_subst(il_sbuf *out, const char *t, const il_proto_msg *m)
{
	while (*t) {
		if (t[0] == '{' && t[1] == '{') {
			sbuf_putc(out, '{');
			t += 2;
			continue;
		}
		if (t[0] == '{') {
			size_t n = strspn(t + 1, "abcdefghijklmnopqrstuvwxyz0123456789_");
			if (n > 0 && n <= PROTO_NAME_MAX && t[1 + n] == '}') {
				char key[PROTO_NAME_MAX + 1];
				memcpy(key, t + 1, n);
				key[n] = '\0';
				const char *v = proto_get(m, key);
				if (v) {
					sbuf_puts(out, v);
					t += n + 2;
					continue;
				}
			}
		}
		sbuf_putc(out, *t++);
	}
}

/* Spawn argv without a shell: its own process group, default signals,
 * stdin, stdout and stderr on /dev/null, no other descriptor. 0 with
 * *pid, or an errno value. */
static int engine_hook_spawn(char *const argv[], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	int rc = posix_spawn_file_actions_init(&fa);
	if (rc)
		return rc;
	if ((rc = posix_spawnattr_init(&at)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return rc;
	}
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (!rc)
		rc = posix_spawn_file_actions_adddup2(&fa, 1, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	if (!rc) /* the engine's own descriptors are close-on-exec; this catches the rest */
		rc = posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
	if (!rc)
		rc = posix_spawnattr_setsigmask(&at, &none);
	if (!rc)
		rc = posix_spawnattr_setsigdefault(&at, &all);
	if (!rc)
		rc = posix_spawnattr_setpgroup(&at, 0);
	if (!rc)
		rc = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
						   POSIX_SPAWN_SETSIGDEF);
	if (!rc)
		rc = posix_spawnp(pid, argv[0], &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* Start the hook for a loop line (NUL-terminated, no newline), unless
 * on_loop was emptied meanwhile; a failure to start is a warning. */
static void engine_hook_start(il_engine *e, struct engine_hook *h, const char *line)
{
	const il_settings_argv *t = &e->set.on_loop;
	if (t->argc <= 0)
		return;
	il_proto_msg *m = engine_hook_parse(e, line);
	if (!m)
		return;
	snprintf(h->name, sizeof h->name, "%s", t->argv[0]);
	snprintf(h->id, sizeof h->id, "%s", proto_get(m, "id") ? proto_get(m, "id") : "?");
	int argc = t->argc < SETTINGS_ARGV_MAX ? t->argc : SETTINGS_ARGV_MAX, oom = 0;
	il_sbuf args[SETTINGS_ARGV_MAX];
	char *argv[SETTINGS_ARGV_MAX + 1];
	for (int k = 0; k < argc; k++) {
		args[k] = (il_sbuf)SBUF_INIT;
		engine_hook_subst(&args[k], t->argv[k], m);
		oom |= args[k].oom;
		argv[k] = (char *)sbuf_str(&args[k]);
	}
	argv[argc] = NULL;
	free(m);
	pid_t pid = 0;
	int rc = oom ? ENOMEM : engine_hook_spawn(argv, &pid);
	for (int k = 0; k < argc; k++)
		sbuf_free(&args[k]);
	if (rc) {
		engine_log(e, ENGINE_WARN, "on_loop: cannot run '%s' (loop %s): %s", h->name, h->id, strerror(rc));
		return;
	}
	h->pid = pid;
	h->timeout = e->set.on_loop_timeout;
	h->started = time_mono_ms();
	h->deadline = h->started + 1000 * (int64_t)h->timeout;
	engine_log(e, ENGINE_DEBUG, "on_loop: '%s' (loop %s) started, pid %ld", h->name, h->id, (long)pid);
}

/* Kill the running hook's process group; it is reaped later if it has
 * not gone yet. */
static void engine_hook_kill(struct engine_hook *h)
{
	int st;
	kill(-h->pid, SIGKILL);
	if (waitpid(h->pid, &st, WNOHANG) == 0) {
		if (h->nzombies < HOOK_ZOMBIES)
			h->zombies[h->nzombies++] = h->pid;
		else
			waitpid(h->pid, &st, 0); /* never in practice: a killed process goes at once */
	}
	h->pid = 0;
}

/* Reap the killed hooks that have gone. */
static void engine_hook_reap(struct engine_hook *h)
{
	for (int k = 0; k < h->nzombies;) {
		int st;
		pid_t r = waitpid(h->zombies[k], &st, WNOHANG);
		if (r == h->zombies[k] || (r < 0 && errno == ECHILD))
			h->zombies[k] = h->zombies[--h->nzombies];
		else
			k++;
	}
}

/* Look at the running hook: report how it ended, or kill it at its
 * deadline. */
static void engine_hook_poll(il_engine *e, struct engine_hook *h)
{
	engine_hook_reap(h);
	if (h->pid <= 0)
		return;
	int st;
	pid_t r = waitpid(h->pid, &st, WNOHANG);
	if (r == h->pid) {
		h->pid = 0;
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			engine_log(e, ENGINE_DEBUG, "on_loop: '%s' (loop %s) done", h->name, h->id);
		else if (WIFEXITED(st))
			engine_log(e, ENGINE_WARN, "on_loop: '%s' (loop %s) exited with status %d", h->name, h->id,
				   WEXITSTATUS(st));
		else
			engine_log(e, ENGINE_WARN, "on_loop: '%s' (loop %s) was killed by signal %d", h->name, h->id,
				   WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	} else if (r < 0 && errno == ECHILD) {
		h->pid = 0; /* reaped elsewhere: nothing to say about it */
	} else if (time_mono_ms() >= h->deadline) {
		engine_log(e, ENGINE_WARN, "on_loop: '%s' (loop %s) took longer than %d s and was killed", h->name,
			   h->id, h->timeout);
		engine_hook_kill(h);
	}
}

/* Start the waiting loop's hook once none runs. */
static void engine_hook_next(il_engine *e, struct engine_hook *h)
{
	if (h->pid > 0 || !h->waiting)
		return;
	char *line = h->waiting;
	h->waiting = NULL;
	engine_hook_start(e, h, line);
	free(line);
}

/* Milliseconds until the hook wants looking at again; -1: nothing runs. */
static int engine_hook_wait_ms(const struct engine_hook *h)
{
	if (h->pid <= 0)
		return h->nzombies ? HOOK_POLL_MIN_MS : -1;
	int64_t now = time_mono_ms(), ms = (now - h->started) / 4;
	ms = ms < HOOK_POLL_MIN_MS ? HOOK_POLL_MIN_MS : ms > HOOK_POLL_MAX_MS ? HOOK_POLL_MAX_MS : ms;
	if (h->deadline - now < ms)
		ms = h->deadline > now ? h->deadline - now : 0;
	return (int)ms;
}

/* A loop event line was sent: queue its hook (see engine_hook.h). */
void engine_hook_loop(il_engine *e, const char *line, size_t len)
{
	if (e->set.on_loop.argc <= 0)
		return;
	if (!e->hook && !(e->hook = calloc(1, sizeof *e->hook))) {
		engine_log(e, ENGINE_WARN, "on_loop: out of memory");
		return;
	}
	struct engine_hook *h = e->hook;
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	char *copy = strndup(line, len), id[32];
	if (!copy) {
		engine_log(e, ENGINE_WARN, "on_loop: out of memory");
		return;
	}
	engine_hook_id(e, copy, id, sizeof id);
	engine_hook_poll(e, h);
	if (h->waiting) {
		engine_log(e, ENGINE_WARN, "on_loop: skipped for loop %s: '%s' (loop %s) was still running when "
			   "loop %s started", h->waiting_id, h->name, h->id, id);
		free(h->waiting);
	} else if (h->pid > 0) {
		engine_log(e, ENGINE_INFO, "on_loop: loop %s waits for '%s' (loop %s) to end", id, h->name, h->id);
	}
	h->waiting = copy;
	snprintf(h->waiting_id, sizeof h->waiting_id, "%s", id);
}

/* Periodic work (see engine_hook.h). */
int engine_hook_tick(il_engine *e, int timeout_ms)
{
	struct engine_hook *h = e->hook;
	if (!h)
		return timeout_ms;
	engine_hook_poll(e, h);
	engine_hook_next(e, h);
	int ms = engine_hook_wait_ms(h);
	return ms >= 0 && (timeout_ms < 0 || ms < timeout_ms) ? ms : timeout_ms;
}

/* At exit: finish or kill the hooks and free them (see engine_hook.h). */
void engine_hook_free(il_engine *e, int wait)
{
	struct engine_hook *h = e->hook;
	if (!h)
		return;
	while (wait) {
		engine_hook_poll(e, h);
		engine_hook_next(e, h);
		if (h->pid <= 0 && !h->waiting)
			break;
		int ms = engine_hook_wait_ms(h);
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
		if (nanosleep(&ts, NULL) != 0 && errno == EINTR)
			break; /* a signal: quit now */
	}
	if (h->pid > 0) {
		engine_log(e, ENGINE_WARN, "on_loop: '%s' (loop %s) was still running at exit and was killed",
			   h->name, h->id);
		engine_hook_kill(h);
	}
	if (h->waiting)
		engine_log(e, ENGINE_WARN, "on_loop: not run for loop %s: the engine is quitting", h->waiting_id);
	free(h->waiting);
	for (int64_t end = time_mono_ms() + HOOK_REAP_MS; h->nzombies && time_mono_ms() < end;) {
		struct timespec ts = { 0, HOOK_POLL_MIN_MS * 1000000L };
		nanosleep(&ts, NULL);
		engine_hook_reap(h);
	}
	free(h);
	e->hook = NULL;
}

/* engine.c: the engine's main loop, protocol I/O and settings requests. */
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/engine_hook.h"
#include "engine/engine_internal.h"
#include "util/timeutil.h"

#define ENGINE_OUTQ_SOFT (4u << 20) /* beyond this, spectrum lines are dropped */

static volatile sig_atomic_t engine_signalled;

/* Record a termination signal; the main loop quits cleanly. */
static void engine_on_signal(int sig)
{
	engine_signalled = sig;
}

/* Queue n bytes of protocol lines for output (main thread); a droppable
 * line is dropped while the reader lags far behind. */
static void engine_queue(engine *e, const char *line, size_t n, int droppable)
{
	if (e->out_broken || n == 0)
		return;
	if (droppable && e->outq.len - e->outq_sent > ENGINE_OUTQ_SOFT) {
		e->dropped_spectrum++;
		return;
	}
	sbuf_append(&e->outq, line, n);
}

/* Queue a finished protocol line (ending in "\n") for output; main thread. */
void engine_emit(engine *e, const sbuf *line)
{
	engine_queue(e, line->buf, line->len, 0);
}

/* Queue protocol lines from any thread, each behind a byte that says
 * whether it may be dropped, and wake the main loop. */
static void engine_post_lines(engine *e, const char *text, int droppable)
{
	pthread_mutex_lock(&e->post_lock);
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) + 1 : strlen(text);
		sbuf_putc(&e->posted, droppable ? 'd' : 'k');
		sbuf_append(&e->posted, text, n);
		text += n;
	}
	pthread_mutex_unlock(&e->post_lock);
	char b = 1;
	ssize_t w = write(e->wake[1], &b, 1); /* non-blocking; a full pipe already wakes */
	(void)w;
}

/* Queue a finished protocol line from any thread and wake the main loop. */
void engine_post(engine *e, const char *line)
{
	engine_post_lines(e, line, 0);
}

/* Like engine_post, for a line that may be dropped when the reader lags. */
void engine_post_droppable(engine *e, const char *line)
{
	engine_post_lines(e, line, 1);
}

/* Emit an `error` event with the code's wire name; verb may be NULL. */
void engine_error(engine *e, il_errcode code, const char *verb, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "error");
	proto_fmt_str(&sb, "code", proto_err_name(code));
	proto_fmt_str(&sb, "msg", msg);
	if (verb && *verb)
		proto_fmt_str(&sb, "verb", verb);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* Emit an `error` event from an il_err (its code and message). */
void engine_error_err(engine *e, const char *verb, const il_err *err)
{
	engine_error(e, err->code, verb, "%s", err->msg);
}

/* Recompute whether debug messages are on (`debug` for this run, else the
 * setting) after either changed; main thread. Threads that log read the
 * copy atomically, never the settings. */
static void engine_debug_update(engine *e)
{
	int on = e->debug_run >= 0 ? e->debug_run : e->set.debug;
	__atomic_store_n(&e->debug_on, on, __ATOMIC_RELAXED);
}

/* Format a `log` line into sb; 0 (nothing formatted) for a debug line
 * while debug messages are off. Any thread. */
static int engine_fmt_log(engine *e, sbuf *sb, engine_level level, const char *fmt, va_list ap)
{
	static const char *const names[] = {
		[ENGINE_DEBUG] = "debug", [ENGINE_INFO] = "info", [ENGINE_WARN] = "warn",
	};
	if (level == ENGINE_DEBUG && !__atomic_load_n(&e->debug_on, __ATOMIC_RELAXED))
		return 0;
	char msg[2048];
	vsnprintf(msg, sizeof msg, fmt, ap);
	proto_fmt_begin(sb, "log");
	proto_fmt_str(sb, "level", names[level]);
	proto_fmt_str(sb, "msg", msg);
	proto_fmt_end(sb);
	return 1;
}

/* Emit a `log` event (debug ones only when debug messages are on). */
void engine_log(engine *e, engine_level level, const char *fmt, ...)
{
	sbuf sb = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	if (engine_fmt_log(e, &sb, level, fmt, ap))
		engine_emit(e, &sb);
	va_end(ap);
	sbuf_free(&sb);
}

/* Emit a `log` event from any thread. */
void engine_post_log(engine *e, engine_level level, const char *fmt, ...)
{
	sbuf sb = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	if (engine_fmt_log(e, &sb, level, fmt, ap))
		engine_post(e, sbuf_str(&sb));
	va_end(ap);
	sbuf_free(&sb);
}

/* Save setting d and report a failure as an error event of the request
 * verb that changed it; 0 or -1. */
int engine_save_setting(engine *e, const settings_def *d, const char *verb)
{
	il_err err;
	if (settings_save_key(&e->set, d, &err) != 0) {
		engine_error(e, IL_E_IO, verb, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* `status`: one `status` event. */
static void engine_req_status(engine *e, const proto_msg *m)
{
	(void)m;
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "status");
	engine_player_status(e, &sb);
	engine_gen_status(e, &sb);
	engine_station_status(e, &sb);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* Emit one `setting` event for definition d. */
static void engine_setting_event(engine *e, const settings_def *d)
{
	char val[SETTINGS_STR_MAX + 64];
	settings_get(&e->set, d->key, val, sizeof val, NULL);
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "setting");
	proto_fmt_str(&sb, "key", d->key);
	proto_fmt_str(&sb, "value", val);
	if (d->type == SETTING_INT || d->type == SETTING_LONG || d->type == SETTING_DOUBLE) {
		proto_fmt_double(&sb, "min", d->min, d->type == SETTING_DOUBLE ? 1 : 0);
		proto_fmt_double(&sb, "max", d->max, d->type == SETTING_DOUBLE ? 1 : 0);
	} else if (d->type == SETTING_CHOICE) {
		proto_fmt_str(&sb, "choices", d->choices);
	} else if (d->type == SETTING_BOOL) {
		proto_fmt_str(&sb, "choices", "true|false");
	}
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* One `preset` event per preset. */
static void engine_preset_events(engine *e)
{
	sbuf sb = SBUF_INIT;
	for (int k = 0; k < e->set.npresets; k++) {
		proto_fmt_begin(&sb, "preset");
		proto_fmt_long(&sb, "index", k);
		proto_fmt_str(&sb, "name", e->set.presets[k].name);
		proto_fmt_str(&sb, "prompt", e->set.presets[k].prompt);
		proto_fmt_end(&sb);
		engine_emit(e, &sb);
	}
	sbuf_free(&sb);
}

/* `settings`: every setting, and the presets as `preset` events. */
static void engine_req_settings(engine *e, const proto_msg *m)
{
	(void)m;
	for (size_t k = 0; k < settings_ndefs; k++)
		if (settings_defs[k].type != SETTING_PRESETS)
			engine_setting_event(e, &settings_defs[k]);
	engine_preset_events(e);
}

/* `set key=K value=V`: validate, apply, save, tell the parts, echo it back. */
static void engine_req_set(engine *e, const proto_msg *m)
{
	const char *key = proto_get(m, "key");
	const settings_def *d = settings_find(key);
	il_err err;
	if (!d) {
		engine_error(e, IL_E_BAD_VALUE, "set", "unknown setting '%s'", key);
		return;
	}
	if (settings_set(&e->set, d->key, proto_get(m, "value"), &err) != 0) {
		engine_error(e, IL_E_BAD_VALUE, "set", "%s", err.msg);
		return;
	}
	engine_save_setting(e, d, "set");
	if (!strcmp(d->key, "debug"))
		e->debug_run = -1; /* the setting rules again */
	engine_debug_update(e);
	if (d->applies & (SETTING_TO_PLAYER | SETTING_TO_SINK))
		engine_player_setting(e, d);
	if (d->applies & SETTING_TO_GEN)
		engine_gen_setting(e, d);
	if (d->type == SETTING_PRESETS)
		engine_preset_events(e);
	else
		engine_setting_event(e, d);
}

/* `debug on=0|1`: for this run only (`set key=debug` keeps it). */
static void engine_req_debug(engine *e, const proto_msg *m)
{
	long on;
	il_err err;
	if (proto_get_long(m, "on", 0, 1, &on, &err) != 0) {
		engine_error_err(e, "debug", &err);
		return;
	}
	e->debug_run = (int)on;
	engine_debug_update(e);
	engine_log(e, ENGINE_INFO, "debug messages %s", on ? "on" : "off");
}

/* `quit`: stop everything and exit. */
static void engine_req_quit(engine *e, const proto_msg *m)
{
	(void)m;
	e->quit = 1;
}

/* `ping [id=S]`: `pong`. */
static void engine_req_ping(engine *e, const proto_msg *m)
{
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "pong");
	if (proto_get(m, "id"))
		proto_fmt_str(&sb, "id", proto_get(m, "id"));
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* The core requests (see engine_request.h). */
const engine_request engine_core_requests[] = {
	{ "status", { NULL }, { NULL }, "", engine_req_status },
	{ "quit", { NULL }, { NULL }, "", engine_req_quit },
	{ "ping", { NULL }, { "id", NULL }, "[id=S]", engine_req_ping },
	{ "set", { "key", "value", NULL }, { NULL }, "key=K value=V", engine_req_set },
	{ "settings", { NULL }, { NULL }, "", engine_req_settings },
	{ "debug", { "on", NULL }, { NULL }, "on=0|1", engine_req_debug },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* Parse and run every whole line the reader holds. */
static void engine_drain_input(engine *e)
{
	proto_msg *m = malloc(sizeof *m);
	if (!m) {
		engine_error(e, IL_E_INTERNAL, NULL, "out of memory");
		e->quit = 1;
		return;
	}
	il_err err;
	int rc;
	while (!e->quit && (rc = proto_reader_next(&e->rd, m, &err)) != 0) {
		if (rc < 0) {
			engine_error_err(e, NULL, &err);
			continue;
		}
		const engine_request *r = engine_request_check(m, &err);
		if (!r) {
			engine_error_err(e, m->verb, &err);
			continue;
		}
		r->run(e, m);
	}
	free(m);
}

/* Move lines posted by threads into the output queue. */
static void engine_take_posted(engine *e)
{
	char buf[256];
	while (read(e->wake[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&e->post_lock);
	if (e->posted.len) {
		/* One line after another, each behind its droppable byte. */
		const char *p = e->posted.buf;
		while (*p) {
			int droppable = *p++ == 'd';
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
			engine_queue(e, p, n, droppable);
			if (!strncmp(p, "loop ", 5))
				engine_hook_loop(e, p, n);
			p += n;
		}
		sbuf_reset(&e->posted);
	}
	pthread_mutex_unlock(&e->post_lock);
}

/* Write as much of the output queue as out_fd takes now. */
static void engine_flush_some(engine *e)
{
	while (e->outq_sent < e->outq.len && !e->out_broken) {
		ssize_t w = write(e->out_fd, e->outq.buf + e->outq_sent, e->outq.len - e->outq_sent);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (w <= 0) {
			e->out_broken = 1; /* EPIPE and friends: nobody reads us any more */
			e->quit = 1;
			return;
		}
		e->outq_sent += (size_t)w;
	}
	if (e->outq_sent == e->outq.len) {
		sbuf_reset(&e->outq);
		e->outq_sent = 0;
	}
}

/* Flush the output queue completely, waiting at most timeout_ms. */
static void engine_flush_all(engine *e, int timeout_ms)
{
	int64_t end = time_mono_ms() + timeout_ms;
	while (e->outq_sent < e->outq.len && !e->out_broken) {
		engine_flush_some(e);
		int64_t left = end - time_mono_ms();
		if (e->outq_sent == e->outq.len || left <= 0)
			break;
		struct pollfd p = { e->out_fd, POLLOUT, 0 };
		poll(&p, 1, (int)left);
	}
}

/* Make fd non-blocking if it is a pipe or a socket (never a shared tty). */
static int engine_nonblock_if_pipe(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return 0;
	int fl = fcntl(fd, F_GETFL);
	return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0;
}

/* Load the settings with the command line's one-run overrides; notes
 * become log events. */
static int engine_load_settings(engine *e, il_err *err)
{
	sbuf notes = SBUF_INIT;
	if (settings_load_for(e->opts, SETTINGS_FOR_ENGINE, &e->set, &notes, err) != 0) {
		sbuf_free(&notes);
		return -1;
	}
	for (char *line = notes.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		engine_log(e, ENGINE_WARN, "%s", line);
		if (!nl)
			break;
	}
	sbuf_free(&notes);
	return 0;
}

/* Emit the `ready` event. */
static void engine_ready(engine *e)
{
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "ready");
	proto_fmt_long(&sb, "version", PROTO_VERSION);
	proto_fmt_str(&sb, "program", PACKAGE_NAME " " PACKAGE_VERSION);
	proto_fmt_long(&sb, "pid", (long)getpid());
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* Install handlers: SIGPIPE ignored; SIGINT, SIGTERM, SIGHUP, SIGQUIT,
 * SIGUSR1, SIGUSR2 and SIGALRM quit cleanly (the temporary folder removed). */
static void engine_signals(void)
{
	static const int quit_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = engine_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t k = 0; k < sizeof quit_sigs / sizeof quit_sigs[0]; k++)
		sigaction(quit_sigs[k], &sa, NULL);
}

/* The main loop: poll input, wake-ups and output; run the parts' ticks. */
static void engine_loop(engine *e)
{
	while (!e->quit && !engine_signalled) {
		struct pollfd p[3];
		int n = 0, in_idx = -1;
		if (!e->rd.eof) {
			in_idx = n;
			p[n++] = (struct pollfd){ e->in_fd, POLLIN, 0 };
		}
		int wake_idx = n;
		p[n++] = (struct pollfd){ e->wake[0], POLLIN, 0 };
		int out_idx = -1;
		if (e->outq_sent < e->outq.len) {
			out_idx = n;
			p[n++] = (struct pollfd){ e->out_fd, POLLOUT, 0 };
		}
		int t1 = engine_player_tick(e), t2 = engine_gen_tick(e), t3 = engine_station_tick(e);
		int timeout = t1 < 0 ? t2 : (t2 < 0 ? t1 : (t1 < t2 ? t1 : t2));
		if (t3 >= 0 && (timeout < 0 || t3 < timeout))
			timeout = t3;
		timeout = engine_hook_tick(e, timeout);
		if (e->rd.eof && e->outq_sent == e->outq.len && !e->hl.on)
			break; /* end of input and everything answered (headless plays on) */
		if (poll(p, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[wake_idx].revents)
			engine_take_posted(e);
		if (in_idx >= 0 && p[in_idx].revents) {
			ssize_t r = proto_reader_read(&e->rd, e->in_fd);
			if (r < 0 && errno != EAGAIN && errno != EINTR)
				proto_reader_set_eof(&e->rd);
			engine_drain_input(e);
		}
		if (out_idx >= 0 && p[out_idx].revents & (POLLOUT | POLLERR | POLLHUP))
			engine_flush_some(e);
		else if (!e->out_nonblock)
			engine_flush_some(e);
	}
}

/* Run the engine on the given descriptors; exit status. */
int engine_run(const il_opts *o, const engine_headless *hl, int in_fd, int out_fd)
{
	engine *e = calloc(1, sizeof *e);
	if (!e) {
		fprintf(stderr, "infiniloop-tui: out of memory\n");
		return 1;
	}
	e->opts = o;
	e->debug_run = -1;
	if (hl)
		e->hl = *hl;
	e->in_fd = in_fd;
	e->out_fd = out_fd;
	proto_reader_init(&e->rd);
	pthread_mutex_init(&e->post_lock, NULL);
	engine_signals();
	int status = 0;
	il_err err;
	if (pipe(e->wake) != 0) {
		fprintf(stderr, "infiniloop-tui: cannot create a pipe: %s\n", strerror(errno));
		free(e);
		return 1;
	}
	for (int k = 0; k < 2; k++) {
		fcntl(e->wake[k], F_SETFL, fcntl(e->wake[k], F_GETFL) | O_NONBLOCK);
		fcntl(e->wake[k], F_SETFD, FD_CLOEXEC);
	}
	e->out_nonblock = engine_nonblock_if_pipe(out_fd);
	engine_ready(e);
	if (engine_load_settings(e, &err) != 0) {
		engine_error(e, IL_E_IO, NULL, "%s", err.msg);
		status = 1;
	} else if (paths_tmpdir_create(e->tmpdir, sizeof e->tmpdir, &err) != 0) {
		engine_error(e, IL_E_IO, NULL, "%s", err.msg);
		status = 1;
	} else {
		engine_debug_update(e); /* before the threads start */
		if (engine_station_init(e, &err) != 0)
			engine_error(e, IL_E_INTERNAL, NULL, "%s", err.msg);
		if (engine_player_init(e, &err) != 0)
			engine_error(e, IL_E_AUDIO, NULL, "%s", err.msg);
		if (engine_gen_init(e, &err) != 0)
			engine_error(e, IL_E_GEN, NULL, "%s", err.msg);
		engine_loop(e);
		engine_gen_free(e);
		engine_player_free(e);
		engine_station_free(e);
		engine_take_posted(e);
		engine_hook_free(e, !engine_signalled);
	}
	sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "bye");
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
	engine_flush_all(e, 2000);
	paths_tmpdir_remove(e->tmpdir);
	close(e->wake[0]);
	close(e->wake[1]);
	sbuf_free(&e->outq);
	sbuf_free(&e->posted);
	pthread_mutex_destroy(&e->post_lock);
	settings_free(&e->set);
	free(e);
	return status;
}

/* The headless configuration the command line asks for. */
engine_headless engine_headless_from(const il_opts *o)
{
	engine_headless hl = { 0 };
	if (o->mode != IL_MODE_HEADLESS)
		return hl;
	hl.on = 1;
	if (o->play) {
		hl.files = o->files;
		hl.nfiles = o->nfiles;
	}
	hl.max_switches = o->max_switches;
	hl.max_seconds = o->max_seconds;
	return hl;
}

/* Run the engine on stdin/stdout (see engine.h); exit status. */
int engine_main(const il_opts *o)
{
	engine_headless hl = engine_headless_from(o);
	return engine_run(o, &hl, STDIN_FILENO, STDOUT_FILENO);
}

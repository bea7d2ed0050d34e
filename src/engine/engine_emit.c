/* engine_emit.c: the engine's output: events queued for the clients from
 * the main thread, posted from other threads, log and error events, and
 * their copy on stderr when the engine serves (--daemon). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine_hook.h"
#include "engine/engine_internal.h"

/* Keep a copy of the last line of a verb a new client is shown. */
static void engine_remember(il_engine *e, const char *line, size_t n)
{
	static const struct { const char *verb; size_t off; } kept[] = {
		{ "audio ", offsetof(il_engine, last_audio) },
		{ "loop ", offsetof(il_engine, last_loop) },
		{ "gen ", offsetof(il_engine, last_gen) },
	};
	for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++) {
		size_t v = strlen(kept[k].verb);
		if (n > v && !memcmp(line, kept[k].verb, v)) {
			il_sbuf *sb = (il_sbuf *)((char *)e + kept[k].off);
			sbuf_reset(sb);
			sbuf_append(sb, line, n);
		}
	}
}

/* In server mode, write log, error and audio events to stderr as text
 * (the service manager's journal, or the engine's log file). */
static void engine_log_stderr(il_engine *e, const char *line, size_t n)
{
	if (!e->server || n < 4 || (memcmp(line, "log ", 4) && memcmp(line, "error ", 6) && memcmp(line, "audio ", 6)))
		return;
	il_proto_msg *m = malloc(sizeof *m);
	il_err err;
	if (m && proto_parse_line(line, n - 1, m, &err) == 1) {
		const char *level = proto_get(m, "level"), *state = proto_get(m, "state");
		const char *msg = proto_get(m, "msg");
		if (!level || strcmp(level, "debug"))
			fprintf(stderr, "infiniloop-tui: %s: %s\n", level ? level : state ? state : m->verb,
				msg ? msg : "");
	}
	free(m);
}

/* Queue n bytes of protocol lines for every client (main thread); a
 * droppable line is dropped for a client that lags far behind. */
void engine_broadcast(il_engine *e, const char *line, size_t n, int droppable)
{
	if (n == 0)
		return;
	engine_remember(e, line, n);
	engine_log_stderr(e, line, n);
	for (int k = 0; k < e->nclients; k++)
		engine_client_queue(e, e->clients[k], line, n, droppable);
}

/* Queue a droppable spectrum line for the clients that take frame number
 * frame of the engine's (whose frames advance by step): each client with
 * spec_every > 0 gets one of every spec_every. */
void engine_broadcast_frame(il_engine *e, const char *line, size_t n, unsigned long frame, int step)
{
	engine_log_stderr(e, line, n);
	for (int k = 0; k < e->nclients; k++) {
		il_engine_client *c = e->clients[k];
		if (c->spec_every > 0 && frame % (unsigned long)c->spec_every < (unsigned long)step)
			engine_client_queue(e, c, line, n, 1);
	}
}

/* Queue a finished protocol line (ending in "\n") for output; main thread. */
void engine_emit(il_engine *e, const il_sbuf *line)
{
	if (e->cur && engine_client_is_answer(line->buf, line->len))
		engine_client_queue(e, e->cur, line->buf, line->len, 0);
	else
		engine_broadcast(e, line->buf, line->len, 0);
}

/* Queue protocol lines from any thread, each behind a byte that says
 * whether it may be dropped, and wake the main loop. */
static void engine_post_lines(il_engine *e, const char *text, int droppable)
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
void engine_post(il_engine *e, const char *line)
{
	engine_post_lines(e, line, 0);
}

/* Like engine_post, for a line that may be dropped when the reader lags. */
void engine_post_droppable(il_engine *e, const char *line)
{
	engine_post_lines(e, line, 1);
}

/* Emit an `error` event with the code's wire name; verb may be NULL. */
void engine_error(il_engine *e, il_errcode code, const char *verb, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	il_sbuf sb = SBUF_INIT;
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
void engine_error_err(il_engine *e, const char *verb, const il_err *err)
{
	engine_error(e, err->code, verb, "%s", err->msg);
}

/* Format a `log` line into sb; 0 (nothing formatted) for a debug line
 * while debug messages are off. Any thread. */
static int engine_fmt_log(il_engine *e, il_sbuf *sb, il_engine_level level, const char *fmt, va_list ap)
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
void engine_log(il_engine *e, il_engine_level level, const char *fmt, ...)
{
	il_sbuf sb = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	if (engine_fmt_log(e, &sb, level, fmt, ap))
		engine_emit(e, &sb);
	va_end(ap);
	sbuf_free(&sb);
}

/* Emit a `log` event from any thread. */
void engine_post_log(il_engine *e, il_engine_level level, const char *fmt, ...)
{
	il_sbuf sb = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	if (engine_fmt_log(e, &sb, level, fmt, ap))
		engine_post(e, sbuf_str(&sb));
	va_end(ap);
	sbuf_free(&sb);
}

/* Move lines posted by threads into the output queue. */
void engine_take_posted(il_engine *e)
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
			engine_broadcast(e, p, n, droppable);
			if (!strncmp(p, "loop ", 5))
				engine_hook_loop(e, p, n);
			p += n;
		}
		sbuf_reset(&e->posted);
	}
	pthread_mutex_unlock(&e->post_lock);
}


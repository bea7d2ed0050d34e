/* engine_client.c: the engine's clients and their output queues. */
#include "engine/engine_client.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/engine_internal.h"
#include "util/timeutil.h"

/* Add a client (see engine_client.h). */
il_engine_client *engine_client_add(il_engine *e, int in_fd, int out_fd, int stdio)
{
	if (e->nclients >= ENGINE_CLIENTS_MAX)
		return NULL;
	il_engine_client *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->id = ++e->client_ids;
	c->in_fd = in_fd;
	c->out_fd = out_fd;
	c->stdio = stdio;
	c->spec_every = 1;
	proto_reader_init(&c->rd);
	if (in_fd < 0)
		proto_reader_set_eof(&c->rd);
	e->clients[e->nclients++] = c;
	return c;
}

/* Close a client's descriptors (not stdio's) and free it. */
void engine_client_remove(il_engine *e, il_engine_client *c)
{
	for (int k = 0; k < e->nclients; k++) {
		if (e->clients[k] != c)
			continue;
		memmove(e->clients + k, e->clients + k + 1, (size_t)(e->nclients - k - 1) * sizeof *e->clients);
		e->nclients--;
		break;
	}
	if (e->cur == c)
		e->cur = NULL;
	if (!c->stdio) {
		if (c->in_fd >= 0)
			close(c->in_fd);
		if (c->out_fd >= 0 && c->out_fd != c->in_fd)
			close(c->out_fd);
	}
	sbuf_free(&c->outq);
	free(c);
}

/* The byte limit past which a socket client is cut off:
 * ENGINE_OUTQ_HARD, or $INFINILOOP_CLIENT_QUEUE (bytes, for tests); the
 * spectrum is dropped past a quarter of it. */
static size_t engine_client_limit(void)
{
	static size_t limit;
	if (!limit) {
		const char *v = getenv("INFINILOOP_CLIENT_QUEUE");
		long n = v ? atol(v) : 0;
		limit = n >= 4096 ? (size_t)n : ENGINE_OUTQ_HARD;
	}
	return limit;
}

/* Queue n bytes for one client; a droppable line is dropped while the
 * client lags, and a socket client that lags far behind is cut off. */
void engine_client_queue(il_engine *e, il_engine_client *c, const char *line, size_t n, int droppable)
{
	(void)e;
	if (c->broken || c->overflow || n == 0)
		return;
	size_t waiting = c->outq.len - c->outq_sent, hard = engine_client_limit();
	if (droppable && waiting > (c->stdio ? ENGINE_OUTQ_SOFT : hard / 4)) {
		c->dropped++;
		return;
	}
	if (!c->stdio && waiting > hard) {
		c->overflow = 1; /* the main loop drops it and says so */
		return;
	}
	sbuf_append(&c->outq, line, n);
}

/* True when the line answers a request (see engine_client.h). */
int engine_client_is_answer(const char *line, size_t n)
{
	static const char *const answers[] = {
		"status", "setting", "preset", "stat", "history", "analysis", "waveform", "saved",
		"error", "pong",
	};
	size_t v = 0;
	while (v < n && line[v] != ' ' && line[v] != '\n')
		v++;
	for (size_t k = 0; k < sizeof answers / sizeof answers[0]; k++)
		if (strlen(answers[k]) == v && !memcmp(answers[k], line, v))
			return 1;
	return 0;
}

/* Write as much of a client's queue as its descriptor takes now. */
void engine_client_flush(il_engine_client *c)
{
	while (c->outq_sent < c->outq.len && !c->broken) {
		ssize_t w = c->stdio ? write(c->out_fd, c->outq.buf + c->outq_sent, c->outq.len - c->outq_sent)
				     : send(c->out_fd, c->outq.buf + c->outq_sent, c->outq.len - c->outq_sent,
					    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (w <= 0) {
			c->broken = 1; /* EPIPE and friends: nobody reads it any more */
			return;
		}
		c->outq_sent += (size_t)w;
	}
	if (c->outq_sent == c->outq.len) {
		sbuf_reset(&c->outq);
		c->outq_sent = 0;
	}
}

/* True while bytes wait in a client's queue. */
int engine_client_pending(const il_engine_client *c)
{
	return !c->broken && c->outq_sent < c->outq.len;
}

/* Flush every client completely, waiting at most timeout_ms in all. */
void engine_client_flush_all(il_engine *e, int timeout_ms)
{
	int64_t end = time_mono_ms() + timeout_ms;
	for (;;) {
		struct pollfd p[ENGINE_CLIENTS_MAX];
		int n = 0;
		for (int k = 0; k < e->nclients; k++) {
			engine_client_flush(e->clients[k]);
			if (engine_client_pending(e->clients[k]))
				p[n++] = (struct pollfd){ e->clients[k]->out_fd, POLLOUT, 0 };
		}
		int64_t left = end - time_mono_ms();
		if (n == 0 || left <= 0)
			return;
		poll(p, (nfds_t)n, (int)left);
	}
}

/* engine_client.h: the engine's clients, each a protocol stream with its
 * own reader and bounded output queue.
 *
 * One client is the engine's stdin/stdout (`--engine`, `--headless`); the
 * others connect to the server socket (engine_server.h). Events go to every
 * client, except the answers to a request (status, setting, preset, stat,
 * history, analysis, waveform, saved, error, pong), which go to the client
 * that asked. A client that stops reading never blocks the engine: its
 * spectrum events are dropped beyond ENGINE_OUTQ_SOFT queued bytes, and a
 * socket client is dropped beyond ENGINE_OUTQ_HARD. Main thread only. */
#ifndef IL_ENGINE_ENGINE_CLIENT_H
#define IL_ENGINE_ENGINE_CLIENT_H

#include <stddef.h>

#include "engine/protocol.h"
#include "util/sbuf.h"

#define ENGINE_CLIENTS_MAX 32
#define ENGINE_OUTQ_SOFT (1u << 20) /* beyond this, spectrum lines are dropped */
#define ENGINE_OUTQ_HARD (4u << 20) /* beyond this, a socket client is dropped */

struct il_engine;

typedef struct il_engine_client {
	unsigned id;          /* counts clients from 1 */
	int in_fd, out_fd;    /* the same socket, or stdin and stdout */
	int stdio;            /* the engine's own stdin/stdout */
	int nonblock;         /* out_fd is a pipe or socket set non-blocking */
	il_proto_reader rd;
	il_sbuf outq;            /* lines waiting for out_fd */
	size_t outq_sent;     /* bytes of outq already written */
	unsigned long dropped;/* spectrum lines dropped while it lagged */
	int broken;           /* writing failed: the reader went away */
	int overflow;         /* dropped for not reading */
	int spec_every;       /* a spectrum frame every this many of the engine's (1: all, 0: none) */
} il_engine_client;

/* Add a client reading from in_fd (-1: none) and writing to out_fd; NULL
 * when the table is full or memory is short. */
il_engine_client *engine_client_add(struct il_engine *e, int in_fd, int out_fd, int stdio);
/* Close a client's descriptors (not stdio's) and free it. */
void engine_client_remove(struct il_engine *e, il_engine_client *c);
/* Queue n bytes of protocol lines for one client. */
void engine_client_queue(struct il_engine *e, il_engine_client *c, const char *line, size_t n, int droppable);
/* True when line (a whole protocol line) answers a request: it goes only to
 * the client that asked. */
int engine_client_is_answer(const char *line, size_t n);
/* Write as much of a client's queue as its descriptor takes now. */
void engine_client_flush(il_engine_client *c);
/* True while bytes wait in a client's queue. */
int engine_client_pending(const il_engine_client *c);
/* Flush every client completely, waiting at most timeout_ms in all. */
void engine_client_flush_all(struct il_engine *e, int timeout_ms);

#endif

/* elink.h: the UI's link to its engine, a child process on a socketpair.
 *
 * The engine is this very program (/proc/self/exe) run with --engine and
 * the relevant options; its stdin and stdout are one end of a socketpair,
 * its stderr goes to a log file in a private temporary folder. Writes are
 * queued and sent when the socket takes them, so the UI never blocks. */
#ifndef IL_UI_ELINK_H
#define IL_UI_ELINK_H

#include <sys/types.h>

#include "engine/protocol.h"
#include "options.h"
#include "store/paths.h"
#include "util/sbuf.h"

#define ELINK_ARGS_MAX 32

typedef struct elink {
	pid_t pid;          /* 0 when no engine runs */
	int fd;             /* our end of the socketpair, -1 when closed */
	proto_reader rd;
	sbuf outq;
	size_t outq_sent;
	char tmpdir[IL_PATH_MAX];
	char logpath[IL_PATH_MAX];
	char exe[IL_PATH_MAX];
	char *argv[ELINK_ARGS_MAX];
	int argc;
	char durbuf[16], seedbuf[24];
	int starts;         /* engines started so far */
	int status;         /* wait status of the last engine that ended */
	char why[256];      /* how the last engine ended, in words */
} elink;

/* Prepare the link: the engine's command line and the temporary folder. */
int elink_init(elink *l, const il_opts *o, il_err *err);
/* Start an engine. */
int elink_start(elink *l, il_err *err);
/* Queue a finished protocol line. */
void elink_send(elink *l, const sbuf *line);
/* Queue a request with no fields. */
void elink_send_verb(elink *l, const char *verb);
/* True when queued bytes wait for the socket. */
int elink_pending(const elink *l);
/* Write what the socket takes now; -1 when the engine is gone. */
int elink_flush(elink *l);
/* Read what the socket has: >0 bytes, 0 at end (the engine is gone), -1 with
 * errno EAGAIN, or ENOBUFS when the events read must be taken first. */
ssize_t elink_read(elink *l);
/* Take the next event: 1 an event, 0 nothing more, -1 a bad line (err set). */
int elink_next(elink *l, proto_msg *m, il_err *err);
/* Close our end after the engine went away (the process is reaped later). */
void elink_close(elink *l);
/* Reap the engine if it ended; 1 when it did (l->why says how). */
int elink_reap(elink *l);
/* Ask the engine to quit, then TERM and KILL it if it takes too long. */
void elink_stop(elink *l, int timeout_ms);
/* Stop the engine and remove the temporary folder. */
void elink_free(elink *l);
/* The last line of the engine's log (its stderr), or "". */
void elink_last_log(const elink *l, char *out, size_t n);

#endif

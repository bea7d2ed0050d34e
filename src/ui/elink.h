/* elink.h: the UI's link to the user's engine, on the engine's socket.
 *
 * The UI attaches to the engine that runs for this user (its socket in the
 * runtime folder, see engine/engine_server.h); when none runs it starts one:
 * this very program (/proc/self/exe) with --daemon and the relevant
 * options, in a session of its own with no terminal, stdin and stdout on
 * /dev/null and stderr appended to $XDG_STATE_HOME/infiniloop/engine.log,
 * so that it plays on when the terminal goes. Writes are queued and sent
 * when the socket takes them, so the UI never blocks. */
#ifndef IL_UI_ELINK_H
#define IL_UI_ELINK_H

#include <stdio.h>
#include <sys/types.h>

#include "engine/protocol.h"
#include "options.h"
#include "store/paths.h"
#include "util/sbuf.h"

#define ELINK_ARGS_MAX 32

typedef struct il_elink {
	pid_t pid;          /* the engine we started (our child), 0 when none */
	long engine_pid;    /* the engine attached to (from `ready`), 0 unknown */
	int attached;       /* the last start found an engine running */
	int fd;             /* our end of the socketpair, -1 when closed */
	il_proto_reader rd;
	il_sbuf outq;
	size_t outq_sent;
	char tmpdir[IL_PATH_MAX];
	char logpath[IL_PATH_MAX];
	char exe[IL_PATH_MAX];
	char sockpath[IL_PATH_MAX];
	long log_from;      /* the log's size when we attached: what is new */
	char *argv[ELINK_ARGS_MAX];
	int argc;
	char durbuf[16], seedbuf[24];
	int starts;         /* engines started so far */
	int status;         /* wait status of the last engine that ended */
	char why[256];      /* how the last engine ended, in words */
} il_elink;

/* Prepare the link: the engine's command line and the temporary folder. */
int elink_init(il_elink *l, const il_opts *o, il_err *err);
/* Attach to the running engine, or start one and attach to it (waiting at
 * most a few seconds for its socket); -1 with err. */
int elink_start(il_elink *l, il_err *err);
/* Queue a finished protocol line. */
void elink_send(il_elink *l, const il_sbuf *line);
/* Queue a request with no fields. */
void elink_send_verb(il_elink *l, const char *verb);
/* True when queued bytes wait for the socket. */
int elink_pending(const il_elink *l);
/* Write what the socket takes now; -1 when the engine is gone. */
int elink_flush(il_elink *l);
/* Read what the socket has: >0 bytes, 0 at end (the engine is gone), -1 with
 * errno EAGAIN, or ENOBUFS when the events read must be taken first. */
ssize_t elink_read(il_elink *l);
/* Take the next event: 1 an event, 0 nothing more, -1 a bad line (err set). */
int elink_next(il_elink *l, il_proto_msg *m, il_err *err);
/* Close our end after the engine went away (the process is reaped later). */
void elink_close(il_elink *l);
/* Reap the engine if it ended; 1 when it did (l->why says how). */
int elink_reap(il_elink *l);
/* Ask the engine to quit (the music stops), then TERM and KILL it if it
 * takes too long. */
void elink_stop(il_elink *l, int timeout_ms);
/* Leave the engine playing: close our end of the socket. */
void elink_detach(il_elink *l);
/* Detach and remove the temporary folder. */
void elink_free(il_elink *l);
/* The last line of the engine's log (its stderr) written since we
 * attached that may say why it ended: not its info, ok or debug news;
 * "" when none. */
void elink_last_log(const il_elink *l, char *out, size_t n);
/* Print to f, each behind prefix, what the engine wrote on stderr since we
 * attached other than its own messages (a crash report, a library's
 * complaint). */
void elink_replay_log(const il_elink *l, FILE *f, const char *prefix);

#endif

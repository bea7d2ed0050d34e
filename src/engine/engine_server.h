/* engine_server.h: the engine as a per-user server (`--daemon`).
 *
 * The engine listens on engine.sock in the private runtime folder
 * (paths_runtime_dir: $XDG_RUNTIME_DIR/infiniloop, else /tmp/infiniloop-UID;
 * the folder 0700, the socket 0600). A lock on engine.lock beside it (which
 * holds the engine's pid) keeps a second engine of the same user from
 * starting; a socket left by a dead engine is replaced. Each connecting
 * client's uid is checked with SO_PEERCRED: another user gets one
 * `error code=denied` line and is closed. A new client gets `ready`, then
 * the last `audio`, `loop` and `gen` events, so it shows at once what is
 * playing. Main thread only. */
#ifndef IL_ENGINE_ENGINE_SERVER_H
#define IL_ENGINE_ENGINE_SERVER_H

#include <stddef.h>

#include "util/error.h"

struct il_engine;

/* Take the lock and listen; -1 with err (another engine runs: IL_E_STATE). */
int engine_server_open(struct il_engine *e, il_err *err);
/* Accept the clients waiting on the socket. */
void engine_server_accept(struct il_engine *e);
/* Make the engine's temporary folder tmp.PID in the runtime folder, after
 * removing those of engines that died (we hold the lock: all others are
 * theirs); -1 with err. */
int engine_server_tmpdir(char *out, size_t n, il_err *err);
/* Stop listening: close and remove the socket, release the lock. */
void engine_server_close(struct il_engine *e);
/* The pid written in the lock file of a running engine, or 0 when none
 * holds the lock. */
long engine_server_running_pid(void);

#endif

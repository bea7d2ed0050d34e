/* engine_hook.h: the now-playing hook, the on_loop setting's program run
 * each time a loop starts (for a status line or a notification).
 *
 * The main thread hands every `loop` event line to engine_hook_loop; the
 * hook's argv is the on_loop template with each {FIELD} replaced by that
 * field of the event ({title}, {artist}, {prompt}, {bpm}, {id}...; an
 * unknown {x} stays as it is, {{ is a literal {). It runs without a shell,
 * in its own process group, with stdin, stdout and stderr on /dev/null and
 * no other descriptor of the engine. One hook runs at a time: a loop that
 * starts while the previous loop's hook still runs waits for it (only the
 * newest waiting loop is kept; one it replaces is skipped). A hook is
 * reaped without blocking from the main loop and its process group killed
 * after on_loop_timeout seconds. Every problem (cannot start, non-zero
 * exit, killed, skipped) is a `log level=warn msg="on_loop: ..."`. */
#ifndef IL_ENGINE_ENGINE_HOOK_H
#define IL_ENGINE_ENGINE_HOOK_H

#include <stddef.h>

#include "engine/engine_internal.h"

/* A `loop` event line (len bytes, a newline at the end or not) was sent:
 * queue its hook (started by the next engine_hook_tick). Main thread; it
 * never blocks and is a no-op while on_loop is empty. */
void engine_hook_loop(il_engine *e, const char *line, size_t len);
/* Periodic work: reap the hook, kill it at its timeout, start the next.
 * Returns timeout_ms (the main loop's poll timeout, -1: none) lowered to
 * when the hook wants to run again. */
int engine_hook_tick(il_engine *e, int timeout_ms);
/* At exit: with wait set, let a running hook and the last loop's waiting
 * one finish, each within its timeout (a signal cuts the wait short);
 * then kill what still runs and free everything. */
void engine_hook_free(il_engine *e, int wait);

#endif

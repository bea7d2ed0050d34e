/* engine.h: the engine process, which owns audio, generation, analysis and
 * the history, and speaks the protocol of protocol.h. */
#ifndef IL_ENGINE_ENGINE_H
#define IL_ENGINE_ENGINE_H

#include "options.h"

/* Run the engine on stdin/stdout until `quit` or end of input; exit status. */
int engine_main(const il_opts *o);
/* Run the engine on the given descriptors; exit status. */
int engine_run(const il_opts *o, int in_fd, int out_fd);

#endif

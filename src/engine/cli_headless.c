/* cli_headless.c: --headless [--play FILE...]: the engine without curses.
 *
 * The engine runs on stdin/stdout as with --engine, but the end of standard
 * input does not stop it: it plays on until `quit`, a signal, or the limit
 * given with --switches or --seconds. With --play, the files are prepared
 * and queued in order and then played in turn, round and round. */
#include "engine/cli.h"
#include "engine/engine.h"

/* --headless: run the engine; exit status. */
int cli_headless(const il_opts *o)
{
	return engine_main(o);
}

/* engine_player.c: playback requests of the engine (play, pause, resume,
 * skip, volume, save, validate, analysis). Playback is not built yet: these
 * requests answer `unsupported`. */
#include "engine/engine_internal.h"

#include <string.h>

/* Set up the playback part. */
int engine_player_init(engine *e, il_err *err)
{
	(void)e;
	(void)err;
	return 0;
}

/* Tear down the playback part. */
void engine_player_free(engine *e)
{
	(void)e;
}

/* Handle a playback request; 1 if verb was ours, 0 if not. */
int engine_player_request(engine *e, const proto_msg *m)
{
	(void)e;
	(void)m;
	return 0;
}

/* Periodic work; milliseconds until it wants to run again (-1: idle). */
int engine_player_tick(engine *e)
{
	(void)e;
	return -1;
}

/* Append the playback fields of a `status` event. */
void engine_player_status(engine *e, sbuf *sb)
{
	proto_fmt_str(sb, "state", "idle");
	proto_fmt_long(sb, "volume", e->set.volume);
	proto_fmt_str(sb, "output", e->set.output);
	proto_fmt_str(sb, "audio", "none");
}

/* A setting changed. */
void engine_player_setting(engine *e, const char *key)
{
	(void)e;
	(void)key;
}

/* Queue a prepared loop: not built yet, so the loop is dropped. */
int engine_player_enqueue(engine *e, il_loop *loop, il_err *err)
{
	(void)e;
	il_loop_free(loop);
	return il_err_set(err, "state: playback is not available in this build");
}

/* Number of loops queued and not yet playing. */
int engine_player_queued(engine *e)
{
	(void)e;
	return 0;
}

/* True while a loop is playing. */
int engine_player_playing(engine *e)
{
	(void)e;
	return 0;
}

/* Drop the queued loops. */
void engine_player_clear_queue(engine *e)
{
	(void)e;
}

/* Stop playback at once. */
void engine_player_stop(engine *e)
{
	(void)e;
}

/* engine_gen.c: generation requests of the engine (start, stop, stats).
 * Generation is not built yet: these requests answer `unsupported`. */
#include "engine/engine_internal.h"

/* Set up the generation part. */
int engine_gen_init(engine *e, il_err *err)
{
	(void)e;
	(void)err;
	return 0;
}

/* Tear down the generation part. */
void engine_gen_free(engine *e)
{
	(void)e;
}

/* Handle a generation request; 1 if verb was ours, 0 if not. */
int engine_gen_request(engine *e, const proto_msg *m)
{
	(void)e;
	(void)m;
	return 0;
}

/* Periodic work; milliseconds until it wants to run again (-1: idle). */
int engine_gen_tick(engine *e)
{
	(void)e;
	return -1;
}

/* Append the generation fields of a `status` event. */
void engine_gen_status(engine *e, sbuf *sb)
{
	proto_fmt_str(sb, "prompt", e->set.last_prompt);
	proto_fmt_str(sb, "backend", e->set.backend);
	proto_fmt_str(sb, "model", e->set.model);
	proto_fmt_str(sb, "gen", "idle");
}

/* A setting changed. */
void engine_gen_setting(engine *e, const char *key)
{
	(void)e;
	(void)key;
}

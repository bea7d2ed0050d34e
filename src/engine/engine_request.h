/* engine_request.h: the engine's request table.
 *
 * Each request verb is one row: the fields it takes, its usage (the fields
 * as protocol.h and infiniloop-tui(1) write them) and the function that runs
 * it. The parts of the engine contribute their rows next to their handlers:
 * engine.c the core requests, engine_player.c playback, engine_station.c
 * the station controls, engine_gen.c generation, engine_fav.c the
 * favourites. engine_request_check() is the only place a verb is looked up;
 * tests/engine/test_protocol.c checks that protocol.h and the man page list
 * exactly these verbs. */
#ifndef IL_ENGINE_ENGINE_REQUEST_H
#define IL_ENGINE_ENGINE_REQUEST_H

#include <stddef.h>

#include "engine/protocol.h"

struct il_engine;

typedef struct il_engine_request {
	const char *verb;
	const char *required[3];  /* NULL-ended */
	const char *optional[3];  /* NULL-ended */
	const char *usage;        /* e.g. "path=PATH [force=0|1]" */
	void (*run)(struct il_engine *e, const il_proto_msg *m);
} il_engine_request;

/* The rows of each part, each list ended by a row whose verb is NULL. */
extern const il_engine_request engine_core_requests[];   /* engine.c */
extern const il_engine_request engine_player_requests[]; /* engine_player.c */
extern const il_engine_request engine_inspect_requests[]; /* engine_inspect.c */
extern const il_engine_request engine_station_requests[]; /* engine_station.c */
extern const il_engine_request engine_gen_requests[];    /* engine_gen.c */
extern const il_engine_request engine_stats_requests[]; /* engine_stats.c */
extern const il_engine_request engine_fav_requests[];    /* engine_fav.c */

/* The row of a parsed request once its fields are checked (known, given
 * once, required ones present); NULL with err (unknown_verb, unknown_field
 * or missing_field) otherwise. */
const il_engine_request *engine_request_check(const il_proto_msg *m, il_err *err);
/* Row number k of the whole table (the parts in order), NULL past its end. */
const il_engine_request *engine_request_at(size_t k);

#endif

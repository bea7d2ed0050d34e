/* engine_request.c: the lookup in the engine's request table (see
 * engine_request.h). */
#include "engine/engine_request.h"

#include <stdio.h>
#include <string.h>

static const il_engine_request *const engine_request_parts[] = {
	engine_core_requests, engine_player_requests, engine_inspect_requests, engine_station_requests,
	engine_gen_requests, engine_stats_requests, engine_fav_requests,
};

/* Row number k of the whole table (the parts in order), NULL past its end. */
const il_engine_request *engine_request_at(size_t k)
{
	for (size_t p = 0; p < sizeof engine_request_parts / sizeof engine_request_parts[0]; p++) {
		const il_engine_request *r = engine_request_parts[p];
		for (; r->verb; r++)
			if (k-- == 0)
				return r;
	}
	return NULL;
}

/* The row of verb, or NULL. */
static const il_engine_request *engine_request_find(const char *verb)
{
	const il_engine_request *r;
	for (size_t k = 0; (r = engine_request_at(k)); k++)
		if (strcmp(r->verb, verb) == 0)
			return r;
	return NULL;
}

/* True when name is in the NULL-ended list. */
static int engine_request_takes(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* Set err to a field error of request r, ending with its usage. */
static void engine_request_field_err(il_err *err, il_errcode code, const il_engine_request *r,
				     const char *what, const char *field)
{
	char use[128] = "";
	if (*r->usage)
		snprintf(use, sizeof use, " (%s %s)", r->verb, r->usage);
	il_err_set(err, code, "'%s' %s '%s'%s", r->verb, what, field, use);
}

/* The row of a parsed request once its fields are checked; NULL with err. */
const il_engine_request *engine_request_check(const il_proto_msg *m, il_err *err)
{
	const il_engine_request *r = engine_request_find(m->verb);
	if (!r) {
		il_err_set(err, IL_E_UNKNOWN_VERB, "unknown request '%s' (try: status, start, stop, quit)",
			   m->verb);
		return NULL;
	}
	for (int k = 0; k < m->nfields; k++)
		if (!engine_request_takes(r->required, m->fields[k].key) &&
		    !engine_request_takes(r->optional, m->fields[k].key)) {
			engine_request_field_err(err, IL_E_UNKNOWN_FIELD, r, "takes no field", m->fields[k].key);
			return NULL;
		}
	for (const char *const *f = r->required; *f; f++)
		if (!proto_get(m, *f)) {
			engine_request_field_err(err, IL_E_MISSING_FIELD, r, "needs field", *f);
			return NULL;
		}
	return r;
}

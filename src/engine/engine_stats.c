/* engine_stats.c: the `stats` request: statistics of the generation
 * history for the current backend and model, and its recent attempts. */
#include "engine/engine_internal.h"
#include "engine/pipeline.h"
#include "store/history.h"

/* One `history` event. */
static int engine_stats_history_row(void *ud, const il_history_row *r)
{
	il_engine *e = ud;
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "history");
	proto_fmt_long(&sb, "time", (long)r->time);
	proto_fmt_str(&sb, "backend", r->backend);
	proto_fmt_str(&sb, "model", r->model);
	proto_fmt_str(&sb, "prompt", r->prompt);
	proto_fmt_long(&sb, "secs", r->secs);
	proto_fmt_double(&sb, "actual", r->actual, 2);
	proto_fmt_double(&sb, "wall", r->wall, 2);
	proto_fmt_str(&sb, "outcome", r->outcome);
	proto_fmt_str(&sb, "error", r->error);
	proto_fmt_double(&sb, "loop_seconds", r->loop_seconds, 3);
	proto_fmt_double(&sb, "bpm", r->bpm, 1);
	proto_fmt_double(&sb, "score", r->score, 3);
	proto_fmt_long(&sb, "seed", r->seed);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
	return 0;
}

/* `stats [limit=N]`: per-duration statistics of the current backend and
 * model, then the most recent attempts. */
static void engine_stats_req(il_engine *e, const il_proto_msg *m)
{
	il_history *h = engine_gen_history(e);
	long limit = 20;
	il_err err;
	if (proto_get(m, "limit") && proto_get_long(m, "limit", 0, 1000, &limit, &err) != 0) {
		engine_error_err(e, "stats", &err);
		return;
	}
	if (!h) {
		engine_error(e, IL_E_IO, "stats", "the generation history is not available");
		return;
	}
	char model[64];
	pipeline_model_name(&e->set, model, sizeof model);
	il_history_stat st[64];
	int n = 0;
	if (history_stats(h, e->set.backend, model, st, 64, &n, &err) != 0) {
		engine_error(e, IL_E_IO, "stats", "%s", err.msg);
		return;
	}
	il_sbuf sb = SBUF_INIT;
	for (int k = 0; k < n; k++) {
		proto_fmt_begin(&sb, "stat");
		proto_fmt_long(&sb, "seconds", st[k].secs);
		proto_fmt_long(&sb, "runs", st[k].runs);
		proto_fmt_long(&sb, "ok", st[k].ok);
		proto_fmt_double(&sb, "avg", st[k].avg, 2);
		proto_fmt_end(&sb);
		engine_emit(e, &sb);
	}
	sbuf_free(&sb);
	if (limit > 0 && history_recent(h, (int)limit, engine_stats_history_row, e, &err) != 0)
		engine_error(e, IL_E_IO, "stats", "%s", err.msg);
}

/* The statistics request (see engine_request.h). */
const il_engine_request engine_stats_requests[] = {
	{ "stats", { NULL }, { "limit", NULL }, "[limit=N]", engine_stats_req },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

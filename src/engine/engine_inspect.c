/* engine_inspect.c: the requests that look at the loops held: `save`,
 * `validate` and `analysis`. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio/loopinfo.h"
#include "audio/player.h"
#include "audio/track.h"
#include "audio/wavsave.h"
#include "engine/engine_internal.h"

#define INSPECT_WAVEFORM_POINTS 200 /* columns of the `waveform` event */

/* The loop `save` names (a new reference): loop=ID, one of the loops held,
 * else the current one; NULL after an error event. */
static il_track *einspect_save_track(il_engine *e, const il_proto_msg *m)
{
	il_err err;
	long id;
	if (!proto_get(m, "loop")) {
		il_track *t = il_player_current(engine_player_get(e));
		if (!t)
			engine_error(e, IL_E_STATE, "save", "nothing is playing, so there is no loop to save");
		return t;
	}
	if (proto_get_long(m, "loop", 1, 2147483647L, &id, &err) != 0) {
		engine_error_err(e, "save", &err);
		return NULL;
	}
	il_track *t = engine_player_held(e, (unsigned long)id);
	if (!t)
		engine_error(e, IL_E_STATE, "save", "loop %ld is no longer held (only the current and the "
			     "previous loop can be saved)", id);
	return t;
}

/* `save path=PATH [force=0|1] [loop=ID]`: write a loop with its loop points. */
static void einspect_req_save(il_engine *e, const il_proto_msg *m)
{
	long force = 0;
	il_err err;
	if (!engine_player_need(e, m))
		return;
	if (proto_get(m, "force") && proto_get_long(m, "force", 0, 1, &force, &err) != 0) {
		engine_error_err(e, "save", &err);
		return;
	}
	const char *path = proto_get(m, "path");
	il_track *t = einspect_save_track(e, m);
	if (!t)
		return;
	il_loop *clip = NULL;
	if (!path || !*path) {
		engine_error(e, IL_E_BAD_VALUE, "save", "save needs a file name");
	} else if (il_track_clip(t, &clip, &err) != 0 || il_wav_save(clip, path, (int)force, &err) != 0) {
		engine_error_err(e, "save", &err);
	} else {
		il_sbuf sb = SBUF_INIT;
		proto_fmt_begin(&sb, "saved");
		proto_fmt_str(&sb, "path", path);
		proto_fmt_long(&sb, "frames", (long)t->loop->nframes);
		proto_fmt_end(&sb);
		engine_emit(e, &sb);
		sbuf_free(&sb);
	}
	il_loop_free(clip);
	il_track_unref(t);
}

/* Check one loop for `validate` and report it as a `log` event. */
static void einspect_validate_one(il_engine *e, const char *which, il_track *t)
{
	char msg[512];
	if (!t) {
		engine_log(e, ENGINE_WARN, "%s: no loop", which);
		return;
	}
	il_loop *clip;
	il_err err;
	int rc = il_track_clip(t, &clip, &err);
	if (rc == 0)
		rc = il_loopinfo_check(clip, msg, sizeof msg);
	else
		snprintf(msg, sizeof msg, "%s", err.msg);
	engine_log(e, rc == 0 ? ENGINE_INFO : ENGINE_WARN, "%s: %s (%s)", which, msg,
		   t->loop->source[0] ? t->loop->source : t->loop->title);
	il_loop_free(clip);
	il_track_unref(t);
}

/* `validate which=current|next|both`. */
static void einspect_req_validate(il_engine *e, const il_proto_msg *m)
{
	if (!engine_player_need(e, m))
		return;
	const char *which = proto_get(m, "which");
	if (!which)
		which = "both";
	int cur = !strcmp(which, "current") || !strcmp(which, "both");
	int next = !strcmp(which, "next") || !strcmp(which, "both");
	if (!cur && !next) {
		engine_error(e, IL_E_BAD_VALUE, "validate", "which must be current, next or both, not '%s'", which);
		return;
	}
	if (cur)
		einspect_validate_one(e, "current", il_player_current(engine_player_get(e)));
	if (next)
		einspect_validate_one(e, "next", il_player_next(engine_player_get(e)));
}

/* `analysis`: the analysis and the waveform of the current loop. */
static void einspect_req_analysis(il_engine *e, const il_proto_msg *m)
{
	if (!engine_player_need(e, m))
		return;
	il_track *t = il_player_current(engine_player_get(e));
	if (!t) {
		engine_error(e, IL_E_STATE, "analysis", "nothing is playing, so there is no loop to describe");
		return;
	}
	il_loop *l;
	il_err err;
	if (il_track_clip(t, &l, &err) != 0) {
		engine_error_err(e, "analysis", &err);
		il_track_unref(t);
		return;
	}
	il_sbuf sb = SBUF_INIT, cand = SBUF_INIT;
	il_loopinfo_candidates(l, &cand);
	proto_fmt_begin(&sb, "analysis");
	proto_fmt_long(&sb, "frames", (long)l->nframes);
	proto_fmt_long(&sb, "rate", l->rate);
	proto_fmt_long(&sb, "loop_start", (long)l->loop_start);
	proto_fmt_long(&sb, "loop_end", (long)l->loop_end);
	proto_fmt_double(&sb, "bpm", l->bpm, 1);
	proto_fmt_long(&sb, "beats", l->beats);
	proto_fmt_long(&sb, "bars", l->bars);
	proto_fmt_long(&sb, "downbeat", (long)l->downbeat);
	proto_fmt_double(&sb, "beat_confidence", isfinite(l->beat_conf) ? l->beat_conf : -1, 2);
	proto_fmt_double(&sb, "score", l->score, 3);
	proto_fmt_str(&sb, "method", l->method[0] ? l->method : "none");
	proto_fmt_str(&sb, "quality", l->poor ? "poor" : "good");
	char metrics[256];
	il_loop_metrics_format(l, metrics, sizeof metrics);
	proto_fmt_str(&sb, "metrics", metrics);
	proto_fmt_str(&sb, "candidates", sbuf_str(&cand));
	const il_loudness_result *lr = &l->loudness; /* -99: silence */
	proto_fmt_double(&sb, "lufs_in", isfinite(lr->before.integrated) ? lr->before.integrated : -99, 1);
	proto_fmt_double(&sb, "lra_in", lr->before.range, 1);
	proto_fmt_double(&sb, "true_peak_in", isfinite(lr->before.true_peak) ? lr->before.true_peak : -99, 1);
	proto_fmt_double(&sb, "lufs", isfinite(lr->after.integrated) ? lr->after.integrated : -99, 1);
	proto_fmt_double(&sb, "lra", lr->after.range, 1);
	proto_fmt_double(&sb, "true_peak", isfinite(lr->after.true_peak) ? lr->after.true_peak : -99, 1);
	proto_fmt_double(&sb, "gain_db", lr->gain_db, 1);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	unsigned char pts[INSPECT_WAVEFORM_POINTS];
	il_loopinfo_waveform(l, pts, sizeof pts);
	proto_fmt_begin(&sb, "waveform");
	proto_fmt_hex(&sb, "points", pts, sizeof pts);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
	sbuf_free(&cand);
	il_loop_free(l);
	il_track_unref(t);
}

/* The requests on the loops held (see engine_request.h). */
const il_engine_request engine_inspect_requests[] = {
	{ "save", { "path", NULL }, { "force", "loop", NULL }, "path=PATH [force=0|1] [loop=ID]", einspect_req_save },
	{ "validate", { "which", NULL }, { NULL }, "which=current|next|both", einspect_req_validate },
	{ "analysis", { NULL }, { NULL }, "", einspect_req_analysis },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* cli_analyze.c: --analyze FILE [FILE]... [--json]: find the loop of each
 * file and print it, as one JSON object per line or as a readable summary.
 * The files are analysed one after the other in one process, so all but
 * the first run warm (FFT plans made, code paged in). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "engine/loopprep.h"
#include "store/paths.h"
#include "store/settings.h"
#include "util/sbuf.h"

/* Append the loop's metrics as JSON object members. */
static void cli_analyze_json_metrics(il_sbuf *sb, const il_loop *l)
{
	int first = 1;
	for (int k = 0; k < IL_METRICS; k++) {
		if (isnan(l->metrics[k]))
			continue;
		sbuf_puts(sb, first ? "" : ", ");
		sbuf_put_json(sb, il_loop_metric_name(k));
		sbuf_printf(sb, ": %.4f", l->metrics[k]);
		first = 0;
	}
}

/* Append a number, or null when it is not finite (silence). */
static void cli_analyze_json_num(il_sbuf *sb, const char *key, double v)
{
	if (isfinite(v))
		sbuf_printf(sb, "\"%s\": %.2f", key, v);
	else
		sbuf_printf(sb, "\"%s\": null", key);
}

/* Append one loudness measurement as a JSON object. */
static void cli_analyze_json_loud(il_sbuf *sb, const il_loudness *m)
{
	sbuf_puts(sb, "{");
	cli_analyze_json_num(sb, "integrated_lufs", m->integrated);
	sbuf_puts(sb, ", ");
	cli_analyze_json_num(sb, "range_lu", m->range);
	sbuf_puts(sb, ", ");
	cli_analyze_json_num(sb, "true_peak_dbtp", m->true_peak);
	sbuf_puts(sb, "}");
}

/* The loop as one JSON object (one line). */
static void cli_analyze_json(il_sbuf *sb, const char *file, const il_loop *l)
{
	size_t len = l->loop_end - l->loop_start;
	sbuf_puts(sb, "{\"file\": ");
	sbuf_put_json(sb, file);
	sbuf_printf(sb, ", \"sample_rate\": %d, \"channels\": %d, \"frames\": %zu", l->rate,
		    l->channels, l->nframes);
	sbuf_printf(sb, ", \"loop_start\": %zu, \"loop_end\": %zu, \"loop_seconds\": %.6f",
		    l->loop_start, l->loop_end, (double)len / l->rate);
	sbuf_printf(sb, ", \"bpm\": %.2f, \"beats\": %d, \"bars\": %d, \"downbeat\": %zu", l->bpm,
		    l->beats, l->bars, l->downbeat);
	if (isfinite(l->beat_conf))
		sbuf_printf(sb, ", \"beat_confidence\": %.3f", l->beat_conf);
	else
		sbuf_puts(sb, ", \"beat_confidence\": null");
	sbuf_puts(sb, ", \"method\": ");
	sbuf_put_json(sb, l->method);
	sbuf_printf(sb, ", \"score\": %.4f, \"quality\": \"%s\", \"metrics\": {", l->score,
		    l->poor ? "poor" : "good");
	cli_analyze_json_metrics(sb, l);
	sbuf_puts(sb, "}, \"candidates\": [");
	for (int i = 0; i < l->ncandidates; i++)
		sbuf_printf(sb, "%s{\"start\": %zu, \"end\": %zu, \"seconds\": %.6f, \"score\": %.4f}",
			    i ? ", " : "", l->candidates[i].start, l->candidates[i].end,
			    (double)(l->candidates[i].end - l->candidates[i].start) / l->rate,
			    l->candidates[i].score);
	sbuf_puts(sb, "], \"loudness\": {\"before\": ");
	cli_analyze_json_loud(sb, &l->loudness.before);
	sbuf_puts(sb, ", \"after\": ");
	cli_analyze_json_loud(sb, &l->loudness.after);
	sbuf_printf(sb, ", \"gain_db\": %.2f, \"limited_db\": %.2f}", l->loudness.gain_db, l->loudness.limited_db);
	sbuf_printf(sb, ", \"analysis_ms\": %.1f}\n", l->analysis_ms);
}

/* The loop as a readable summary. */
static void cli_analyze_text(il_sbuf *sb, const char *file, const il_loop *l)
{
	size_t len = l->loop_end - l->loop_start;
	sbuf_printf(sb, "%s: %zu frames, %d Hz, %d channel%s, %.2f s\n", file, l->nframes,
		    l->rate, l->channels, l->channels == 1 ? "" : "s", (double)l->nframes / l->rate);
	sbuf_printf(sb, "loop:       frames %zu-%zu (%.3f s to %.3f s, %.3f s long)\n",
		    l->loop_start, l->loop_end, (double)l->loop_start / l->rate,
		    (double)l->loop_end / l->rate, (double)len / l->rate);
	if (l->bpm > 0)
		sbuf_printf(sb, "tempo:      %.1f bpm, %d beats in the loop\n", l->bpm, l->beats);
	else
		sbuf_puts(sb, "tempo:      unknown\n");
	if (l->bars > 0)
		sbuf_printf(sb, "beat grid:  %d bar%s of %d beats, first downbeat %.3f s into the loop "
			    "(confidence %.2f)\n", l->bars, l->bars == 1 ? "" : "s", l->beats / l->bars,
			    (double)l->downbeat / l->rate, l->beat_conf);
	else if (isfinite(l->beat_conf))
		sbuf_printf(sb, "beat grid:  none (no clear beat, confidence %.2f)\n", l->beat_conf);
	sbuf_printf(sb, "method:     %s, score %.3f (%s)\n", l->method, l->score,
		    l->poor ? "poor: a new clip would be better" : "good");
	char metrics[256];
	il_loop_metrics_format(l, metrics, sizeof metrics);
	sbuf_printf(sb, "metrics:    %s\n", metrics);
	for (int i = 0; i < l->ncandidates; i++)
		sbuf_printf(sb, "candidate %d: frames %zu-%zu (%.3f s), score %.3f\n", i + 1,
			    l->candidates[i].start, l->candidates[i].end,
			    (double)(l->candidates[i].end - l->candidates[i].start) / l->rate,
			    l->candidates[i].score);
	const il_loudness *b = &l->loudness.before, *a = &l->loudness.after;
	sbuf_printf(sb, "loudness:   %.1f LUFS, range %.1f LU, true peak %.1f dBTP (the loop as played)\n",
		    b->integrated, b->range, b->true_peak);
	sbuf_printf(sb, "normalized: %.1f LUFS, range %.1f LU, true peak %.1f dBTP (gain %+.1f dB",
		    a->integrated, a->range, a->true_peak, l->loudness.gain_db);
	if (l->loudness.limited_db > 0)
		sbuf_printf(sb, ", peaks limited by up to %.1f dB", l->loudness.limited_db);
	sbuf_puts(sb, ")\n");
	sbuf_printf(sb, "analysis:   %.1f ms\n", l->analysis_ms);
}

/* Print the loop found in file (JSON or text); 0, or 1 when it has none. */
static int cli_analyze_one(const char *file, const il_loopprep_opts *lo, int json)
{
	il_err err;
	il_loop *l = NULL;
	if (loopprep_file(file, lo, &l, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		return 1;
	}
	il_sbuf sb = SBUF_INIT;
	if (json)
		cli_analyze_json(&sb, file, l);
	else
		cli_analyze_text(&sb, file, l);
	int rc = 0;
	if (sb.oom || fputs(sbuf_str(&sb), stdout) == EOF || fflush(stdout) != 0)
		rc = 1;
	sbuf_free(&sb);
	il_loop_free(l);
	return rc;
}

/* --analyze FILE [FILE]... [--json]: print the loop found in each FILE;
 * exit status 1 when any of them failed (the others are still printed). */
int cli_analyze(const il_opts *o)
{
	il_settings set;
	il_err err;
	/* The algorithm setting, from an existing settings file only. */
	settings_load_for(o, SETTINGS_FOR_ANALYZE, &set, NULL, &err);
	il_loopprep_opts lo = { set.algorithm, set.loudness, set.true_peak };
	int rc = 0;
	for (int i = -1; i < o->nfiles; i++) {
		const char *file = i < 0 ? o->analyze_file : o->files[i];
		if (cli_analyze_one(file, &lo, o->json) != 0)
			rc = 1;
	}
	settings_free(&set);
	return rc;
}

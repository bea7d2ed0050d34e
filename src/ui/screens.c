/* screens.c: the statistics, settings and analysis screens and the notice
 * shown when the terminal is too small. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"

/* The favourites, newest first, from row y in rect in (at most a third
 * of it, scrolled to the selection); the row after them. */
static int screens_favourites(il_ui_app *a, int y, il_uirect in)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	uidraw_text(t, y++, in.x, in.w, ROLE_PANEL_TITLE, "Favourites (Enter plays, Delete forgets; f marks)");
	if (m->nfavs == 0) {
		uidraw_text(t, y++, in.x, in.w, ROLE_DIM, "none yet: f marks the loop playing");
		return y;
	}
	int rows = in.h / 3 > 1 ? in.h / 3 : 1;
	rows = rows < m->nfavs ? rows : m->nfavs;
	if (a->fav_sel >= m->nfavs)
		a->fav_sel = m->nfavs - 1;
	if (a->fav_sel < a->fav_top)
		a->fav_top = a->fav_sel;
	if (a->fav_sel >= a->fav_top + rows)
		a->fav_top = a->fav_sel - rows + 1;
	if (a->fav_top > m->nfavs - rows)
		a->fav_top = m->nfavs - rows;
	for (int r = 0; r < rows && y < in.y + in.h; r++, y++) {
		int k = a->fav_top + r, sel = k == a->fav_sel;
		const il_uim_fav *f = &m->favs[k];
		char when[16] = "", line[700];
		time_t tt = (time_t)f->time;
		struct tm tmv;
		if (f->time > 0 && localtime_r(&tt, &tmv))
			strftime(when, sizeof when, "%d %b", &tmv);
		snprintf(line, sizeof line, "%-6s %-24s %-20s %5.1f bpm  %s", when, f->title, f->artist, f->bpm,
			 f->prompt[0] ? f->prompt : "(a file)");
		if (sel)
			uidraw_fill(t, y, in.x, in.w, ROLE_SELECTION);
		uidraw_glyph(t, y, in.x, sel ? t->g.sel : L' ', sel ? ROLE_SELECTION : ROLE_NORMAL);
		uidraw_text(t, y, in.x + 1, in.w - 1, sel ? ROLE_SELECTION : ROLE_NORMAL, line);
	}
	return y;
}

/* The body of a screen: framed with its title in the full layout, else
 * cleared; the area inside. */
static il_uirect screens_body(il_ui_app *a, const char *title)
{
	il_uirect b = a->lay.body;
	if (a->lay.mode == UI_LAYOUT_FULL)
		return uidraw_frame(&a->t, b, title);
	uidraw_clear(&a->t, b);
	return b;
}

/* Screen 2: the favourites, average generation time per requested
 * duration, success rate, recent generations. */
static void screens_stats(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = screens_body(a, "Statistics");
	if (in.h <= 0)
		return;
	char aud[300], out[400];
	uipanel_audio(m, aud, sizeof aud);
	snprintf(out, sizeof out, "%s, %ld underrun%s, buffer %ld ms", aud, m->underruns,
		 m->underruns == 1 ? "" : "s", m->buffer_ms);
	uidraw_pair(t, in.y, in.x, in.w, "Audio output:", out);
	in.y++;
	in.h--;
	if (in.h <= 2)
		return;
	int fy = screens_favourites(a, in.y, in);
	in.h -= fy - in.y;
	in.y = fy;
	if (in.h <= 0)
		return;
	if (!m->stats_answered) {
		if (m->last_error_req == UIM_REQ_STATS)
			uidraw_textf(t, in.y, in.x, in.w, ROLE_ERROR, "no statistics: %s", m->last_error_msg);
		else
			uidraw_text(t, in.y, in.x, in.w, ROLE_DIM, "no generation recorded yet (r asks again)");
		return;
	}
	int y = in.y, bottom = in.y + in.h;
	uidraw_text(t, y++, in.x, in.w, ROLE_PANEL_TITLE, "Average generation time by requested duration");
	double maxavg = 0;
	long runs = 0, ok = 0;
	for (int k = 0; k < m->nstats; k++) {
		maxavg = fmax(maxavg, m->stats[k].avg);
		runs += m->stats[k].runs;
		ok += m->stats[k].ok;
	}
	if (m->nstats == 0 && y < bottom)
		uidraw_text(t, y++, in.x, in.w, ROLE_DIM, "no generations recorded yet");
	int barw = in.w - 34;
	for (int k = 0; k < m->nstats && y < bottom - 2; k++, y++) {
		il_uim_stat *s = &m->stats[k];
		uidraw_textf(t, y, in.x, 6, ROLE_LABEL, "%3ld s", s->seconds);
		if (barw > 4)
			uidraw_hbar(t, y, in.x + 7, barw, maxavg > 0 ? s->avg / maxavg : 0, ROLE_CHART, ROLE_PROGRESS_BG);
		uidraw_textf(t, y, in.x + 8 + (barw > 4 ? barw : 0), in.w - 8 - (barw > 4 ? barw : 0), ROLE_VALUE,
			     "%6.1f s  %ld/%ld ok", s->avg, s->ok, s->runs);
	}
	if (y < bottom) {
		char rate[64];
		snprintf(rate, sizeof rate, runs ? "%ld of %ld (%.0f%%)" : "-", ok, runs, runs ? 100.0 * ok / runs : 0);
		uidraw_pair(t, y++, in.x, in.w, "Success rate:", rate);
	}
	if (y < bottom)
		uidraw_text(t, y++, in.x, in.w, ROLE_PANEL_TITLE, "Recent generations");
	if (a->list_top > m->nhist - (bottom - y)) /* the last page ends the list */
		a->list_top = m->nhist - (bottom - y) > 0 ? m->nhist - (bottom - y) : 0;
	for (int k = a->list_top; k < m->nhist && y < bottom; k++, y++) {
		il_uim_hist *h = &m->hist[k];
		char when[16] = "--:--";
		time_t tt = (time_t)h->time;
		struct tm tmv;
		if (h->time > 0 && localtime_r(&tt, &tmv))
			strftime(when, sizeof when, "%H:%M", &tmv);
		int good = h->ok;
		char line[600];
		snprintf(line, sizeof line, "%s %-8s %2lds %6.1fs %-7s %s", when, h->backend, h->secs, h->wall,
			 h->outcome, good ? h->prompt : (h->error[0] ? h->error : h->prompt));
		uidraw_text(t, y, in.x, in.w, good ? ROLE_NORMAL : ROLE_WARN, line);
	}
}

/* Draw s in the rows rows from y, wrapped; what does not fit ends the
 * last row with an ellipsis. */
static void screens_para(il_ui_app *a, int y, int rows, il_uirect in, il_theme_role r, const char *s)
{
	for (int k = 0; k < rows && *s; k++) {
		const char *next;
		size_t len = uidraw_wrap(&a->t, s, in.w, &next);
		char buf[1024];
		snprintf(buf, sizeof buf, "%.*s", k == rows - 1 ? (int)strlen(s) : (int)len, s);
		uidraw_text(&a->t, y + k, in.x, in.w, r, buf);
		s = next;
	}
}

/* Screen 3: every setting with its range or choices, and what the
 * selected one does (in two or three rows, when there is room). */
static void screens_settings(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = screens_body(a, "Settings (saved at once)");
	if (in.h <= 1)
		return;
	if (m->nsettings == 0) {
		uidraw_text(t, in.y, in.x, in.w, ROLE_DIM, "asking the engine for the settings...");
		return;
	}
	int about = in.h >= 16 ? 3 : in.h >= 10 ? 2 : 0, rows = in.h - 1 - about;
	if (a->setting_sel >= m->nsettings)
		a->setting_sel = m->nsettings - 1;
	if (a->setting_sel < a->setting_top)
		a->setting_top = a->setting_sel;
	if (a->setting_sel >= a->setting_top + rows)
		a->setting_top = a->setting_sel - rows + 1;
	/* The key column fits the longest key and a space (a third of the
	 * width at most), so no key runs into its value. */
	int kw = 0;
	for (int k = 0; k < m->nsettings; k++) {
		int n = (int)strlen(m->settings[k].key) + 1;
		kw = n > kw ? n : kw;
	}
	kw = kw < in.w / 3 ? kw : in.w / 3;
	int vw = in.w > 60 ? in.w / 2 - kw : in.w - kw - 1;
	for (int r = 0; r < rows && a->setting_top + r < m->nsettings; r++) {
		int k = a->setting_top + r;
		il_uim_setting *s = &m->settings[k];
		int sel = k == a->setting_sel, y = in.y + r;
		if (sel)
			uidraw_fill(t, y, in.x, in.w, ROLE_SELECTION);
		uidraw_glyph(t, y, in.x, sel ? t->g.sel : L' ', sel ? ROLE_SELECTION : ROLE_NORMAL);
		uidraw_text(t, y, in.x + 1, kw - 1, sel ? ROLE_SELECTION : ROLE_LABEL, s->key);
		uidraw_text(t, y, in.x + 1 + kw, vw, sel ? ROLE_SELECTION : ROLE_VALUE, s->value[0] ? s->value : "\"\"");
		int rx = in.x + 2 + kw + vw;
		if (rx < in.x + in.w) {
			char range[1024];
			if (s->has_range) /* "-9 to 0", not "-9-0" */
				snprintf(range, sizeof range, s->min < 0 ? "%.10g to %.10g" : "%.10g-%.10g", s->min, s->max);
			else
				app_setting_choices(s, range, sizeof range);
			uidraw_text(t, y, rx, in.x + in.w - rx, sel ? ROLE_SELECTION : ROLE_DIM, range);
		}
	}
	screens_para(a, in.y + rows, about, in, ROLE_NORMAL, m->settings[a->setting_sel].about);
	uidraw_text(t, in.y + in.h - 1, in.x, in.w, ROLE_DIM,
		    "Enter edit   Left/Right previous/next value   :set KEY VALUE");
}

/* Draw the waveform with the loop markers in rect r. */
static void screens_waveform(il_ui_app *a, il_uirect r)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	if (r.h <= 0 || r.w <= 0)
		return;
	int xs = -1, xe = -1;
	if (m->frames > 0) {
		xs = (int)((double)m->loop_start / m->frames * r.w);
		xe = (int)((double)m->loop_end / m->frames * r.w);
		xe = xe >= r.w ? r.w - 1 : xe;
	}
	for (int col = 0; col < r.w; col++) {
		double v = 0;
		if (m->nwave > 0) {
			int p0 = col * m->nwave / r.w, p1 = (col + 1) * m->nwave / r.w;
			for (int p = p0; p < (p1 > p0 ? p1 : p0 + 1); p++)
				v = fmax(v, m->wave[p] / 255.0);
		}
		int in_loop = col >= xs && col <= xe;
		int eighths = (int)lround(v * r.h * 8);
		for (int row = 0; row < r.h; row++) {
			int e = eighths - row * 8;
			int y = r.y + r.h - 1 - row;
			if (col == xs || col == xe)
				uidraw_glyph(t, y, r.x + col, t->g.marker, ROLE_MARKER);
			else
				uidraw_glyph(t, y, r.x + col, t->g.vbar[e >= 8 ? 8 : (e > 0 ? e : 0)],
					     in_loop ? ROLE_WAVEFORM : ROLE_DIM);
		}
	}
	if (xs >= 0)
		uidraw_text(t, r.y, r.x + xs, 1, ROLE_MARKER, "S");
	if (xe >= 0)
		uidraw_text(t, r.y, r.x + xe, 1, ROLE_MARKER, "E");
}

/* How each loop metric of the engine's is shown: a score from 0 to 1
 * (higher is better) with a bar, a distance (0 is best) or a level in dB;
 * a name not listed is taken for a score. */
enum { METRIC_SCORE, METRIC_DISTANCE, METRIC_DB };
static const struct {
	const char *name, *label;
	int kind;
} screens_metric_rows[] = {
	{ "seam", "seam distance", METRIC_DISTANCE },
	{ "seam_db", "seam difference", METRIC_DB },
};

/* Draw the metrics from a "a=0.9,b=0.5" list, one row each. */
static int screens_metrics(il_ui_app *a, int y, int bottom, il_uirect in)
{
	il_tui *t = &a->t;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", a->m.metrics);
	for (char *save = NULL, *w = strtok_r(buf, ", ;", &save); w && y < bottom; w = strtok_r(NULL, ", ;", &save)) {
		char *eq = strpbrk(w, "=:");
		if (!eq)
			continue;
		*eq = '\0';
		double v = atof(eq + 1);
		const char *label = w;
		int kind = METRIC_SCORE;
		for (size_t k = 0; k < sizeof screens_metric_rows / sizeof screens_metric_rows[0]; k++)
			if (!strcmp(w, screens_metric_rows[k].name)) {
				label = screens_metric_rows[k].label;
				kind = screens_metric_rows[k].kind;
			}
		uidraw_text(t, y, in.x, 16, ROLE_LABEL, label);
		if (kind == METRIC_DB)
			uidraw_textf(t, y, in.x + 17, in.w - 17, ROLE_VALUE, "%.1f dB", v);
		else if (kind == METRIC_DISTANCE)
			uidraw_textf(t, y, in.x + 17, in.w - 17, ROLE_VALUE, "%.3f (0: a perfect splice, 1: a random jump)",
				     v);
		else {
			int bw = in.w - 26;
			if (bw > 4 && v >= 0 && v <= 1)
				uidraw_hbar(t, y, in.x + 17, bw, v, ROLE_CHART, ROLE_PROGRESS_BG);
			uidraw_textf(t, y, in.x + 18 + (bw > 4 ? bw : 0), 8, ROLE_VALUE, "%.3f", v);
		}
		y++;
	}
	return y;
}

/* Screen 4: the current loop's waveform, markers, scores and candidates. */
static void screens_analysis(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = screens_body(a, "Analysis of the current loop");
	if (in.h <= 0)
		return;
	if (!m->have_analysis) {
		if (m->last_error_req == UIM_REQ_ANALYSIS)
			uidraw_textf(t, in.y, in.x, in.w, ROLE_DIM, "no analysis: %s (r asks again)", m->last_error_msg);
		else
			uidraw_text(t, in.y, in.x, in.w, ROLE_DIM, "asking the engine for the analysis...");
		return;
	}
	int wh = in.h >= 12 ? in.h / 2 - 1 : (in.h > 4 ? 2 : 1);
	screens_waveform(a, (il_uirect){ in.y, in.x, wh, in.w });
	int y = in.y + wh, bottom = in.y + in.h;
	double rate = m->rate > 0 ? (double)m->rate : 1;
	if (y < bottom)
		uidraw_textf(t, y++, in.x, in.w, ROLE_VALUE, "Loop %.2f s - %.2f s (%.2f s of %.2f s)   BPM %.1f",
			     m->loop_start / rate, m->loop_end / rate, (m->loop_end - m->loop_start) / rate,
			     m->frames / rate, m->a_bpm);
	if (y < bottom)
		uidraw_textf(t, y++, in.x, in.w, m->a_poor ? ROLE_WARN : ROLE_OK,
			     "Score %.3f   quality %s   method %s", m->a_score, m->a_quality, m->a_method);
	/* Two rows, so that 80 columns hold them whole. */
	if (y < bottom && m->have_loudness)
		uidraw_textf(t, y++, in.x, in.w, ROLE_VALUE, "Loudness %.1f LUFS, range %.1f LU, peak %.1f dBTP",
			     m->lufs_in, m->lra_in, m->tp_in);
	if (y < bottom && m->have_loudness)
		uidraw_textf(t, y++, in.x, in.w, ROLE_VALUE, "  played %.1f LUFS, peak %.1f dBTP (gain %+.1f dB)",
			     m->lufs, m->tp, m->gain_db);
	y = screens_metrics(a, y, bottom, in);
	if (y < bottom && m->candidates[0]) {
		uidraw_text(t, y++, in.x, in.w, ROLE_PANEL_TITLE, "Top candidates");
		char buf[1024];
		snprintf(buf, sizeof buf, "%s", m->candidates);
		int rank = 1;
		for (char *save = NULL, *w = strtok_r(buf, ",;", &save); w && y < bottom; w = strtok_r(NULL, ",;", &save)) {
			long s0, s1;
			double sc;
			if (sscanf(w, "%ld-%ld:%lf", &s0, &s1, &sc) == 3)
				uidraw_textf(t, y++, in.x + 1, in.w - 1, rank == 1 ? ROLE_VALUE : ROLE_NORMAL,
					     "%d. %7.2f s - %7.2f s  (%.2f s)  score %.3f", rank, s0 / rate,
					     s1 / rate, (s1 - s0) / rate, sc);
			else
				uidraw_text(t, y++, in.x + 1, in.w - 1, ROLE_NORMAL, w);
			rank++;
		}
	}
}

/* Draw the current screen (not the player, which panels.c draws). */
void uiscreen_draw(il_ui_app *a, unsigned d)
{
	if (a->screen == UI_SCREEN_STATS && (d & UIM_D_STATS))
		screens_stats(a);
	else if (a->screen == UI_SCREEN_SETTINGS && (d & UIM_D_SETTINGS))
		screens_settings(a);
	else if (a->screen == UI_SCREEN_ANALYSIS && (d & UIM_D_ANALYSIS))
		screens_analysis(a);
}

/* The notice shown below the smallest usable size. */
void uiscreen_too_small(il_ui_app *a)
{
	il_tui *t = &a->t;
	erase();
	char l1[64], l2[64];
	snprintf(l1, sizeof l1, "Terminal too small");
	snprintf(l2, sizeof l2, "%dx%d, need %dx%d", t->cols, t->rows, UI_MIN_COLS, UI_MIN_ROWS);
	const char *lines[3] = { l1, l2, "q quits" };
	int n = t->rows >= 3 ? 3 : t->rows;
	int y0 = (t->rows - n) / 2;
	for (int k = 0; k < n; k++) {
		int w = uidraw_width(t, lines[k]);
		int x = w < t->cols ? (t->cols - w) / 2 : 0;
		uidraw_text(t, y0 + k, x, t->cols - x, k == 1 ? ROLE_WARN : ROLE_NORMAL, lines[k]);
	}
}

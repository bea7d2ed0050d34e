/* panels.c: the layout, the player screen's panels and the rows that every
 * screen shares (the header, the status row and the message row). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/paneltext.h"

#define PANELS_RUN 256 /* spectrum columns drawn at a time */

static const char *const panels_screen_names[UI_SCREENS] = {
	"Player", "Statistics", "Settings", "Analysis",
};

/* Compute where everything goes for the current size. */
void uipanel_layout(il_ui_app *a)
{
	il_uilayout *l = &a->lay;
	int rows = a->t.rows, cols = a->t.cols;
	memset(l, 0, sizeof *l);
	if (cols < UI_MIN_COLS || rows < UI_MIN_ROWS) {
		l->mode = UI_LAYOUT_TOO_SMALL;
		return;
	}
	l->header = (il_uirect){ 0, 0, 1, cols };
	l->status = (il_uirect){ rows - 2, 0, 1, cols };
	l->msg = (il_uirect){ rows - 1, 0, 1, cols };
	l->body = (il_uirect){ 1, 0, rows - 3, cols };
	int bh = l->body.h;
	if (cols >= 70 && rows >= 20) {
		l->mode = UI_LAYOUT_FULL;
		int lw = cols * 45 / 100;
		/* The top row (the spectrum) grows with the terminal, to two
		 * fifths of the body: a tall terminal shows a tall spectrum. */
		int th = bh * 8 / 21;
		th = th < 7 ? 7 : (th > bh * 2 / 5 ? bh * 2 / 5 : th);
		int tm = 4, rest = bh - th - tm;
		l->info = (il_uirect){ 1, 0, th, lw };
		l->spectrum = (il_uirect){ 1, lw, th, cols - lw };
		l->timing = (il_uirect){ 1 + th, 0, tm, cols };
		l->presets = (il_uirect){ 1 + th + tm, 0, rest, lw };
		l->gen = (il_uirect){ 1 + th + tm, lw, rest, cols - lw };
		return;
	}
	l->mode = UI_LAYOUT_COMPACT;
	int ih = bh >= 8 ? 2 : 1;
	int r = bh - ih - 2;
	int sh = r >= 4 ? r / 3 : (r >= 2 ? 1 : 0);
	int y = 1;
	l->info = (il_uirect){ y, 0, ih, cols };
	y += ih;
	l->spectrum = (il_uirect){ y, 0, sh, cols };
	y += sh;
	l->timing = (il_uirect){ y, 0, 1, cols };
	y += 1;
	l->gen = (il_uirect){ y, 0, 1, cols };
	y += 1;
	l->presets = (il_uirect){ y, 0, r - sh, cols };
}

/* The top row: program name, the screens, the help key. */
static void panels_header(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uirect r = a->lay.header;
	uidraw_fill(t, r.y, 0, r.w, ROLE_HEADER);
	int x = uidraw_text(t, r.y, 0, r.w, ROLE_HEADER, " infiniloop ");
	int wide = r.w >= 76;
	for (int s = 0; s < UI_SCREENS; s++) {
		if (!wide && s != a->screen)
			continue;
		char label[32];
		if (wide)
			snprintf(label, sizeof label, " F%d %s ", s + 2, panels_screen_names[s]);
		else
			snprintf(label, sizeof label, " %s ", panels_screen_names[s]);
		x += uidraw_text(t, r.y, x, r.w - x, s == a->screen ? ROLE_TAB_ACTIVE : ROLE_TAB, label);
		x += uidraw_text(t, r.y, x, r.w - x, ROLE_HEADER, " ");
	}
	const char *h = r.w >= 50 ? "? help " : "? ";
	int hw = uidraw_width(t, h);
	if (x + hw <= r.w)
		uidraw_text(t, r.y, r.w - hw, hw, ROLE_HEADER, h);
}

/* The state glyph and word of playback. */
static wchar_t panels_state_glyph(il_ui_app *a)
{
	if (a->m.state == IL_PLAYER_PLAYING)
		return a->t.g.play;
	if (a->m.state == IL_PLAYER_PAUSED)
		return a->t.g.pause;
	return a->t.g.stop;
}

/* The output in plain words: what plays the sound, or why nothing does. */
void uipanel_audio(const il_uimodel *m, char *out, size_t n)
{
	if (!m->have_audio)
		snprintf(out, n, "audio ?");
	else
		il_audio_describe(m->audio, m->output, m->sink, m->underruns > 0, out, n);
}

/* The status row: state, title, clock, volume, generator, audio. */
static void panels_status(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect r = a->lay.status;
	uidraw_fill(t, r.y, 0, r.w, ROLE_STATUS);
	uidraw_glyph(t, r.y, 1, panels_state_glyph(a), ROLE_STATUS);
	char el[16], buf[600], gen[64];
	uidraw_clock(el, sizeof el, uimodel_elapsed(m, a->now));
	char over[32];
	if (paneltext_eta(m, a->now, 1, over, sizeof over)) /* past the estimate: by how much */
		snprintf(gen, sizeof gen, "gen %s %s", gen_state_name(m->gen), over);
	else if (uimodel_generating(m))
		snprintf(gen, sizeof gen, "gen %s %.0f%%", gen_state_name(m->gen), m->progress * 100);
	else
		snprintf(gen, sizeof gen, "gen %s", gen_state_name(m->gen));
	char vol[16] = "vol ?";
	if (m->volume >= 0)
		snprintf(vol, sizeof vol, "vol %d%%", m->volume);
	const char *eng = !a->engine_up ? (a->engine_gave_up ? "engine failed"
					   : a->restart_at > 0 ? "engine down" : "engine starting") : NULL;
	char aud[300];
	uipanel_audio(m, aud, sizeof aud);
	char ctl[64] = "", clk[16]; /* a held loop and the sleep timer, beside the state */
	double sleep = uimodel_sleep_left(m, a->now);
	uidraw_clock(clk, sizeof clk, ceil(sleep));
	snprintf(ctl, sizeof ctl, "%s%s%s", m->hold ? " | HOLD" : "", sleep > 0 ? " | sleep " : "",
		 sleep > 0 ? clk : "");
	snprintf(buf, sizeof buf, "%s%s | %s | %s | %s | %s", eng ? eng : uimodel_state_name(m), ctl, vol, gen,
		 el, aud);
	int right = uidraw_width(t, buf);
	int x = 3;
	if (right + 4 < r.w) {
		const char *title = m->title[0] ? m->title : "nothing playing";
		int room = r.w - right - x - 3;
		if (room > 4)
			x += uidraw_text(t, r.y, x, room, ROLE_STATUS, title);
		uidraw_text(t, r.y, r.w - right - 1, right, ROLE_STATUS, buf);
	} else {
		uidraw_text(t, r.y, x, r.w - x, ROLE_STATUS, buf);
	}
}

/* The bottom row: the line editor, a message, or key hints. */
static void panels_msgrow(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uirect r = a->lay.msg;
	if (a->entry.mode != ENTRY_NONE) {
		entry_draw(a, r.y);
		return;
	}
	uidraw_fill(t, r.y, 0, r.w, ROLE_NORMAL);
	il_uimodel *m = &a->m;
	double age = a->now - m->msg_at;
	if (m->msg[0] && age < uimodel_msg_seconds(m->msg_level)) {
		il_theme_role role = m->msg_level == UIM_MSG_ERROR ? ROLE_ERROR :
				  (m->msg_level == UIM_MSG_WARN ? ROLE_WARN : ROLE_INFO);
		const char *more = " M: all";
		int mw = uidraw_width(t, more);
		if (uidraw_width(t, m->msg) <= r.w || r.w < mw + 10) {
			uidraw_text(t, r.y, 0, r.w, role, m->msg);
		} else { /* cut: the messages view has it whole */
			uidraw_text(t, r.y, 0, r.w - mw, role, m->msg);
			uidraw_text(t, r.y, r.w - mw, mw, ROLE_HINT_KEY, more);
		}
		return;
	}
	static const char *const hints[][2] = {
		{ "Spc", "Pause" }, { "n", "Next" }, { "p", "Prompt" }, { "Enter", "Start" },
		{ "s", "Save" }, { "/", "Filter" }, { ":", "Cmd" }, { "?", "Help" }, { "q", "Quit" },
	};
	int x = 0;
	for (size_t k = 0; k < sizeof hints / sizeof hints[0]; k++) {
		int need = uidraw_width(t, hints[k][0]) + uidraw_width(t, hints[k][1]) + 2;
		if (x + need > r.w)
			break;
		x += uidraw_text(t, r.y, x, r.w - x, ROLE_HINT_KEY, hints[k][0]);
		x += uidraw_text(t, r.y, x, r.w - x, ROLE_HINT_TEXT, " ");
		x += uidraw_text(t, r.y, x, r.w - x, ROLE_HINT_TEXT, hints[k][1]);
		x += uidraw_text(t, r.y, x, r.w - x, ROLE_HINT_TEXT, " ");
	}
}

/* The inside of panel r, as panels_box leaves it. */
static il_uirect panels_inner(const il_ui_app *a, il_uirect r)
{
	if (r.h <= 0 || r.w <= 0)
		return (il_uirect){ r.y, r.x, 0, 0 };
	if (a->lay.mode == UI_LAYOUT_FULL)
		return uidraw_frame_inner(r);
	return (il_uirect){ r.y, r.x + 1, r.h, r.w - 2 };
}

/* Frame a panel in the full layout; in the compact one just clear it. */
static il_uirect panels_box(il_ui_app *a, il_uirect r, const char *title)
{
	if (r.h <= 0 || r.w <= 0)
		return panels_inner(a, r);
	if (a->lay.mode == UI_LAYOUT_FULL)
		return uidraw_frame(&a->t, r, title);
	uidraw_clear(&a->t, r);
	return panels_inner(a, r);
}

/* Loop info: title, artist, prompt as genre, loop length, bpm, elapsed; the
 * composer's style, key and instruments when the loop has them. */
static void panels_info(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = panels_box(a, a->lay.info, "Now playing");
	if (in.h <= 0)
		return;
	char el[16], len[32], bpm[32];
	uidraw_clock(el, sizeof el, uimodel_elapsed(m, a->now));
	snprintf(len, sizeof len, m->loop_seconds > 0 ? "%.1f s" : "-", m->loop_seconds);
	snprintf(bpm, sizeof bpm, m->bpm > 0 ? "%.0f" : "-", m->bpm);
	const char *title = m->title[0] ? m->title :
			    m->state == IL_PLAYER_STOPPED ? "(stopped)" : "(nothing playing yet)";
	if (a->lay.mode != UI_LAYOUT_FULL) {
		int x = uidraw_text(t, in.y, in.x, in.w, ROLE_VALUE, title);
		if (m->artist[0] && x + 4 < in.w) {
			x += uidraw_text(t, in.y, in.x + x, in.w - x, ROLE_DIM, " - ");
			uidraw_text(t, in.y, in.x + x, in.w - x, ROLE_LABEL, m->artist);
		}
		if (in.h > 1)
			uidraw_textf(t, in.y + 1, in.x, in.w, ROLE_DIM, "%s  %s  %s bpm%s%s  %s", el, len, bpm,
				     m->key[0] ? "  " : "", m->key, m->loop_prompt[0] ? m->loop_prompt : m->prompt);
		if (in.h > 2 && m->style[0])
			uidraw_textf(t, in.y + 2, in.x, in.w, ROLE_DIM, "%s: %s", m->style, m->instruments);
		return;
	}
	const char *labels[6] = { "Title:  ", "Artist: ", "Genre:  ", "Loop:   ", "BPM:    ", "Elapsed:" };
	char genre[1024];
	snprintf(genre, sizeof genre, "%s", m->loop_prompt[0] ? m->loop_prompt : (m->title[0] && m->prompt[0] ? m->prompt : "-"));
	const char *vals[6] = { title, m->artist[0] ? m->artist : "-", genre, len, bpm, el };
	for (int k = 0; k < 6 && k < in.h; k++)
		uidraw_pair(t, in.y + k, in.x, in.w, labels[k], vals[k]);
	int row = 6;
	if (m->style[0] && in.h > row + 1) {
		char style[96];
		snprintf(style, sizeof style, "%s, %s, %s", m->style, m->key, m->metre);
		uidraw_pair(t, in.y + row++, in.x, in.w, "Style:  ", style);
		uidraw_pair(t, in.y + row++, in.x, in.w, "Instr.: ", m->instruments);
	}
	if (in.h > row && m->quality[0])
		uidraw_textf(t, in.y + row, in.x, in.w, ROLE_DIM, "Loop score %.2f, %s (%s)", m->score,
			     m->quality, m->method);
}

/* The live spectrum: engine bands spread over the columns, eighth blocks.
 * Every cell inside is drawn, row by row, so the frame around it is drawn
 * only when it does not stand (see spectrum_framed). */
static void panels_spectrum(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = a->spectrum_framed ? panels_inner(a, a->lay.spectrum) : panels_box(a, a->lay.spectrum, "Spectrum");
	a->spectrum_framed = 1;
	if (in.h <= 0 || in.w <= 0)
		return;
	static const il_theme_role roles[3] = { ROLE_SPECTRUM_LOW, ROLE_SPECTRUM_MID, ROLE_SPECTRUM_HIGH };
	cchar_t cell[3][9], line[PANELS_RUN];
	for (int k = 0; k < 3; k++)
		for (int e = 0; e < 9; e++)
			uidraw_cell(t, t->g.vbar[e], roles[k], &cell[k][e]);
	int eighths[PANELS_RUN];
	for (int c0 = 0; c0 < in.w; c0 += PANELS_RUN) { /* in runs of columns */
		int n = in.w - c0 < PANELS_RUN ? in.w - c0 : PANELS_RUN;
		for (int i = 0; i < n; i++) {
			int col = c0 + i;
			double v = 0;
			if (m->nbands > 0) { /* average the bands that fall on this column */
				int b0 = col * m->nbands / in.w, b1 = (col + 1) * m->nbands / in.w;
				if (b1 <= b0)
					b1 = b0 + 1;
				for (int b = b0; b < b1; b++)
					v += m->bands[b];
				v /= (b1 - b0) * 255.0;
			}
			eighths[i] = (int)lround(v * in.h * 8);
			if (eighths[i] == 0)
				eighths[i] = 1; /* idle heads: the panel never looks blank */
		}
		for (int row = 0; row < in.h; row++) {
			const cchar_t *c = cell[row * 3 < in.h ? 0 : (row * 3 < in.h * 2 ? 1 : 2)];
			for (int i = 0; i < n; i++) {
				int e = eighths[i] - row * 8;
				line[i] = c[e >= 8 ? 8 : (e > 0 ? e : 0)];
			}
			uidraw_cells(t, in.y + in.h - 1 - row, in.x + c0, line, n);
		}
	}
	if (m->nbands == 0 && in.h >= 2 && a->lay.mode == UI_LAYOUT_FULL) {
		const char *s = m->state == IL_PLAYER_PLAYING ? "waiting for sound" : "silence";
		int w = uidraw_width(t, s);
		uidraw_text(t, in.y + in.h / 2 - 1, in.x + (in.w - w) / 2, in.w, ROLE_DIM, s);
	}
}

/* Timing: elapsed, time left to the minimum duration, next-loop state. */
static void panels_timing(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = panels_box(a, a->lay.timing, "Timing");
	if (in.h <= 0)
		return;
	double el = uimodel_elapsed(m, a->now), left = uimodel_min_left(m, a->now);
	char e[16], l[16];
	uidraw_clock(e, sizeof e, el);
	uidraw_clock(l, sizeof l, left);
	char next[320];
	paneltext_next(m, a->now, next, sizeof next);
	il_theme_role nr = m->next_ready ? ROLE_OK : ROLE_DIM;
	int x = in.x;
	if (in.h >= 2) {
		x += uidraw_pair(t, in.y, x, in.w, "Elapsed", e);
		x += uidraw_text(t, in.y, x, in.x + in.w - x, ROLE_NORMAL, "   ");
		x += uidraw_pair(t, in.y, x, in.x + in.w - x, "Left to minimum", l);
		x += uidraw_text(t, in.y, x, in.x + in.w - x, ROLE_NORMAL, "   ");
		uidraw_glyph(t, in.y, x, m->next_ready ? t->g.play : t->g.dot, nr);
		uidraw_text(t, in.y, x + 2, in.x + in.w - x - 2, nr, next);
	}
	int by = in.y + (in.h >= 2 ? 1 : 0);
	double total = el + left;
	double frac = total > 0 ? el / total : 0;
	if (in.h >= 2) {
		uidraw_hbar(t, by, in.x, in.w, frac, ROLE_PROGRESS, ROLE_PROGRESS_BG);
	} else {
		char head[64];
		snprintf(head, sizeof head, "%s -%s ", e, l);
		int hw = uidraw_text(t, by, in.x, in.w, ROLE_VALUE, head);
		int tail = uidraw_width(t, next) + 1;
		int bw = in.w - hw - tail;
		if (bw >= 4) {
			uidraw_hbar(t, by, in.x + hw, bw, frac, ROLE_PROGRESS, ROLE_PROGRESS_BG);
			uidraw_text(t, by, in.x + hw + bw + 1, tail, nr, next);
		} else {
			uidraw_text(t, by, in.x + hw, in.w - hw, nr, next);
		}
	}
}

/* The preset list with its filter and selection. */
static void panels_presets(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	char title[200];
	if (a->filter[0])
		snprintf(title, sizeof title, "Presets /%s", a->filter);
	else
		snprintf(title, sizeof title, "Presets");
	il_uirect in = panels_box(a, a->lay.presets, title);
	if (in.h <= 0)
		return;
	int idx[UIM_PRESETS_MAX];
	int n = app_presets_visible(a, idx, UIM_PRESETS_MAX);
	if (a->preset_sel >= n)
		a->preset_sel = n > 0 ? n - 1 : 0;
	if (a->preset_sel < a->preset_top)
		a->preset_top = a->preset_sel;
	if (a->preset_sel >= a->preset_top + in.h)
		a->preset_top = a->preset_sel - in.h + 1;
	if (a->preset_top > n - in.h) /* no empty rows while presets are hidden above */
		a->preset_top = n - in.h > 0 ? n - in.h : 0;
	if (n == 0) {
		uidraw_text(t, in.y, in.x, in.w, ROLE_DIM, m->npresets ? "no preset matches the filter" :
			    "(no presets yet)");
		return;
	}
	for (int row = 0; row < in.h && a->preset_top + row < n; row++) {
		int k = a->preset_top + row;
		int sel = k == a->preset_sel;
		il_theme_role role = sel ? ROLE_SELECTION : ROLE_NORMAL;
		int y = in.y + row;
		if (sel)
			uidraw_fill(t, y, in.x, in.w, ROLE_SELECTION);
		uidraw_glyph(t, y, in.x, sel ? t->g.sel : L' ', role);
		char num[8] = "  ";
		if (idx[k] < 10) /* the preset's own digit, filtered or not */
			snprintf(num, sizeof num, "%d", (idx[k] + 1) % 10);
		uidraw_text(t, y, in.x + 1, 2, sel ? ROLE_SELECTION : ROLE_LABEL, num);
		uidraw_text(t, y, in.x + 3, in.w - 3, role, m->presets[idx[k]].name);
	}
}

/* Generation: backend, model, state, progress with ETA, retries. */
static void panels_gen(il_ui_app *a)
{
	il_tui *t = &a->t;
	il_uimodel *m = &a->m;
	il_uirect in = panels_box(a, a->lay.gen, "Generation");
	if (in.h <= 0)
		return;
	char eta[96], line[512];
	int busy = uimodel_generating(m);
	int over = paneltext_eta(m, a->now, a->lay.mode != UI_LAYOUT_FULL, eta, sizeof eta);
	if (a->lay.mode != UI_LAYOUT_FULL) {
		snprintf(line, sizeof line, "%s/%s %s", m->backend[0] ? m->backend : "?",
			 m->model[0] ? m->model : "?", gen_state_name(m->gen));
		int x = uidraw_text(t, in.y, in.x, in.w, ROLE_LABEL, line);
		if (busy && in.w - x > 14) {
			int bw = in.w - x - 14;
			if (over) /* past the estimate: how far along is not known */
				uidraw_hbar_busy(t, in.y, in.x + x + 1, bw, a->now, ROLE_PROGRESS, ROLE_PROGRESS_BG);
			else
				uidraw_hbar(t, in.y, in.x + x + 1, bw, m->progress, ROLE_PROGRESS, ROLE_PROGRESS_BG);
			if (over)
				snprintf(line, sizeof line, " --%% %s", eta);
			else
				snprintf(line, sizeof line, "%3.0f%% %s", m->progress * 100, eta);
			uidraw_text(t, in.y, in.x + x + 2 + bw, in.w - x - 2 - bw, ROLE_VALUE, line);
		}
		return;
	}
	int y = in.y, bottom = in.y + in.h;
	int x = uidraw_pair(t, y, in.x, in.w, "Backend:", m->backend[0] ? m->backend : "-");
	if (m->model[0] && x + 4 < in.w)
		uidraw_pair(t, y, in.x + x + 3, in.w - x - 3, "Model:", m->model);
	if (++y < bottom) {
		char st[64];
		snprintf(st, sizeof st, "%s", gen_state_name(m->gen));
		if (m->attempt > 0 && (busy || m->gen == GEN_STATE_FAILED))
			snprintf(st + strlen(st), sizeof st - strlen(st), ", attempt %ld", m->attempt);
		uidraw_pair(t, y, in.x, in.w, "State:  ", st);
	}
	if (++y < bottom) {
		int bw = in.w - 6;
		double p = busy || m->gen == GEN_STATE_READY ? m->progress : 0;
		if (over) { /* past the estimate: how far along is not known */
			uidraw_hbar_busy(t, y, in.x, bw, a->now, ROLE_PROGRESS, ROLE_PROGRESS_BG);
			uidraw_text(t, y, in.x + bw + 1, 5, ROLE_VALUE, " --%");
		} else {
			uidraw_hbar(t, y, in.x, bw, p, ROLE_PROGRESS, ROLE_PROGRESS_BG);
			uidraw_textf(t, y, in.x + bw + 1, 5, ROLE_VALUE, "%3.0f%%", p * 100);
		}
	}
	if (++y < bottom)
		uidraw_pair(t, y, in.x, in.w, "ETA:    ", eta);
	if (++y < bottom && m->gen == GEN_STATE_RETRY && m->gen_wait > 0) {
		snprintf(line, sizeof line, "in %.0f s", m->gen_wait - (a->now - m->gen_at) > 0 ?
			 m->gen_wait - (a->now - m->gen_at) : 0);
		uidraw_pair(t, y, in.x, in.w, "Retry:  ", line);
		y++;
	}
	int down = !a->engine_up && bottom - 1 > in.y + 3;
	if (y < bottom - down && m->gen_msg[0]) /* wrapped: a long hint is read whole */
		uidraw_wrapped(t, y, in.x, in.w, bottom - down, m->gen == GEN_STATE_FAILED ||
			       m->gen == GEN_STATE_RETRY ? ROLE_WARN : ROLE_DIM, m->gen_msg);
	if (down)
		uidraw_text(t, bottom - 1, in.x, in.w, ROLE_ERROR, a->link.why[0] ? a->link.why : "engine starting");
}

/* Draw the rows every screen shares and, on the player screen, the panels. */
void uipanel_draw(il_ui_app *a, unsigned d)
{
	if (d & UIM_D_HEADER)
		panels_header(a);
	if (d & (UIM_D_STATUS | UIM_D_TIMING))
		panels_status(a);
	if (d & (UIM_D_MSG | UIM_D_STATUS))
		panels_msgrow(a);
	if (a->screen != UI_SCREEN_PLAYER)
		return;
	if (d & (UIM_D_INFO | UIM_D_TIMING))
		panels_info(a);
	if (d & UIM_D_SPECTRUM)
		panels_spectrum(a);
	if (d & UIM_D_TIMING)
		panels_timing(a);
	if (d & UIM_D_PRESETS)
		panels_presets(a);
	if (d & UIM_D_GEN)
		panels_gen(a);
}

/* ui.c: the full-screen station: start-up, the main poll() loop over the
 * keyboard, the engine's socket, signals and timers, and the redraw. */
#include "ui/ui.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/app.h"
#include "ui/entry.h"
#include "ui/keys.h"
#include "util/timeutil.h"

#define UI_STATUS_PERIOD 1.0   /* seconds between `status` requests while the clocks run */
#define UI_STATUS_IDLE 5.0     /* and while nothing plays or is made (events say the rest) */
/* A spectrum frame that comes this much of the frame interval after the
 * last is drawn at once: the engine sends frames on its own clock, and a
 * strict cap would hold each one back a few milliseconds (a second wake-up
 * a frame). One that comes sooner waits for the whole interval. */
#define UI_FRAME_EARLY 0.75
#define UI_ENGINE_FPS 30       /* spectrum events a second a client gets until it asks */
#define UI_RESTART_MAX 30.0    /* longest wait before restarting the engine */
#define UI_QUICK_FAIL 10.0     /* an engine that ends sooner failed to start */
#define UI_QUICK_FAILS_MAX 3   /* after so many in a row, no more restarts */

static void ui_engine_failed(il_ui_app *a, const char *why);

/* Attach to the engine, or start one (a failure plans a retry). */
static void ui_engine_start(il_ui_app *a)
{
	il_err err;
	a->restart_at = 0;
	il_uimodel *m = &a->m;
	m->last_error_msg[0] = '\0'; /* what this engine says, for when it fails */
	a->engine_started_at = a->now;
	if (elink_start(&a->link, &err) != 0)
		ui_engine_failed(a, err.msg);
}

/* The engine said `ready`: ask for what the screens need (the state
 * first, so that autostart knows whether music plays already). */
static void ui_engine_ready(il_ui_app *a)
{
	a->engine_up = 1;
	a->link.engine_pid = a->m.pid; /* from `ready` */
	elink_send_verb(&a->link, "status");
	elink_send_verb(&a->link, "settings");
	a->spec_fps = UI_ENGINE_FPS; /* a new connection's rate (ui_spectrum_rate asks for another) */
	a->next_status = a->now + UI_STATUS_PERIOD;
	if (a->link.starts > 1 && a->station[0]) {
		a->m.msg[0] = '\0'; /* this answers "the engine stopped" (kept in the messages) */
		app_start(a, a->station); /* the station plays on, as at launch */
		app_msg(a, UIM_MSG_INFO, "engine restarted; the station plays on");
	} else if (a->link.starts > 1) {
		a->m.msg[0] = '\0'; /* this answers "the engine stopped" (kept in the messages) */
		app_msg(a, UIM_MSG_INFO, "engine restarted");
	}
	if (a->opts->prompt && !a->prompt_sent) {
		a->prompt_sent = 1;
		app_start(a, a->opts->prompt);
	}
	if (a->screen != UI_SCREEN_PLAYER)
		app_set_screen(a, a->screen);
}

/* The engine went away: say so and plan a restart. */
static void ui_engine_gone(il_ui_app *a)
{
	elink_close(&a->link);
	a->engine_up = 0;
	if (a->quit || a->link.pid > 0)
		return; /* wait for SIGCHLD to reap it */
	if (!a->link.why[0]) /* an engine we attached to, not our child */
		snprintf(a->link.why, sizeof a->link.why, "%s", a->link.engine_pid > 0 &&
			 kill((pid_t)a->link.engine_pid, 0) == 0 ? "it closed the connection" : "it ended");
	char last[256], why[600];
	elink_last_log(&a->link, last, sizeof last);
	if (!last[0]) /* its reason may have gone out as an error event */
		snprintf(last, sizeof last, "%s", a->m.last_error_msg);
	snprintf(why, sizeof why, "%s%s%s", a->link.why, last[0] ? ": " : "", last);
	ui_engine_failed(a, why);
}

/* The engine could not start or went away, for the reason why: plan a
 * restart, unless it failed at start too often in a row. */
static void ui_engine_failed(il_ui_app *a, const char *why)
{
	if (a->now - a->engine_started_at > UI_RESTART_MAX)
		a->restart_delay = 1;
	a->quick_fails = a->now - a->engine_started_at < UI_QUICK_FAIL ? a->quick_fails + 1 : 0;
	if (a->quick_fails >= UI_QUICK_FAILS_MAX) {
		app_msg(a, UIM_MSG_ERROR, "the engine failed %d times at start; not restarting it (%s): "
			"fix that and start infiniloop-tui again", a->quick_fails, why);
		a->restart_at = 0;
		a->engine_gave_up = 1;
	} else {
		app_msg(a, UIM_MSG_ERROR, "the engine stopped (%s); restarting it in %.0f s", why,
			a->restart_delay);
		a->restart_at = a->now + a->restart_delay;
	}
	a->restart_delay = a->restart_delay * 2 > UI_RESTART_MAX ? UI_RESTART_MAX : a->restart_delay * 2;
	a->m.state = IL_PLAYER_STOPPED;
	a->m.have_status = 1;
	a->m.gen = GEN_STATE_IDLE;
	a->m.nbands = 0;
	a->m.nlater = 0; /* nor its frames still waiting for their time */
	app_dirty(a, UIM_D_ALL);
}

/* At launch, music starts at once: the last
 * prompt, else the first preset (setting autostart; not with -p, which
 * starts its own prompt). Called when the presets arrive, after settings. */
static void ui_autostart(il_ui_app *a)
{
	a->autostart_done = 1;
	il_uim_setting *on = uimodel_setting(&a->m, "autostart");
	if (a->opts->prompt || (on && strcmp(on->value, "true") != 0) || a->m.state == IL_PLAYER_PLAYING ||
	    a->m.state == IL_PLAYER_PAUSED || uimodel_generating(&a->m))
		return; /* attached to a station that plays already */
	il_uim_setting *last = uimodel_setting(&a->m, "last_prompt");
	const char *p = last && last->value[0] ? last->value
		       : a->m.npresets > 0 ? a->m.presets[0].prompt : NULL;
	if (p && *p)
		app_start(a, p);
}

/* Apply the events the reader holds. */
static void ui_engine_events(il_ui_app *a, il_proto_msg *msg)
{
	il_err err;
	int rc;
	while ((rc = elink_next(&a->link, msg, &err)) != 0) {
		if (rc < 0) {
			app_msg(a, UIM_MSG_ERROR, "bad line from the engine: %s", err.msg);
			continue;
		}
		unsigned d = uimodel_apply(&a->m, msg, a->now);
		app_dirty(a, d);
		switch (a->m.event) {
		case UIM_EV_READY:
			ui_engine_ready(a);
			break;
		case UIM_EV_STATUS:
			if (a->status_echo) {
				a->status_echo = 0;
				app_status_summary(a);
			}
			break;
		case UIM_EV_BYE: /* not asked for by us: stopped from elsewhere */
			a->engine_up = 0;
			if (!a->quit) {
				a->quit = 1;
				a->stopped_elsewhere = 1;
			}
			break;
		case UIM_EV_SETTING: {
			const char *k = proto_get(msg, "key"), *v = proto_get(msg, "value");
			if (k && v && !strcmp(k, "theme") && *v && strcmp(v, a->th.name))
				app_theme(a, v);
			break;
		}
		case UIM_EV_PRESET:
			if (!a->autostart_done)
				ui_autostart(a);
			break;
		case UIM_EV_LOOP:
			elink_send_verb(&a->link, "status");
			if (a->screen == UI_SCREEN_ANALYSIS)
				elink_send_verb(&a->link, "analysis");
			break;
		default:
			break;
		}
	}
}

/* Read and apply what the engine wrote (a bounded amount per call). */
static void ui_engine_input(il_ui_app *a, il_proto_msg *msg)
{
	for (int budget = 64; budget > 0; budget--) {
		ssize_t r = elink_read(&a->link);
		int full = r < 0 && errno == ENOBUFS;
		ui_engine_events(a, msg);
		if (r == 0) {
			elink_reap(&a->link);
			ui_engine_gone(a);
			return;
		}
		if ((r < 0 && !full) || (r > 0 && a->link.rd.drained))
			return; /* (a read that took less than it could: no second read for EAGAIN) */
	}
}

/* Handle the signals that arrived. */
static void ui_signals(il_ui_app *a, int fd)
{
	int sig;
	while ((sig = tui_signal_next(fd)) > 0) {
		if (sig == SIGWINCH) {
			tui_resize(&a->t);
			uipanel_layout(a);
			a->full_redraw = 1;
		} else if (sig == SIGTSTP) {
			tui_suspend(&a->t);
			a->full_redraw = 1;
		} else if (sig == SIGCHLD) {
			if (elink_reap(&a->link) && a->link.fd < 0)
				ui_engine_gone(a);
			else if (a->link.pid == 0 && a->link.fd >= 0)
				ui_engine_gone(a); /* it died; its socket end closes with it */
		} else {
			a->quit = 1;
			a->exit_signal = sig;
			if (sig == SIGHUP)
				a->hup = 1; /* the terminal is gone: do not draw */
		}
	}
}

/* Read the keys that wait and act on them. */
static void ui_keys(il_ui_app *a)
{
	int key, budget = 256; /* bounded: signals and the engine get their turn */
	while (!a->quit && budget-- > 0 && (key = tui_key(&a->t)) >= 0) {
		a->m.replying = 1; /* what a key says shows at once */
		if (key != UIK_FN(KEY_RESIZE))
			a->m.msg_seen = 1; /* and so does anything after it */
		if (key == UIK_FN(KEY_RESIZE)) { /* resizeterm() queued it: sizes are known */
			getmaxyx(stdscr, a->t.rows, a->t.cols);
			uipanel_layout(a);
			a->full_redraw = 1;
		} else if (a->lay.mode == UI_LAYOUT_TOO_SMALL && a->entry.mode == ENTRY_NONE) {
			if ((key == 'q' || key == 'Q' || key == 'd') &&
			    app_quit(a, key == 'q' ? APP_QUIT_ASK : key == 'd' ? APP_QUIT_DETACH : APP_QUIT_STOP))
				entry_confirm_quit(a);
			else if (key == ' ' || key == 'n')
				keys_handle(a, key);
		} else if (a->entry.mode != ENTRY_NONE) {
			entry_key(a, key);
		} else {
			keys_handle(a, key);
		}
		a->m.replying = 0;
	}
}

/* Ask the engine for the spectrum frames the screen draws: its rate on the
 * player screen (15 a second over ssh), none where no spectrum shows
 * (another screen, an overlay, a terminal too small for it). */
static void ui_spectrum_rate(il_ui_app *a)
{
	if (!a->engine_up)
		return;
	int shown = a->screen == UI_SCREEN_PLAYER && !a->overlay && a->lay.mode != UI_LAYOUT_TOO_SMALL &&
		    a->lay.spectrum.h > 0;
	int fps = shown ? (int)lround(1.0 / a->frame_interval) : 0;
	if (fps == a->spec_fps)
		return;
	a->spec_fps = fps;
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "spectrum");
	proto_fmt_long(&sb, "fps", fps);
	proto_fmt_end(&sb);
	elink_send(&a->link, &sb);
	sbuf_free(&sb);
}

/* Whether a spectrum frame that came now may be drawn now. */
static int ui_frame_ready(const il_ui_app *a)
{
	return a->now >= a->last_frame + a->frame_interval * UI_FRAME_EARLY;
}

/* Draw what changed. */
static void ui_draw(il_ui_app *a)
{
	if (a->hup || !a->t.active)
		return;
	unsigned d = a->dirty;
	if (a->full_redraw) {
		erase();
		d = UIM_D_ALL;
		a->full_redraw = 0;
	}
	if (d == UIM_D_ALL || a->overlay || a->screen != UI_SCREEN_PLAYER || a->lay.mode == UI_LAYOUT_TOO_SMALL)
		a->spectrum_framed = 0; /* cleared, restyled or drawn over: framed again */
	/* A spectrum frame not yet due waits for its time, even when other
	 * panels are drawn now (the cap holds for the spectrum itself). */
	unsigned later = d == UIM_D_ALL || ui_frame_ready(a) ? 0 : d & UIM_D_SPECTRUM;
	d &= ~later;
	if (!d)
		return;
	if (a->overlay)
		d &= ~UIM_D_SPECTRUM;
	if (a->lay.mode == UI_LAYOUT_TOO_SMALL) {
		uiscreen_too_small(a);
	} else {
		uipanel_draw(a, d);
		if (a->screen != UI_SCREEN_PLAYER)
			uiscreen_draw(a, d);
		if (a->overlay)
			overlay_draw(a);
	}
	if (d & UIM_D_SPECTRUM)
		a->last_frame = a->now;
	int editing = a->entry.mode != ENTRY_NONE && !a->overlay && a->lay.mode != UI_LAYOUT_TOO_SMALL;
	if (editing)
		entry_draw(a, a->lay.msg.y);
	leaveok(stdscr, editing ? FALSE : TRUE);
	curs_set(editing ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
	a->dirty = later;
}

/* Timers: status requests, clocks, message expiry, spectrum decay, restarts.
 * Returns the poll timeout in milliseconds. */
static int ui_timers(il_ui_app *a)
{
	double now = a->now, next = now + 10;
	il_uimodel *m = &a->m;
	if (a->restart_at > 0) {
		if (now >= a->restart_at && a->link.pid == 0)
			ui_engine_start(a);
		else
			next = a->restart_at < next ? a->restart_at : next;
	}
	if (a->engine_up) {
		int moving = m->state == IL_PLAYER_PLAYING || uimodel_generating(m);
		if (moving && a->next_status > now + UI_STATUS_PERIOD)
			a->next_status = now; /* it started moving: at once */
		if (now >= a->next_status) {
			elink_send_verb(&a->link, "status");
			a->next_status = now + (moving ? UI_STATUS_PERIOD : UI_STATUS_IDLE);
		}
		next = a->next_status < next ? a->next_status : next;
	}
	if (m->state == IL_PLAYER_PLAYING || uimodel_generating(m)) {
		double tick = a->last_clock + 0.5;
		if (now >= tick) {
			app_dirty(a, UIM_D_TIMING | UIM_D_GEN);
			a->last_clock = now;
			tick = now + 0.5;
		}
		next = tick < next ? tick : next;
	}
	if (m->msg[0] && m->msg_at > 0) {
		double expiry = m->msg_at + uimodel_msg_seconds(m->msg_level);
		if (now >= expiry && !a->msg_expired) {
			a->msg_expired = 1;
			app_dirty(a, UIM_D_MSG);
		} else if (now < expiry) {
			a->msg_expired = 0;
			next = expiry < next ? expiry : next;
		}
	}
	double due;
	if (uimodel_spectrum_due(m, now, &due))
		app_dirty(a, UIM_D_SPECTRUM);
	if (due > 0)
		next = due < next ? due : next;
	if (m->nbands > 0) {
		double stale = m->spectrum_at + 1.0;
		if (now >= stale) {
			m->nbands = 0;
			app_dirty(a, UIM_D_SPECTRUM);
		} else {
			next = stale < next ? stale : next;
		}
	}
	if (a->dirty == UIM_D_SPECTRUM && !a->full_redraw) {
		double frame = a->last_frame + a->frame_interval; /* spectrum frame cap */
		if (now < frame)
			return (int)((frame - now) * 1000) + 1;
	} else if (a->dirty || a->full_redraw) {
		return 0;
	}
	int ms = (int)((next - now) * 1000) + 1;
	return ms < 0 ? 0 : ms;
}

/* The main loop: one poll() over the keyboard, the engine and signals. */
static void ui_loop(il_ui_app *a, int sigfd)
{
	il_proto_msg *msg = malloc(sizeof *msg);
	if (!msg)
		return;
	while (!a->quit) {
		a->now = time_mono();
		ui_spectrum_rate(a);
		int timeout = ui_timers(a);
		if (timeout == 0 || (a->dirty && a->dirty != UIM_D_SPECTRUM) || a->full_redraw) {
			ui_draw(a);
			timeout = ui_timers(a);
		} else if (a->dirty == UIM_D_SPECTRUM && ui_frame_ready(a)) {
			ui_draw(a);
			timeout = ui_timers(a);
		}
		struct pollfd p[3];
		int n = 0, link_idx = -1;
		p[n++] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
		p[n++] = (struct pollfd){ sigfd, POLLIN, 0 };
		if (a->link.fd >= 0) {
			link_idx = n;
			p[n++] = (struct pollfd){ a->link.fd, (short)(POLLIN | (elink_pending(&a->link) ? POLLOUT : 0)), 0 };
		}
		if (poll(p, (nfds_t)n, timeout) < 0 && errno != EINTR)
			break;
		a->now = time_mono();
		if (p[1].revents)
			ui_signals(a, sigfd);
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			a->quit = 1;
			a->hup = 1;
		} else if (p[0].revents) {
			ui_keys(a);
		}
		if (link_idx >= 0 && a->link.fd >= 0) {
			short re = p[link_idx].revents;
			if (re & POLLOUT)
				elink_flush(&a->link);
			if (re & (POLLIN | POLLHUP | POLLERR))
				ui_engine_input(a, msg);
		}
	}
	free(msg);
}

/* Run the TUI (attached to the user's engine, started when none runs);
 * exit status. */
int ui_main(const il_opts *o, const char *argv0)
{
	il_ui_app *a = calloc(1, sizeof *a);
	if (!a) {
		fprintf(stderr, "%s: out of memory\n", argv0);
		return 1;
	}
	a->opts = o;
	uimodel_init(&a->m);
	il_err err;
	int sigfd;
	if (elink_init(&a->link, o, &err) != 0 || tui_signals(&sigfd, &err) != 0) {
		fprintf(stderr, "%s: %s\n", argv0, err.msg);
		elink_free(&a->link);
		free(a);
		return 1;
	}
	char theme_err[IL_ERR_MAX] = "";
	if (theme_load(&a->th, o->theme ? o->theme : "default", &err) != 0) {
		theme_builtin(&a->th);
		snprintf(theme_err, sizeof theme_err, "%s", err.msg);
	}
	char errlog[IL_PATH_MAX + 16];
	snprintf(errlog, sizeof errlog, "%s/ui.log", a->link.tmpdir);
	if (tui_open(&a->t, o, errlog, &err) != 0) {
		fprintf(stderr, "%s: %s\n", argv0, err.msg);
		elink_free(&a->link);
		free(a);
		return 1;
	}
	tui_signals(&sigfd, &err); /* after newterm, so that ours are the handlers */
	tui_apply_theme(&a->t, &a->th);
	const char *ssh = getenv("SSH_CONNECTION");
	a->frame_interval = ssh && *ssh ? 1.0 / 15 : 1.0 / 30;
	a->restart_delay = 1;
	a->now = time_mono();
	uipanel_layout(a);
	a->full_redraw = 1;
	if (theme_err[0]) {
		app_msg(a, UIM_MSG_WARN, "%s; using the built-in colours", theme_err);
		uimodel_problem(&a->m, a->m.msg);
	}
	entry_history_load(a);
	ui_engine_start(a);
	ui_loop(a, sigfd);
	int stop = a->stop_engine && !a->stopped_elsewhere;
	if (!a->hup && a->t.active && stop) {
		app_msg(a, UIM_MSG_INFO, "stopping the music...");
		a->dirty |= UIM_D_MSG;
		ui_draw(a);
	}
	if (stop)
		elink_stop(&a->link, 2000);
	else
		elink_detach(&a->link);
	tui_close(&a->t);
	if (entry_history_save(a, &err) != 0)
		fprintf(stderr, "%s: warning: the command-line history was not kept: %s\n", PACKAGE_NAME, err.msg);
	elink_replay_log(&a->link, stderr, "engine: ");
	if (a->stopped_elsewhere)
		fprintf(stderr, "%s: the station was stopped (quit from another client)\n", PACKAGE_NAME);
	else if (!stop && a->link.engine_pid > 0)
		fprintf(stderr, "%s: detached; the music plays on (pid %ld): infiniloop-tui attaches again, "
			"infiniloop-tui --remote quit stops it\n", PACKAGE_NAME, a->link.engine_pid);
	for (int k = 0; k < a->m.nproblems; k++) /* the config's problems, once more */
		fprintf(stderr, "%s: warning: %s\n", PACKAGE_NAME, a->m.problems[k]);
	elink_free(&a->link);
	int sig = a->exit_signal;
	free(a);
	return sig ? 128 + sig : 0;
}

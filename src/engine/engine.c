/* engine.c: the engine's main loop, protocol I/O and settings requests. */
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/engine_hook.h"
#include "engine/engine_internal.h"
#include "engine/engine_server.h"
#include "util/timeutil.h"

static volatile sig_atomic_t engine_signalled;

/* Record a termination signal; the main loop quits cleanly. */
static void engine_on_signal(int sig)
{
	engine_signalled = sig;
}

/* Recompute whether debug messages are on (`debug` for this run, else the
 * setting) after either changed; main thread. Threads that log read the
 * copy atomically, never the settings. */
static void engine_debug_update(il_engine *e)
{
	int on = e->debug_run >= 0 ? e->debug_run : e->set.debug;
	__atomic_store_n(&e->debug_on, on, __ATOMIC_RELAXED);
}

/* Save setting d and report a failure as an error event of the request
 * verb that changed it; 0 or -1. */
int engine_save_setting(il_engine *e, const il_settings_def *d, const char *verb)
{
	il_err err;
	if (settings_save_key(&e->set, d, &err) != 0) {
		engine_error(e, IL_E_IO, verb, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* `status`: one `status` event. */
static void engine_req_status(il_engine *e, const il_proto_msg *m)
{
	(void)m;
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "status");
	engine_player_status(e, &sb);
	engine_gen_status(e, &sb);
	engine_station_status(e, &sb);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* Emit one `setting` event for definition d. */
static void engine_setting_event(il_engine *e, const il_settings_def *d)
{
	char val[SETTINGS_STR_MAX + 64];
	settings_get(&e->set, d->key, val, sizeof val, NULL);
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "setting");
	proto_fmt_str(&sb, "key", d->key);
	proto_fmt_str(&sb, "value", val);
	if (d->type == SETTING_INT || d->type == SETTING_LONG || d->type == SETTING_DOUBLE) {
		proto_fmt_double(&sb, "min", d->min, d->type == SETTING_DOUBLE ? 1 : 0);
		proto_fmt_double(&sb, "max", d->max, d->type == SETTING_DOUBLE ? 1 : 0);
	} else if (d->type == SETTING_CHOICE) {
		proto_fmt_str(&sb, "choices", d->choices);
	} else if (d->type == SETTING_BOOL) {
		proto_fmt_str(&sb, "choices", "true|false");
	}
	char about[1024];
	settings_about(d, about, sizeof about);
	if (about[0])
		proto_fmt_str(&sb, "about", about);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* One `preset` event per preset. */
static void engine_preset_events(il_engine *e)
{
	il_sbuf sb = SBUF_INIT;
	for (int k = 0; k < e->set.npresets; k++) {
		proto_fmt_begin(&sb, "preset");
		proto_fmt_long(&sb, "index", k);
		proto_fmt_str(&sb, "name", e->set.presets[k].name);
		proto_fmt_str(&sb, "prompt", e->set.presets[k].prompt);
		proto_fmt_end(&sb);
		engine_emit(e, &sb);
	}
	sbuf_free(&sb);
}

/* `settings`: every setting, and the presets as `preset` events. */
static void engine_req_settings(il_engine *e, const il_proto_msg *m)
{
	(void)m;
	for (size_t k = 0; k < settings_ndefs; k++)
		if (settings_defs[k].type != SETTING_PRESETS)
			engine_setting_event(e, &settings_defs[k]);
	engine_preset_events(e);
}

/* `set key=K value=V`: validate, apply, save, tell the parts, echo it back. */
static void engine_req_set(il_engine *e, const il_proto_msg *m)
{
	const char *key = proto_get(m, "key");
	const il_settings_def *d = settings_find(key);
	il_err err;
	if (!d) {
		engine_error(e, IL_E_BAD_VALUE, "set", "unknown setting '%s'", key);
		return;
	}
	if (settings_set(&e->set, d->key, proto_get(m, "value"), &err) != 0) {
		engine_error(e, IL_E_BAD_VALUE, "set", "%s", err.msg);
		return;
	}
	engine_save_setting(e, d, "set");
	if (!strcmp(d->key, "debug"))
		e->debug_run = -1; /* the setting rules again */
	engine_debug_update(e);
	if (d->applies & (SETTING_TO_PLAYER | SETTING_TO_SINK))
		engine_player_setting(e, d);
	if (d->applies & SETTING_TO_GEN)
		engine_gen_setting(e, d);
	if (d->type == SETTING_PRESETS)
		engine_preset_events(e);
	else
		engine_setting_event(e, d);
}

/* `debug on=0|1`: for this run only (`set key=debug` keeps it). */
static void engine_req_debug(il_engine *e, const il_proto_msg *m)
{
	long on;
	il_err err;
	if (proto_get_long(m, "on", 0, 1, &on, &err) != 0) {
		engine_error_err(e, "debug", &err);
		return;
	}
	e->debug_run = (int)on;
	engine_debug_update(e);
	engine_log(e, ENGINE_INFO, "debug messages %s", on ? "on" : "off");
}

/* `quit`: stop everything and exit. */
static void engine_req_quit(il_engine *e, const il_proto_msg *m)
{
	(void)m;
	e->quit = 1;
}

/* `ping [id=S]`: `pong`. */
static void engine_req_ping(il_engine *e, const il_proto_msg *m)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "pong");
	if (proto_get(m, "id"))
		proto_fmt_str(&sb, "id", proto_get(m, "id"));
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
}

/* The core requests (see engine_request.h). */
const il_engine_request engine_core_requests[] = {
	{ "status", { NULL }, { NULL }, "", engine_req_status },
	{ "quit", { NULL }, { NULL }, "", engine_req_quit },
	{ "ping", { NULL }, { "id", NULL }, "[id=S]", engine_req_ping },
	{ "set", { "key", "value", NULL }, { NULL }, "key=K value=V", engine_req_set },
	{ "settings", { NULL }, { NULL }, "", engine_req_settings },
	{ "debug", { "on", NULL }, { NULL }, "on=0|1", engine_req_debug },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* Parse and run every whole line client c's reader holds; the answers go
 * to c. */
static void engine_drain_input(il_engine *e, il_engine_client *c)
{
	il_proto_msg *m = malloc(sizeof *m);
	if (!m) {
		engine_error(e, IL_E_INTERNAL, NULL, "out of memory");
		e->quit = 1;
		return;
	}
	il_err err;
	int rc;
	e->cur = c;
	while (!e->quit && e->cur == c && (rc = proto_reader_next(&c->rd, m, &err)) != 0) {
		if (rc < 0) {
			engine_error_err(e, NULL, &err);
			continue;
		}
		const il_engine_request *r = engine_request_check(m, &err);
		if (!r) {
			engine_error_err(e, m->verb, &err);
			continue;
		}
		r->run(e, m);
	}
	e->cur = NULL;
	free(m);
}

/* Load the settings with the command line's one-run overrides; notes
 * become log events. */
static int engine_load_settings(il_engine *e, il_err *err)
{
	il_sbuf notes = SBUF_INIT;
	if (settings_load_for(e->opts, SETTINGS_FOR_ENGINE, &e->set, &notes, err) != 0) {
		sbuf_free(&notes);
		return -1;
	}
	for (char *line = notes.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		engine_log(e, ENGINE_WARN, "%s", line);
		il_sbuf sb = SBUF_INIT;
		proto_fmt_begin(&sb, "log");
		proto_fmt_str(&sb, "level", "warn");
		proto_fmt_str(&sb, "msg", line);
		proto_fmt_end(&sb);
		sbuf_append(&e->notes, sb.buf, sb.len);
		sbuf_free(&sb);
		if (!nl)
			break;
	}
	sbuf_free(&notes);
	return 0;
}

/* Format the `ready` event into sb. */
static void engine_ready_line(il_sbuf *sb)
{
	proto_fmt_begin(sb, "ready");
	proto_fmt_long(sb, "version", PROTO_VERSION);
	proto_fmt_str(sb, "program", PACKAGE_NAME " " PACKAGE_VERSION);
	proto_fmt_long(sb, "pid", (long)getpid());
	proto_fmt_end(sb);
}

/* Send a new client `ready`, the settings' problems and the last audio,
 * loop and gen events. */
void engine_greet(il_engine *e, il_engine_client *c)
{
	il_sbuf sb = SBUF_INIT;
	engine_ready_line(&sb);
	engine_client_queue(e, c, sb.buf, sb.len, 0);
	sbuf_free(&sb);
	const il_sbuf *last[] = { &e->notes, &e->last_audio, &e->last_loop, &e->last_gen };
	for (size_t k = 0; k < sizeof last / sizeof last[0]; k++)
		engine_client_queue(e, c, last[k]->buf, last[k]->len, 0);
}

/* Install handlers: SIGPIPE ignored; SIGINT, SIGTERM, SIGQUIT, SIGUSR1,
 * SIGUSR2 and SIGALRM quit cleanly (the temporary folder removed); so does
 * SIGHUP, unless the engine serves (--daemon) or it was ignored already
 * (nohup). */
static void engine_signals(int server)
{
	static const int quit_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM };
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (server)
		sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = engine_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t k = 0; k < sizeof quit_sigs / sizeof quit_sigs[0]; k++) {
		if (quit_sigs[k] == SIGHUP && (server || (sigaction(SIGHUP, NULL, &old) == 0 &&
							  old.sa_handler == SIG_IGN)))
			continue;
		sigaction(quit_sigs[k], &sa, NULL);
	}
}

/* Read from client c and run its requests; at its end of input a socket
 * client is closed once its answers are out. */
static void engine_serve_client(il_engine *e, il_engine_client *c)
{
	ssize_t r = proto_reader_read(&c->rd, c->in_fd);
	if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ENOBUFS)
		proto_reader_set_eof(&c->rd);
	engine_drain_input(e, c);
}

/* Drop the clients that are done: gone, cut off for lagging, or at end of
 * input with nothing left to send. The stdio client's end is the engine's
 * (unless it runs headless or serves). */
static void engine_reap_clients(il_engine *e)
{
	for (int k = e->nclients - 1; k >= 0; k--) {
		il_engine_client *c = e->clients[k];
		if (c->stdio) {
			if (c->broken && !e->server)
				e->quit = 1; /* nobody reads us any more */
			continue;
		}
		if (c->overflow)
			engine_log(e, ENGINE_WARN, "client %u stopped reading (%zu bytes waiting): dropped",
				   c->id, c->outq.len - c->outq_sent);
		if (c->broken || c->overflow || (c->rd.eof && !engine_client_pending(c))) {
			engine_log(e, ENGINE_DEBUG, "client %u detached", c->id);
			engine_client_remove(e, c);
		}
	}
}

/* Send what waits for the clients: all of it to blocking ones, what
 * their sockets take to the others. */
static void engine_flush_clients(il_engine *e)
{
	for (int k = 0; k < e->nclients; k++)
		if (!e->clients[k]->nonblock || engine_client_pending(e->clients[k]))
			engine_client_flush(e->clients[k]);
}

/* Headless, its input ended, and nothing plays, is queued or is made:
 * nothing can ever start it (no --remote reaches it), so it ends, saying
 * why, with status 1. True when it did. */
static int engine_headless_idle(il_engine *e)
{
	il_engine_client *io = e->stdio;
	if (!e->hl.on || e->hl.nfiles > 0 || e->server || !io || !io->rd.eof || engine_client_pending(io) ||
	    engine_player_playing(e) || engine_player_queued(e) > 0 || engine_gen_active(e))
		return 0;
	engine_log(e, ENGINE_WARN, "nothing plays or is on its way, and the input ended "
		   "(give --prompt, --play, or a start or play request)");
	e->status = 1;
	return 1;
}

/* The main loop: poll the socket, the clients and the wake-ups; run the
 * parts' ticks. */
static void engine_loop(il_engine *e)
{
	while (!e->quit && !engine_signalled) {
		int t1 = engine_player_tick(e), t2 = engine_gen_tick(e), t3 = engine_station_tick(e);
		int timeout = t1 < 0 ? t2 : (t2 < 0 ? t1 : (t1 < t2 ? t1 : t2));
		if (t3 >= 0 && (timeout < 0 || t3 < timeout))
			timeout = t3;
		timeout = engine_hook_tick(e, timeout);
		/* What the ticks made (the spectrum's frames) goes out now, not
		 * once the wait below is over. */
		engine_flush_clients(e);
		struct pollfd p[2 + 2 * ENGINE_CLIENTS_MAX];
		il_engine_client *who[2 + 2 * ENGINE_CLIENTS_MAX];
		int n = 0;
		p[n] = (struct pollfd){ e->wake[0], POLLIN, 0 };
		who[n++] = NULL;
		int listen_idx = -1;
		if (e->listen_fd >= 0) {
			listen_idx = n;
			p[n] = (struct pollfd){ e->listen_fd, POLLIN, 0 };
			who[n++] = NULL;
		}
		for (int k = 0; k < e->nclients; k++) {
			il_engine_client *c = e->clients[k];
			if (!c->rd.eof) {
				p[n] = (struct pollfd){ c->in_fd, POLLIN, 0 };
				who[n++] = c;
			}
			if (engine_client_pending(c)) {
				p[n] = (struct pollfd){ c->out_fd, POLLOUT, 0 };
				who[n++] = c;
			}
		}
		il_engine_client *io = e->stdio;
		if (io && io->rd.eof && !engine_client_pending(io) && !e->hl.on && !e->server)
			break; /* end of input and everything answered (headless plays on) */
		if (engine_headless_idle(e))
			break;
		if (poll(p, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents)
			engine_take_posted(e);
		if (listen_idx >= 0 && p[listen_idx].revents)
			engine_server_accept(e);
		for (int k = 0; k < n && !e->quit; k++) {
			il_engine_client *c = who[k];
			if (!c || !p[k].revents)
				continue;
			if (p[k].events & POLLIN)
				engine_serve_client(e, c);
			else
				engine_client_flush(c);
		}
		engine_flush_clients(e);
		engine_reap_clients(e);
	}
}

/* Make fd non-blocking if it is a pipe or a socket (never a shared tty). */
static int engine_nonblock_if_pipe(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return 0;
	int fl = fcntl(fd, F_GETFL);
	return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0;
}

/* Free what engine_run made (the clients' descriptors closed). */
static void engine_free(il_engine *e)
{
	while (e->nclients > 0)
		engine_client_remove(e, e->clients[e->nclients - 1]);
	engine_server_close(e);
	paths_tmpdir_remove(e->tmpdir);
	close(e->wake[0]);
	close(e->wake[1]);
	sbuf_free(&e->posted);
	sbuf_free(&e->last_audio);
	sbuf_free(&e->last_loop);
	sbuf_free(&e->last_gen);
	sbuf_free(&e->notes);
	pthread_mutex_destroy(&e->post_lock);
	settings_free(&e->set);
	free(e);
}

/* Run the engine (see engine.h); exit status. */
int engine_run(const il_opts *o, const il_engine_headless *hl, int in_fd, int out_fd)
{
	il_engine *e = calloc(1, sizeof *e);
	if (!e) {
		fprintf(stderr, "infiniloop-tui: out of memory\n");
		return 1;
	}
	e->opts = o;
	e->debug_run = -1;
	if (hl)
		e->hl = *hl;
	e->server = o->mode == IL_MODE_DAEMON;
	e->listen_fd = e->lock_fd = -1;
	pthread_mutex_init(&e->post_lock, NULL);
	engine_signals(e->server);
	int status = 0;
	il_err err;
	if (pipe(e->wake) != 0) {
		fprintf(stderr, "infiniloop-tui: cannot create a pipe: %s\n", strerror(errno));
		pthread_mutex_destroy(&e->post_lock);
		free(e);
		return 1;
	}
	for (int k = 0; k < 2; k++) {
		fcntl(e->wake[k], F_SETFL, fcntl(e->wake[k], F_GETFL) | O_NONBLOCK);
		fcntl(e->wake[k], F_SETFD, FD_CLOEXEC);
	}
	if (out_fd >= 0) {
		e->stdio = engine_client_add(e, in_fd, out_fd, 1);
		e->stdio->nonblock = engine_nonblock_if_pipe(out_fd);
		engine_greet(e, e->stdio);
	}
	if (e->server && engine_server_open(e, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		engine_free(e);
		return 1;
	}
	if (engine_load_settings(e, &err) != 0) {
		engine_error(e, IL_E_IO, NULL, "%s", err.msg);
		status = 1;
	} else if ((e->server ? engine_server_tmpdir(e->tmpdir, sizeof e->tmpdir, &err)
			      : paths_tmpdir_create(e->tmpdir, sizeof e->tmpdir, &err)) != 0) {
		engine_error(e, IL_E_IO, NULL, "%s", err.msg);
		status = 1;
	} else {
		engine_debug_update(e); /* before the threads start */
		if (engine_station_init(e, &err) != 0)
			engine_error(e, IL_E_INTERNAL, NULL, "%s", err.msg);
		if (e->server)
			engine_log(e, ENGINE_INFO, "listening on %s", e->sock_path);
		if (engine_player_init(e, &err) != 0)
			engine_error(e, IL_E_AUDIO, NULL, "%s", err.msg);
		if (engine_gen_init(e, &err) != 0)
			engine_error(e, IL_E_GEN, NULL, "%s", err.msg);
		engine_loop(e);
		engine_server_close(e); /* no new clients while the music fades */
		engine_gen_free(e);
		engine_player_free(e);
		engine_station_free(e);
		engine_take_posted(e);
		engine_hook_free(e, !engine_signalled);
	}
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "bye");
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
	engine_client_flush_all(e, 2000);
	status = status ? status : e->status;
	engine_free(e);
	return status;
}

/* The headless configuration the command line asks for. */
il_engine_headless engine_headless_from(const il_opts *o)
{
	il_engine_headless hl = { 0 };
	if (o->mode != IL_MODE_HEADLESS)
		return hl;
	hl.on = 1;
	if (o->play) {
		hl.files = o->files;
		hl.nfiles = o->nfiles;
	}
	hl.max_switches = o->max_switches;
	hl.max_seconds = o->max_seconds;
	return hl;
}

/* Run the engine on stdin/stdout, or as the user's server with --daemon
 * (see engine.h); exit status. */
int engine_main(const il_opts *o)
{
	il_engine_headless hl = engine_headless_from(o);
	if (o->mode == IL_MODE_DAEMON)
		return engine_run(o, &hl, -1, -1);
	return engine_run(o, &hl, STDIN_FILENO, STDOUT_FILENO);
}

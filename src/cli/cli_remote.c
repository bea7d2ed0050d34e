/* cli_remote.c: --remote [--json] COMMAND [ARG]...: one request to the
 * running station (the engine of `--daemon`, on its socket), the answer
 * printed for people or, with --json, as one JSON object; exit 0 or 1. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/player.h"
#include "cli/cli.h"
#include "engine/protocol.h"
#include "store/paths.h"
#include "util/sbuf.h"
#include "util/timeutil.h"
#include "util/usock.h"

#define REMOTE_WAIT_MS 10000 /* for an answer */

typedef struct remote_cmd remote_cmd;

/* One command: its name, arguments, and how it becomes a request. */
struct remote_cmd {
	const char *name;
	int min_args, max_args;  /* words after the name */
	const char *synopsis;
	const char *help;
	/* Format the request into sb from the words; -1 with err. */
	int (*build)(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err);
	const char *answer;      /* the event that answers it, or NULL (pong) */
	const char *verb;        /* the request's verb when it is not the name */
	const char *none;        /* said when no answer event came (NULL: nothing) */
};

/* The verb of the request a command sends. */
static const char *remote_verb(const remote_cmd *c)
{
	return c->verb ? c->verb : c->name;
}

/* A request of the command's own name with no fields. */
static int remote_plain(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)args, (void)n, (void)err;
	proto_fmt_begin(sb, remote_verb(c));
	proto_fmt_end(sb);
	return 0;
}

/* `play-fav ID`: play_favourite id=ID. */
static int remote_play_fav(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)n;
	char *end;
	errno = 0;
	long id = strtol(args[0], &end, 10);
	if (errno || end == args[0] || *end || id < 1)
		return il_err_set(err, IL_E_BAD_VALUE, "%s: '%s' is not a favourite's number ('favs' lists them)",
				  c->name, args[0]);
	proto_fmt_begin(sb, remote_verb(c));
	proto_fmt_long(sb, "id", id);
	proto_fmt_end(sb);
	return 0;
}

/* `start PROMPT...`: the words joined by spaces. */
static int remote_start(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c, (void)err;
	il_sbuf p = SBUF_INIT;
	for (int k = 0; k < n; k++)
		sbuf_printf(&p, "%s%s", k ? " " : "", args[k]);
	proto_fmt_begin(sb, "start");
	proto_fmt_str(sb, "prompt", sbuf_str(&p));
	proto_fmt_end(sb);
	sbuf_free(&p);
	return 0;
}

/* `volume N`, `volume +N`, `volume -N`. */
static int remote_volume(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c, (void)n;
	return proto_fmt_volume(sb, args[0], err);
}

/* `save FILE` and `play FILE`: the path made absolute (the engine runs
 * elsewhere). */
static int remote_path(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)n;
	char cwd[PATH_MAX], path[PATH_MAX + 1024];
	if (args[0][0] == '/')
		snprintf(path, sizeof path, "%s", args[0]);
	else if (getcwd(cwd, sizeof cwd))
		snprintf(path, sizeof path, "%s/%s", cwd, args[0]);
	else
		return il_err_errno(err, IL_E_IO, errno, "%s: cannot read the current folder", c->name);
	proto_fmt_begin(sb, c->name);
	proto_fmt_str(sb, !strcmp(c->name, "play") ? "file" : "path", path);
	proto_fmt_end(sb);
	return 0;
}

/* `set KEY VALUE...`: the value words joined by spaces. */
static int remote_set(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c, (void)err;
	il_sbuf v = SBUF_INIT;
	for (int k = 1; k < n; k++)
		sbuf_printf(&v, "%s%s", k > 1 ? " " : "", args[k]);
	proto_fmt_begin(sb, "set");
	proto_fmt_str(sb, "key", args[0]);
	proto_fmt_str(sb, "value", sbuf_str(&v));
	proto_fmt_end(sb);
	sbuf_free(&v);
	return 0;
}

/* `hold [on|off]`. */
static int remote_hold(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c;
	proto_fmt_begin(sb, "hold");
	if (n == 1) {
		if (strcmp(args[0], "on") && strcmp(args[0], "off"))
			return il_err_set(err, IL_E_BAD_VALUE, "hold: '%s' is not on or off", args[0]);
		proto_fmt_long(sb, "on", !strcmp(args[0], "on"));
	}
	proto_fmt_end(sb);
	return 0;
}

/* `sleep MINUTES|off`. */
static int remote_sleep(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c, (void)n;
	long secs;
	if (time_parse_duration(args[0], &secs) != 0)
		return il_err_set(err, IL_E_BAD_VALUE, "sleep: '%s' is not a time such as 45m, 90, 1h30m or 30s "
				  "(at most 24h), nor off", args[0]);
	proto_fmt_begin(sb, "sleep");
	proto_fmt_long(sb, "seconds", secs);
	proto_fmt_end(sb);
	return 0;
}

/* `events`: no request (a ping only, answered like any). */
static int remote_events(const remote_cmd *c, char **args, int n, il_sbuf *sb, il_err *err)
{
	(void)c, (void)args, (void)n, (void)err, (void)sb;
	return 0;
}

/* The commands; `help` prints them. */
static const remote_cmd remote_cmds[] = {
	{ "status", 0, 0, "", "what is playing, what comes next", remote_plain, "status", NULL, NULL },
	{ "start", 1, 64, "PROMPT", "generate loops from PROMPT and play them", remote_start, NULL, NULL, NULL },
	{ "stop", 0, 0, "", "stop playback and generation", remote_plain, NULL, NULL, NULL },
	{ "pause", 0, 0, "", "pause the output", remote_plain, NULL, NULL, NULL },
	{ "resume", 0, 0, "", "resume the output", remote_plain, NULL, NULL, NULL },
	{ "toggle", 0, 0, "", "pause or resume", remote_plain, NULL, NULL, NULL },
	{ "skip", 0, 0, "", "crossfade to the next loop now", remote_plain, NULL, NULL, NULL },
	{ "volume", 1, 1, "[+-]N", "set the volume (0-100) or change it", remote_volume, NULL, NULL, NULL },
	{ "save", 1, 1, "FILE", "write the playing loop, with its loop points", remote_path, "saved", NULL, NULL },
	{ "play", 1, 1, "FILE", "find the loop in an audio file and play it next", remote_path, NULL, NULL, NULL },
	{ "set", 2, 64, "KEY VALUE", "change a setting (saved at once)", remote_set, "setting", NULL, NULL },
	{ "hold", 0, 1, "[on|off]", "keep the loop playing past the minimum (no argument: toggle)", remote_hold,
	  NULL, NULL, NULL },
	{ "prev", 0, 0, "", "crossfade back to the previous loop", remote_plain, NULL, NULL, NULL },
	{ "sleep", 1, 1, "TIME|off", "fade out and stop after TIME (45m, 90, 1h30m; off: no timer)", remote_sleep, NULL,
	  NULL, NULL },
	{ "fav", 0, 0, "", "mark the playing loop as a favourite", remote_plain, "favourite", "favourite", NULL },
	{ "favs", 0, 0, "", "list the favourites, newest first", remote_plain, "favourite", "favourites",
	  "no favourites yet" },
	{ "play-fav", 1, 1, "ID", "play favourite ID now (its prompt becomes the station's)", remote_play_fav, NULL,
	  "play_favourite", NULL },
	{ "quit", 0, 0, "", "stop the music and the station", remote_plain, "bye", NULL, NULL },
	{ "events", 0, 0, "", "print the station's events as they come, until it ends", remote_events, NULL,
	  NULL, NULL },
};

/* Print one command's row: on a terminal in aligned columns (widths w1,
 * w2), else name, a tab, the arguments, a tab, what it does (for scripts and
 * the completion generator). */
static void remote_help_row(int tty, int w1, int w2, const char *name, const char *synopsis, const char *help)
{
	if (tty)
		printf("  %-*s %-*s  %s\n", w1, name, w2, synopsis, help);
	else
		printf("%s\t%s\t%s\n", name, synopsis, help);
}

/* Print the commands, with the arguments each takes and what it does. */
static void remote_help(void)
{
	int tty = isatty(STDOUT_FILENO), w1 = 4, w2 = 0;
	size_t n = sizeof remote_cmds / sizeof remote_cmds[0];
	for (size_t k = 0; k < n; k++) {
		int l1 = (int)strlen(remote_cmds[k].name), l2 = (int)strlen(remote_cmds[k].synopsis);
		w1 = l1 > w1 ? l1 : w1;
		w2 = l2 > w2 ? l2 : w2;
	}
	if (tty)
		printf("Usage: infiniloop-tui --remote [--json] COMMAND [ARGUMENT]...\nCommands:\n");
	for (size_t k = 0; k < n; k++)
		remote_help_row(tty, w1, w2, remote_cmds[k].name, remote_cmds[k].synopsis, remote_cmds[k].help);
	remote_help_row(tty, w1, w2, "help", "", "this list");
}

/* Seconds as M:SS. */
static void remote_mmss(char *out, size_t n, const char *secs)
{
	double s = secs ? atof(secs) : 0;
	long t = s > 0 ? (long)(s + 0.5) : 0;
	snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

/* " by ARTIST", or "" for a loop with no artist (a file played). */
static const char *remote_by(const il_proto_msg *m, char *out, size_t n)
{
	const char *a = proto_get(m, "artist");
	snprintf(out, n, "%s%s", a && *a ? " by " : "", a && *a ? a : "");
	return out;
}

/* Print a `status` event for people. */
static void remote_print_status(const il_proto_msg *m)
{
	const char *state = proto_get(m, "state"), *title = proto_get(m, "title");
	char el[48], len[48], eta[48], left[48], by[160];
	remote_mmss(el, sizeof el, proto_get(m, "elapsed"));
	remote_mmss(len, sizeof len, proto_get(m, "loop_seconds"));
	remote_mmss(eta, sizeof eta, proto_get(m, "eta"));
	remote_mmss(left, sizeof left, proto_get(m, "min_left"));
	const char *hold = proto_get(m, "hold");
	int held = hold && !strcmp(hold, "1");
	if (title && *title && strcmp(state, "idle") && strcmp(state, "stopped"))
		printf("%-8s \"%s\"%s, %s (a %s loop at %s bpm)\n", state, title, remote_by(m, by, sizeof by), el, len,
		       proto_get(m, "bpm"));
	else
		printf("%-8s nothing plays\n", state);
	const char *prompt = proto_get(m, "prompt");
	if (prompt && *prompt)
		printf("prompt   %s (%s)\n", prompt, proto_get(m, "backend"));
	const char *gen = proto_get(m, "gen");
	if (gen && !strcmp(gen, "running"))
		printf("next     generating, %.0f%% (about %s per attempt)\n", 100 * atof(proto_get(m, "progress")), eta);
	else if (proto_get(m, "next_ready") && !strcmp(proto_get(m, "next_ready"), "1"))
		printf("next     ready, %s%s\n", held ? "after the hold" : "in ", held ? "" : left);
	else if (gen && strcmp(gen, "idle"))
		printf("next     %s\n", gen);
	il_audio_state au = IL_AUDIO_NONE;
	char out[160];
	il_audio_state_parse(proto_get(m, "audio"), &au);
	const char *ur = proto_get(m, "underruns");
	int named = il_audio_describe(au, proto_get(m, "output"), proto_get(m, "sink"), ur && atol(ur) > 0, out,
				      sizeof out);
	printf("volume   %s%%, %s%s\n", proto_get(m, "volume"), named ? "output " : "", out);
	const char *sleep_left = proto_get(m, "sleep_left");
	if (held)
		printf("hold     on: this loop plays until released\n");
	if (sleep_left && atof(sleep_left) > 0) {
		char sl[48];
		remote_mmss(sl, sizeof sl, sleep_left);
		printf("sleep    stops in %s\n", sl);
	}
}

/* True when value looks like a JSON number (as the engine writes them). */
static int remote_is_number(const char *v)
{
	char *end;
	if (!*v || strchr(v, 'x') || strchr(v, 'n') || strchr(v, 'i'))
		return 0;
	strtod(v, &end);
	return *end == '\0' && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')) &&
	       !(v[0] == '0' && v[1] >= '0' && v[1] <= '9');
}

/* Print an event as one JSON object: {"event": VERB, KEY: VALUE...}. */
static void remote_print_json(const il_proto_msg *m)
{
	il_sbuf sb = SBUF_INIT;
	sbuf_puts(&sb, "{\"event\":");
	sbuf_put_json(&sb, m->verb);
	for (int k = 0; k < m->nfields; k++) {
		sbuf_putc(&sb, ',');
		sbuf_put_json(&sb, m->fields[k].key);
		sbuf_putc(&sb, ':');
		if (remote_is_number(m->fields[k].value))
			sbuf_puts(&sb, m->fields[k].value);
		else
			sbuf_put_json(&sb, m->fields[k].value);
	}
	sbuf_puts(&sb, "}\n");
	fputs(sbuf_str(&sb), stdout);
	sbuf_free(&sb);
}

/* Send all of sb on fd; -1 with err. */
static int remote_send(int fd, const il_sbuf *sb, il_err *err)
{
	for (size_t off = 0; off < sb->len;) {
		ssize_t w = write(fd, sb->buf + off, sb->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return il_err_errno(err, IL_E_IO, errno, "the station went away");
		off += (size_t)w;
	}
	return 0;
}

/* Wait for the next event (at most until the deadline); 1, or 0 with err. */
static int remote_next(int fd, il_proto_reader *rd, il_proto_msg *m, int64_t deadline, il_err *err)
{
	for (;;) {
		int rc = proto_reader_next(rd, m, err);
		if (rc == 1)
			return 1;
		if (rc < 0)
			continue; /* a line we cannot read: not ours to judge */
		if (rd->eof)
			return il_err_set(err, IL_E_STATE, "the station ended before it answered"), 0;
		int64_t left = deadline - time_mono_ms();
		struct pollfd p = { fd, POLLIN, 0 };
		if (left <= 0 || poll(&p, 1, (int)left) == 0)
			return il_err_set(err, IL_E_STATE, "the station did not answer within %d s",
					  REMOTE_WAIT_MS / 1000), 0;
		ssize_t r = proto_reader_read(rd, fd);
		if (r < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS)
			proto_reader_set_eof(rd);
	}
}

/* Send the request and a ping, and wait for the answer: the command's
 * answer event (or, when it has none, the pong); 0 or 1. */
static int remote_exchange(const il_opts *o, const remote_cmd *c, int fd, const il_sbuf *req, il_proto_msg *m)
{
	il_proto_reader rd;
	proto_reader_init(&rd);
	il_err err;
	int answers = 0;
	il_sbuf sb = SBUF_INIT;
	char by[160];
	sbuf_append(&sb, req->buf, req->len);
	sbuf_puts(&sb, "ping id=remote\n");
	int rc = remote_send(fd, &sb, &err);
	sbuf_free(&sb);
	int64_t deadline = time_mono_ms() + REMOTE_WAIT_MS;
	/* Answers come before the pong: the engine runs requests in order. */
	while (rc == 0) {
		if (!remote_next(fd, &rd, m, deadline, &err)) {
			rc = -1;
			break;
		}
		const char *verb = proto_get(m, "verb"), *code = proto_get(m, "code");
		if (!strcmp(m->verb, "error") && ((verb && !strcmp(verb, remote_verb(c))) ||
						  (code && !strcmp(code, "denied")))) {
			if (o->json)
				remote_print_json(m);
			else
				fprintf(stderr, "infiniloop-tui: %s: %s\n", c->name, proto_get(m, "msg"));
			return 1;
		}
		if (!strcmp(m->verb, "pong") && proto_get(m, "id") && !strcmp(proto_get(m, "id"), "remote"))
			break;
		if (!c->answer || strcmp(m->verb, c->answer))
			continue;
		if (!strcmp(m->verb, "bye")) /* quit: the last line it writes */
			break;
		answers++;
		if (o->json)
			remote_print_json(m);
		else if (!strcmp(m->verb, "favourite"))
			printf("%4s  %s%s, %s s at %s bpm, %s\n", proto_get(m, "id"), proto_get(m, "title"),
			       remote_by(m, by, sizeof by), proto_get(m, "loop_seconds"), proto_get(m, "bpm"),
			       *proto_get(m, "prompt") ? proto_get(m, "prompt") : "a file");
		else if (!strcmp(m->verb, "status"))
			remote_print_status(m);
		else if (!strcmp(m->verb, "saved"))
			printf("saved %s (%s frames)\n", proto_get(m, "path"), proto_get(m, "frames"));
		else if (!strcmp(m->verb, "setting"))
			printf("%s = %s\n", proto_get(m, "key"), proto_get(m, "value"));
	}
	if (rc != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		return 1;
	}
	if (o->json && !c->answer)
		printf("{\"ok\":true}\n");
	if (!o->json && !answers && c->none)
		printf("%s\n", c->none);
	return 0;
}

/* `events`: print every event (as sent, or as JSON) until the station
 * ends; 0 when it said `bye`, 1 when it went without. */
static int remote_stream(const il_opts *o, int fd, il_proto_msg *m)
{
	il_proto_reader rd;
	proto_reader_init(&rd);
	il_err err;
	int bye = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		int rc = proto_reader_next(&rd, m, &err);
		if (rc == 1) {
			if (o->json) {
				remote_print_json(m);
			} else {
				il_sbuf sb = SBUF_INIT;
				proto_fmt_begin(&sb, m->verb);
				for (int k = 0; k < m->nfields; k++)
					proto_fmt_str(&sb, m->fields[k].key, m->fields[k].value);
				proto_fmt_end(&sb);
				fputs(sbuf_str(&sb), stdout);
				sbuf_free(&sb);
			}
			bye |= !strcmp(m->verb, "bye");
			continue;
		}
		if (rc < 0)
			continue;
		if (rd.eof)
			return bye ? 0 : 1;
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return 1;
		ssize_t r = proto_reader_read(&rd, fd);
		if (r < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS)
			proto_reader_set_eof(&rd);
	}
}

/* --remote (see cli.h); exit status. */
int cli_remote(const il_opts *o)
{
	const char *name = o->files[0];
	if (!strcmp(name, "help")) {
		remote_help();
		return 0;
	}
	const remote_cmd *c = NULL;
	for (size_t k = 0; k < sizeof remote_cmds / sizeof remote_cmds[0]; k++)
		if (!strcmp(remote_cmds[k].name, name))
			c = &remote_cmds[k];
	int nargs = o->nfiles - 1;
	if (!c) {
		fprintf(stderr, "infiniloop-tui: --remote: unknown command '%s' ('--remote help' lists them)\n", name);
		return 2;
	}
	if (nargs < c->min_args || nargs > c->max_args) {
		fprintf(stderr, "infiniloop-tui: --remote %s takes %s%s\n", name,
			*c->synopsis ? "" : "no arguments", c->synopsis);
		return 2;
	}
	il_err err;
	il_sbuf req = SBUF_INIT;
	if (c->build(c, o->files + 1, nargs, &req, &err) != 0) {
		fprintf(stderr, "infiniloop-tui: %s\n", err.msg);
		sbuf_free(&req);
		return 2;
	}
	char path[IL_PATH_MAX];
	int fd = -1;
	if (paths_runtime_file("engine.sock", path, sizeof path, &err) == 0)
		fd = usock_connect(path, &err);
	if (fd < 0) {
		if (o->json)
			printf("{\"event\":\"error\",\"code\":\"state\",\"msg\":\"no station is running\"}\n");
		fprintf(stderr, "infiniloop-tui: %s\n", err.code == IL_E_STATE ? "no station is running (start one "
			"with infiniloop-tui or infiniloop-tui --daemon)" : err.msg);
		sbuf_free(&req);
		return 1;
	}
	il_proto_msg *m = malloc(sizeof *m);
	int rc = !m ? 1 : !strcmp(c->name, "events") ? remote_stream(o, fd, m) : remote_exchange(o, c, fd, &req, m);
	free(m);
	sbuf_free(&req);
	close(fd);
	return rc;
}

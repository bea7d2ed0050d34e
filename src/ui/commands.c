/* commands.c: the `:` commands, their completion, and the word splitter. */
#include "ui/commands.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/settings.h"
#include "ui/app.h"
#include "util/timeutil.h"

/* Split a line into words, shell-style quotes and backslashes. */
int commands_split(const char *line, char *buf, size_t n, char **argv, int max)
{
	size_t o = 0;
	int argc = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc == max || o >= n)
			return -1;
		argv[argc++] = buf + o;
		char q = 0;
		while (*p && (q || (*p != ' ' && *p != '\t'))) {
			if (o + 1 >= n)
				return -1;
			if (q && *p == q) {
				q = 0;
			} else if (!q && (*p == '\'' || *p == '"')) {
				q = *p;
			} else if (*p == '\\' && p[1] && q != '\'') {
				buf[o++] = *++p;
			} else {
				buf[o++] = *p;
			}
			p++;
		}
		if (q)
			return -1;
		buf[o++] = '\0';
	}
	return argc;
}

/* Add s to the candidates if it starts with the prefix and is new. */
static void commands_cand(il_commands_cands *cc, const char *s, size_t len)
{
	size_t pl = strlen(cc->prefix);
	if (cc->n >= COMMANDS_CANDS || len < pl || strncmp(s, cc->prefix, pl) || len >= sizeof cc->c[0])
		return;
	for (int k = 0; k < cc->n; k++)
		if (strlen(cc->c[k]) == len && !strncmp(cc->c[k], s, len))
			return;
	memcpy(cc->c[cc->n], s, len);
	cc->c[cc->n++][len] = '\0';
}

/* settings_each_choice callback: add one choice. */
static int commands_cand_choice(const char *word, size_t len, void *ud)
{
	commands_cand(ud, word, len);
	return 0;
}

/* Add every "a|b|c" choice as a candidate. */
static void commands_cand_choices(il_commands_cands *cc, const char *choices)
{
	settings_each_choice(choices, commands_cand_choice, cc);
}

/* :start PROMPT */
static int commands_start(il_ui_app *a, int argc, char **argv)
{
	char prompt[4 * CL_MAX + 8] = ""; /* the whole line: app_start says when it is too long */
	for (int k = 1; k < argc; k++) {
		size_t l = strlen(prompt);
		snprintf(prompt + l, sizeof prompt - l, "%s%s", k > 1 ? " " : "", argv[k]);
	}
	if (!prompt[0]) {
		app_msg(a, UIM_MSG_ERROR, "usage: start 'PROMPT'");
		return -1;
	}
	app_start(a, prompt);
	return 0;
}

/* :stop */
static int commands_stop(il_ui_app *a, int argc, char **argv)
{
	app_send_verb(a, "stop");
	a->station[0] = '\0'; /* a restarted engine stays stopped too */
	/* Generation stops with it: a Space pressed before the engine's own
	 * gen event arrives starts the station again, not "wait for it". */
	a->m.gen = GEN_STATE_STOPPED;
	app_dirty(a, UIM_D_GEN);
	app_msg(a, UIM_MSG_INFO, "stopping");
	return 0;
}

/* :status */
static int commands_status(il_ui_app *a, int argc, char **argv)
{
	if (app_send_verb(a, "status") == 0)
		a->status_echo = 1; /* shown when the answer comes */
	return 0;
}

/* :save FILE, :save! FILE (replaces an existing file without asking) */
static int commands_save(il_ui_app *a, int argc, char **argv)
{
	char path[1024];
	int force = argv[0][strlen(argv[0]) - 1] == '!';
	if (argc > 2) {
		app_msg(a, UIM_MSG_ERROR, "usage: save[!] FILE (quote a name with spaces)");
		return -1;
	}
	if (argc == 2)
		snprintf(path, sizeof path, "%s", argv[1]);
	else
		app_default_save_path(a, path, sizeof path);
	a->save_loop = 0; /* the loop playing now */
	app_save(a, path, force);
	return 0;
}

/* :play FILE */
static int commands_play(il_ui_app *a, int argc, char **argv)
{
	if (argc != 2) {
		app_msg(a, UIM_MSG_ERROR, "usage: play FILE (quote a name with spaces)");
		return -1;
	}
	app_play(a, argv[1]);
	return 0;
}

/* Completion of :save and :play: file names. */
static void commands_file_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn != 1)
		return;
	char pat[1040];
	snprintf(pat, sizeof pat, "%s*", cc->prefix);
	glob_t g;
	if (glob(pat, GLOB_MARK | GLOB_TILDE, NULL, &g) != 0)
		return;
	const char *prefix = cc->prefix;
	cc->prefix = "";
	for (size_t k = 0; k < g.gl_pathc; k++)
		commands_cand(cc, g.gl_pathv[k], strlen(g.gl_pathv[k]));
	cc->prefix = prefix;
	globfree(&g);
}

/* :set KEY VALUE */
static int commands_set(il_ui_app *a, int argc, char **argv)
{
	if (argc != 3) {
		char keys[512] = "";
		for (size_t k = 0; k < settings_ndefs; k++) {
			size_t l = strlen(keys);
			snprintf(keys + l, sizeof keys - l, "%s%s", k ? " " : "", settings_defs[k].key);
		}
		app_msg(a, UIM_MSG_ERROR, "usage: set KEY VALUE; keys: %s", keys);
		return -1;
	}
	const il_settings_def *d = settings_find(argv[1]);
	if (!d) {
		app_msg(a, UIM_MSG_ERROR, "unknown setting '%s'", argv[1]);
		return -1;
	}
	app_set_checked(a, d->key, argv[2]);
	return 0;
}

/* Completion of :set: keys and aliases from the settings table, then the
 * key's choices (or theme names). */
static void commands_set_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn == 1) {
		for (size_t k = 0; k < settings_ndefs; k++) {
			const il_settings_def *d = &settings_defs[k];
			commands_cand(cc, d->key, strlen(d->key));
			if (d->alias)
				commands_cand(cc, d->alias, strlen(d->alias));
		}
		return;
	}
	const il_settings_def *d = argn == 2 ? settings_find(words[1]) : NULL;
	if (!d)
		return;
	if (!strcmp(d->key, "theme")) {
		char names[COMMANDS_CANDS][64];
		int nn = theme_list(names, COMMANDS_CANDS);
		for (int k = 0; k < nn; k++)
			commands_cand(cc, names[k], strlen(names[k]));
	} else if (d->type == SETTING_BOOL) {
		commands_cand_choices(cc, "true|false");
	} else if (d->type == SETTING_CHOICE) {
		commands_cand_choices(cc, d->choices);
	}
}

/* :debug on|off */
static int commands_debug(il_ui_app *a, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off"))) {
		app_msg(a, UIM_MSG_ERROR, "usage: debug on|off");
		return -1;
	}
	app_send_kv(a, "debug", "on", strcmp(argv[1], "on") ? "0" : "1");
	return 0;
}

/* Completion of :debug. */
static void commands_debug_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn == 1)
		commands_cand_choices(cc, "on|off");
}

/* :validate current|next|both */
static int commands_validate(il_ui_app *a, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "current") && strcmp(argv[1], "next") && strcmp(argv[1], "both"))) {
		app_msg(a, UIM_MSG_ERROR, "usage: validate current|next|both");
		return -1;
	}
	app_send_kv(a, "validate", "which", argv[1]);
	return 0;
}

/* Completion of :validate. */
static void commands_validate_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn == 1)
		commands_cand_choices(cc, "current|next|both");
}

/* :hold [on|off] (no word: hold or let go) */
static int commands_hold(il_ui_app *a, int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "on") && strcmp(argv[1], "off"))) {
		app_msg(a, UIM_MSG_ERROR, "usage: hold [on|off]");
		return -1;
	}
	app_hold(a, argc == 1 ? -1 : !strcmp(argv[1], "on"));
	return 0;
}

/* Completion of :hold. */
static void commands_hold_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn == 1)
		commands_cand_choices(cc, "on|off");
}

/* :prev */
static int commands_prev(il_ui_app *a, int argc, char **argv)
{
	app_send_verb(a, "prev");
	return 0;
}

/* :skip (:next), :pause, :resume: the request of that name. */
static int commands_verb(il_ui_app *a, int argc, char **argv)
{
	const il_commands_def *c = commands_find(argv[0]);
	if (app_send_verb(a, c->name) == 0 && strcmp(c->name, "skip"))
		app_send_verb(a, "status"); /* the status row follows at once */
	return 0;
}

/* :volume N, :volume +N, :volume -N */
static int commands_volume(il_ui_app *a, int argc, char **argv)
{
	il_sbuf sb = SBUF_INIT;
	il_err err;
	if (argc != 2 || proto_fmt_volume(&sb, argv[1], &err) != 0) {
		app_msg(a, UIM_MSG_ERROR, "usage: volume N|+N|-N (0-100)");
		sbuf_free(&sb);
		return -1;
	}
	app_send_line(a, &sb);
	sbuf_free(&sb);
	return 0;
}

/* :sleep 45m|90|1h30m|30s|off */
static int commands_sleep(il_ui_app *a, int argc, char **argv)
{
	long secs;
	if (argc != 2 || time_parse_duration(argv[1], &secs) != 0) {
		app_msg(a, UIM_MSG_ERROR, "usage: sleep 45m|90|1h30m|30s|off (at most 24h)");
		return -1;
	}
	app_sleep(a, secs);
	return 0;
}

/* Completion of :sleep. */
static void commands_sleep_complete(il_ui_app *a, int argn, char **words, il_commands_cands *cc)
{
	if (argn == 1)
		commands_cand_choices(cc, "off|15m|30m|45m|1h|90m|2h");
}

/* :fav: mark the loop playing as a favourite (as f). */
static int commands_fav(il_ui_app *a, int argc, char **argv)
{
	app_favourite(a);
	return 0;
}

/* :favourites: the favourites, on the statistics screen. */
static int commands_favourites(il_ui_app *a, int argc, char **argv)
{
	app_set_screen(a, UI_SCREEN_STATS);
	return 0;
}

/* :help */
static int commands_help(il_ui_app *a, int argc, char **argv)
{
	overlay_open(a, UI_OVERLAY_HELP);
	return 0;
}

/* :messages */
static int commands_messages(il_ui_app *a, int argc, char **argv)
{
	overlay_open(a, UI_OVERLAY_MESSAGES);
	return 0;
}

/* :quit (asks whether the music stops too), :quit! (stops it). */
static int commands_quit(il_ui_app *a, int argc, char **argv)
{
	if (app_quit(a, strchr(argv[0], '!') ? APP_QUIT_STOP : APP_QUIT_ASK))
		entry_confirm_quit(a);
	return 0;
}

/* :detach: quit and leave the music playing. */
static int commands_detach(il_ui_app *a, int argc, char **argv)
{
	app_quit(a, APP_QUIT_DETACH);
	return 0;
}

const il_commands_def commands_table[] = {
	{ "start", NULL, "start 'PROMPT'", "generate loops from PROMPT and play them", commands_start, NULL, 0 },
	{ "stop", NULL, "stop", "stop playback and generation", commands_stop, NULL, 0 },
	{ "status", NULL, "status", "show the state in the status line", commands_status, NULL, 0 },
	{ "save", NULL, "save[!] FILE", "save the current loop with its loop points (.wav, .flac or "
	  ".ogg by the name); asks before replacing a file, save! replaces it", commands_save,
	  commands_file_complete, 1 },
	{ "play", NULL, "play FILE", "find the loop in an audio file and play it next, ahead of the "
	  "station's loops", commands_play, commands_file_complete, 0 },
	{ "set", NULL, "set KEY VALUE", "change a setting, saved at once (Tab lists the keys)",
	  commands_set, commands_set_complete, 0 },
	{ "debug", NULL, "debug on|off", "debug messages on or off for this run", commands_debug,
	  commands_debug_complete, 0 },
	{ "validate", NULL, "validate current|next|both", "check the loop files", commands_validate,
	  commands_validate_complete, 0 },
	{ "hold", NULL, "hold [on|off]", "keep the loop playing past the minimum duration, the next one "
	  "waiting (no word: hold or let go)", commands_hold, commands_hold_complete, 0 },
	{ "prev", NULL, "prev", "crossfade back to the previous loop (again: further back)", commands_prev,
	  NULL, 0 },
	{ "skip", "next", "skip, next", "crossfade to the next loop now (as n)", commands_verb, NULL, 0 },
	{ "pause", NULL, "pause", "pause the output (as Space)", commands_verb, NULL, 0 },
	{ "resume", NULL, "resume", "resume the output (as Space)", commands_verb, NULL, 0 },
	{ "volume", NULL, "volume N|+N|-N", "set the volume (0-100) or change it (as + and -)", commands_volume,
	  NULL, 0 },
	{ "sleep", NULL, "sleep 45m|90|1h30m|off", "stop the station after that long (a number alone is "
	  "minutes), fading out", commands_sleep, commands_sleep_complete, 0 },
	{ "fav", NULL, "fav", "mark the current loop as a favourite (as f)", commands_fav, NULL, 0 },
	{ "favourites", NULL, "favourites", "list the favourites (the statistics screen; Enter plays one)",
	  commands_favourites, NULL, 0 },
	{ "help", NULL, "help", "show keys and commands", commands_help, NULL, 0 },
	{ "messages", NULL, "messages", "show the messages (all that the bottom row said)",
	  commands_messages, NULL, 0 },
	{ "detach", NULL, "detach", "quit and leave the music playing", commands_detach, NULL, 0 },
	{ "quit", "q", "quit[!]", "quit; asks whether the music stops too, quit! stops it", commands_quit, NULL, 1 },
};
const size_t commands_count = sizeof commands_table / sizeof commands_table[0];

/* The command named name, its alias, or the only one name starts; NULL. */
const il_commands_def *commands_find(const char *name)
{
	size_t len = strlen(name);
	if (len > 1 && name[len - 1] == '!') {
		char plain[64];
		snprintf(plain, sizeof plain, "%.*s", (int)(len - 1), name);
		const il_commands_def *c = commands_find(plain);
		return c && c->bang ? c : NULL;
	}
	const il_commands_def *only = NULL;
	int starts = 0;
	for (size_t k = 0; k < commands_count; k++) {
		const il_commands_def *c = &commands_table[k];
		if (!strcmp(c->name, name) || (c->alias && !strcmp(c->alias, name)))
			return c;
		if (*name && !strncmp(c->name, name, strlen(name))) {
			only = c;
			starts++;
		}
	}
	return starts == 1 ? only : NULL;
}

/* Run one command line (without the ':'). */
int commands_run(il_ui_app *a, const char *line)
{
	char buf[4 * CL_MAX + 8];
	char *argv[COMMANDS_ARGS];
	int argc = commands_split(line, buf, sizeof buf, argv, COMMANDS_ARGS);
	if (argc < 0) {
		app_msg(a, UIM_MSG_ERROR, "unbalanced quote or too many words");
		return -1;
	}
	if (argc == 0)
		return 0;
	const il_commands_def *c = commands_find(argv[0]);
	if (!c) {
		app_msg(a, UIM_MSG_ERROR, "unknown command '%s' (try :help)", argv[0]);
		return -1;
	}
	return c->run(a, argc, argv);
}

/* Tab: complete the word before the cursor (see commands.h). */
void commands_complete(il_ui_app *a, il_cmdline *c, char *hint, size_t hn)
{
	int start = c->cur;
	while (start > 0 && c->buf[start - 1] != L' ')
		start--;
	char before[2048], upto[2048], all[4096], wbuf[2048];
	cmdline_text(c, start, before, sizeof before);
	cmdline_text(c, c->cur, upto, sizeof upto);
	cmdline_text(c, -1, all, sizeof all);
	char *words[COMMANDS_ARGS];
	int nw = commands_split(before, wbuf, sizeof wbuf, words, COMMANDS_ARGS);
	hint[0] = '\0';
	if (nw < 0)
		return;
	il_commands_cands cc = { .n = 0, .prefix = upto + strlen(before) };
	if (nw == 0) {
		for (size_t k = 0; k < commands_count; k++)
			commands_cand(&cc, commands_table[k].name, strlen(commands_table[k].name));
	} else {
		const il_commands_def *cmd = commands_find(words[0]);
		if (cmd && cmd->complete)
			cmd->complete(a, nw, words, &cc);
	}
	if (cc.n == 0) {
		snprintf(hint, hn, "no completion for '%s'", cc.prefix);
		return;
	}
	size_t common = strlen(cc.c[0]);
	for (int k = 1; k < cc.n; k++) {
		size_t j = 0;
		while (j < common && cc.c[k][j] == cc.c[0][j])
			j++;
		common = j;
	}
	int done = cc.n == 1 && common > 0 && cc.c[0][common - 1] != '/';
	char line[4096 + 256];
	snprintf(line, sizeof line, "%s%.*s%s", before, (int)common, cc.c[0], done ? " " : "");
	cmdline_set_text(c, line);
	int cur = c->len;
	size_t l = strlen(line);
	snprintf(line + l, sizeof line - l, "%s", all + strlen(upto));
	cmdline_set_text(c, line);
	c->cur = cur;
	for (int k = 0; cc.n > 1 && k < cc.n; k++) {
		size_t hl = strlen(hint);
		snprintf(hint + hl, hn - hl, "%s%s", k ? "  " : "", cc.c[k]);
	}
}

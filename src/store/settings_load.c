/* settings_load.c: reading the config and state files, and the one loader
 * every mode uses (settings_load_for). */
#include "store/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/cfgcheck.h"
#include "store/settings_internal.h"

/* Read a whole file into sb; 0, or -1 with errno set. */
int settings_read_text(const char *path, il_sbuf *sb, size_t limit)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	char buf[8192];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0 && sb->len <= limit)
		sbuf_append(sb, buf, (size_t)r);
	int e = errno;
	close(fd);
	if (r < 0)
		return errno = e, -1;
	if (sb->len > limit)
		return errno = EFBIG, -1;
	return sb->oom ? (errno = ENOMEM, -1) : 0;
}

/* The longest string literal in config text, in bytes, and the number of
 * named settings (guards against the parser's cost, which grows with the
 * square of a literal's length and of a group's number of names). */
static size_t settings_longest_literal(const char *t, size_t n, int *line, size_t *names)
{
	size_t longest = 0;
	int ln = 1;
	*names = 0;
	for (size_t i = 0; i < n;) {
		size_t j = settings_skip_blank(t, n, i);
		for (; i < j; i++)
			ln += t[i] == '\n';
		if (i >= n)
			break;
		if (t[i] == '"') {
			j = settings_skip_string(t, n, i);
			if (j - i > longest) {
				longest = j - i;
				*line = ln;
			}
			for (; i < j; i++)
				ln += t[i] == '\n';
		} else {
			*names += t[i] == '=' || t[i] == ':';
			i++;
		}
	}
	return longest;
}

/* Read one scalar setting's text from cs into out; 0 or -1 when of a wrong type. */
static int settings_scalar_text(const config_setting_t *cs, char *out, size_t n)
{
	switch (config_setting_type(cs)) {
	case CONFIG_TYPE_INT:
		snprintf(out, n, "%d", config_setting_get_int(cs));
		return 0;
	case CONFIG_TYPE_INT64:
		snprintf(out, n, "%lld", config_setting_get_int64(cs));
		return 0;
	case CONFIG_TYPE_FLOAT:
		snprintf(out, n, "%.17g", config_setting_get_float(cs));
		return 0;
	case CONFIG_TYPE_BOOL:
		snprintf(out, n, "%s", config_setting_get_bool(cs) ? "true" : "false");
		return 0;
	case CONFIG_TYPE_STRING:
		snprintf(out, n, "%s", config_setting_get_string(cs));
		return 0;
	default:
		return -1;
	}
}

/* Name of a libconfig type for messages. */
static const char *settings_type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group";
	case CONFIG_TYPE_ARRAY: return "an array";
	case CONFIG_TYPE_LIST: return "a list";
	default: return "a value";
	}
}

/* Apply one list entry of the file (command, on_loop, presets), noting problems. */
static void settings_list_entry(il_settings *s, const il_settings_def *d, const config_setting_t *cs,
				const char *path, il_sbuf *notes)
{
	il_err e;
	if (settings_list_from(s, d, cs, path, notes, &e) == 0)
		return;
	if (notes)
		sbuf_printf(notes, "%s:%d: %s; %s\n", path, config_setting_source_line(cs), e.msg,
			    d->type == SETTING_PRESETS ? "shipped presets used" : "ignored");
	s->file_had_problems = 1;
}

/* Apply one scalar entry of the file, noting problems (default kept). */
static void settings_scalar_entry(il_settings *s, const il_settings_def *d, const config_setting_t *cs,
				  const char *path, il_sbuf *notes)
{
	const char *name = config_setting_name(cs), *def = d->def[0] ? d->def : "(empty)";
	int line = config_setting_source_line(cs);
	char text[SETTINGS_STR_MAX + 64];
	il_err e;
	if (settings_scalar_text(cs, text, sizeof text) != 0) {
		if (notes)
			sbuf_printf(notes, "%s:%d: %s is %s, expected a single value; using default %s\n",
				    path, line, name, settings_type_name(config_setting_type(cs)), def);
		s->file_had_problems = 1;
		return;
	}
	int is_text = config_setting_type(cs) == CONFIG_TYPE_STRING;
	int wants_text = d->type == SETTING_STRING || d->type == SETTING_CHOICE;
	if (is_text != wants_text && d->type != SETTING_BOOL) {
		if (notes)
			sbuf_printf(notes, "%s:%d: %s must be %s; using default %s\n", path, line, name,
				    wants_text ? "a quoted string" : "a number", def);
		s->file_had_problems = 1;
		return;
	}
	if (settings_apply(s, d, text, &e) != 0) {
		if (notes)
			sbuf_printf(notes, "%s:%d: %s; using default %s\n", path, line, e.msg, def);
		s->file_had_problems = 1;
		settings_apply(s, d, d->def, NULL);
	}
}

/* Apply the parsed file cfg to s, noting every problem. From the state
 * file (state set) only state keys count; the config takes both (older
 * versions kept the state there). */
static void settings_from_config(il_settings *s, config_t *cfg, const char *path, int state,
				 il_sbuf *notes)
{
	config_setting_t *root = config_root_setting(cfg);
	int count = config_setting_length(root);
	for (int i = 0; i < count; i++) {
		config_setting_t *cs = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(cs);
		if (!name)
			continue;
		const il_settings_def *d = settings_find(name);
		if (!d || (state && d->store != SETTING_IN_STATE)) {
			if (notes)
				sbuf_printf(notes, "%s:%d: unknown setting '%s' ignored\n", path,
					    config_setting_source_line(cs), name);
			continue;
		}
		if (d->type == SETTING_ARGV || d->type == SETTING_PRESETS)
			settings_list_entry(s, d, cs, path, notes);
		else
			settings_scalar_entry(s, d, cs, path, notes);
	}
}

/* Apply config text over s (see settings_internal.h). */
int settings_from_text(il_settings *s, const char *text)
{
	config_t cfg;
	config_init(&cfg);
	config_set_options(&cfg, CONFIG_OPTION_AUTOCONVERT);
	int rc = config_read_string(&cfg, text) == CONFIG_TRUE ? 0 : -1;
	if (rc == 0)
		settings_from_config(s, &cfg, "", 0, NULL);
	config_destroy(&cfg);
	return rc;
}

/* Parse the file at path over s; a file that cannot be used is noted and
 * marked broken (never written); always 0. */
static int settings_read(il_settings *s, const char *path, int state, il_sbuf *notes)
{
	il_sbuf text = SBUF_INIT;
	if (settings_read_text(path, &text, SETTINGS_FILE_MAX) != 0) {
		int e = errno;
		sbuf_free(&text);
		s->file_broken = !state;
		if (e == EISDIR || e == EINVAL || e == EFBIG) {
			if (notes)
				sbuf_printf(notes, "%s: %s; using defaults, nothing saved\n", path,
					    e == EISDIR ? "is a directory, not a settings file"
					    : e == EFBIG ? "is larger than 4 MB, not a settings file"
							 : "is not a regular file");
			return 0;
		}
		if (notes)
			sbuf_printf(notes, "%s: cannot read the settings file (%s); using defaults, nothing saved\n",
				    path, strerror(e));
		return 0;
	}
	int line = 0;
	size_t names;
	size_t longest = settings_longest_literal(text.buf ? text.buf : "", text.len, &line, &names);
	sbuf_free(&text);
	if (names > SETTINGS_NAMES_MAX) {
		s->file_broken = !state;
		if (notes)
			sbuf_printf(notes, "%s: %zu settings (a settings file has far fewer than %d); "
				    "using defaults, your file is left as it is\n", path, names,
				    SETTINGS_NAMES_MAX);
		return 0;
	}
	if (longest > SETTINGS_LITERAL_MAX) {
		s->file_broken = !state;
		if (notes)
			sbuf_printf(notes, "%s:%d: a string of %zu bytes (no setting takes more than %d); "
				    "using defaults, your file is left as it is\n", path, line, longest,
				    SETTINGS_STR_MAX - 1);
		return 0;
	}
	il_err ce;
	if (cfgcheck_file(path, &ce) != 0) { /* an @include of a FIFO would block */
		s->file_broken = !state;
		if (notes)
			sbuf_printf(notes, "%s; using defaults, nothing saved\n", ce.msg);
		return 0;
	}
	config_t cfg;
	config_init(&cfg);
	config_set_options(&cfg, CONFIG_OPTION_AUTOCONVERT);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		s->file_broken = !state;
		if (notes) {
			if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
				sbuf_printf(notes, "%s: cannot read the settings file; using defaults, nothing saved\n",
					    path);
			else
				sbuf_printf(notes, "%s:%d: %s; using defaults, your file is left as it is\n",
					    config_error_file(&cfg) ? config_error_file(&cfg) : path,
					    config_error_line(&cfg), config_error_text(&cfg));
		}
		config_destroy(&cfg);
		return 0;
	}
	settings_from_config(s, &cfg, path, state, notes);
	config_destroy(&cfg);
	return 0;
}

/* Load the config at path into s (see settings.h). */
int settings_load(il_settings *s, const char *path, il_sbuf *notes, il_err *err)
{
	settings_defaults(s);
	if (strlen(path) >= sizeof s->path)
		return il_err_set(err, IL_E_IO, "settings path too long: %s", path);
	snprintf(s->path, sizeof s->path, "%s", path);
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return il_err_errno(err, IL_E_IO, errno, "cannot read settings %s", path);
		il_err e;
		if (settings_save(s, &e) != 0 && notes)
			sbuf_printf(notes, "%s: could not create the settings file (%s); using defaults\n",
				    path, e.msg);
		return 0;
	}
	(void)err;
	return settings_read(s, path, 0, notes);
}

/* Read the state file at path over s (see settings.h). */
int settings_state_load(il_settings *s, const char *path, il_sbuf *notes, il_err *err)
{
	if (strlen(path) >= sizeof s->state_path)
		return il_err_set(err, IL_E_IO, "state path too long: %s", path);
	snprintf(s->state_path, sizeof s->state_path, "%s", path);
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	return settings_read(s, path, 1, notes);
}

/* The one loader: files, then the one-run overrides (see settings.h). */
int settings_load_for(const il_opts *o, il_settings_need need, il_settings *s, il_sbuf *notes,
		      il_err *err)
{
	char path[IL_PATH_MAX];
	settings_defaults(s);
	if (o->config)
		snprintf(path, sizeof path, "%s", o->config);
	else if (paths_config_file(path, sizeof path, err) != 0)
		return need == SETTINGS_FOR_ANALYZE ? 0 : -1;
	if (need == SETTINGS_FOR_ANALYZE && access(path, R_OK) != 0) {
		/* never create a settings file just to analyze a file */
	} else {
		settings_free(s);
		if (settings_load(s, path, notes, err) != 0)
			return -1;
	}
	if (need == SETTINGS_FOR_ENGINE) {
		char state[IL_PATH_MAX];
		if (paths_state_file(state, sizeof state, err) != 0 ||
		    settings_state_load(s, state, notes, err) != 0)
			return -1;
	}
	struct { const char *key, *val; } ov[] = {
		{ "backend", o->backend }, { "model", o->model }, { "output", o->output },
		{ "theme", o->theme },
	};
	for (size_t k = 0; k < sizeof ov / sizeof ov[0]; k++)
		if (ov[k].val && settings_set(s, ov[k].key, ov[k].val, err) != 0)
			return -1;
	if (o->duration > 0)
		s->duration = o->duration;
	if (o->seed >= 0)
		s->seed = o->seed;
	return 0;
}

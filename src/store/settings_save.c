/* settings_save.c: writing the config file (whole on a first run, one
 * key at a time after `set`: the file on disk is edited in place, its
 * comments and other keys kept) and the state file. */
#include "store/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/settings_internal.h"
#include "util/outfile.h"

#define SETTINGS_INCLUDE_DEPTH 8

/* Skip blanks, line breaks and comments (#, //, slash-star) from i. */
size_t settings_skip_blank(const char *t, size_t n, size_t i)
{
	while (i < n) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n' || t[i] == '\f') {
			i++;
		} else if (t[i] == '#' || (t[i] == '/' && i + 1 < n && t[i + 1] == '/')) {
			while (i < n && t[i] != '\n')
				i++;
		} else if (t[i] == '/' && i + 1 < n && t[i + 1] == '*') {
			const char *e = strstr(t + i + 2, "*/");
			i = e ? (size_t)(e - t) + 2 : n;
		} else {
			break;
		}
	}
	return i;
}

/* Skip one string literal starting at the quote at i; returns the index
 * after its closing quote (n when unterminated). */
size_t settings_skip_string(const char *t, size_t n, size_t i)
{
	for (i++; i < n && t[i] != '"'; i++)
		if (t[i] == '\\' && i + 1 < n)
			i++;
	return i < n ? i + 1 : n;
}

/* Skip the digits of base (10 or 16) from i. */
static size_t settings_skip_digits(const char *t, size_t n, size_t i, int hex)
{
	while (i < n && ((t[i] >= '0' && t[i] <= '9') ||
			 (hex && ((t[i] >= 'a' && t[i] <= 'f') || (t[i] >= 'A' && t[i] <= 'F')))))
		i++;
	return i;
}

/* Skip one scalar token as libconfig reads it: a number (sign, hex or
 * decimal digits, fraction, exponent, L suffix) or a word (true, false). */
static size_t settings_skip_scalar(const char *t, size_t n, size_t i)
{
	if (i < n && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) {
		while (i < n && (t[i] == '_' || t[i] == '-' || t[i] == '*' || (t[i] >= 'a' && t[i] <= 'z') ||
				 (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9')))
			i++;
		return i;
	}
	if (i < n && (t[i] == '-' || t[i] == '+'))
		i++;
	if (i + 1 < n && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X')) {
		i = settings_skip_digits(t, n, i + 2, 1);
	} else {
		i = settings_skip_digits(t, n, i, 0);
		if (i < n && t[i] == '.')
			i = settings_skip_digits(t, n, i + 1, 0);
		if (i < n && (t[i] == 'e' || t[i] == 'E')) {
			size_t j = i + 1;
			if (j < n && (t[j] == '-' || t[j] == '+'))
				j++;
			if (j < n && t[j] >= '0' && t[j] <= '9')
				i = settings_skip_digits(t, n, j, 0);
		}
	}
	while (i < n && (t[i] == 'L' || t[i] == 'l'))
		i++;
	return i;
}

/* Skip one value (scalar, adjacent strings, or a bracketed aggregate). */
static size_t settings_skip_value(const char *t, size_t n, size_t i)
{
	if (i < n && t[i] == '"') {
		for (;;) {
			i = settings_skip_string(t, n, i);
			size_t j = settings_skip_blank(t, n, i);
			if (j >= n || t[j] != '"')
				return i;
			i = j;
		}
	}
	if (i < n && strchr("[({", t[i])) {
		int depth = 0;
		while (i < n) {
			if (t[i] == '"') {
				i = settings_skip_string(t, n, i);
				continue;
			}
			size_t j = settings_skip_blank(t, n, i);
			if (j != i) {
				i = j;
				continue;
			}
			if (strchr("[({", t[i]))
				depth++;
			else if (strchr("])}", t[i]) && --depth == 0)
				return i + 1;
			i++;
		}
		return n;
	}
	return settings_skip_scalar(t, n, i);
}

/* True when config text ends inside a block comment (libconfig reads one
 * left open as running to the end). */
static int settings_open_comment(const char *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (t[i] == '"') {
			i = settings_skip_string(t, n, i);
		} else if (t[i] == '#' || (t[i] == '/' && i + 1 < n && t[i + 1] == '/')) {
			while (i < n && t[i] != '\n')
				i++;
		} else if (t[i] == '/' && i + 1 < n && t[i + 1] == '*') {
			const char *e = strstr(t + i + 2, "*/");
			if (!e)
				return 1;
			i = (size_t)(e - t) + 2;
		} else {
			i++;
		}
	}
	return 0;
}

/* Find the top-level entry named key or alias in config text: [*start,
 * *end) covers name, value and terminator. 1 found, 0 not, -1 unreadable. */
static int settings_find_entry(const char *t, size_t n, const char *key, const char *alias,
			       size_t *start, size_t *end)
{
	size_t i = 0;
	for (;;) {
		i = settings_skip_blank(t, n, i);
		if (i >= n)
			return 0;
		if (t[i] == '@') { /* @include "file" */
			while (i < n && t[i] != '\n')
				i++;
			continue;
		}
		size_t s = i;
		while (i < n && (t[i] == '_' || t[i] == '-' || t[i] == '*' || (t[i] >= 'a' && t[i] <= 'z') ||
				 (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9')))
			i++;
		size_t namelen = i - s;
		i = settings_skip_blank(t, n, i);
		if (namelen == 0 || i >= n || (t[i] != '=' && t[i] != ':'))
			return -1;
		i = settings_skip_value(t, n, settings_skip_blank(t, n, i + 1));
		size_t j = i;
		while (j < n && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j < n && (t[j] == ';' || t[j] == ','))
			i = j + 1;
		if ((strlen(key) == namelen && !strncmp(t + s, key, namelen)) ||
		    (alias && strlen(alias) == namelen && !strncmp(t + s, alias, namelen))) {
			*start = s;
			*end = i;
			return 1;
		}
	}
}

/* Resolve symlinks at path (the file itself, hop by hop) into out. */
static int settings_target(const char *path, char *out, size_t n, il_err *err)
{
	char cur[IL_PATH_MAX];
	snprintf(cur, sizeof cur, "%s", path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
			snprintf(out, n, "%s", cur);
			return 0;
		}
		char link[IL_PATH_MAX];
		ssize_t r = readlink(cur, link, sizeof link - 1);
		if (r < 0)
			return il_err_errno(err, IL_E_IO, errno, "cannot read the link %s", cur);
		link[r] = '\0';
		char *slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			snprintf(cur, sizeof cur, "%s", link);
		} else {
			slash[1] = '\0';
			char next[IL_PATH_MAX];
			if (snprintf(next, sizeof next, "%s%s", cur, link) >= (int)sizeof next)
				return il_err_set(err, IL_E_IO, "path too long: %s", link);
			snprintf(cur, sizeof cur, "%s", next);
		}
	}
	return il_err_set(err, IL_E_IO, "too many symbolic links at %s", path);
}

/* Write text to path atomically, keeping the mode of the file it replaces
 * (util/outfile.h: a new name or a regular file replaced whole; a device or
 * FIFO written through, never replaced). */
static int settings_write_atomic(const char *path, const char *text, size_t len, il_err *err)
{
	return outfile_write(path, text, len, 0666, OUTFILE_REPLACE | OUTFILE_KEEP_MODE, err);
}

/* Make the folder of path (0700 when new). */
static int settings_mkdir_for(const char *path, il_err *err)
{
	char dir[IL_PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	return paths_mkdir_p(dir, 0700, err);
}

/* Copy the file at path to path.bak (atomically); 0 or -1 with err. */
static int settings_backup(const char *path, il_err *err)
{
	il_sbuf sb = SBUF_INIT;
	if (settings_read_text(path, &sb, SETTINGS_FILE_MAX) != 0) {
		int e = errno;
		sbuf_free(&sb);
		return e == ENOENT ? 0 : il_err_errno(err, IL_E_IO, e, "cannot read %s", path);
	}
	char bak[IL_PATH_MAX + 8];
	snprintf(bak, sizeof bak, "%s.bak", path);
	int rc = settings_write_atomic(bak, sbuf_str(&sb), sb.len, err);
	sbuf_free(&sb);
	return rc;
}

/* Append one key's comment and "key = value;" line. */
static void settings_render_key(const il_settings *s, const il_settings_def *d, il_sbuf *sb)
{
	if (d->type == SETTING_ARGV || d->type == SETTING_PRESETS)
		sbuf_printf(sb, "# %s\n%s = ", d->comment, d->key);
	else
		sbuf_printf(sb, "# %s Default: %s\n%s = ", d->comment, d->def[0] ? d->def : "(empty)",
			    d->key);
	settings_put_value(s, d, sb);
	sbuf_puts(sb, ";\n");
}

/* Render the whole config file (comments included) into sb. */
void settings_render(const il_settings *s, il_sbuf *sb)
{
	sbuf_puts(sb, "# infiniloop-tui settings (libconfig format).\n"
		      "# Edit freely; infiniloop-tui checks every value and says which line is wrong.\n"
		      "# Keys left out take their defaults. See infiniloop-tui(1), section SETTINGS.\n"
		      "# The volume and the last prompt are kept in the state file\n"
		      "# ($XDG_STATE_HOME/infiniloop/state), not here.\n");
	for (size_t k = 0; k < settings_ndefs; k++) {
		if (settings_defs[k].store != SETTING_IN_CONFIG)
			continue;
		sbuf_putc(sb, '\n');
		settings_render_key(s, &settings_defs[k], sb);
	}
}

/* Write s to s->path as a whole (see settings.h). */
int settings_save(il_settings *s, il_err *err)
{
	if (!s->path[0])
		return il_err_set(err, IL_E_IO, "no settings file to save to");
	if (s->file_broken)
		return il_err_set(err, IL_E_IO, "not saving: %s has errors; fix or move it, changes last until exit",
				  s->path);
	char target[IL_PATH_MAX];
	if (settings_target(s->path, target, sizeof target, err) != 0)
		return -1;
	if (s->file_had_problems && !s->backed_up) {
		if (settings_backup(target, err) != 0)
			return -1;
		s->backed_up = 1;
	}
	if (settings_mkdir_for(target, err) != 0)
		return -1;
	il_sbuf sb = SBUF_INIT;
	settings_render(s, &sb);
	int rc = sb.oom ? il_err_set(err, IL_E_INTERNAL, "out of memory")
			: settings_write_atomic(target, sbuf_str(&sb), sb.len, err);
	sbuf_free(&sb);
	return rc;
}

/* True when edited config text parses and gives d the value s has. */
static int settings_edit_ok(const il_settings *s, const il_settings_def *d, const char *text)
{
	il_settings t;
	settings_defaults(&t);
	il_sbuf want = SBUF_INIT, got = SBUF_INIT;
	int ok = settings_from_text(&t, text) == 0;
	if (ok) {
		settings_put_value(s, d, &want);
		settings_put_value(&t, d, &got);
		ok = !want.oom && !got.oom && want.len == got.len && !memcmp(want.buf, got.buf, want.len);
	}
	sbuf_free(&want);
	sbuf_free(&got);
	settings_free(&t);
	return ok;
}

/* Replace (or append) d's entry in the file at path with s's value; a key
 * that an @include'd file sets is changed in that file. */
static int settings_edit_file(il_settings *s, const il_settings_def *d, const char *path, int depth,
			      il_err *err)
{
	char target[IL_PATH_MAX];
	if (settings_target(path, target, sizeof target, err) != 0)
		return -1;
	il_sbuf text = SBUF_INIT, out = SBUF_INIT;
	int rc = -1;
	if (settings_read_text(target, &text, SETTINGS_FILE_MAX) != 0) {
		if (errno != ENOENT) {
			il_err_errno(err, IL_E_IO, errno, "cannot read %s", target);
			goto done;
		}
	}
	config_t cfg;
	config_init(&cfg);
	if (config_read_file(&cfg, target) != CONFIG_TRUE && text.len) {
		il_err_set(err, IL_E_IO, "not saving: %s:%d: %s; fix it, changes last until exit", target,
			   config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		goto done;
	}
	size_t start, end;
	int found = settings_find_entry(sbuf_str(&text), text.len, d->key, d->alias, &start, &end);
	if (found < 0) {
		il_err_set(err, IL_E_IO, "not saving: cannot find my way around %s; set %s there by hand",
			   target, d->key);
		config_destroy(&cfg);
		goto done;
	}
	if (!found && depth < SETTINGS_INCLUDE_DEPTH) {
		config_setting_t *cs = config_lookup(&cfg, d->key);
		if (!cs && d->alias)
			cs = config_lookup(&cfg, d->alias);
		const char *from = cs ? config_setting_source_file(cs) : NULL;
		if (from && strcmp(from, target) != 0) {
			char inc[IL_PATH_MAX];
			snprintf(inc, sizeof inc, "%s", from);
			config_destroy(&cfg);
			rc = settings_edit_file(s, d, inc, depth + 1, err);
			goto done;
		}
	}
	config_destroy(&cfg);
	if (found) {
		sbuf_append(&out, text.buf, start);
		sbuf_printf(&out, "%s = ", d->key);
		settings_put_value(s, d, &out);
		sbuf_putc(&out, ';');
		sbuf_append(&out, text.buf + end, text.len - end);
	} else {
		sbuf_append(&out, sbuf_str(&text), text.len);
		if (settings_open_comment(sbuf_str(&text), text.len))
			sbuf_puts(&out, "*/");
		if (out.len && out.buf[out.len - 1] != '\n')
			sbuf_putc(&out, '\n');
		sbuf_puts(&out, out.len ? "\n" : "");
		settings_render_key(s, d, &out);
	}
	if (out.oom)
		il_err_set(err, IL_E_INTERNAL, "out of memory");
	else if (!settings_edit_ok(s, d, sbuf_str(&out)))
		il_err_set(err, IL_E_IO, "not saving: %s is written in a way I cannot edit safely; set %s there by hand",
			   target, d->key);
	else if (settings_mkdir_for(target, err) == 0)
		rc = settings_write_atomic(target, sbuf_str(&out), out.len, err);
done:
	sbuf_free(&text);
	sbuf_free(&out);
	return rc;
}

/* Write one configuration key (see settings.h). */
int settings_save_key(il_settings *s, const il_settings_def *d, il_err *err)
{
	if (d->store == SETTING_IN_STATE)
		return settings_state_save(s, err);
	if (!s->path[0])
		return il_err_set(err, IL_E_IO, "no settings file to save to");
	if (s->file_broken)
		return il_err_set(err, IL_E_IO, "not saving: %s has errors; fix or move it, changes last until exit",
				  s->path);
	if (s->file_had_problems && !s->backed_up) {
		char target[IL_PATH_MAX];
		if (settings_target(s->path, target, sizeof target, err) != 0 ||
		    settings_backup(target, err) != 0)
			return -1;
		s->backed_up = 1;
	}
	return settings_edit_file(s, d, s->path, 0, err);
}

/* Write the runtime state (see settings.h). */
int settings_state_save(const il_settings *s, il_err *err)
{
	if (!s->state_path[0])
		return 0;
	il_sbuf sb = SBUF_INIT;
	sbuf_puts(&sb, "# infiniloop-tui runtime state, rewritten as the station runs.\n"
		       "# Settings belong in the config file; see infiniloop-tui(1), FILES.\n");
	for (size_t k = 0; k < settings_ndefs; k++) {
		const il_settings_def *d = &settings_defs[k];
		if (d->store != SETTING_IN_STATE)
			continue;
		sbuf_printf(&sb, "%s = ", d->key);
		settings_put_value(s, d, &sb);
		sbuf_puts(&sb, ";\n");
	}
	char target[IL_PATH_MAX];
	int rc = settings_target(s->state_path, target, sizeof target, err);
	if (rc == 0)
		rc = settings_mkdir_for(target, err);
	if (rc == 0)
		rc = sb.oom ? il_err_set(err, IL_E_INTERNAL, "out of memory")
			    : settings_write_atomic(target, sbuf_str(&sb), sb.len, err);
	sbuf_free(&sb);
	return rc;
}

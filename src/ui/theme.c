/* theme.c: colour roles, theme files (libconfig) and the colour fallback. */
#include "ui/theme.h"

#include <dirent.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cfgcheck.h"
#include "store/paths.h"

static const char *const theme_role_names[ROLE_COUNT] = {
	"normal", "header", "tab", "tab_active", "border", "panel_title", "label",
	"value", "dim", "selection", "status", "hint_key", "hint_text", "info",
	"warn", "error", "ok", "progress", "progress_bg", "spectrum_low",
	"spectrum_mid", "spectrum_high", "waveform", "marker", "chart",
};

static const char *const theme_color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow", "brightblue",
	"brightmagenta", "brightcyan", "brightwhite",
};

/* RGB of the 16 basic colours (xterm defaults), for 256 -> 16. */
static const int theme_basic_rgb[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/* Set one role of t. */
static void theme_set(il_theme *t, il_theme_role r, int fg, int bg, unsigned attrs, unsigned mono)
{
	t->roles[r] = (il_theme_color){ fg, bg, attrs, mono };
}

/* The built-in colours (used when no theme file is found). */
void theme_builtin(il_theme *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "built-in");
	theme_set(t, ROLE_NORMAL, -1, -1, 0, 0);
	theme_set(t, ROLE_HEADER, 15, 4, THEME_A_BOLD, THEME_A_REVERSE);
	theme_set(t, ROLE_TAB, 7, 4, 0, THEME_A_REVERSE);
	theme_set(t, ROLE_TAB_ACTIVE, 0, 6, THEME_A_BOLD, THEME_A_BOLD | THEME_A_UNDERLINE);
	theme_set(t, ROLE_BORDER, 4, -1, 0, 0);
	theme_set(t, ROLE_PANEL_TITLE, 14, -1, THEME_A_BOLD, THEME_A_BOLD);
	theme_set(t, ROLE_LABEL, 6, -1, 0, 0);
	theme_set(t, ROLE_VALUE, -1, -1, THEME_A_BOLD, THEME_A_BOLD);
	theme_set(t, ROLE_DIM, 8, -1, 0, THEME_A_DIM);
	theme_set(t, ROLE_SELECTION, 0, 6, 0, THEME_A_REVERSE);
	theme_set(t, ROLE_STATUS, 15, 4, 0, THEME_A_REVERSE);
	theme_set(t, ROLE_HINT_KEY, 0, 6, THEME_A_BOLD, THEME_A_REVERSE);
	theme_set(t, ROLE_HINT_TEXT, -1, -1, 0, 0);
	theme_set(t, ROLE_INFO, 2, -1, 0, 0);
	theme_set(t, ROLE_WARN, 3, -1, THEME_A_BOLD, THEME_A_BOLD);
	theme_set(t, ROLE_ERROR, 9, -1, THEME_A_BOLD, THEME_A_BOLD | THEME_A_REVERSE);
	theme_set(t, ROLE_OK, 10, -1, THEME_A_BOLD, THEME_A_BOLD);
	theme_set(t, ROLE_PROGRESS, 6, -1, 0, THEME_A_REVERSE);
	theme_set(t, ROLE_PROGRESS_BG, 8, -1, 0, 0);
	theme_set(t, ROLE_SPECTRUM_LOW, 2, -1, 0, 0);
	theme_set(t, ROLE_SPECTRUM_MID, 3, -1, 0, 0);
	theme_set(t, ROLE_SPECTRUM_HIGH, 1, -1, THEME_A_BOLD, THEME_A_BOLD);
	theme_set(t, ROLE_WAVEFORM, 6, -1, 0, 0);
	theme_set(t, ROLE_MARKER, 11, -1, THEME_A_BOLD, THEME_A_BOLD | THEME_A_REVERSE);
	theme_set(t, ROLE_CHART, 5, -1, 0, 0);
}

/* Parse a colour: default, a name, 0-255 or #rrggbb; 0 or -1. */
int theme_parse_color(const char *s, int *out)
{
	if (!s)
		return -1;
	if (!strcmp(s, "default") || !strcmp(s, "-1")) {
		*out = -1;
		return 0;
	}
	for (int k = 0; k < 16; k++) {
		if (!strcmp(s, theme_color_names[k])) {
			*out = k;
			return 0;
		}
	}
	if (!strcmp(s, "gray") || !strcmp(s, "grey")) {
		*out = 8;
		return 0;
	}
	char *end;
	if (s[0] == '#' && strlen(s) == 7) {
		long v = strtol(s + 1, &end, 16);
		if (*end || v < 0)
			return -1;
		*out = THEME_RGB | (int)v;
		return 0;
	}
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 0 || v > 255)
		return -1;
	*out = (int)v;
	return 0;
}

/* The RGB value of an xterm-256 colour index. */
static int theme_index_rgb(int c)
{
	if (c < 16)
		return theme_basic_rgb[c];
	if (c >= 232) {
		int g = 8 + 10 * (c - 232);
		return g << 16 | g << 8 | g;
	}
	static const int lv[6] = { 0, 95, 135, 175, 215, 255 };
	c -= 16;
	return lv[c / 36] << 16 | lv[(c / 6) % 6] << 8 | lv[c % 6];
}

/* Squared distance between two RGB values. */
static int theme_dist(int a, int b)
{
	int dr = (a >> 16 & 255) - (b >> 16 & 255);
	int dg = (a >> 8 & 255) - (b >> 8 & 255);
	int db = (a & 255) - (b & 255);
	return dr * dr + dg * dg + db * db;
}

/* The xterm cube level (0-5) nearest to a channel value. */
static int theme_cube_level(int v)
{
	if (v < 48)
		return 0;
	if (v < 114)
		return 1;
	return (v - 35) / 40;
}

/* Nearest xterm-256 index for an RGB value (cube or grey ramp). */
static int theme_rgb_to_256(int rgb)
{
	int r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
	int cube = 16 + 36 * theme_cube_level(r) + 6 * theme_cube_level(g) + theme_cube_level(b);
	int avg = (r + g + b) / 3;
	int gi = avg > 238 ? 23 : (avg < 8 ? 0 : (avg - 3) / 10);
	int grey = 232 + gi;
	return theme_dist(theme_index_rgb(cube), rgb) <= theme_dist(theme_index_rgb(grey), rgb) ? cube : grey;
}

/* Map a colour to a terminal with depth colours (256, 16, 8). */
int theme_map_color(int c, int depth, int *bold)
{
	if (bold)
		*bold = 0;
	if (c < 0)
		return -1;
	if (c & THEME_RGB)
		c = theme_rgb_to_256(c & 0xffffff);
	if (depth >= 256)
		return c;
	if (c >= 16) {
		int rgb = theme_index_rgb(c), best = 0;
		for (int k = 1; k < 16; k++)
			if (theme_dist(theme_basic_rgb[k], rgb) < theme_dist(theme_basic_rgb[best], rgb))
				best = k;
		c = best;
	}
	if (depth >= 16)
		return c;
	if (c >= 8) {
		if (bold)
			*bold = 1;
		c -= 8;
	}
	return c;
}

/* Parse "bold,reverse" into THEME_A_* bits; -1 on an unknown word. */
static int theme_parse_attrs(const char *s, unsigned *out)
{
	*out = 0;
	char buf[128];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *save = NULL, *w = strtok_r(buf, ", |", &save); w; w = strtok_r(NULL, ", |", &save)) {
		if (!strcmp(w, "bold"))
			*out |= THEME_A_BOLD;
		else if (!strcmp(w, "reverse"))
			*out |= THEME_A_REVERSE;
		else if (!strcmp(w, "underline"))
			*out |= THEME_A_UNDERLINE;
		else if (!strcmp(w, "dim"))
			*out |= THEME_A_DIM;
		else if (!strcmp(w, "italic"))
			*out |= THEME_A_ITALIC;
		else if (strcmp(w, "normal") && strcmp(w, "none"))
			return -1;
	}
	return 0;
}

/* Read a colour setting (string or integer) of group g. */
static int theme_read_color(const config_setting_t *g, const char *key, int *out, const char *path,
			    const char *role, il_err *err)
{
	const config_setting_t *s = config_setting_get_member(g, key);
	if (!s)
		return 0;
	char buf[32];
	const char *text = buf;
	if (config_setting_type(s) == CONFIG_TYPE_INT)
		snprintf(buf, sizeof buf, "%d", config_setting_get_int(s));
	else if (config_setting_type(s) == CONFIG_TYPE_STRING)
		text = config_setting_get_string(s);
	else
		text = "?";
	if (theme_parse_color(text, out) != 0)
		return il_err_set(err, IL_E_BAD_VALUE, "%s:%d: bad colour '%s' for %s.%s (use default, a colour name, "
				  "0-255 or #rrggbb)", path, config_setting_source_line(s), text, role, key);
	return 0;
}

/* Read an attribute list of group g. */
static int theme_read_attrs(const config_setting_t *g, const char *key, unsigned *out,
			    const char *path, const char *role, il_err *err)
{
	const char *text;
	if (!config_setting_lookup_string(g, key, &text))
		return 0;
	if (theme_parse_attrs(text, out) != 0)
		return il_err_set(err, IL_E_BAD_VALUE, "%s:%d: bad attributes '%s' for %s.%s (use bold, reverse, "
				  "underline, dim, italic)", path,
				  config_setting_source_line(config_setting_get_member(g, key)), text, role, key);
	return 0;
}

/* Load a theme from a file path. */
int theme_load_file(il_theme *t, const char *path, il_err *err)
{
	il_theme tmp;
	theme_builtin(&tmp);
	if (cfgcheck_file(path, err) != 0) /* a FIFO would block the reading */
		return -1;
	config_t cfg;
	config_init(&cfg);
	if (!config_read_file(&cfg, path)) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			il_err_set(err, IL_E_IO, "cannot read theme %s", path);
		else
			il_err_set(err, IL_E_BAD_VALUE, "%s:%d: %s", path, config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return -1;
	}
	const char *name;
	if (config_lookup_string(&cfg, "name", &name))
		snprintf(tmp.name, sizeof tmp.name, "%s", name);
	const config_setting_t *roles = config_lookup(&cfg, "roles");
	int rc = 0;
	for (int r = 0; roles && r < ROLE_COUNT && rc == 0; r++) {
		const config_setting_t *g = config_setting_get_member(roles, theme_role_names[r]);
		if (!g)
			continue;
		il_theme_color *c = &tmp.roles[r];
		if (!config_setting_is_group(g)) {
			rc = il_err_set(err, IL_E_BAD_VALUE, "%s:%d: %s must be a group { fg = ...; bg = ...; }", path,
					config_setting_source_line(g), theme_role_names[r]);
			break;
		}
		rc = theme_read_color(g, "fg", &c->fg, path, theme_role_names[r], err);
		if (rc == 0)
			rc = theme_read_color(g, "bg", &c->bg, path, theme_role_names[r], err);
		if (rc == 0)
			rc = theme_read_attrs(g, "attrs", &c->attrs, path, theme_role_names[r], err);
		if (rc == 0)
			rc = theme_read_attrs(g, "mono", &c->mono, path, theme_role_names[r], err);
	}
	config_destroy(&cfg);
	if (rc != 0)
		return -1;
	snprintf(tmp.path, sizeof tmp.path, "%s", path);
	*t = tmp;
	return 0;
}

/* Load themes/NAME.theme (user's config dir first, then the data dir). */
int theme_load(il_theme *t, const char *name, il_err *err)
{
	if (!name || !*name || strchr(name, '/') || name[0] == '.')
		return il_err_set(err, IL_E_BAD_VALUE, "bad theme name '%s'", name ? name : "");
	char rel[128], path[IL_PATH_MAX];
	snprintf(rel, sizeof rel, "themes/%s.theme", name);
	if (paths_find_data(rel, path, sizeof path, NULL) != 0)
		return il_err_set(err, IL_E_BAD_VALUE, "no theme named '%s' (themes/%s.theme in the config or data folder)",
				  name, name);
	if (theme_load_file(t, path, err) != 0)
		return -1;
	snprintf(t->name, sizeof t->name, "%s", name);
	return 0;
}

/* Add the *.theme names in dir to names (no duplicates); new count. */
static int theme_scan(const char *dir, char names[][64], int count, int n)
{
	DIR *d = opendir(dir);
	if (!d)
		return count;
	struct dirent *de;
	while ((de = readdir(d)) && count < n) {
		size_t len = strlen(de->d_name);
		if (len <= 6 || len - 6 >= 64 || strcmp(de->d_name + len - 6, ".theme") || de->d_name[0] == '.')
			continue;
		char nm[64];
		snprintf(nm, sizeof nm, "%.*s", (int)(len - 6), de->d_name);
		int dup = 0;
		for (int k = 0; k < count; k++)
			dup |= !strcmp(names[k], nm);
		if (!dup)
			snprintf(names[count++], 64, "%s", nm);
	}
	closedir(d);
	return count;
}

/* The theme names found, sorted and joined by '|', into out. */
void theme_choices(char *out, size_t n)
{
	char names[64][64];
	int count = theme_list(names, 64);
	size_t k = 0;
	if (n > 0)
		out[0] = '\0';
	for (int i = 0; i < count && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "|" : "", names[i]);
	if (k >= n && n > 0)
		out[0] = '\0'; /* cut: better none than a wrong name */
}

/* strcmp for qsort over names[][64]. */
static int theme_cmp(const void *x, const void *y)
{
	return strcmp(x, y);
}

/* Theme names found in the search path, sorted, written to names (n
 * slots); count. */
int theme_list(char names[][64], int n)
{
	int count = 0;
	char dir[IL_PATH_MAX];
	const char *env = getenv("INFINILOOP_DATADIR");
	if (env && *env) {
		char buf[IL_PATH_MAX];
		snprintf(buf, sizeof buf, "%s", env);
		for (char *save = NULL, *p = strtok_r(buf, ":", &save); p; p = strtok_r(NULL, ":", &save))
			if (paths_join(dir, sizeof dir, p, "themes", NULL) == 0)
				count = theme_scan(dir, names, count, n);
	}
	char cfg[IL_PATH_MAX];
	if (paths_config_dir(cfg, sizeof cfg, NULL) == 0 &&
	    paths_join(dir, sizeof dir, cfg, "themes", NULL) == 0)
		count = theme_scan(dir, names, count, n);
	if (paths_join(dir, sizeof dir, IL_PKGDATADIR, "themes", NULL) == 0)
		count = theme_scan(dir, names, count, n);
	qsort(names, (size_t)count, sizeof names[0], theme_cmp);
	return count;
}

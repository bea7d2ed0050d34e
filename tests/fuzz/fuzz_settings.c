/* fuzz_settings.c: the settings loader on arbitrary file contents.
 *
 * Invariants: no crash or sanitizer report; every loaded value is within its
 * definition's range; a file that loads without notes and is saved again
 * loads to the same rendering (save is a fixed point); a file edited in
 * place by `set` loads with the new value and nothing else changed. */
#include <string.h>
#include <unistd.h>

#include "store/paths.h"
#include "store/settings.h"
#include "fuzz.h"
#include "../testutil.h"

static char fuzz_dir[256];

/* Remove the target's folder when the run ends. */
static void fuzz_settings_cleanup(void)
{
	paths_remove_tree(fuzz_dir);
}

/* Check every numeric setting is within its range. */
static void fuzz_settings_ranges(const il_settings *s)
{
	char v[SETTINGS_STR_MAX + 64];
	for (size_t k = 0; k < settings_ndefs; k++) {
		const il_settings_def *d = &settings_defs[k];
		fuzz_assert(settings_get(s, d->key, v, sizeof v, NULL) == 0);
		if (d->type == SETTING_INT || d->type == SETTING_LONG || d->type == SETTING_DOUBLE) {
			double x = strtod(v, NULL);
			fuzz_assert(x >= d->min && x <= d->max);
		}
	}
	fuzz_assert(s->npresets >= 0 && s->npresets <= SETTINGS_PRESETS_MAX);
	fuzz_assert(s->command.argc >= 0 && s->command.argc <= SETTINGS_ARGV_MAX);
	fuzz_assert(s->on_loop.argc >= 0 && s->on_loop.argc <= SETTINGS_ARGV_MAX);
}

/* One input: the bytes as a config file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static il_settings s, t;
	char path[320], path2[320];
	if (!fuzz_dir[0]) {
		if (!testutil_mkdtemp(fuzz_dir, sizeof fuzz_dir, "il-fuzz-settings")) {
			fuzz_dir[0] = '\0';
			return 0;
		}
		atexit(fuzz_settings_cleanup);
	}
	snprintf(path, sizeof path, "%s/config", fuzz_dir);
	snprintf(path2, sizeof path2, "%s/config2", fuzz_dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	il_sbuf notes = SBUF_INIT;
	il_err err;
	fuzz_assert(settings_load(&s, path, &notes, &err) == 0);
	fuzz_settings_ranges(&s);
	if (notes.len == 0 && !s.file_broken) {
		il_sbuf a = SBUF_INIT, b = SBUF_INIT;
		settings_render(&s, &a);
		snprintf(s.path, sizeof s.path, "%s", path2);
		fuzz_assert(settings_save(&s, &err) == 0);
		sbuf_reset(&notes);
		fuzz_assert(settings_load(&t, path2, &notes, &err) == 0);
		fuzz_assert(notes.len == 0);
		settings_render(&t, &b);
		fuzz_assert(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0);
		settings_free(&t);
		sbuf_free(&a);
		sbuf_free(&b);
		unlink(path2);
	}
	/* A `set` edits the file in place: it still loads, with the new value
	 * and every other setting as before. */
	if (!s.file_broken && !memmem(data, size, "@include", 8)) { /* never edit other files */
		il_sbuf a = SBUF_INIT, b = SBUF_INIT;
		snprintf(s.path, sizeof s.path, "%s", path);
		fuzz_assert(settings_set(&s, "crossfade", "4", &err) == 0);
		settings_render(&s, &a);
		if (settings_save_key(&s, settings_find("crossfade"), &err) == 0) {
			sbuf_reset(&notes);
			fuzz_assert(settings_load(&t, path, &notes, &err) == 0);
			fuzz_assert(!t.file_broken);
			settings_render(&t, &b);
			fuzz_assert(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0);
			settings_free(&t);
		}
		sbuf_free(&a);
		sbuf_free(&b);
	}
	sbuf_free(&notes);
	settings_free(&s);
	unlink(path);
	return 0;
}

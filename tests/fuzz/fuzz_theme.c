/* fuzz_theme.c: the theme loader on arbitrary file contents.
 *
 * Invariants: no crash or sanitizer report; whatever the file holds, every
 * role's colours are "default", 0-255 or an RGB value, and a failed load
 * leaves a usable theme and an error message. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "../testutil.h"
#include "ui/theme.h"

/* True when c is a colour value the theme may hold. */
static int fuzz_theme_color_ok(int c)
{
	return c == -1 || (c >= 0 && c <= 255) || (c >= THEME_RGB && c <= (THEME_RGB | 0xffffff));
}

/* One input: the bytes as a .theme file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[320];
	if (!path[0])
		snprintf(path, sizeof path, "%s/il-fuzz-theme.%ld.theme", testutil_tmpdir(), (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	static il_theme t;
	theme_builtin(&t);
	il_err err;
	if (theme_load_file(&t, path, &err) != 0)
		fuzz_assert(err.msg[0] != '\0');
	for (int r = 0; r < ROLE_COUNT; r++) {
		fuzz_assert(fuzz_theme_color_ok(t.roles[r].fg));
		fuzz_assert(fuzz_theme_color_ok(t.roles[r].bg));
		static const int depths[] = { 256, 16, 8 };
		for (int k = 0; k < 3; k++) {
			int bold = 0;
			int c = theme_map_color(t.roles[r].fg, depths[k], &bold);
			fuzz_assert(c >= -1 && c < depths[k]);
		}
	}
	unlink(path);
	return 0;
}

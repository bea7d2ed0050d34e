/* settings_internal.h: what settings.c, settings_load.c and settings_save.c
 * share. */
#ifndef IL_STORE_SETTINGS_INTERNAL_H
#define IL_STORE_SETTINGS_INTERNAL_H

#include <libconfig.h>

#include "store/settings.h"

/* Apply one value to s after checking it against d; 0 or -1 with err. */
int settings_apply(il_settings *s, const il_settings_def *d, const char *value, il_err *err);
/* Apply a list setting (command, on_loop, presets) from a parsed libconfig value;
 * skipped entries are described in notes (path names the file). */
int settings_list_from(il_settings *s, const il_settings_def *d, const config_setting_t *cs,
		       const char *path, il_sbuf *notes, il_err *err);

#define SETTINGS_FILE_MAX (4u << 20)      /* a settings file is far smaller */
#define SETTINGS_LITERAL_MAX (64u << 10)  /* no setting takes a longer string */
#define SETTINGS_NAMES_MAX 4096           /* the parser's cost grows with their square */

/* Apply config text (as a file would hold it) over s; -1 when it does not
 * parse. */
int settings_from_text(il_settings *s, const char *text);
/* Read a whole regular file into sb (at most limit bytes); 0, or -1 with
 * errno set (EFBIG past the limit, EISDIR or EINVAL for other kinds). */
int settings_read_text(const char *path, il_sbuf *sb, size_t limit);
/* Skip blanks, line breaks and comments of config text from i. */
size_t settings_skip_blank(const char *t, size_t n, size_t i);
/* Skip the string literal whose quote is at i; the index after it. */
size_t settings_skip_string(const char *t, size_t n, size_t i);

#endif

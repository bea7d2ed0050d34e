/* theme.h: colour roles, theme files (libconfig) and the colour fallback.
 *
 * Drawing code asks for a role's attributes and never names a colour. A
 * theme gives each role a foreground, a background and attributes; colours
 * are resolved once for the terminal: 256 colours, else 16, else 8 (bright
 * foregrounds become bold), else monochrome (each role's mono attributes).
 * The palette is never redefined; "default" keeps the terminal's colour. */
#ifndef IL_UI_THEME_H
#define IL_UI_THEME_H

#include <stddef.h>

#include "util/error.h"

typedef enum il_theme_role {
	ROLE_NORMAL,
	ROLE_HEADER,       /* the top row */
	ROLE_TAB,          /* a screen name in the top row */
	ROLE_TAB_ACTIVE,   /* the current screen's name */
	ROLE_BORDER,       /* panel frames */
	ROLE_PANEL_TITLE,  /* panel names in the frames */
	ROLE_LABEL,        /* "Title:", "BPM:" */
	ROLE_VALUE,        /* the values next to labels */
	ROLE_DIM,          /* secondary text */
	ROLE_SELECTION,    /* the selected line of a list */
	ROLE_STATUS,       /* the status row */
	ROLE_HINT_KEY,     /* a key in the hints row */
	ROLE_HINT_TEXT,    /* its description */
	ROLE_INFO,         /* a message */
	ROLE_WARN,         /* a warning */
	ROLE_ERROR,        /* an error */
	ROLE_OK,           /* good news: next loop ready */
	ROLE_PROGRESS,     /* the filled part of a bar */
	ROLE_PROGRESS_BG,  /* the empty part of a bar */
	ROLE_SPECTRUM_LOW, /* spectrum, bottom rows */
	ROLE_SPECTRUM_MID,
	ROLE_SPECTRUM_HIGH,
	ROLE_WAVEFORM,
	ROLE_MARKER,       /* loop start/end markers */
	ROLE_CHART,        /* bar charts of the statistics screen */
	ROLE_COUNT
} il_theme_role;

typedef struct il_theme_color {
	int fg, bg;        /* -1 default, 0-255, or THEME_RGB|0xrrggbb */
	unsigned attrs;    /* THEME_A_* */
	unsigned mono;     /* THEME_A_* used without colours */
} il_theme_color;

#define THEME_RGB 0x1000000
#define THEME_A_BOLD 1u
#define THEME_A_REVERSE 2u
#define THEME_A_UNDERLINE 4u
#define THEME_A_DIM 8u
#define THEME_A_ITALIC 16u

typedef struct il_theme {
	char name[64];
	char path[4096];
	il_theme_color roles[ROLE_COUNT];
} il_theme;

/* The built-in colours (used when no theme file is found). */
void theme_builtin(il_theme *t);
/* Load themes/NAME.theme (user's config dir first, then the data dir). */
int theme_load(il_theme *t, const char *name, il_err *err);
/* Load a theme from a file path. */
int theme_load_file(il_theme *t, const char *path, il_err *err);
/* Parse a colour: default, a name, 0-255 or #rrggbb; 0 or -1. */
int theme_parse_color(const char *s, int *out);
/* Map a colour to a terminal with depth colours (256, 16, 8); *bold is set
 * when a bright colour must be shown as bold on 8 colours. */
int theme_map_color(int c, int depth, int *bold);
/* Theme names found in the search path, sorted, written to names (n
 * slots); count. */
int theme_list(char names[][64], int n);
/* The theme names found, sorted and joined by '|', into out ("" if none). */
void theme_choices(char *out, size_t n);

#endif

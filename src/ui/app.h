/* app.h: the state of the running station that every UI module shares,
 * and the actions that keys and commands call. */
#ifndef IL_UI_APP_H
#define IL_UI_APP_H

#include "options.h"
#include "ui/draw.h"
#include "ui/entry.h"
#include "ui/elink.h"
#include "ui/model.h"
#include "ui/overlay.h"
#include "ui/theme.h"
#include "ui/tui.h"

enum { UI_SCREEN_PLAYER, UI_SCREEN_STATS, UI_SCREEN_SETTINGS, UI_SCREEN_ANALYSIS, UI_SCREENS };

/* Where the parts of the screen are (computed from the size). */
typedef struct il_uilayout {
	int mode;          /* UI_LAYOUT_* */
	il_uirect header, body, status, msg;
	il_uirect info, spectrum, timing, presets, gen;
} il_uilayout;

enum { UI_LAYOUT_TOO_SMALL, UI_LAYOUT_COMPACT, UI_LAYOUT_FULL };

/* Smallest terminal the station draws in; below it a notice is shown. */
#define UI_MIN_COLS 30
#define UI_MIN_ROWS 8

typedef struct il_ui_app {
	const il_opts *opts;
	il_tui t;
	il_theme th;
	il_uimodel m;
	il_elink link;
	il_entry entry;           /* the bottom row's question, when open */
	il_uilayout lay;
	int screen;
	int overlay, overlay_top; /* UI_OVERLAY_*, its first row shown */
	int preset_sel, preset_top;
	char filter[128];
	int setting_sel, setting_top;
	int list_top;          /* scroll of the statistics list */
	int fav_sel, fav_top;  /* the favourite selected, the first shown */
	unsigned dirty;        /* UIM_D_* bits waiting to be drawn */
	int full_redraw;       /* clear and draw everything */
	int spectrum_framed;   /* the spectrum's frame stands: nothing cleared,
				  restyled or drew over it since it was drawn */
	int quit;              /* leave the main loop */
	int stop_engine;       /* on leaving: stop the music too (else detach) */
	int stopped_elsewhere; /* another client stopped the station */
	int hup;               /* the terminal is gone: never draw again */
	int engine_up;         /* an engine runs and has said ready */
	double restart_at;     /* when to start the engine again (0: not planned) */
	double restart_delay;
	int prompt_sent;       /* -p was sent once */
	int autostart_done;    /* the launch's start was decided */
	long save_loop;        /* the loop `s` was pressed on (its id), 0: the current one */
	char station[1024];    /* the prompt started last ("" after :stop): a
				  restarted engine resumes it */
	double next_status;    /* when to ask for `status` again */
	double last_frame;     /* when the spectrum was last drawn */
	double frame_interval; /* seconds between spectrum frames */
	int spec_fps;          /* spectrum events a second asked of the engine (30 until asked) */
	double now;            /* monotonic seconds, updated by the main loop */
	double engine_started_at;
	int quick_fails;       /* engine exits in a row soon after starting */
	int engine_gave_up;    /* too many of them: no more restarts */
	double last_clock;     /* when the clocks were last redrawn */
	int msg_expired;       /* the message row went back to the hints */
	int exit_signal;       /* the signal that ended the station, or 0 */
	int status_echo;       /* show the next `status` in the message row */
} il_ui_app;

/* The values Left and Right step through for setting s, "a|b|c", into
 * out: its choices, or the themes installed for the theme; "" if none. */
void app_setting_choices(const il_uim_setting *s, char *out, size_t n);
/* Queue a request with no fields; 0, or -1 when the engine is down (a
 * warning says it was not sent), as the two below. */
int app_send_verb(il_ui_app *a, const char *verb);
/* Queue a request with one string field. */
int app_send_kv(il_ui_app *a, const char *verb, const char *key, const char *value);
/* Queue a request line made with proto_fmt_*. */
int app_send_line(il_ui_app *a, const il_sbuf *line);
/* Queue `set key=K value=V`. */
void app_set(il_ui_app *a, const char *key, const char *value);
/* Check a setting's value against the settings table, apply a theme at
 * once, and send `set`; 0 or -1 (the message says why). */
int app_set_checked(il_ui_app *a, const char *key, const char *value);
/* Start generating from a prompt; one the engine would refuse (too long,
 * empty, control bytes) is not sent, and an error message says why. */
void app_start(il_ui_app *a, const char *prompt);
/* Save the current loop to path (~ expanded): a folder is refused, an
 * existing file is replaced with force or after asking (y/n). */
void app_save(il_ui_app *a, const char *path, int force);
/* Ask the engine to play the audio file at path (~/ or relative: made
 * absolute) next, ahead of the station's loops. */
void app_play(il_ui_app *a, const char *path);
/* The default file name for `save` (in the XDG music folder). */
void app_default_save_path(il_ui_app *a, char *out, size_t n);
/* Show the state in the message row (after `:status`). */
void app_status_summary(il_ui_app *a);
/* Pause or resume. */
void app_toggle_pause(il_ui_app *a);
/* Hold the loop playing (on 1), let it go (0), or toggle (-1). */
void app_hold(il_ui_app *a, int on);
/* Set the sleep timer to secs seconds (0: off). */
void app_sleep(il_ui_app *a, long secs);
/* Mark the playing loop as a favourite. */
void app_favourite(il_ui_app *a);
/* Play favourite k of the list at once (a crossfade). */
void app_play_favourite(il_ui_app *a, int k);
/* Forget favourite k of the list. */
void app_unfavourite(il_ui_app *a, int k);
/* How to leave: ask whether to stop the music (when there is music or a
 * generation: the caller asks, entry_confirm_quit), stop it, or leave it
 * playing. */
enum { APP_QUIT_ASK, APP_QUIT_STOP, APP_QUIT_DETACH };
/* Leave the station as how says; 1 when the caller must ask first. */
int app_quit(il_ui_app *a, int how);
/* Show a screen (UI_SCREEN_*), asking the engine for what it needs. */
void app_set_screen(il_ui_app *a, int screen);
/* Put a message in the status line. */
void app_msg(il_ui_app *a, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Load and apply a theme by name; 0 or -1 (the message says why). */
int app_theme(il_ui_app *a, const char *name);
/* Mark parts of the screen for drawing. */
void app_dirty(il_ui_app *a, unsigned bits);
/* Filter the preset list by text (empty: all); the selection goes to the top. */
void app_filter_presets(il_ui_app *a, const char *text);
/* Indexes of the presets that pass the filter, into idx (n slots); count. */
int app_presets_visible(il_ui_app *a, int *idx, int n);

/* Panels of the player screen and the rows every screen shares (panels.c). */
void uipanel_layout(il_ui_app *a);
void uipanel_draw(il_ui_app *a, unsigned dirty);
/* The output in plain words: what plays the sound, or why nothing does. */
void uipanel_audio(const il_uimodel *m, char *out, size_t n);
/* The other screens and the too-small notice (screens.c). */
void uiscreen_draw(il_ui_app *a, unsigned dirty);
void uiscreen_too_small(il_ui_app *a);

#endif

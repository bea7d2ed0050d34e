/* overlay.h: the frames drawn over the current screen, the help (from the
 * key and command tables) and the messages (the status line's history).
 * Both are pages of wrapped lines as wide as the terminal, scrolled with
 * j/k, PgUp/PgDn, g/G; the title says which lines show; any other key
 * closes them. */
#ifndef IL_UI_OVERLAY_H
#define IL_UI_OVERLAY_H

struct il_ui_app;

enum { UI_OVERLAY_NONE, UI_OVERLAY_HELP, UI_OVERLAY_MESSAGES };

/* Open an overlay (UI_OVERLAY_*; NONE closes): the help at its top, the
 * messages at their newest. */
void overlay_open(struct il_ui_app *a, int kind);
/* Handle one key while an overlay is open. */
void overlay_key(struct il_ui_app *a, int key);
/* Draw the open overlay. */
void overlay_draw(struct il_ui_app *a);

#endif

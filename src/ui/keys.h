/* keys.h: the key table. One table dispatches keys and writes the help. */
#ifndef IL_UI_KEYS_H
#define IL_UI_KEYS_H

#include <stddef.h>

struct il_ui_app;

typedef struct il_keys_entry {
	int keys[4];        /* key codes (0 ends the list) */
	const char *label;  /* as shown in the help ("Space", "+ =") */
	const char *group;  /* heading in the help */
	const char *help;
	void (*fn)(struct il_ui_app *a, int key);
} il_keys_entry;

extern const il_keys_entry keys_table[];
extern const size_t keys_count;

/* Handle one key outside the line editor. */
void keys_handle(struct il_ui_app *a, int key);

#endif

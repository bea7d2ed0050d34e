/* history_internal.h: the history handle, shared by history.c,
 * history_import.c and favourites.c only. */
#ifndef IL_STORE_HISTORY_INTERNAL_H
#define IL_STORE_HISTORY_INTERNAL_H

#include <sqlite3.h>

#include "store/history.h"
#include "store/paths.h"
#include "util/error.h"

struct il_history {
	sqlite3 *db;
	int schema;
	int readonly;          /* opened read-only: nothing new is recorded */
	int add_failing;       /* the last row could not be added (said once) */
	char path[IL_PATH_MAX];
	char notice[2 * IL_PATH_MAX + 128]; /* what opening it had to do, or "" */
};

#endif

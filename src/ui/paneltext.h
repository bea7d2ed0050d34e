/* paneltext.h: the words of the panels that follow the clock: the next
 * loop and when it starts (Timing). Functions of the model and the time
 * only, so that they are tested without a terminal. */
#ifndef IL_UI_PANELTEXT_H
#define IL_UI_PANELTEXT_H

#include <stddef.h>

#include "ui/model.h"

/* The Timing panel's word on the next loop at time now: "next: TITLE in
 * 0:12" (counted down since the last status while playing), "held, next:
 * TITLE" or "held" when the loop is held, else "next ready", "next
 * generating" or "next not ready". */
void paneltext_next(const uimodel *m, double now, char *out, size_t n);

#endif

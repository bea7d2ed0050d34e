/* paneltext.h: the words of the panels that follow the clock: the next
 * loop and when it starts (Timing), the estimate of a generation
 * (Generation). Functions of the model and the time only, so that they
 * are tested without a terminal. */
#ifndef IL_UI_PANELTEXT_H
#define IL_UI_PANELTEXT_H

#include <stddef.h>

#include "ui/model.h"

/* The Timing panel's word on the next loop at time now: "next: TITLE in
 * 0:12" (counted down since the last status while playing), with the loop
 * held "held, next: TITLE" (or "held, next: TITLE in 0:02" for a station
 * chosen) or "held", else "next ready", "next generating" or "next not
 * ready". */
void paneltext_next(const il_uimodel *m, double now, char *out, size_t n);
/* The Generation panel's estimate at time now: "0:18 left of ~0:30", or
 * "overrunning +0:12 (expected ~0:30)" once the running attempt takes
 * longer than its estimate; "-" while nothing is generated (idle,
 * analysing, waiting to retry, failed, stopped) or without an estimate.
 * brief: "0:18", "+0:12" or "". 1 while it overruns (its progress is then
 * unknown: the panel shows an indeterminate bar), else 0. */
int paneltext_eta(const il_uimodel *m, double now, int brief, char *out, size_t n);

#endif

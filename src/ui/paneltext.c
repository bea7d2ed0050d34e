/* paneltext.c: the words of the panels that follow the clock (see
 * paneltext.h). */
#include "ui/paneltext.h"

#include <math.h>
#include <stdio.h>

#include "ui/draw.h"

/* The Timing panel's word on the next loop at time now. */
void paneltext_next(const uimodel *m, double now, char *out, size_t n)
{
	if (m->hold && m->next_title[0]) {
		snprintf(out, n, "held, next: %s", m->next_title);
	} else if (m->hold) {
		snprintf(out, n, "held");
	} else if (m->next_title[0] && m->next_in >= 0) {
		double in = m->next_in;
		if (m->state == IL_PLAYER_PLAYING && m->status_at > 0)
			in -= now - m->status_at;
		char c[16];
		uidraw_clock(c, sizeof c, in > 0 ? ceil(in) : 0);
		snprintf(out, n, "next: %s in %s", m->next_title, c);
	} else if (m->next_title[0]) {
		snprintf(out, n, "next: %s", m->next_title);
	} else {
		snprintf(out, n, "%s", m->next_ready ? "next ready" :
			 uimodel_generating(m) ? "next generating" : "next not ready");
	}
}

/* paneltext.c: the words of the panels that follow the clock (see
 * paneltext.h). */
#include "ui/paneltext.h"

#include <math.h>
#include <stdio.h>

#include "ui/draw.h"

/* The Timing panel's word on the next loop at time now. */
void paneltext_next(const il_uimodel *m, double now, char *out, size_t n)
{
	const char *held = m->hold ? "held, " : "";
	if (m->next_title[0] && m->next_in >= 0) { /* (held: a station chosen comes all the same) */
		double in = m->next_in;
		if (m->state == IL_PLAYER_PLAYING && m->status_at > 0)
			in -= now - m->status_at;
		char c[16];
		uidraw_clock(c, sizeof c, in > 0 ? ceil(in) : 0);
		snprintf(out, n, "%snext: %s in %s", held, m->next_title, c);
	} else if (m->next_title[0]) {
		snprintf(out, n, "%snext: %s", held, m->next_title);
	} else if (m->hold) {
		snprintf(out, n, "held");
	} else {
		snprintf(out, n, "%s", m->next_ready ? "next ready" :
			 uimodel_generating(m) ? "next generating" : "next not ready");
	}
}

/* The Generation panel's estimate at time now; 1 while it overruns. */
int paneltext_eta(const il_uimodel *m, double now, int brief, char *out, size_t n)
{
	char eta[16], c[16];
	snprintf(out, n, "%s", brief ? "" : "-");
	if (m->gen != GEN_STATE_RUNNING || m->eta <= 0)
		return 0;
	/* Whole seconds, rounded up: a composer's piece of 0.4 s is "~0:01",
	 * not "0:01 left of ~0:00". */
	uidraw_clock(eta, sizeof eta, ceil(m->eta));
	double took = m->job_at > 0 ? now - m->job_at : m->eta * m->progress;
	if (took > m->eta) {
		uidraw_clock(c, sizeof c, ceil(took - m->eta));
		if (brief)
			snprintf(out, n, "+%s", c);
		else
			snprintf(out, n, "overrunning +%s (expected ~%s)", c, eta);
		return 1;
	}
	uidraw_clock(c, sizeof c, ceil(m->eta - took));
	if (brief)
		snprintf(out, n, "%s", c);
	else
		snprintf(out, n, "%s left of ~%s", c, eta);
	return 0;
}

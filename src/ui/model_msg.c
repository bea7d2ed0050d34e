/* model_msg.c: the model's messages: the status line and the history of
 * what was said (see model.h). */
#include "ui/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Seconds a message of level stays in the status line. */
double uimodel_msg_seconds(int level)
{
	return level == UIM_MSG_INFO ? 5 : 10;
}

/* Message k of the history (0: the oldest), or NULL. */
const il_uim_logline *uimodel_logline(const il_uimodel *m, int k)
{
	if (k < 0 || k >= m->log_n)
		return NULL;
	return &m->log[(m->log_first + k) % UIM_LOG_MAX];
}

/* Add text to the history (the oldest goes when it is full). */
static void uimodel_log_add(il_uimodel *m, int level, const char *text)
{
	int k = (m->log_first + m->log_n) % UIM_LOG_MAX;
	if (m->log_n == UIM_LOG_MAX)
		m->log_first = (m->log_first + 1) % UIM_LOG_MAX;
	else
		m->log_n++;
	m->log[k].wall = (long)time(NULL);
	m->log[k].level = level;
	snprintf(m->log[k].text, sizeof m->log[k].text, "%s", text);
}

/* Keep a start-up problem (once) to be printed when the station exits. */
void uimodel_problem(il_uimodel *m, const char *text)
{
	for (int k = 0; k < m->nproblems; k++)
		if (!strcmp(m->problems[k], text))
			return;
	if (m->nproblems < UIM_PROBLEMS_MAX)
		snprintf(m->problems[m->nproblems++], sizeof m->problems[0], "%s", text);
}

/* uimodel_msg with a va_list. */
void uimodel_vmsg(il_uimodel *m, int level, double now, const char *fmt, va_list ap)
{
	char text[sizeof m->msg];
	vsnprintf(text, sizeof text, fmt, ap);
	uimodel_log_add(m, level, text);
	if (level < m->msg_level && !m->replying && !m->msg_seen && m->msg[0] &&
	    now - m->msg_at < uimodel_msg_seconds(m->msg_level))
		return; /* information never hides a fresh warning, nor a warning an error, unseen */
	snprintf(m->msg, sizeof m->msg, "%s", text);
	m->msg_level = level;
	m->msg_at = now;
	m->msg_seen = 0;
}

/* Add a message to the history and show it in the status line. */
void uimodel_msg(il_uimodel *m, int level, double now, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	uimodel_vmsg(m, level, now, fmt, ap);
	va_end(ap);
}

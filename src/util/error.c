/* error.c: formatting of module errors. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Format a message into err (err may be NULL); always returns -1. */
int il_err_set(il_err *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Like il_err_set, with ": strerror(errnum)" appended; returns -1. */
int il_err_errno(il_err *err, int errnum, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		size_t n = strlen(err->msg);
		snprintf(err->msg + n, sizeof err->msg - n, ": %s", strerror(errnum));
	}
	return -1;
}

/* Clear err so that its message is empty. */
void il_err_clear(il_err *err)
{
	if (err)
		err->msg[0] = '\0';
}

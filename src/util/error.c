/* error.c: formatting of module errors. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Set err's code and format its message (err may be NULL); returns -1. */
int il_err_set(il_err *err, il_errcode code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return -1;
}

/* Like il_err_set, with ": strerror(errnum)" appended; returns -1. */
int il_err_errno(il_err *err, il_errcode code, int errnum, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		size_t n = strlen(err->msg);
		snprintf(err->msg + n, sizeof err->msg - n, ": %s", strerror(errnum));
		err->code = code;
	}
	return -1;
}

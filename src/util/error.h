/* error.h: the error convention of every module.
 *
 * A function that can fail returns 0 on success and -1 on failure, and fills
 * the caller's il_err with one readable sentence (no trailing newline) that
 * names what failed and why. Nothing below main() prints or exits on error. */
#ifndef IL_UTIL_ERROR_H
#define IL_UTIL_ERROR_H

#include <stddef.h>

#define IL_ERR_MAX 512

typedef struct il_err {
	char msg[IL_ERR_MAX];
} il_err;

/* Format a message into err (err may be NULL); always returns -1. */
int il_err_set(il_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Like il_err_set, with ": strerror(errnum)" appended; returns -1. */
int il_err_errno(il_err *err, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear err so that its message is empty. */
void il_err_clear(il_err *err);

#endif

/* error.h: the error convention of every module.
 *
 * A function that can fail returns 0 on success and -1 on failure, and fills
 * the caller's il_err with a code saying what kind of failure it is and one
 * readable sentence (no trailing newline) that names what failed and why.
 * The code is set where the error arises; the protocol gives it its wire
 * name (proto_err_name in engine/protocol.h). Modules never print or exit on
 * error: the entry points (main, engine_run, ui_main and the cli_* modes)
 * decide what to show. */
#ifndef IL_UTIL_ERROR_H
#define IL_UTIL_ERROR_H

#include <stddef.h>

#define IL_ERR_MAX 512

/* What kind of failure an il_err describes. */
typedef enum il_errcode {
	IL_E_INTERNAL,        /* out of memory, a thread, a bug */
	IL_E_PARSE,           /* a protocol line breaks the syntax */
	IL_E_TOO_LONG,        /* a protocol line is too long */
	IL_E_BINARY,          /* a protocol line holds a NUL or control byte */
	IL_E_UNKNOWN_VERB,    /* a request names no known verb */
	IL_E_UNKNOWN_FIELD,   /* a request has a field its verb does not take */
	IL_E_DUPLICATE_FIELD, /* a field is given twice */
	IL_E_MISSING_FIELD,   /* a required field is missing */
	IL_E_BAD_VALUE,       /* a value or an input file is not acceptable */
	IL_E_STATE,           /* not possible now (nothing is playing...) */
	IL_E_IO,              /* a file or folder cannot be read or written */
	IL_E_AUDIO,           /* the audio output */
	IL_E_GEN,             /* generation failed */
	IL_E_DENIED,          /* a client of another user */
	IL_E_COUNT
} il_errcode;

typedef struct il_err {
	il_errcode code;
	char msg[IL_ERR_MAX];
} il_err;

/* Set err's code and format its message (err may be NULL); returns -1. */
int il_err_set(il_err *err, il_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like il_err_set, with ": strerror(errnum)" appended; returns -1. */
int il_err_errno(il_err *err, il_errcode code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif

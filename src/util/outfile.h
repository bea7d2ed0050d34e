/* outfile.h: write an output file so that a failure or a kill leaves nothing
 * behind and nothing but a regular file is ever replaced.
 *
 * What is at the path decides how it is written:
 * - nothing, or a regular file (with OUTFILE_REPLACE): the data goes to an
 *   unnamed file in the same folder (O_TMPFILE; a short hidden ".il-XXXXXX"
 *   name where the file system has none), is synced, and gets its name only
 *   when complete: linked when the name is free, renamed over the regular
 *   file otherwise. A killed writer leaves no partial file, and the name may
 *   be as long as the file system allows (255 bytes).
 * - a symbolic link (with OUTFILE_REPLACE): followed to the regular file it
 *   names, which is replaced as above; the link stays a link.
 * - a FIFO or character device (with OUTFILE_REPLACE): written through in
 *   place, never replaced (/dev/stdout into a pipe, /dev/null). A FIFO that
 *   nobody reads is an error rather than a wait.
 * - a directory, socket, block device or dangling link: refused, saying so.
 * Without OUTFILE_REPLACE anything at the path is refused with `exists` set. */
#ifndef IL_UTIL_OUTFILE_H
#define IL_UTIL_OUTFILE_H

#include <limits.h>
#include <stddef.h>

#include "util/error.h"

enum {
	OUTFILE_REPLACE = 1,   /* a regular file at the path may be replaced */
	OUTFILE_KEEP_MODE = 2  /* a replaced file's permission bits are kept */
};

typedef struct il_outfile {
	int fd;              /* write the data here */
	int flags;
	int through;         /* a FIFO or device written in place */
	int exists;          /* after a failure: something is at the path */
	char path[PATH_MAX]; /* the name the file gets (links resolved) */
	char tmp[PATH_MAX];  /* the temporary name, or "" for an unnamed file */
} il_outfile;

/* Open an output for path with mode (less the umask); 0, or -1 with err set
 * (and o->exists set when the path is taken and OUTFILE_REPLACE is not). */
int outfile_open(il_outfile *o, const char *path, unsigned mode, int flags, il_err *err);
/* Sync, close and give the file its name; 0, or -1 with err set (nothing
 * is left behind then). */
int outfile_commit(il_outfile *o, il_err *err);
/* Close and drop what was written (a file written through stays as it is). */
void outfile_abort(il_outfile *o);
/* Write len bytes of data to path in one go (open, write, commit). */
int outfile_write(const char *path, const void *data, size_t len, unsigned mode, int flags,
		  il_err *err);

#endif

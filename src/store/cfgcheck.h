/* cfgcheck.h: make sure a libconfig file can be read without blocking.
 *
 * libconfig opens the file and every "@include" with a plain fopen(), which
 * waits forever on a FIFO with no writer. Before a config or theme is read,
 * cfgcheck_file() looks at the file and, recursively, at the files its
 * @include lines name (as libconfig resolves them: relative to the working
 * folder): each must be a regular file (the top file may also be a character
 * device such as /dev/null). A missing file is left to libconfig to report. */
#ifndef IL_STORE_CFGCHECK_H
#define IL_STORE_CFGCHECK_H

#include "util/error.h"

/* 0 when path and its includes can be read; -1 with err naming the file that
 * cannot ("FILE: is a FIFO, not a file that can be read"). */
int cfgcheck_file(const char *path, il_err *err);

#endif

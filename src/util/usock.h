/* usock.h: connecting to a Unix stream socket by path. */
#ifndef IL_UTIL_USOCK_H
#define IL_UTIL_USOCK_H

#include "util/error.h"

/* Connect to the socket at path (close-on-exec, blocking); the descriptor,
 * or -1 with err (IL_E_STATE when nobody listens there: no such socket, or
 * a dead one). */
int usock_connect(const char *path, il_err *err);

#endif

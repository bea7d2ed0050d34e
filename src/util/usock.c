/* usock.c: connecting to a Unix stream socket by path. */
#include "util/usock.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* Connect to the socket at path (see usock.h). */
int usock_connect(const char *path, il_err *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof sa.sun_path)
		return il_err_set(err, IL_E_IO, "the socket path is too long: %s", path);
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot create a socket");
	while (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		int en = errno;
		if (en == EINTR)
			continue;
		close(fd);
		if (en == ENOENT || en == ECONNREFUSED)
			return il_err_set(err, IL_E_STATE, "no station is running (%s)", path);
		return il_err_errno(err, IL_E_IO, en, "cannot connect to %s", path);
	}
	return fd;
}

/* stdfd.c: closed standard descriptors get /dev/null (see stdfd.h). */
#include "util/stdfd.h"

#include <errno.h>
#include <fcntl.h>

/* Open /dev/null on each closed standard descriptor, lowest first. */
void stdfd_fill(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF && open("/dev/null", O_RDWR) != fd)
			return;
}

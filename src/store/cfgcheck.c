/* cfgcheck.c: refuse configs and themes that would block libconfig. */
#include "store/cfgcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CFGCHECK_DEPTH 10         /* libconfig's own include limit */
#define CFGCHECK_SCAN (4 << 20)   /* bytes of a file searched for @include */

/* What a file of mode m is, for a message. */
static const char *cfgcheck_kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISDIR(m) ? "a directory"
		: S_ISBLK(m) ? "a block device" : "a device";
}

/* Check each @include line of the regular file open as fd. */
static int cfgcheck_includes(int fd, int depth, il_err *err);

/* Check path (an include when depth > 0). */
static int cfgcheck_path(const char *path, int depth, il_err *err)
{
	if (depth > CFGCHECK_DEPTH)
		return 0; /* libconfig says "nesting too deep" */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENXIO ? il_err_set(err, IL_E_IO, "%s: is a socket, not a file that can be read", path) : 0;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0)
		rc = il_err_errno(err, IL_E_IO, errno, "cannot read %s", path);
	else if (S_ISREG(st.st_mode))
		rc = cfgcheck_includes(fd, depth, err);
	else if (!(S_ISCHR(st.st_mode) && depth == 0) && !(S_ISDIR(st.st_mode) && depth == 0))
		rc = il_err_set(err, IL_E_IO, "%s: is %s, not a file that can be read%s", path, cfgcheck_kind(st.st_mode),
				depth ? " (named by @include)" : "");
	close(fd);
	return rc;
}

/* Check one line: when it is an @include "FILE", check FILE. */
static int cfgcheck_line(const char *line, int depth, il_err *err)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "@include", 8) != 0)
		return 0;
	line += 8;
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line++ != '"')
		return 0;
	char name[4096];
	size_t n = 0;
	for (; *line && *line != '"' && n + 1 < sizeof name; line++) {
		if (*line == '\\' && line[1])
			line++;
		name[n++] = *line;
	}
	name[n] = '\0';
	return n ? cfgcheck_path(name, depth + 1, err) : 0;
}

/* Check each @include line of the regular file open as fd. */
static int cfgcheck_includes(int fd, int depth, il_err *err)
{
	FILE *f = fdopen(dup(fd), "r");
	if (!f)
		return 0;
	char line[4096 + 64];
	long seen = 0;
	int rc = 0;
	while (rc == 0 && seen < CFGCHECK_SCAN && fgets(line, sizeof line, f)) {
		seen += (long)strlen(line);
		rc = cfgcheck_line(line, depth, err);
	}
	fclose(f);
	return rc;
}

/* Check a config or theme file and its includes (see cfgcheck.h). */
int cfgcheck_file(const char *path, il_err *err)
{
	return cfgcheck_path(path, 0, err);
}

/* outfile.c: write an output file safely (see outfile.h). */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a file of this type is called in a message. */
static const char *outfile_type_name(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISSOCK(m) ? "a socket" : S_ISBLK(m) ? "a block device"
		: "not a regular file";
}

/* The folder part of path into dir ("." when it has none); -1 when too long. */
static int outfile_dirname(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return snprintf(dir, n, ".") < (int)n ? 0 : -1;
	size_t len = slash == path ? 1 : (size_t)(slash - path);
	if (len >= n)
		return -1;
	memcpy(dir, path, len);
	dir[len] = '\0';
	return 0;
}

/* A fresh short temporary name in dir (".il-" and 8 hex digits). */
static void outfile_tmp_name(char *out, size_t n, const char *dir)
{
	static unsigned counter;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	unsigned long x = (unsigned long)t.tv_nsec ^ ((unsigned long)getpid() << 12) ^ (++counter * 2654435761UL);
	snprintf(out, n, "%s/.il-%08lx", dir, x & 0xffffffffUL);
}

/* Open the FIFO or device at path for writing in place. */
static int outfile_open_through(il_outfile *o, const char *path, il_err *err)
{
	o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (o->fd < 0 && errno == ENXIO)
		return il_err_set(err, IL_E_IO, "cannot write %s: it is a FIFO that nothing reads", path);
	if (o->fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
	struct stat st;
	if (fstat(o->fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		close(o->fd);
		o->fd = -1;
		return il_err_set(err, IL_E_IO, "cannot write %s: it changed while it was opened", path);
	}
	fcntl(o->fd, F_SETFL, fcntl(o->fd, F_GETFL) & ~O_NONBLOCK);
	o->through = 1;
	return 0;
}

/* Open an unnamed (or short-named) temporary file beside o->path. */
static int outfile_open_tmp(il_outfile *o, unsigned mode, il_err *err)
{
	char dir[PATH_MAX];
	if (outfile_dirname(o->path, dir, sizeof dir) != 0)
		return il_err_set(err, IL_E_IO, "cannot write %s: the name is too long", o->path);
#ifdef O_TMPFILE
	o->fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, (mode_t)mode);
	if (o->fd >= 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
#endif
	for (int k = 0; k < 100; k++) {
		outfile_tmp_name(o->tmp, sizeof o->tmp, dir);
		o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
		if (o->fd >= 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	int e = errno;
	o->tmp[0] = '\0';
	return il_err_errno(err, IL_E_IO, e, "cannot write %s", o->path);
}

/* Open an output for path (see outfile.h). */
int outfile_open(il_outfile *o, const char *path, unsigned mode, int flags, il_err *err)
{
	memset(o, 0, sizeof *o);
	o->fd = -1;
	o->flags = flags;
	if (strlen(path) >= sizeof o->path)
		return il_err_set(err, IL_E_IO, "cannot write %s: the name is too long", path);
	strcpy(o->path, path);
	struct stat lst, st;
	if (lstat(path, &lst) != 0) {
		if (errno != ENOENT)
			return il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
		return outfile_open_tmp(o, mode, err);
	}
	if (!(flags & OUTFILE_REPLACE)) {
		o->exists = 1;
		return il_err_set(err, IL_E_IO, "%s exists", path);
	}
	st = lst;
	if (S_ISLNK(lst.st_mode)) {
		if (stat(path, &st) != 0)
			return errno == ENOENT ? il_err_set(err, IL_E_IO, "cannot write %s: it is a dangling symbolic link", path)
					       : il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
		if (S_ISREG(st.st_mode) && !realpath(path, o->path))
			return il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
	}
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
		return outfile_open_through(o, path, err);
	if (!S_ISREG(st.st_mode))
		return il_err_set(err, IL_E_IO, "cannot write %s: it is %s", path, outfile_type_name(st.st_mode));
	if (outfile_open_tmp(o, mode, err) != 0)
		return -1;
	if (flags & OUTFILE_KEEP_MODE)
		fchmod(o->fd, st.st_mode & 07777);
	return 0;
}

/* Give the finished temporary file the name o->path. */
static int outfile_name(il_outfile *o, il_err *err)
{
	char from[64], tmp[PATH_MAX], dir[PATH_MAX];
	int replace = o->flags & OUTFILE_REPLACE;
	struct stat st;
	if (replace && lstat(o->path, &st) == 0 && !S_ISREG(st.st_mode))
		return il_err_set(err, IL_E_IO, "cannot write %s: it is %s now", o->path, outfile_type_name(st.st_mode));
	if (!o->tmp[0]) { /* unnamed: link it in, under a short name first when replacing */
		snprintf(from, sizeof from, "/proc/self/fd/%d", o->fd);
		if (!replace) {
			if (linkat(AT_FDCWD, from, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0)
				return 0;
			o->exists = errno == EEXIST;
			return o->exists ? il_err_set(err, IL_E_IO, "%s exists", o->path)
					 : il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
		}
		if (outfile_dirname(o->path, dir, sizeof dir) != 0)
			return il_err_set(err, IL_E_IO, "cannot write %s: the name is too long", o->path);
		int linked = 0;
		for (int k = 0; k < 100 && !linked; k++) {
			outfile_tmp_name(tmp, sizeof tmp, dir);
			linked = linkat(AT_FDCWD, from, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0;
			if (!linked && errno != EEXIST)
				break;
		}
		if (!linked)
			return il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
		snprintf(o->tmp, sizeof o->tmp, "%s", tmp);
	}
	if (replace)
		return rename(o->tmp, o->path) == 0 ? 0 : il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
	if (link(o->tmp, o->path) == 0)
		return 0;
	if (errno == EEXIST || lstat(o->path, &st) == 0) {
		o->exists = 1;
		return il_err_set(err, IL_E_IO, "%s exists", o->path);
	}
	return rename(o->tmp, o->path) == 0 ? 0 : il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
}

/* Sync, close and name the file (see outfile.h). */
int outfile_commit(il_outfile *o, il_err *err)
{
	int rc = 0;
	if (!o->through && fsync(o->fd) != 0)
		rc = il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
	if (rc == 0 && !o->through)
		rc = outfile_name(o, err);
	if (close(o->fd) != 0 && rc == 0)
		rc = il_err_errno(err, IL_E_IO, errno, "cannot write %s", o->path);
	o->fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
	return rc;
}

/* Close and drop the output. */
void outfile_abort(il_outfile *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
}

/* Write a whole buffer to path (see outfile.h). */
int outfile_write(const char *path, const void *data, size_t len, unsigned mode, int flags, il_err *err)
{
	il_outfile o;
	if (outfile_open(&o, path, mode, flags, err) != 0)
		return -1;
	const char *p = data;
	for (size_t done = 0; done < len;) {
		ssize_t w = write(o.fd, p + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			outfile_abort(&o);
			return il_err_errno(err, IL_E_IO, e, "cannot write %s", path);
		}
		done += (size_t)w;
	}
	return outfile_commit(&o, err);
}

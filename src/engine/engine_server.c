/* engine_server.c: the engine's socket, its lock and its clients' uids. */
#include "engine/engine_server.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine/engine_client.h"
#include "engine/engine_internal.h"
#include "store/paths.h"

/* Read the pid written in an open lock file; 0 when there is none. */
static long engine_server_read_pid(int fd)
{
	char buf[32] = { 0 };
	ssize_t r = pread(fd, buf, sizeof buf - 1, 0);
	return r > 0 ? strtol(buf, NULL, 10) : 0;
}

/* The pid of the engine holding the lock, or 0 when none holds it. */
long engine_server_running_pid(void)
{
	char path[IL_PATH_MAX];
	il_err err;
	if (paths_runtime_file("engine.lock", path, sizeof path, &err) != 0)
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	long pid = 0;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK)
		pid = engine_server_read_pid(fd);
	close(fd);
	return pid;
}

/* Take the lock file and write our pid into it; -1 with err. */
static int engine_server_lock(il_engine *e, il_err *err)
{
	if (paths_runtime_file("engine.lock", e->lock_path, sizeof e->lock_path, err) != 0)
		return -1;
	int fd = open(e->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot open %s", e->lock_path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int en = errno;
		long pid = en == EWOULDBLOCK ? engine_server_read_pid(fd) : 0;
		close(fd);
		if (en == EWOULDBLOCK)
			return il_err_set(err, IL_E_STATE, "an engine already runs for this user (pid %ld)", pid);
		return il_err_errno(err, IL_E_IO, en, "cannot lock %s", e->lock_path);
	}
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		int en = errno;
		close(fd);
		return il_err_errno(err, IL_E_IO, en, "cannot write %s", e->lock_path);
	}
	e->lock_fd = fd;
	return 0;
}

/* Take the lock and listen (see engine_server.h). */
int engine_server_open(il_engine *e, il_err *err)
{
	if (engine_server_lock(e, err) != 0)
		return -1;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (paths_runtime_file("engine.sock", e->sock_path, sizeof e->sock_path, err) != 0)
		return -1;
	if (strlen(e->sock_path) >= sizeof sa.sun_path)
		return il_err_set(err, IL_E_IO, "the socket path is too long: %s", e->sock_path);
	strcpy(sa.sun_path, e->sock_path);
	unlink(e->sock_path); /* we hold the lock: a socket there is a dead engine's */
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot create a socket");
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || chmod(e->sock_path, 0600) != 0 ||
	    listen(fd, 16) != 0) {
		int en = errno;
		close(fd);
		unlink(e->sock_path);
		return il_err_errno(err, IL_E_IO, en, "cannot listen on %s", e->sock_path);
	}
	struct stat st;
	if (stat(e->sock_path, &st) == 0) {
		e->sock_dev = st.st_dev;
		e->sock_ino = st.st_ino;
	}
	e->listen_fd = fd;
	return 0;
}

/* Refuse a client: one error line, then close. */
static void engine_server_refuse(int fd, const char *why)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "error");
	proto_fmt_str(&sb, "code", proto_err_name(IL_E_DENIED));
	proto_fmt_str(&sb, "msg", why);
	proto_fmt_end(&sb);
	ssize_t w = send(fd, sb.buf, sb.len, MSG_NOSIGNAL | MSG_DONTWAIT);
	(void)w;
	sbuf_free(&sb);
	close(fd);
}

/* Accept the clients waiting on the socket. */
void engine_server_accept(il_engine *e)
{
	for (;;) {
		int fd = accept4(e->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return; /* EAGAIN, or out of descriptors: try again later */
		}
		struct ucred cr;
		socklen_t len = sizeof cr;
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) != 0 || cr.uid != getuid()) {
			engine_log(e, ENGINE_WARN, "refused a client of uid %ld", len == sizeof cr ? (long)cr.uid : -1L);
			engine_server_refuse(fd, "this station belongs to another user");
			continue;
		}
		il_engine_client *c = engine_client_add(e, fd, fd, 0);
		if (!c) {
			engine_server_refuse(fd, "too many clients");
			continue;
		}
		engine_greet(e, c);
		engine_log(e, ENGINE_DEBUG, "client %u attached (pid %ld)", c->id, (long)cr.pid);
	}
}

/* Make the engine's temporary folder in the runtime folder (see
 * engine_server.h). */
int engine_server_tmpdir(char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX], name[64];
	if (paths_runtime_dir(dir, sizeof dir, err) != 0)
		return -1;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d))) {
			char old[IL_PATH_MAX];
			if (!strncmp(de->d_name, "tmp.", 4) && paths_join(old, sizeof old, dir, de->d_name, err) == 0)
				paths_remove_tree(old);
		}
		closedir(d);
	}
	snprintf(name, sizeof name, "tmp.%ld", (long)getpid());
	if (paths_join(out, n, dir, name, err) != 0)
		return -1;
	if (mkdir(out, 0700) != 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot create %s", out);
	return 0;
}

/* Stop listening: close and remove the socket, release the lock. The
 * socket is removed only if it is the one made: when the runtime folder
 * was emptied meanwhile (a logout), the path may be a newer engine's. */
void engine_server_close(il_engine *e)
{
	if (e->listen_fd >= 0) {
		close(e->listen_fd);
		struct stat st;
		if (stat(e->sock_path, &st) == 0 && st.st_dev == e->sock_dev && st.st_ino == e->sock_ino)
			unlink(e->sock_path);
		e->listen_fd = -1;
	}
	if (e->lock_fd >= 0) {
		if (ftruncate(e->lock_fd, 0) != 0) {
			/* the lock goes with the descriptor; a stale pid is only text */
		}
		close(e->lock_fd);
		e->lock_fd = -1;
	}
}

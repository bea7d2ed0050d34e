/* paths.c: XDG locations, data-file lookup and the private temp directory. */
#include "store/paths.h"

#include <ftw.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The user's home directory, or NULL. */
static const char *paths_home(void)
{
	const char *h = getenv("HOME");
	if (h && *h)
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}

/* Join dir and name into out; -1 with err when it does not fit. */
int paths_join(char *out, size_t n, const char *dir, const char *name, il_err *err)
{
	int k = snprintf(out, n, "%s/%s", dir, name);
	if (k < 0 || (size_t)k >= n)
		return il_err_set(err, IL_E_IO, "path too long: %s/%s", dir, name);
	return 0;
}

/* $ENV/infiniloop if ENV is an absolute path, else HOME/fallback/infiniloop. */
static int paths_xdg(const char *env, const char *fallback, char *out, size_t n, il_err *err)
{
	const char *base = getenv(env);
	if (base && base[0] == '/') {
		return paths_join(out, n, base, "infiniloop", err);
	}
	const char *home = paths_home();
	if (!home)
		return il_err_set(err, IL_E_IO, "cannot find the home directory: set HOME or %s", env);
	int k = snprintf(out, n, "%s/%s/infiniloop", home, fallback);
	if (k < 0 || (size_t)k >= n)
		return il_err_set(err, IL_E_IO, "path too long under %s", home);
	return 0;
}

/* $XDG_CONFIG_HOME/infiniloop (default ~/.config/infiniloop). */
int paths_config_dir(char *out, size_t n, il_err *err)
{
	return paths_xdg("XDG_CONFIG_HOME", ".config", out, n, err);
}

/* $XDG_DATA_HOME/infiniloop (default ~/.local/share/infiniloop). */
int paths_data_dir(char *out, size_t n, il_err *err)
{
	return paths_xdg("XDG_DATA_HOME", ".local/share", out, n, err);
}

/* $XDG_STATE_HOME/infiniloop (default ~/.local/state/infiniloop). */
int paths_state_dir(char *out, size_t n, il_err *err)
{
	return paths_xdg("XDG_STATE_HOME", ".local/state", out, n, err);
}

/* The runtime state file: paths_state_dir()/state. */
int paths_state_file(char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX];
	if (paths_state_dir(dir, sizeof dir, err) != 0)
		return -1;
	return paths_join(out, n, dir, "state", err);
}

/* Make dir 0700 if it is missing, then check that it is a private folder
 * of this user (not a link, no access for group or others). */
static int paths_private_dir(const char *dir, il_err *err)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return il_err_errno(err, IL_E_IO, errno, "cannot create %s", dir);
	struct stat st;
	if (lstat(dir, &st) != 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot read %s", dir);
	if (!S_ISDIR(st.st_mode))
		return il_err_set(err, IL_E_IO, "%s is not a folder (a link or a file is in the way)", dir);
	if (st.st_uid != getuid())
		return il_err_set(err, IL_E_IO, "%s belongs to another user (uid %u)", dir, (unsigned)st.st_uid);
	if ((st.st_mode & 077) && chmod(dir, 0700) != 0)
		return il_err_errno(err, IL_E_IO, errno, "%s is open to other users and cannot be made private", dir);
	return 0;
}

/* The engine's private runtime folder (see paths.h). */
int paths_runtime_dir(char *out, size_t n, il_err *err)
{
	const char *base = getenv("XDG_RUNTIME_DIR");
	int k;
	if (base && base[0] == '/')
		k = snprintf(out, n, "%s/infiniloop", base);
	else
		k = snprintf(out, n, "/tmp/infiniloop-%u", (unsigned)getuid());
	if (k < 0 || (size_t)k >= n)
		return il_err_set(err, IL_E_IO, "runtime folder path too long");
	return paths_private_dir(out, err);
}

/* A file in the runtime folder (see paths.h). */
int paths_runtime_file(const char *name, char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX];
	if (paths_runtime_dir(dir, sizeof dir, err) != 0)
		return -1;
	return paths_join(out, n, dir, name, err);
}

/* $XDG_CACHE_HOME/infiniloop (default ~/.cache/infiniloop). */
int paths_cache_dir(char *out, size_t n, il_err *err)
{
	return paths_xdg("XDG_CACHE_HOME", ".cache", out, n, err);
}

/* The default config file: paths_config_dir()/config. */
int paths_config_file(char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX];
	if (paths_config_dir(dir, sizeof dir, err) != 0)
		return -1;
	return paths_join(out, n, dir, "config", err);
}

/* The user's XDG music folder (XDG_MUSIC_DIR from user-dirs.dirs, else ~/Music). */
int paths_music_dir(char *out, size_t n, il_err *err)
{
	const char *home = paths_home();
	if (!home)
		return il_err_set(err, IL_E_IO, "cannot find the home directory: set HOME");
	char cfg[IL_PATH_MAX];
	const char *xch = getenv("XDG_CONFIG_HOME");
	if (xch && xch[0] == '/')
		snprintf(cfg, sizeof cfg, "%s/user-dirs.dirs", xch);
	else
		snprintf(cfg, sizeof cfg, "%s/.config/user-dirs.dirs", home);
	FILE *f = fopen(cfg, "r");
	if (f) {
		char line[IL_PATH_MAX];
		while (fgets(line, sizeof line, f)) {
			char *v = line;
			while (*v == ' ' || *v == '\t')
				v++;
			if (strncmp(v, "XDG_MUSIC_DIR=\"", 15) != 0)
				continue;
			v += 15;
			char *q = strchr(v, '"');
			if (!q)
				break;
			*q = '\0';
			int k;
			if (strncmp(v, "$HOME/", 6) == 0)
				k = snprintf(out, n, "%s/%s", home, v + 6);
			else if (strcmp(v, "$HOME") == 0)
				k = snprintf(out, n, "%s", home);
			else
				k = snprintf(out, n, "%s", v);
			fclose(f);
			if (k < 0 || (size_t)k >= n)
				return il_err_set(err, IL_E_IO, "music folder path too long in %s", cfg);
			return 0;
		}
		fclose(f);
	}
	int k = snprintf(out, n, "%s/Music", home);
	if (k < 0 || (size_t)k >= n)
		return il_err_set(err, IL_E_IO, "path too long under %s", home);
	return 0;
}

/* Create dir and its parents with mode (existing dirs are fine). */
int paths_mkdir_p(const char *dir, unsigned mode, il_err *err)
{
	char buf[IL_PATH_MAX];
	if (strlen(dir) >= sizeof buf)
		return il_err_set(err, IL_E_IO, "path too long: %s", dir);
	strcpy(buf, dir);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, mode) != 0 && errno != EEXIST)
				return il_err_errno(err, IL_E_IO, errno, "cannot create directory %s", buf);
			struct stat st;
			if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
				return il_err_set(err, IL_E_IO, "cannot create directory %s: a file is in the way", buf);
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

/* True when path names a regular file we can read. */
static int paths_is_readable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* Find a shipped data file by relative name (see paths.h). */
int paths_find_data(const char *rel, char *out, size_t n, il_err *err)
{
	const char *env = getenv("INFINILOOP_DATADIR");
	if (env && *env) {
		const char *p = env;
		while (*p) {
			const char *colon = strchr(p, ':');
			size_t len = colon ? (size_t)(colon - p) : strlen(p);
			if (len > 0 && len < IL_PATH_MAX) {
				char dir[IL_PATH_MAX];
				memcpy(dir, p, len);
				dir[len] = '\0';
				if (paths_join(out, n, dir, rel, NULL) == 0 && paths_is_readable_file(out))
					return 0;
			}
			p += len;
			if (*p == ':')
				p++;
		}
	}
	char dir[IL_PATH_MAX];
	if (paths_config_dir(dir, sizeof dir, NULL) == 0 &&
	    paths_join(out, n, dir, rel, NULL) == 0 && paths_is_readable_file(out))
		return 0;
	if (paths_join(out, n, IL_PKGDATADIR, rel, NULL) == 0 && paths_is_readable_file(out))
		return 0;
	return il_err_set(err, IL_E_IO, "data file %s not found (looked in $INFINILOOP_DATADIR, %s and %s)",
			  rel, dir, IL_PKGDATADIR);
}

/* A program of the package's (see paths.h). */
int paths_program(const char *name, char *out, size_t n, il_err *err)
{
	const char *dir = getenv("INFINILOOP_LIBEXECDIR");
	if (dir && *dir) {
		if (paths_join(out, n, dir, name, err) != 0)
			return -1;
		if (access(out, X_OK) != 0)
			return il_err_errno(err, IL_E_IO, errno, "%s cannot be run ($INFINILOOP_LIBEXECDIR)", out);
		return 0;
	}
	char self[IL_PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
	if (k > 0) {
		self[k] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if (paths_join(out, n, self, name, NULL) == 0 && access(out, X_OK) == 0)
				return 0;
		}
	}
	if (paths_join(out, n, IL_PKGLIBEXECDIR, name, err) != 0)
		return -1;
	if (access(out, X_OK) != 0)
		return il_err_errno(err, IL_E_IO, errno, "%s cannot be run", out);
	return 0;
}

/* Make a private 0700 directory for temporary files (under $TMPDIR or /tmp). */
int paths_tmpdir_create(char *out, size_t n, il_err *err)
{
	const char *base = getenv("TMPDIR");
	if (!base || base[0] != '/')
		base = "/tmp";
	int k = snprintf(out, n, "%s/infiniloop.XXXXXX", base);
	if (k < 0 || (size_t)k >= n)
		return il_err_set(err, IL_E_IO, "temporary directory path too long under %s", base);
	if (!mkdtemp(out))
		return il_err_errno(err, IL_E_IO, errno, "cannot create a temporary directory in %s", base);
	return 0; /* mkdtemp creates it 0700 */
}

/* nftw callback: remove one entry (children come first with FTW_DEPTH). */
static int paths_remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

/* Remove a directory and everything in it (links are not followed). */
void paths_remove_tree(const char *dir)
{
	if (dir && *dir)
		nftw(dir, paths_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove a directory made by paths_tmpdir_create and everything in it. */
void paths_tmpdir_remove(const char *dir)
{
	paths_remove_tree(dir);
}

/* The process's file mode creation mask, read without changing it. */
unsigned paths_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	unsigned mask = 022;
	if (f) {
		char line[256];
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "Umask: %o", &mask) == 1)
				break;
		fclose(f);
	}
	return mask & 0777;
}

/* wisdom.c: FFTW wisdom in the cache folder (see wisdom.h). */
#include "store/wisdom.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dsp/fft.h"
#include "store/paths.h"
#include "util/outfile.h"

#define WISDOM_FILE "fftw-wisdom"
#define WISDOM_MAX (1 << 20) /* far more than the few sizes the program plans */

/* The wisdom file's path into out (the folder made when mk); 0 or -1. */
static int wisdom_path(char *out, size_t n, int mk, il_err *err)
{
	char dir[IL_PATH_MAX];
	if (paths_cache_dir(dir, sizeof dir, err) != 0)
		return -1;
	if (mk && paths_mkdir_p(dir, 0700, err) != 0)
		return -1;
	return paths_join(out, n, dir, WISDOM_FILE, err);
}

/* Import the saved wisdom, if any (see wisdom.h). */
int wisdom_load(il_err *err)
{
	char path[IL_PATH_MAX];
	if (wisdom_path(path, sizeof path, 0, err) != 0)
		return -1;
	/* O_NONBLOCK, then fstat: a FIFO there must not block the start. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT ? 0 : il_err_errno(err, IL_E_IO, errno, "cannot read %s", path);
	struct stat st;
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISCHR(st.st_mode))) {
		close(fd);
		return il_err_set(err, IL_E_IO, "%s: not a regular file", path);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return il_err_errno(err, IL_E_IO, errno, "cannot read %s", path);
	}
	char *text = malloc(WISDOM_MAX + 1);
	size_t len = text ? fread(text, 1, WISDOM_MAX, f) : 0;
	int bad = !text || ferror(f);
	fclose(f);
	int rc = 0;
	if (bad)
		rc = il_err_set(err, IL_E_IO, "cannot read %s", path);
	else if ((text[len] = '\0', fft_wisdom_import(text)) != 0)
		rc = il_err_set(err, IL_E_BAD_VALUE, "%s: FFTW does not take this wisdom; it will be replaced", path);
	free(text);
	return rc;
}

/* Save the wisdom when plans were made since it was loaded (see wisdom.h):
 * written whole or not at all, and only a regular file is replaced
 * (util/outfile.h). */
int wisdom_save(il_err *err)
{
	char *text = fft_wisdom_export();
	if (!text)
		return 0;
	char path[IL_PATH_MAX];
	int rc = wisdom_path(path, sizeof path, 1, err);
	if (rc == 0)
		rc = outfile_write(path, text, strlen(text), 0600, OUTFILE_REPLACE, err);
	free(text);
	return rc;
}

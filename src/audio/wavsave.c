/* wavsave.c: write a loop as a WAV file with its loop points. */
#include "audio/wavsave.h"

#include "store/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write the samples and metadata into the open descriptor fd. */
static int wav_write_fd(const il_loop *loop, int fd, const char *path, il_err *err)
{
	SF_INFO info;
	memset(&info, 0, sizeof info);
	info.samplerate = loop->rate;
	info.channels = loop->channels;
	info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, 0);
	if (!sf)
		return il_err_set(err, "io: cannot write %s: %s", path, sf_strerror(NULL));
	char comment[128];
	snprintf(comment, sizeof comment, "LOOPSTART=%zu LOOPLENGTH=%zu", loop->loop_start,
		 loop->loop_end - loop->loop_start);
	sf_set_string(sf, SF_STR_COMMENT, comment);
	if (loop->title[0])
		sf_set_string(sf, SF_STR_TITLE, loop->title);
	if (loop->artist[0])
		sf_set_string(sf, SF_STR_ARTIST, loop->artist);
	sf_set_string(sf, SF_STR_SOFTWARE, PACKAGE_NAME " " PACKAGE_VERSION);
	SF_INSTRUMENT inst;
	memset(&inst, 0, sizeof inst);
	inst.basenote = 60;
	inst.velocity_lo = 1;
	inst.velocity_hi = 127;
	inst.key_lo = 0;
	inst.key_hi = 127;
	inst.loop_count = 1;
	inst.loops[0].mode = SF_LOOP_FORWARD;
	inst.loops[0].start = (unsigned int)loop->loop_start;
	inst.loops[0].end = (unsigned int)loop->loop_end;
	inst.loops[0].count = 0;
	if (sf_command(sf, SFC_SET_INSTRUMENT, &inst, sizeof inst) != SF_TRUE) {
		sf_close(sf);
		return il_err_set(err, "io: cannot add loop points to %s", path);
	}
	sf_count_t n = sf_writef_float(sf, loop->frames, (sf_count_t)loop->nframes);
	int serr = sf_error(sf);
	char why[256];
	snprintf(why, sizeof why, "%s", sf_strerror(sf));
	int closed = sf_close(sf);
	if (n != (sf_count_t)loop->nframes || serr || closed != 0)
		return il_err_set(err, "io: cannot write %s: %s", path, why);
	if (fsync(fd) != 0)
		return il_err_errno(err, errno, "io: cannot write %s", path);
	return 0;
}

/* Save loop to path; an existing file is replaced only when force is set. */
int il_wav_save(const il_loop *loop, const char *path, int force, il_err *err)
{
	if (!loop || !loop->frames || loop->nframes == 0)
		return il_err_set(err, "state: there is no loop to save");
	struct stat st;
	if (!force && lstat(path, &st) == 0)
		return il_err_set(err, "io: %s exists; save with force=1 to replace it", path);
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return il_err_set(err, "internal: out of memory");
	snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		il_err_errno(err, errno, "io: cannot write %s", path);
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644 & ~paths_umask()); /* mkstemp made it 0600 */
	int rc = wav_write_fd(loop, fd, path, err);
	if (close(fd) != 0 && rc == 0)
		rc = il_err_errno(err, errno, "io: cannot write %s", path);
	if (rc == 0) {
		if (force) {
			if (rename(tmp, path) != 0)
				rc = il_err_errno(err, errno, "io: cannot write %s", path);
		} else if (link(tmp, path) != 0) {
			if (errno == EEXIST)
				rc = il_err_set(err, "io: %s exists; save with force=1 to replace it", path);
			else if (lstat(path, &st) == 0)
				rc = il_err_set(err, "io: %s exists; save with force=1 to replace it", path);
			else if (rename(tmp, path) != 0) /* no hard links here */
				rc = il_err_errno(err, errno, "io: cannot write %s", path);
		}
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

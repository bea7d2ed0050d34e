/* wavsave.c: write a loop as a WAV, FLAC or Ogg Vorbis file with its loop
 * points. */
#include "audio/wavsave.h"

#include "audio/memfile.h"
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The libsndfile format for path's extension: none or .wav is 32-bit
 * float WAV, .flac 24-bit FLAC, .ogg/.oga Ogg Vorbis; 0 or -1 (refused). */
static int wav_format(const char *path, int *format, il_err *err)
{
	const char *base = strrchr(path, '/');
	const char *dot = strrchr(base ? base + 1 : path, '.');
	if (!dot || !strcasecmp(dot, ".wav") || !strcasecmp(dot, ".wave"))
		*format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	else if (!strcasecmp(dot, ".flac"))
		*format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
	else if (!strcasecmp(dot, ".ogg") || !strcasecmp(dot, ".oga"))
		*format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	else
		return il_err_set(err, IL_E_BAD_VALUE, "cannot save as '%s': the formats are .wav, "
				  ".flac and .ogg", dot);
	return 0;
}

/* Write the samples and metadata into sf and close it (the loop points in
 * a smpl chunk too when it is a WAV file). */
static int wav_write_sf(const il_loop *loop, SNDFILE *sf, int format, const char *path, il_err *err)
{
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE); /* PCM formats: clip, never wrap */
	/* The loop points, then what is known of the music: a composer's
	 * loop keeps its plan (so it plays from its own loop points again). */
	char comment[2048];
	int w = snprintf(comment, sizeof comment, "LOOPSTART=%zu LOOPLENGTH=%zu", loop->loop_start,
			 loop->loop_end - loop->loop_start);
	if (loop->style[0])
		w += snprintf(comment + w, sizeof comment - (size_t)w, "; composer; bpm=%.2f; key=%s; metre=%s; "
			      "style=%s; bars=%d; sections=%s; instruments=%s", loop->bpm, loop->key, loop->metre,
			      loop->style, loop->bars, loop->sections, loop->instruments);
	else if (loop->bpm > 0)
		w += snprintf(comment + w, sizeof comment - (size_t)w, "; bpm=%.2f", loop->bpm);
	if (loop->prompt[0] && w > 0 && (size_t)w < sizeof comment)
		snprintf(comment + w, sizeof comment - (size_t)w, "; prompt=%s", loop->prompt);
	sf_set_string(sf, SF_STR_COMMENT, comment);
	if (loop->title[0])
		sf_set_string(sf, SF_STR_TITLE, loop->title);
	if (loop->artist[0])
		sf_set_string(sf, SF_STR_ARTIST, loop->artist);
	sf_set_string(sf, SF_STR_SOFTWARE, PACKAGE_NAME " " PACKAGE_VERSION);
	SF_INSTRUMENT inst;
	memset(&inst, 0, sizeof inst);
	int wav = (format & SF_FORMAT_TYPEMASK) == SF_FORMAT_WAV;
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
	if (wav && sf_command(sf, SFC_SET_INSTRUMENT, &inst, sizeof inst) != SF_TRUE) {
		sf_close(sf);
		return il_err_set(err, IL_E_IO, "cannot add loop points to %s", path);
	}
	sf_count_t n = sf_writef_float(sf, loop->frames, (sf_count_t)loop->nframes);
	int serr = sf_error(sf);
	char why[256];
	snprintf(why, sizeof why, "%s", sf_strerror(sf));
	int closed = sf_close(sf);
	if (n != (sf_count_t)loop->nframes || serr || closed != 0)
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, why);
	return 0;
}

/* Write the loop in format into the open descriptor fd: directly when it
 * can seek, else built in memory and then copied (a pipe). */
static int wav_write_fd(const il_loop *loop, int fd, int format, const char *path, il_err *err)
{
	SF_INFO info;
	memset(&info, 0, sizeof info);
	info.samplerate = loop->rate;
	info.channels = loop->channels;
	info.format = format;
	if (!sf_format_check(&info))
		return il_err_set(err, IL_E_BAD_VALUE, "cannot write %s: this format does not take %d Hz, "
				  "%d channels", path, loop->rate, loop->channels);
	if (lseek(fd, 0, SEEK_CUR) >= 0) {
		SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, 0);
		if (!sf)
			return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, sf_strerror(NULL));
		return wav_write_sf(loop, sf, format, path, err);
	}
	il_memfile m = { 0 };
	SNDFILE *sf = sf_open_virtual(&memfile_vio, SFM_WRITE, &info, &m);
	int rc = sf ? wav_write_sf(loop, sf, format, path, err)
		    : il_err_set(err, IL_E_IO, "cannot write %s: %s", path, sf_strerror(NULL));
	for (sf_count_t done = 0; rc == 0 && done < m.len;) {
		ssize_t w = write(fd, m.data + done, (size_t)(m.len - done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = il_err_errno(err, IL_E_IO, w < 0 ? errno : ENOSPC, "cannot write %s", path);
		else
			done += w;
	}
	memfile_free(&m);
	return rc;
}

/* The error of a failed open or commit, as the save reports it. */
static int wav_save_err(const il_outfile *o, const char *path, const il_err *e, il_err *err)
{
	if (o->exists)
		return il_err_set(err, IL_E_IO, "%s exists; save with force=1 to replace it", path);
	return il_err_set(err, IL_E_IO, "%s", e->msg);
}

/* Save loop to path; an existing file is replaced only when force is set. */
int il_wav_save(const il_loop *loop, const char *path, int force, il_err *err)
{
	if (!loop || !loop->frames || loop->nframes == 0)
		return il_err_set(err, IL_E_STATE, "there is no loop to save");
	struct stat st;
	int format = 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return il_err_set(err, IL_E_IO, "%s is a directory", path);
	/* A FIFO or a device takes a WAV stream whatever its name ends with. */
	int stream = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	if (stream)
		format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	else if (wav_format(path, &format, err) != 0)
		return -1;
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (slash && (size_t)(slash - path) < sizeof dir) { /* a missing folder is named */
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
		if (stat(dir, &st) != 0 && errno == ENOENT)
			return il_err_set(err, IL_E_IO, "cannot write %s: the folder %s does not exist", path,
					  dir);
	}
	il_outfile o;
	il_err e;
	if (outfile_open(&o, path, 0644, force ? OUTFILE_REPLACE : 0, &e) != 0)
		return wav_save_err(&o, path, &e, err);
	if (wav_write_fd(loop, o.fd, format, path, err) != 0) {
		outfile_abort(&o);
		return -1;
	}
	if (outfile_commit(&o, &e) != 0)
		return wav_save_err(&o, path, &e, err);
	return 0;
}

/* audiofile.c: reading audio files with libsndfile; validation for looping. */
#include "audio/audiofile.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/memfile.h"

/* Refuse a file of frames at rate that is too long; 0 or -1 with err. */
static int audiofile_too_long(double frames, int rate, const char *name, il_err *err)
{
	double secs = frames / rate;
	if (secs <= AUDIOFILE_MAX_SECONDS)
		return 0;
	long t = (long)secs;
	return il_err_set(err, IL_E_BAD_VALUE, "%s: too long (%ld:%02ld:%02ld; at most %d minutes)", name,
			  t / 3600, t / 60 % 60, t % 60, AUDIOFILE_MAX_SECONDS / 60);
}

/* Read every frame of an open file into af; closes sf. */
static int audiofile_load(SNDFILE *sf, const SF_INFO *info, const char *name,
			  il_audiofile *af, il_err *err)
{
	memset(af, 0, sizeof *af);
	const char *comment = sf_get_string(sf, SF_STR_COMMENT);
	if (comment)
		snprintf(af->comment, sizeof af->comment, "%s", comment);
	if (info->channels < 1 || info->channels > AUDIOFILE_MAX_CHANNELS) {
		sf_close(sf);
		return il_err_set(err, IL_E_BAD_VALUE, "%s: unsupported channel count %d", name, info->channels);
	}
	if (info->samplerate < AUDIOFILE_MIN_RATE || info->samplerate > AUDIOFILE_MAX_RATE) {
		sf_close(sf);
		return il_err_set(err, IL_E_BAD_VALUE, "%s: unsupported sample rate %d", name, info->samplerate);
	}
	if (info->frames > 0 && info->frames != SF_COUNT_MAX &&
	    audiofile_too_long((double)info->frames, info->samplerate, name, err) != 0) {
		sf_close(sf);
		return -1;
	}
	size_t ch = (size_t)info->channels, cap = 0, n = 0;
	/* Frames kept at most: the time limit, and a memory bound for many channels. */
	size_t max_frames = (size_t)AUDIOFILE_MAX_SECONDS * (size_t)info->samplerate + 1;
	if (max_frames > AUDIOFILE_MAX_SAMPLES / ch)
		max_frames = AUDIOFILE_MAX_SAMPLES / ch;
	float *buf = NULL;
	/* The header's frame count may lie: grow as frames actually arrive. */
	size_t want = info->frames > 0 && (size_t)info->frames < AUDIOFILE_MAX_SAMPLES / ch
		? (size_t)info->frames + 1 : 65536;
	for (;;) {
		if (n + 4096 > cap) {
			size_t ncap = cap ? cap * 2 : want;
			if (ncap < n + 4096)
				ncap = n + 4096;
			if (ncap > max_frames)
				ncap = max_frames;
			if (ncap <= n) {
				free(buf);
				sf_close(sf);
				if (audiofile_too_long((double)n, info->samplerate, name, err) != 0)
					return -1;
				return il_err_set(err, IL_E_BAD_VALUE, "%s: too long (more than %zu samples in %zu channels)",
						  name, (size_t)AUDIOFILE_MAX_SAMPLES, ch);
			}
			float *nb = realloc(buf, ncap * ch * sizeof *nb);
			if (!nb) {
				free(buf);
				sf_close(sf);
				return il_err_set(err, IL_E_INTERNAL, "%s: out of memory", name);
			}
			buf = nb;
			cap = ncap;
		}
		size_t chunk = cap - n < 65536 ? cap - n : 65536;
		sf_count_t got = sf_readf_float(sf, buf + n * ch, (sf_count_t)chunk);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	int serr = sf_error(sf);
	char smsg[256];
	snprintf(smsg, sizeof smsg, "%s", sf_strerror(sf));
	sf_close(sf);
	if (serr != SF_ERR_NO_ERROR && n == 0) {
		free(buf);
		return il_err_set(err, IL_E_BAD_VALUE, "%s: cannot decode: %s", name, smsg);
	}
	if (n == 0) {
		free(buf);
		return il_err_set(err, IL_E_BAD_VALUE, "%s: empty (no audio frames)", name);
	}
	af->samples = buf;
	af->frames = n;
	af->rate = info->samplerate;
	af->channels = info->channels;
	return 0;
}

/* Open the file at path as audio: its header read into *info, the
 * descriptor left in *fd (libsndfile does not close it: the caller does,
 * once, whatever happens); NULL with err naming the file and the reason. */
static SNDFILE *audiofile_open(const char *path, SF_INFO *info, int *fd, il_err *err)
{
	/* O_NONBLOCK: a FIFO must not block the open (it is refused below). */
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (*fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "%s: cannot open", path), NULL;
	struct stat st;
	const char *why = NULL;
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_size == 0)
		why = "empty file";
	SNDFILE *sf = NULL;
	if (!why) {
		fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK);
		memset(info, 0, sizeof *info);
		if (!(sf = sf_open_fd(*fd, SFM_READ, info, 0)))
			il_err_set(err, IL_E_BAD_VALUE, "%s: unreadable: %s", path, sf_strerror(NULL));
	} else {
		il_err_set(err, IL_E_BAD_VALUE, "%s: %s", path, why);
	}
	if (!sf) {
		close(*fd);
		*fd = -1;
	}
	return sf;
}

/* Read the file at path. 0, or -1 with err naming the file and the reason. */
int audiofile_read(const char *path, il_audiofile *af, il_err *err)
{
	memset(af, 0, sizeof *af);
	SF_INFO info;
	int fd;
	SNDFILE *sf = audiofile_open(path, &info, &fd, err);
	if (!sf)
		return -1;
	int rc = audiofile_load(sf, &info, path, af, err);
	close(fd);
	return rc;
}

/* Whether the file at path opens as audio (its header only); 0, or -1
 * with err as audiofile_read would say it. */
int audiofile_probe(const char *path, il_err *err)
{
	SF_INFO info;
	int fd;
	SNDFILE *sf = audiofile_open(path, &info, &fd, err);
	if (!sf)
		return -1;
	sf_close(sf);
	close(fd);
	return 0;
}

/* Read an audio file held in memory (name is used in messages). */
int audiofile_read_memory(const void *data, size_t size, const char *name,
			  il_audiofile *af, il_err *err)
{
	memset(af, 0, sizeof *af);
	il_memfile m = memfile_reader(data, (sf_count_t)size);
	SF_INFO info;
	memset(&info, 0, sizeof info);
	SNDFILE *sf = sf_open_virtual(&memfile_vio, SFM_READ, &info, &m);
	if (!sf)
		return il_err_set(err, IL_E_BAD_VALUE, "%s: unreadable: %s", name, sf_strerror(NULL));
	return audiofile_load(sf, &info, name, af, err);
}

/* Check that the audio can be looped: at least 2 s, every sample finite, not
 * silent and not a constant (DC) signal. 0, or -1 with err naming it. */
int audiofile_check(const il_audiofile *af, const char *name, il_err *err)
{
	if (!af->samples || af->frames == 0)
		return il_err_set(err, IL_E_BAD_VALUE, "%s: empty (no audio frames)", name);
	double secs = (double)af->frames / af->rate;
	if (secs < AUDIOFILE_MIN_SECONDS)
		return il_err_set(err, IL_E_BAD_VALUE, "%s: too short (%.2f s; at least %.0f s needed)", name,
				  secs, AUDIOFILE_MIN_SECONDS);
	size_t ch = (size_t)af->channels, n = af->frames * ch;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(af->samples[i]))
			return il_err_set(err, IL_E_BAD_VALUE, "%s: invalid audio (sample %zu is not a finite number)",
					  name, i / ch);
		if (fabsf(af->samples[i]) > AUDIOFILE_MAX_VALUE)
			return il_err_set(err, IL_E_BAD_VALUE, "%s: invalid audio (sample %zu is out of range)",
					  name, i / ch);
	}
	double maxac = 0, maxdc = 0;
	for (size_t c = 0; c < ch; c++) {
		double sum = 0, sum2 = 0;
		for (size_t i = c; i < n; i += ch)
			sum += af->samples[i];
		double mean = sum / (double)af->frames;
		for (size_t i = c; i < n; i += ch) {
			double d = af->samples[i] - mean;
			sum2 += d * d;
		}
		double ac = sqrt(sum2 / (double)af->frames);
		if (ac > maxac)
			maxac = ac;
		if (fabs(mean) > maxdc)
			maxdc = fabs(mean);
	}
	if (maxac < 1e-5) {
		if (maxdc >= 1e-5)
			return il_err_set(err, IL_E_BAD_VALUE, "%s: constant (DC-only) signal, nothing to loop", name);
		return il_err_set(err, IL_E_BAD_VALUE, "%s: silent, nothing to loop", name);
	}
	return 0;
}

/* Free the samples and clear af (NULL is fine). */
void audiofile_free(il_audiofile *af)
{
	if (!af)
		return;
	free(af->samples);
	memset(af, 0, sizeof *af);
}

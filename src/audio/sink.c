/* sink.c: the sink interface, the file sink and the null sink. */
#include "audio/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct il_sink {
	il_sink_spec spec;
	SNDFILE *sf;            /* file sink */
	void *pulse;            /* pulse sink */
	unsigned long long frames;
	struct timespec epoch;  /* pacing: wall time of paced_frames == 0 */
	unsigned long long paced_frames;
	int pacing;
};

/* Parse "pulse", "null" or "file:PATH" into spec. */
int il_sink_parse(const char *text, il_sink_spec *spec, il_err *err)
{
	if (!strcmp(text, "pulse")) {
		spec->kind = IL_SINK_PULSE;
	} else if (!strcmp(text, "null")) {
		spec->kind = IL_SINK_NULL;
	} else if ((!strncmp(text, "file:", 5) && text[5]) || (!strncmp(text, "file!:", 6) && text[6])) {
		const char *path = strchr(text, ':') + 1;
		if (strlen(path) >= sizeof spec->path)
			return il_err_set(err, IL_E_BAD_VALUE, "the output file name is too long");
		spec->kind = IL_SINK_FILE;
		spec->overwrite = text[4] == '!';
		spec->append = 0;
		strcpy(spec->path, path);
	} else {
		return il_err_set(err, IL_E_BAD_VALUE, "output must be pulse, null or file:PATH (file!:PATH to overwrite), not '%s'",
				  text);
	}
	return 0;
}

/* Open the file of a file sink: a new file (O_EXCL); an existing regular
 * file only with file!: (truncated) or when appending to our own recording;
 * a FIFO or character device written through; never through a symlink. */
static int sink_file_open(il_sink *s, const il_sink_spec *spec, il_err *err)
{
	const char *path = spec->path;
	struct stat st;
	int flags = O_CREAT | O_EXCL;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return il_err_set(err, IL_E_IO, "cannot write %s: it is a symbolic link; give the file's own path", path);
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
			flags = O_NONBLOCK;
		else if (!S_ISREG(st.st_mode))
			return il_err_set(err, IL_E_IO, "cannot write %s: it is not a regular file", path);
		else if (spec->append)
			flags = 0;
		else if (spec->overwrite)
			flags = O_TRUNC;
		else
			return il_err_set(err, IL_E_IO, "%s exists; use output file!:%s to overwrite it", path, path);
	}
	int fd = open(path, (flags == 0 ? O_RDWR : O_WRONLY) | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | flags, 0666);
	if (fd < 0 && errno == ENXIO)
		return il_err_set(err, IL_E_IO, "cannot write %s: it is a FIFO that nothing reads", path);
	if (fd < 0)
		return il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
	if (flags & O_NONBLOCK)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	SF_INFO info = { 0 };
	info.samplerate = IL_SINK_RATE;
	info.channels = IL_SINK_CHANNELS;
	info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	s->sf = sf_open_fd(fd, flags == 0 ? SFM_RDWR : SFM_WRITE, &info, 1);
	if (!s->sf) {
		close(fd);
		return il_err_set(err, IL_E_IO, "cannot write %s: %s", path, sf_strerror(NULL));
	}
	if (flags == 0 && sf_seek(s->sf, 0, SEEK_END) < 0) {
		sf_close(s->sf);
		s->sf = NULL;
		return il_err_set(err, IL_E_IO, "cannot append to %s", path);
	}
	return 0;
}

/* Open a sink. */
int il_sink_open(il_sink **out, const il_sink_spec *spec, il_err *err)
{
	il_sink *s = calloc(1, sizeof *s);
	if (!s)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	s->spec = *spec;
	if (spec->kind == IL_SINK_FILE) {
		if (sink_file_open(s, spec, err) != 0) {
			free(s);
			return -1;
		}
	} else if (spec->kind == IL_SINK_PULSE) {
		s->pulse = il_sink_pulse_open(spec->latency_ms, err);
		if (!s->pulse) {
			free(s);
			return -1;
		}
	}
	*out = s;
	return 0;
}

/* Sleep until the wall clock has caught up with the frames written. */
static void sink_pace(il_sink *s, size_t n)
{
	if (!s->pacing) {
		clock_gettime(CLOCK_MONOTONIC, &s->epoch);
		s->paced_frames = 0;
		s->pacing = 1;
	}
	s->paced_frames += n;
	/* Stay one block ahead so the timeline runs at real speed. */
	unsigned long long ahead = s->paced_frames > n ? s->paced_frames - n : 0;
	long long ns = (long long)(ahead * 1000000000ULL / IL_SINK_RATE);
	struct timespec t = s->epoch;
	t.tv_sec += ns / 1000000000LL;
	t.tv_nsec += ns % 1000000000LL;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

/* Write n frames. */
int il_sink_write(il_sink *s, const float *frames, size_t n, il_err *err)
{
	if (s->spec.kind == IL_SINK_PULSE) {
		if (il_sink_pulse_write(s->pulse, frames, n, err) != 0)
			return -1;
	} else {
		if (s->sf && sf_writef_float(s->sf, frames, (sf_count_t)n) != (sf_count_t)n)
			return il_err_set(err, IL_E_IO, "cannot write %s: %s", s->spec.path, sf_strerror(s->sf));
		if (!s->spec.fast)
			sink_pace(s, n);
	}
	s->frames += n;
	return 0;
}

/* Seconds between a frame written now and when it is heard. */
double il_sink_latency(il_sink *s)
{
	return s->spec.kind == IL_SINK_PULSE ? il_sink_pulse_latency(s->pulse) : 0.0;
}

/* The writer stops for a while: pacing restarts from the next write. */
void il_sink_idle(il_sink *s)
{
	s->pacing = 0;
}

/* True when the sink still works; 0 with err set when it failed. */
int il_sink_alive(il_sink *s, il_err *err)
{
	return s->spec.kind == IL_SINK_PULSE ? il_sink_pulse_alive(s->pulse, err) : 1;
}

/* Frames written so far. */
unsigned long long il_sink_frames(const il_sink *s)
{
	return s->frames;
}

/* Drain if asked, then close. */
int il_sink_close(il_sink *s, int drain, il_err *err)
{
	int rc = 0;
	if (!s)
		return 0;
	if (s->pulse)
		il_sink_pulse_close(s->pulse, drain);
	if (s->sf && sf_close(s->sf) != 0)
		rc = il_err_set(err, IL_E_IO, "cannot finish %s", s->spec.path);
	free(s);
	return rc;
}

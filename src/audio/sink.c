/* sink.c: the sink interface, the automatic choice, the file sink and the
 * null sink. */
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
	il_sink_kind kind;      /* as opened (auto resolved) */
	char name[IL_SINK_NAME_MAX];
	SNDFILE *sf;            /* file sink */
	void *dev;              /* pulse or alsa sink */
	unsigned long long frames;
	unsigned long underruns; /* file and null sinks */
	struct timespec epoch;  /* pacing: wall time of paced_frames == 0 */
	unsigned long long paced_frames;
	int pacing;
};

/* Parse "auto", "pulse", "alsa[:DEVICE]", "null", "file:PATH" or
 * "file!:PATH" into spec. */
int il_sink_parse(const char *text, il_sink_spec *spec, il_err *err)
{
	if (!strcmp(text, "auto")) {
		spec->kind = IL_SINK_AUTO;
	} else if (!strcmp(text, "pulse")) {
		spec->kind = IL_SINK_PULSE;
	} else if (!strcmp(text, "alsa") || (!strncmp(text, "alsa:", 5) && text[5])) {
		const char *dev = text[4] ? text + 5 : "default";
		if (strlen(dev) >= sizeof spec->device)
			return il_err_set(err, IL_E_BAD_VALUE, "the ALSA device name is too long");
		spec->kind = IL_SINK_ALSA;
		strcpy(spec->device, dev);
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
		return il_err_set(err, IL_E_BAD_VALUE, "output must be auto, pulse, alsa, alsa:DEVICE, null or file:PATH "
				  "(file!:PATH to overwrite), not '%s'", text);
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
	if (!s->sf) { /* libsndfile has closed fd */
		int e = errno;
		return e ? il_err_errno(err, IL_E_IO, e, "cannot write %s", path) : il_err_set(err, IL_E_IO, "cannot write %s", path);
	}
	if (flags == 0 && sf_seek(s->sf, 0, SEEK_END) < 0) {
		sf_close(s->sf);
		s->sf = NULL;
		return il_err_set(err, IL_E_IO, "cannot append to %s", path);
	}
	return 0;
}

/* Open the automatic choice: PulseAudio when a server answers, otherwise
 * ALSA's default device; 0 or -1 with err saying what to install. */
static int sink_open_auto(il_sink *s, il_err *err)
{
	il_err perr, aerr;
	int stalled = 0;
	s->dev = il_sink_pulse_open(s->spec.latency_ms, 1, s->spec.cancel, &stalled, &perr);
	if (s->dev) {
		s->kind = IL_SINK_PULSE;
		return 0;
	}
	if (stalled) { /* a server is there: wait for it rather than go around it */
		*err = perr;
		return -1;
	}
	s->dev = il_sink_alsa_open("default", s->spec.latency_ms, s->spec.cancel, &aerr);
	if (s->dev) {
		s->kind = IL_SINK_ALSA;
		snprintf(s->spec.device, sizeof s->spec.device, "default");
		return 0;
	}
	const char *p = perr.msg, *a = aerr.msg;
	return il_err_set(err, IL_E_AUDIO, "no audio device (%.160s; %.160s): install pipewire-pulse and "
			  "wireplumber (or pulseaudio) for a sound server, or check that ALSA sees a sound "
			  "card (aplay -l) and that you are in the audio group", p, a);
}

/* Open a sink. */
int il_sink_open(il_sink **out, const il_sink_spec *spec, il_err *err)
{
	il_sink *s = calloc(1, sizeof *s);
	if (!s)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	s->spec = *spec;
	s->kind = spec->kind;
	int rc = 0;
	if (spec->kind == IL_SINK_FILE) {
		rc = sink_file_open(s, spec, err);
	} else if (spec->kind == IL_SINK_PULSE) {
		s->dev = il_sink_pulse_open(spec->latency_ms, 0, spec->cancel, NULL, err);
		rc = s->dev ? 0 : -1;
	} else if (spec->kind == IL_SINK_ALSA) {
		s->dev = il_sink_alsa_open(spec->device[0] ? spec->device : "default", spec->latency_ms,
					   spec->cancel, err);
		rc = s->dev ? 0 : -1;
	} else if (spec->kind == IL_SINK_AUTO) {
		rc = sink_open_auto(s, err);
	}
	if (rc != 0) {
		free(s);
		return -1;
	}
	if (s->kind == IL_SINK_PULSE)
		snprintf(s->name, sizeof s->name, "pulse");
	else if (s->kind == IL_SINK_ALSA)
		snprintf(s->name, sizeof s->name, "alsa:%s", s->spec.device[0] ? s->spec.device : "default");
	else if (s->kind == IL_SINK_FILE)
		snprintf(s->name, sizeof s->name, "file:%s", s->spec.path);
	else
		snprintf(s->name, sizeof s->name, "null");
	*out = s;
	return 0;
}

/* Sleep until the wall clock has caught up with the frames written; a
 * writer later than the buffer (latency_ms) is an underrun: count it and
 * pace from now on, as a device would play on after the gap. */
static void sink_pace(il_sink *s, size_t n)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (s->pacing) {
		double due = (double)s->epoch.tv_sec + s->epoch.tv_nsec / 1e9 +
			     (double)s->paced_frames / IL_SINK_RATE;
		double late = (double)now.tv_sec + now.tv_nsec / 1e9 - due;
		int buffer_ms = s->spec.latency_ms > 0 ? s->spec.latency_ms : 150;
		if (late > buffer_ms / 1000.0) {
			s->underruns++;
			s->pacing = 0;
		}
	}
	if (!s->pacing) {
		s->epoch = now;
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
	if (s->kind == IL_SINK_PULSE) {
		if (il_sink_pulse_write(s->dev, frames, n, err) != 0)
			return -1;
	} else if (s->kind == IL_SINK_ALSA) {
		if (il_sink_alsa_write(s->dev, frames, n, err) != 0)
			return -1;
	} else {
		errno = 0;
		if (s->sf && sf_writef_float(s->sf, frames, (sf_count_t)n) != (sf_count_t)n)
			return errno ? il_err_errno(err, IL_E_IO, errno, "cannot write %s", s->spec.path)
				     : il_err_set(err, IL_E_IO, "cannot write %s", s->spec.path);
		if (!s->spec.fast)
			sink_pace(s, n);
	}
	s->frames += n;
	return 0;
}

/* Wait for room for min frames; the frames writable now (see sink.h). */
long il_sink_room(il_sink *s, size_t min, size_t max, il_err *err)
{
	return s->kind == IL_SINK_PULSE ? il_sink_pulse_room(s->dev, min, max, err) : 0;
}

/* Seconds between a frame written now and when it is heard. */
double il_sink_latency(il_sink *s)
{
	if (s->kind == IL_SINK_PULSE)
		return il_sink_pulse_latency(s->dev);
	if (s->kind == IL_SINK_ALSA)
		return il_sink_alsa_latency(s->dev);
	return 0.0;
}

/* The writer stops for a while. */
void il_sink_idle(il_sink *s)
{
	s->pacing = 0;
	if (s->kind == IL_SINK_PULSE)
		il_sink_pulse_idle(s->dev);
	else if (s->kind == IL_SINK_ALSA)
		il_sink_alsa_idle(s->dev);
}

/* True when the sink still works; 0 with err set when it failed. */
int il_sink_alive(il_sink *s, il_err *err)
{
	if (s->kind == IL_SINK_PULSE)
		return il_sink_pulse_alive(s->dev, err);
	if (s->kind == IL_SINK_ALSA)
		return il_sink_alsa_alive(s->dev, err);
	return 1;
}

/* Make the device's buffer latency_ms long, in place when it can. */
int il_sink_set_latency(il_sink *s, int latency_ms)
{
	s->spec.latency_ms = latency_ms;
	if (s->kind == IL_SINK_PULSE)
		return il_sink_pulse_set_latency(s->dev, latency_ms);
	return s->kind == IL_SINK_ALSA ? -1 : 0;
}

/* Underruns counted so far. */
unsigned long il_sink_underruns(const il_sink *s)
{
	if (s->kind == IL_SINK_PULSE)
		return il_sink_pulse_underruns(s->dev);
	if (s->kind == IL_SINK_ALSA)
		return il_sink_alsa_underruns(s->dev);
	return s->underruns;
}

/* What the sink plays to. */
const char *il_sink_name(const il_sink *s)
{
	return s->name;
}

/* The kind actually opened. */
il_sink_kind il_sink_kind_of(const il_sink *s)
{
	return s->kind;
}

/* Drain if asked, then close. */
int il_sink_close(il_sink *s, int drain, il_err *err)
{
	int rc = 0;
	if (!s)
		return 0;
	if (s->kind == IL_SINK_PULSE)
		il_sink_pulse_close(s->dev, drain);
	else if (s->kind == IL_SINK_ALSA)
		il_sink_alsa_close(s->dev, drain);
	if (s->sf && sf_close(s->sf) != 0)
		rc = il_err_set(err, IL_E_IO, "cannot finish %s", s->spec.path);
	free(s);
	return rc;
}

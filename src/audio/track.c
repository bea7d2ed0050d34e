/* track.c: loops converted to the player's format, shared by reference. */
#include "audio/track.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <samplerate.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "audio/sink.h"

#define TRACK_PAD 4096 /* frames of periodic context on each side for the resampler */

/* Copy frame i of the region (taken periodically) as stereo into out. */
static void track_frame_stereo(const il_loop *l, long i, float *out)
{
	size_t len = l->loop_end - l->loop_start;
	long m = i % (long)len;
	if (m < 0)
		m += (long)len;
	const float *f = l->frames + (l->loop_start + (size_t)m) * (size_t)l->channels;
	out[0] = f[0];
	out[1] = l->channels > 1 ? f[1] : f[0];
}

/* Resample the region (extended periodically) to exactly outlen frames. */
static int track_resample(const il_loop *l, float *pcm, size_t outlen, il_err *err)
{
	size_t len = l->loop_end - l->loop_start;
	size_t pad = TRACK_PAD;
	size_t inlen = len + 2 * pad;
	double ratio = (double)outlen / (double)len;
	size_t outcap = (size_t)ceil(inlen * ratio) + 64;
	float *in = malloc(inlen * 2 * sizeof *in);
	float *out = malloc(outcap * 2 * sizeof *out);
	if (!in || !out) {
		free(in);
		free(out);
		return il_err_set(err, IL_E_INTERNAL, "out of memory converting %s", l->source);
	}
	for (size_t i = 0; i < inlen; i++)
		track_frame_stereo(l, (long)i - (long)pad, in + 2 * i);
	SRC_DATA d;
	memset(&d, 0, sizeof d);
	d.data_in = in;
	d.data_out = out;
	d.input_frames = (long)inlen;
	d.output_frames = (long)outcap;
	d.src_ratio = ratio;
	int e = src_simple(&d, SRC_SINC_MEDIUM_QUALITY, 2);
	size_t skip = (size_t)lround(pad * ratio);
	int rc = 0;
	if (e != 0)
		rc = il_err_set(err, IL_E_INTERNAL, "cannot resample %s: %s", l->source, src_strerror(e));
	else if ((size_t)d.output_frames_gen < skip + outlen)
		rc = il_err_set(err, IL_E_INTERNAL, "resampling %s gave too few frames", l->source);
	else
		memcpy(pcm, out + 2 * skip, outlen * 2 * sizeof *pcm);
	free(in);
	free(out);
	return rc;
}

/* A nameless temporary file for a clip under $TMPDIR (or /tmp), or -1. */
static int track_spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

/* Write the samples of the whole clip into fd; 0, or -1. */
static int track_spill_write(int fd, const il_loop *l)
{
	const char *p = (const char *)l->frames;
	size_t left = l->nframes * (size_t)l->channels * sizeof *l->frames;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		left -= (size_t)w;
	}
	return 0;
}

/* Free the track's own samples. */
static void track_pcm_free(il_track *t)
{
	if (t->own_pcm == 2)
		munmap(t->map, t->map_len);
	else if (t->own_pcm == 1)
		free(t->pcm);
}

/* The player no longer reads t: let its samples leave memory (see track.h). */
void il_track_page_out(il_track *t)
{
	if (t && t->own_pcm == 2)
		madvise(t->map, t->map_len, MADV_DONTNEED);
}

/* Map the region of loop (in the player's format) from fd, which holds
 * its whole clip, into t (pcm, map, map_len); 0, or -1. */
static int track_map_region(il_track *t, int fd, const il_loop *loop, size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t at = loop->loop_start * 2 * sizeof *loop->frames, from = at - at % (size_t)(page > 0 ? page : 4096);
	size_t bytes = at - from + len * 2 * sizeof *loop->frames;
	void *m = mmap(NULL, bytes, PROT_READ, MAP_SHARED, fd, (off_t)from);
	if (m == MAP_FAILED)
		return -1;
	t->map = m;
	t->map_len = bytes;
	t->pcm = (float *)(void *)((char *)m + (at - from));
	t->own_pcm = 2;
	return 0;
}

/* Room for bytes of samples: a shared mapping of a nameless temporary file
 * (*mapped set: pages the player no longer reads can leave memory, see
 * il_track_page_out), else the heap; NULL when out of memory. */
static float *track_pcm_alloc(size_t bytes, int *mapped)
{
	*mapped = 0;
	int fd = track_spill_open();
	if (fd >= 0) {
		void *m = MAP_FAILED;
		/* Blocks reserved now: a full disk must fail here, not raise
		 * SIGBUS when the mapping is written. */
		if (posix_fallocate(fd, 0, (off_t)bytes) == 0)
			m = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		if (m != MAP_FAILED) {
			*mapped = 1;
			return m;
		}
	}
	return malloc(bytes);
}

/* Convert loop's region and wrap it in a track with one reference. */
int il_track_new(il_loop *loop, il_track **out, il_err *err)
{
	*out = NULL;
	if (!loop)
		return il_err_set(err, IL_E_INTERNAL, "no loop to play");
	if (!loop->frames || loop->channels < 1 || loop->rate < 1000 || loop->loop_end <= loop->loop_start ||
	    loop->loop_end > loop->nframes) {
		il_loop_free(loop);
		return il_err_set(err, IL_E_BAD_VALUE, "the loop has no valid samples or loop points");
	}
	size_t len = loop->loop_end - loop->loop_start;
	size_t outlen = loop->rate == IL_SINK_RATE ? len
		: (size_t)llround((double)len * IL_SINK_RATE / loop->rate);
	if (outlen < 1)
		outlen = 1;
	il_track *t = calloc(1, sizeof *t);
	if (!t) {
		il_loop_free(loop);
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	}
	t->loop = loop;
	t->clip_fd = -1;
	t->len = outlen;
	t->refs = 1;
	int spill = track_spill_open();
	if (loop->rate == IL_SINK_RATE && loop->channels == 2) {
		/* Already in the player's format: the clip is written to its file
		 * once and the region read from there, else played in place. */
		if (spill >= 0 && track_spill_write(spill, loop) == 0 && track_map_region(t, spill, loop, len) == 0) {
			t->clip_fd = spill;
			free(loop->frames);
			loop->frames = NULL;
		} else {
			if (spill >= 0)
				close(spill);
			t->pcm = loop->frames + loop->loop_start * 2;
		}
		*out = t;
		return 0;
	}
	int mapped;
	size_t bytes = outlen * 2 * sizeof *t->pcm;
	float *pcm = track_pcm_alloc(bytes, &mapped);
	if (!pcm) {
		if (spill >= 0)
			close(spill);
		free(t);
		il_loop_free(loop);
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	}
	t->pcm = pcm;
	t->own_pcm = mapped ? 2 : 1;
	t->map = mapped ? pcm : NULL;
	t->map_len = mapped ? bytes : 0;
	if (loop->rate == IL_SINK_RATE) {
		for (size_t i = 0; i < len; i++)
			track_frame_stereo(loop, (long)i, pcm + 2 * i);
	} else if (track_resample(loop, pcm, outlen, err) != 0) {
		if (spill >= 0)
			close(spill);
		track_pcm_free(t);
		free(t);
		il_loop_free(loop);
		return -1;
	}
	if (spill >= 0 && track_spill_write(spill, loop) == 0) {
		t->clip_fd = spill;
		free(loop->frames);
		loop->frames = NULL;
	} else if (spill >= 0) {
		close(spill);
	}
	il_track_page_out(t); /* in its file until it plays, like a region mapped from its clip */
	*out = t;
	return 0;
}

/* Add a reference; returns t. */
il_track *il_track_ref(il_track *t)
{
	__atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
	return t;
}

/* Drop a reference; the last one frees the track. */
void il_track_unref(il_track *t)
{
	if (!t || __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	track_pcm_free(t);
	if (t->clip_fd >= 0)
		close(t->clip_fd);
	il_loop_free(t->loop);
	free(t);
}

/* A copy of the track's loop with the samples of its whole clip. */
int il_track_clip(const il_track *t, il_loop **out, il_err *err)
{
	*out = NULL;
	const il_loop *l = t->loop;
	size_t bytes = l->nframes * (size_t)l->channels * sizeof *l->frames;
	il_loop *c = il_loop_new();
	float *f = malloc(bytes ? bytes : 1);
	if (!c || !f) {
		free(c);
		free(f);
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	}
	*c = *l;
	c->frames = f;
	if (t->clip_fd < 0) {
		memcpy(f, l->frames, bytes);
	} else {
		size_t got = 0;
		while (got < bytes) {
			ssize_t r = pread(t->clip_fd, (char *)f + got, bytes - got, (off_t)got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				int e = r < 0 ? errno : EIO;
				il_loop_free(c);
				return il_err_errno(err, IL_E_IO, e, "cannot read back the clip of %s",
						    l->title[0] ? l->title : l->source);
			}
			got += (size_t)r;
		}
	}
	*out = c;
	return 0;
}

/* Seconds of the loop region. */
double il_track_seconds(const il_track *t)
{
	return (double)t->len / IL_SINK_RATE;
}

/* Frames of one bar of the loop region (see track.h). */
size_t il_track_bar(const il_track *t)
{
	const il_loop *l = t->loop;
	if (l->bars > 0)
		return (size_t)llround((double)t->len / l->bars);
	return 0;
}

/* The frame of the region where its first downbeat falls (see track.h). */
size_t il_track_downbeat(const il_track *t)
{
	const il_loop *l = t->loop;
	size_t region = l->loop_end - l->loop_start;
	if (l->bars <= 0 || region == 0)
		return 0;
	return (size_t)llround((double)l->downbeat * (double)t->len / (double)region) % t->len;
}

/* Frames from pos to the next downbeat at or after it (see track.h). */
size_t il_track_to_downbeat(const il_track *t, size_t pos, size_t bar)
{
	if (!bar)
		return 0;
	size_t rel = (pos % t->len + t->len - il_track_downbeat(t)) % t->len;
	int bars = t->loop->bars;
	if (bars > 0 && bar == il_track_bar(t)) {
		/* The loop's own bar lines, each rounded on its own: no drift. */
		double per = (double)t->len / bars;
		for (long k = (long)floor((double)rel / per); k <= bars; k++) {
			size_t at = (size_t)llround((double)k * per);
			if (at >= rel)
				return at - rel;
		}
	}
	return (bar - rel % bar) % bar;
}

/* Frames of one bar as well as it is known (see track.h). */
size_t il_track_bar_guess(const il_track *t)
{
	size_t own = il_track_bar(t);
	if (own > 0)
		return own;
	const il_loop *l = t->loop;
	double bar = 0;
	if (l->beats >= 4)
		bar = (double)t->len * 4.0 / l->beats;
	else if (l->bpm > 0)
		bar = 4.0 * 60.0 / l->bpm * IL_SINK_RATE;
	return bar >= 1 && bar <= (double)t->len ? (size_t)llround(bar) : 0;
}

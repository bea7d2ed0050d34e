/* fluidjob.h: what the composer hands its FluidSynth renderer, the program
 * infiniloop-fluid (src/main_fluid.c), and what it gets back. One file of
 * the engine's (a memfd, the renderer's descriptor FLUID_JOB_FD) holds the
 * header, then the note messages, then room for the output: planar float
 * samples, frames left then frames right. The renderer writes only the
 * frames it renders, from the first note to the last sound, and says which
 * in the header (from, to); the file has no pages elsewhere (it reads as
 * silence there). The renderer is started with posix_spawn (an exec, never
 * a bare fork of the engine's threads). */
#ifndef IL_GEN_FLUIDJOB_H
#define IL_GEN_FLUIDJOB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ /* Linux 5.14, in glibc's headers from 2.35 */
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif

#define FLUID_JOB_MAGIC 0x32666c69u /* "ilf2": the layout below, version 2 */
#define FLUID_JOB_FD 3              /* the job's descriptor in the renderer */

/* The renderer's exit statuses (0: rendered). */
enum {
	FLUID_EXIT_JOB = 2,      /* no job, or one of another layout */
	FLUID_EXIT_SETTINGS = 3, /* FluidSynth refused its settings or synth */
	FLUID_EXIT_SOUNDFONT = 4,
	FLUID_EXIT_RENDER = 5,
	FLUID_EXIT_NOLIB = 6, /* the library (or a function of it) is missing */
};

/* A note on or off at a frame; the messages are sorted by frame. */
typedef struct fluid_msg {
	uint64_t frame;
	unsigned char on, chan, note, vel;
} fluid_msg;

typedef struct fluid_job {
	uint32_t magic;
	uint32_t rate;        /* frames per second */
	uint64_t frames;      /* frames of output */
	uint64_t nmsg;        /* messages after the header */
	int64_t parent;       /* the engine's pid: the renderer ends with it */
	float gain;           /* FluidSynth's synth.gain */
	int program[16];      /* per channel, -1 unused; a kit on 9 (GEN_GM_KIT + n) */
	float vol[16], pan[16], rev[16];
	uint64_t from, to;    /* set by the renderer: the frames it rendered (none: equal) */
} fluid_job;

/* Bytes from the start of the file to the messages, and to the output. */
static inline size_t fluid_job_msgs_at(void) { return (sizeof(fluid_job) + 63) / 64 * 64; }
static inline size_t fluid_job_out_at(uint64_t nmsg)
{
	return (fluid_job_msgs_at() + (size_t)nmsg * sizeof(fluid_msg) + 63) / 64 * 64;
}
/* The size of the file for a job. */
static inline size_t fluid_job_size(uint64_t nmsg, uint64_t frames)
{
	return fluid_job_out_at(nmsg) + 2 * (size_t)frames * sizeof(float);
}

/* Map the pages of count floats from at in one go, with advice
 * MADV_POPULATE_WRITE or MADV_POPULATE_READ: one call costs less than a
 * fault per page; where the kernel cannot, the pages fault in as used. */
static inline void fluid_job_populate(const float *at, size_t count, int advice)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)at, b = a + count * sizeof *at, sz = (uintptr_t)(page > 0 ? page : 4096);
	if (count > 0)
		madvise((void *)(a - a % sz), b - (a - a % sz), advice);
}

#endif

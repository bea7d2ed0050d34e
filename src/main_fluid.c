/* main_fluid.c: infiniloop-fluid, the composer's FluidSynth renderer. The
 * engine starts it (posix_spawn) for each clip with General MIDI parts:
 *   infiniloop-fluid SOUNDFONT LIBRARY [FALLBACK-LIBRARY]
 * with the job on descriptor FLUID_JOB_FD (src/gen/fluidjob.h), renders it
 * into the same file and exits with 0 or a FLUID_EXIT_* status. A process
 * of its own keeps the soundfont and the library out of the engine's
 * memory, and an exec of its own keeps FluidSynth clear of the engine's
 * threads (a fork without exec would inherit their locks). */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen/fluidrender.h"

/* Map the job on FLUID_JOB_FD and check its layout; the job, or NULL. */
static fluid_job *main_fluid_map(size_t *size)
{
	struct stat st;
	if (fstat(FLUID_JOB_FD, &st) != 0 || st.st_size < (off_t)fluid_job_msgs_at())
		return NULL;
	*size = (size_t)st.st_size;
	/* Not populated: the output's pages are made as they are rendered. */
	void *p = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_SHARED, FLUID_JOB_FD, 0);
	if (p == MAP_FAILED)
		return NULL;
	fluid_job *job = p;
	/* The counts are bounded by the file before any size is computed. */
	if (job->magic != FLUID_JOB_MAGIC || job->nmsg > *size / sizeof(fluid_msg) ||
	    job->frames > *size / (2 * sizeof(float)) || fluid_job_size(job->nmsg, job->frames) != *size) {
		munmap(p, *size);
		return NULL;
	}
	return job;
}

/* Program entry point. */
int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s SOUNDFONT LIBRARY [FALLBACK-LIBRARY]\n"
				"(the composer's renderer: the engine starts it with a job on descriptor %d)\n",
			argv[0], FLUID_JOB_FD);
		return FLUID_EXIT_JOB;
	}
	size_t size;
	fluid_job *job = main_fluid_map(&size);
	if (!job) {
		fprintf(stderr, "%s: no job of this version on descriptor %d\n", argv[0], FLUID_JOB_FD);
		return FLUID_EXIT_JOB;
	}
	/* Its work is the engine's: it ends with the engine. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != (pid_t)job->parent)
		return FLUID_EXIT_JOB;
	int rc = FLUID_EXIT_NOLIB;
	if (fluidrender_open(argv[2], argc > 3 ? argv[3] : NULL) == 0)
		rc = fluidrender_run(job, (const fluid_msg *)((char *)job + fluid_job_msgs_at()),
				     (float *)(void *)((char *)job + fluid_job_out_at(job->nmsg)), argv[1]);
	munmap(job, size);
	return rc;
}

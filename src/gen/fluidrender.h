/* fluidrender.h: a job of the composer's rendered with FluidSynth, in the
 * renderer program infiniloop-fluid (never in the engine's process). */
#ifndef IL_GEN_FLUIDRENDER_H
#define IL_GEN_FLUIDRENDER_H

#include "gen/fluidjob.h"

/* Open the library lib, else fallback (when not NULL or empty); 0, or -1
 * when neither loads or a function is missing. */
int fluidrender_open(const char *lib, const char *fallback);
/* Render the job's nmsg messages m into out (planar: frames left, then
 * frames right) with soundfont, the frames rendered left in job's from
 * and to; 0, or one of FLUID_EXIT_*. Once: the synth is left for the
 * process's end to take back. */
int fluidrender_run(fluid_job *job, const fluid_msg *m, float *out, const char *soundfont);

#endif

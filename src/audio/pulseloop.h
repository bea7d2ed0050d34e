/* pulseloop.h: a main loop for libpulse that one thread runs by hand (the
 * PulseAudio sink's writer). libpulse's own pa_mainloop wakes itself
 * through a pipe whenever an event changes, even from the thread that runs
 * it: four or five writes and as many reads of that pipe for every block
 * the sink writes. Here nothing runs between calls, so nothing needs
 * waking: an event changed inside a callback is seen by the next step.
 *
 * Deferred events run first and alone (as in pa_mainloop: they are what
 * sends the data written); else one poll() waits for the descriptors until
 * the earliest timer or the caller's deadline, and the timers then the
 * descriptors that are ready are run. An event freed is let go (its destroy
 * callback called) at the end of a step, never while a callback runs. */
#ifndef IL_AUDIO_PULSELOOP_H
#define IL_AUDIO_PULSELOOP_H

#include <pulse/mainloop-api.h>

typedef struct pulseloop pulseloop;

/* A new loop with no events, or NULL when out of memory. */
pulseloop *pulseloop_new(void);
/* The API that pa_context_new takes; valid while the loop is. */
pa_mainloop_api *pulseloop_api(pulseloop *l);
/* One step: the deferred events that are enabled, if any; else wait at
 * most timeout_us (0: not at all) for a descriptor or a timer, then run
 * what is due. The events run, or -1 when poll() failed. */
int pulseloop_step(pulseloop *l, long timeout_us);
/* Run the deferred events that are enabled, and nothing else (no system
 * call of the loop's own); the events run. */
int pulseloop_deferred(pulseloop *l);
/* Free the loop and every event still in it (their destroy callbacks
 * are called). */
void pulseloop_free(pulseloop *l);

#endif

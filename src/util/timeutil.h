/* timeutil.h: monotonic and wall clocks in convenient units. */
#ifndef IL_UTIL_TIMEUTIL_H
#define IL_UTIL_TIMEUTIL_H

#include <stdint.h>

/* Monotonic time in seconds. */
double time_mono(void);
/* Monotonic time in milliseconds. */
int64_t time_mono_ms(void);
/* Wall-clock time in seconds since the epoch. */
double time_wall(void);
/* Sleep for the given number of seconds (restarts after signals). */
void time_sleep(double seconds);

#endif

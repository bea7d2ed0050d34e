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
/* Parse a time to sleep: "45m", "90" (minutes), "1h30m", "1h30", "2h",
 * "30s", or "off" (0), at most 24 hours; seconds into *secs. 0, or -1
 * when it is not one. */
int time_parse_duration(const char *text, long *secs);

#endif

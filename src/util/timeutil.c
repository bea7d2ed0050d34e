/* timeutil.c: monotonic and wall clocks in convenient units. */
#include "util/timeutil.h"

#include <string.h>

#include <errno.h>
#include <time.h>

/* Monotonic time in seconds. */
double time_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Monotonic time in milliseconds. */
int64_t time_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wall-clock time in seconds since the epoch. */
double time_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Sleep for the given number of seconds (restarts after signals). */
void time_sleep(double seconds)
{
	if (seconds <= 0)
		return;
	struct timespec ts;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Parse a time to sleep (see timeutil.h); 0 or -1. */
int time_parse_duration(const char *text, long *secs)
{
	static const char units[] = "hms";
	static const long scale[] = { 3600, 60, 1 };
	long total = 0;
	int next = 0; /* units go from hours to seconds, each once */
	if (!strcmp(text, "off")) {
		*secs = 0;
		return 0;
	}
	const char *p = text;
	do {
		if (*p < '0' || *p > '9')
			return -1;
		long n = 0;
		for (; *p >= '0' && *p <= '9'; p++)
			if ((n = n * 10 + (*p - '0')) > 86400)
				return -1;
		const char *u = *p ? strchr(units + next, *p) : units + 1; /* bare: minutes */
		if (!u || !*u || (!*p && next > 1))
			return -1;
		next = (int)(u - units) + 1;
		total += n * scale[u - units];
		if (*p)
			p++;
	} while (*p);
	if (total > 86400)
		return -1;
	*secs = total;
	return 0;
}

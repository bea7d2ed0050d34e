/* cpulist.h: CPU lists such as "2,3" or "0-3,6" (the `affinity` setting). */
#ifndef IL_UTIL_CPULIST_H
#define IL_UTIL_CPULIST_H

#include "util/error.h"

#define CPULIST_MAX 1024 /* CPUs numbered 0 to CPULIST_MAX - 1 */

/* Parse text into mask (CPULIST_MAX bits); *any is set when a CPU is named
 * (empty text: none, which means any CPU). 0, or -1 with err. */
int cpulist_parse(const char *text, unsigned char mask[CPULIST_MAX / 8], int *any, il_err *err);
/* Check text names only CPUs this machine has; 0, or -1 with err. */
int cpulist_check(const char *text, il_err *err);

#endif

/* cpulist.c: CPU lists such as "2,3" or "0-3,6". */
#include "util/cpulist.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The CPUs this machine has (at least 1). */
static long cpulist_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	return n < 1 ? 1 : n;
}

/* The error for a CPU this machine does not have; -1. */
static int cpulist_missing(long cpu, il_err *err)
{
	return il_err_set(err, IL_E_BAD_VALUE, "affinity names CPU %ld, but this machine has CPUs 0-%ld", cpu,
			  cpulist_count() - 1);
}

/* Parse text into mask (see cpulist.h). */
int cpulist_parse(const char *text, unsigned char mask[CPULIST_MAX / 8], int *any, il_err *err)
{
	memset(mask, 0, CPULIST_MAX / 8);
	*any = 0;
	const char *p = text ? text : "";
	while (*p == ' ')
		p++;
	while (*p) {
		char *end;
		long a = strtol(p, &end, 10), b;
		if (end == p || *p == '-' || *p == '+' || a < 0)
			goto bad;
		if (a >= CPULIST_MAX)
			return cpulist_missing(a, err);
		b = a;
		if (*end == '-') {
			p = end + 1;
			b = strtol(p, &end, 10);
			if (end == p || *p == '-' || *p == '+' || b < a)
				goto bad;
			if (b >= CPULIST_MAX)
				return cpulist_missing(b, err);
		}
		for (long k = a; k <= b; k++)
			mask[k / 8] |= (unsigned char)(1u << (k % 8));
		*any = 1;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			goto bad;
		while (*p == ' ')
			p++;
	}
	return 0;
bad:
	return il_err_set(err, IL_E_BAD_VALUE, "affinity must be a CPU list such as \"2,3\" or \"0-3\", not '%s'", text);
}

/* Check text names only CPUs this machine has. */
int cpulist_check(const char *text, il_err *err)
{
	unsigned char mask[CPULIST_MAX / 8];
	int any;
	if (cpulist_parse(text, mask, &any, err) != 0)
		return -1;
	for (long k = cpulist_count(); k < CPULIST_MAX; k++)
		if (mask[k / 8] & (1u << (k % 8)))
			return cpulist_missing(k, err);
	return 0;
}

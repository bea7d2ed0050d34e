/* tunables.h: glibc's malloc tunables for the programs of the package.
 * The engine and the FluidSynth renderer fill buffers of megabytes for
 * each piece (the bus, the rendered parts, the clip, the loop) and give
 * them back after it; with glibc.malloc.hugetlb=1 malloc asks for such
 * buffers in transparent huge pages, so that filling one takes a page
 * fault per 2 MB instead of one per 4 kB (where the kernel's THP mode is
 * "madvise" or "always"). glibc reads GLIBC_TUNABLES only when a program
 * starts, so the setting goes into the environment of the program about
 * to be run; the engine then puts back the user's own value, so that the
 * generators and hooks it runs see the user's environment. A user's own
 * glibc.malloc.hugetlb is left as it is. */
#ifndef IL_UTIL_TUNABLES_H
#define IL_UTIL_TUNABLES_H

/* The environment for a program of the package: environ with the tunable
 * added to GLIBC_TUNABLES; for the engine (engine != 0) also the user's
 * value, for tunables_restore. One allocation (free it), or NULL when out
 * of memory. */
char **tunables_env(int engine);

/* In the engine, at start: put back the user's GLIBC_TUNABLES (or unset
 * it) when tunables_env(1) saved it. */
void tunables_restore(void);

#endif

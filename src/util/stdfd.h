/* stdfd.h: the standard descriptors of a program that was started with
 * some of them closed. */
#ifndef IL_UTIL_STDFD_H
#define IL_UTIL_STDFD_H

/* Give a closed standard descriptor (0, 1 or 2) /dev/null, so that no pipe
 * or file opened later takes its number: an engine started with stdin or
 * stdout closed then sees end of input, or writes into nothing, and ends. */
void stdfd_fill(void);

#endif

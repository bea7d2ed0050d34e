/* fuzz.h: the entry point every fuzz target defines.
 *
 * Built with clang -fsanitize=fuzzer (make fuzz), libFuzzer drives it. Built
 * as a check program, fuzz_main.c replays the seed corpus and a bounded
 * number of deterministic mutations of it. A target aborts (fuzz_assert)
 * when an invariant breaks; crashes and sanitizer reports fail the test. */
#ifndef IL_TESTS_FUZZ_H
#define IL_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant of the code under test breaks. */
#define fuzz_assert(cond)                                                             \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif

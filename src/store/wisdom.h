/* wisdom.h: FFTW wisdom kept between runs, so that a new process does not
 * plan again the FFT sizes an earlier one planned (see dsp/fft.h). The file
 * is $XDG_CACHE_HOME/infiniloop/fftw-wisdom; it is only a cache: a missing,
 * damaged or foreign one costs planning time, nothing else. */
#ifndef IL_STORE_WISDOM_H
#define IL_STORE_WISDOM_H

#include "util/error.h"

/* Import the saved wisdom, if any; 0 (also when there is none), or -1 with
 * err when the file cannot be read or FFTW refuses it. */
int wisdom_load(il_err *err);
/* Save the wisdom when plans were made since it was loaded; 0, or -1 with
 * err. The file is replaced atomically. */
int wisdom_save(il_err *err);

#endif

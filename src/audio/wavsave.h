/* wavsave.h: write a loop as a WAV, FLAC or Ogg Vorbis file with its loop
 * points.
 *
 * The whole clip is written at its own rate and channels. The extension
 * chooses the format: none or .wav is 32-bit float WAV with the loop in a
 * `smpl` chunk (one forward loop, start and end as libsndfile counts them:
 * end exclusive); .flac is 24-bit FLAC, .ogg or .oga Ogg Vorbis; any other
 * extension is refused. Every format has "LOOPSTART=N LOOPLENGTH=N" in its
 * comment (the convention of game engines and trackers). A folder is
 * refused as one, and a missing folder is named, never created. The file
 * is written as util/outfile.h says: into an unnamed file in the same
 * folder, synced, then named, so a failure (unwritable folder, full disk)
 * or a kill leaves no partial file; a FIFO or character device
 * (/dev/stdout into a pipe) is written through (a pipe gets the file built
 * in memory first); a socket or block device is refused and never
 * replaced. */
#ifndef IL_AUDIO_WAVSAVE_H
#define IL_AUDIO_WAVSAVE_H

#include "audio/loop.h"
#include "util/error.h"

/* Save loop to path; an existing file is replaced only when force is set.
 * 0, or -1 with err set (code io, or bad_value for a refused extension). */
int il_wav_save(const il_loop *loop, const char *path, int force, il_err *err);

#endif

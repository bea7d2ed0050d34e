/* memfile.h: a file held in memory, for libsndfile's virtual I/O.
 *
 * Reading a clip handed over as bytes (audiofile_read_memory) and building
 * a WAV file for an output that cannot seek (a pipe: wavsave.c) both go
 * through sf_open_virtual() with memfile_vio and a memfile as user data. */
#ifndef IL_AUDIO_MEMFILE_H
#define IL_AUDIO_MEMFILE_H

#include <sndfile.h>

typedef struct il_memfile {
	char *data;
	sf_count_t len, pos, cap;
	int readonly; /* data is someone else's: writes fail */
} il_memfile;

/* libsndfile's callbacks over a memfile. */
extern SF_VIRTUAL_IO memfile_vio;

/* A read-only memfile over size bytes at data. */
il_memfile memfile_reader(const void *data, sf_count_t size);
/* Free what a writable memfile grew (a reader owns nothing). */
void memfile_free(il_memfile *m);

#endif

/* memfile.c: a file in memory for libsndfile's virtual I/O (see memfile.h). */
#include "audio/memfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Virtual I/O: the length of the file. */
static sf_count_t memfile_len(void *ud)
{
	return ((il_memfile *)ud)->len;
}

/* Virtual I/O: move the position (not before the start; past the end only
 * when writing). */
static sf_count_t memfile_seek(sf_count_t off, int whence, void *ud)
{
	il_memfile *m = ud;
	sf_count_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ? m->pos + off : m->len + off;
	if (to < 0 || (m->readonly && to > m->len))
		return -1;
	m->pos = to;
	return to;
}

/* Virtual I/O: read bytes from the position. */
static sf_count_t memfile_read(void *ptr, sf_count_t n, void *ud)
{
	il_memfile *m = ud;
	if (n < 0 || m->pos >= m->len)
		return 0;
	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(ptr, m->data + m->pos, (size_t)n);
	m->pos += n;
	return n;
}

/* Virtual I/O: write bytes at the position, growing the file. */
static sf_count_t memfile_write(const void *ptr, sf_count_t n, void *ud)
{
	il_memfile *m = ud;
	if (m->readonly || n < 0)
		return 0;
	if (m->pos + n > m->cap) {
		sf_count_t cap = m->cap ? m->cap : 65536;
		while (cap < m->pos + n)
			cap *= 2;
		char *d = realloc(m->data, (size_t)cap);
		if (!d)
			return 0;
		m->data = d;
		m->cap = cap;
	}
	if (m->pos > m->len)
		memset(m->data + m->len, 0, (size_t)(m->pos - m->len));
	memcpy(m->data + m->pos, ptr, (size_t)n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	return n;
}

/* Virtual I/O: the position. */
static sf_count_t memfile_tell(void *ud)
{
	return ((il_memfile *)ud)->pos;
}

SF_VIRTUAL_IO memfile_vio = { memfile_len, memfile_seek, memfile_read, memfile_write, memfile_tell };

/* A read-only memfile over data (see memfile.h). */
il_memfile memfile_reader(const void *data, sf_count_t size)
{
	il_memfile m = { (char *)data, size, 0, 0, 1 };
	return m;
}

/* Free a writable memfile's bytes (see memfile.h). */
void memfile_free(il_memfile *m)
{
	if (!m->readonly)
		free(m->data);
	m->data = NULL;
	m->len = m->pos = m->cap = 0;
}

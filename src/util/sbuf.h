/* sbuf.h: a growable, always NUL-terminated byte string. */
#ifndef IL_UTIL_SBUF_H
#define IL_UTIL_SBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct il_sbuf {
	char *buf;  /* NUL-terminated; NULL until the first append */
	size_t len; /* bytes before the NUL */
	size_t cap; /* bytes allocated */
	int oom;    /* set once an allocation failed; later appends are dropped */
} il_sbuf;

#define SBUF_INIT { NULL, 0, 0, 0 }

/* Append n bytes of s. */
void sbuf_append(il_sbuf *sb, const char *s, size_t n);
/* Append a NUL-terminated string. */
void sbuf_puts(il_sbuf *sb, const char *s);
/* Append one byte. */
void sbuf_putc(il_sbuf *sb, char c);
/* Append printf-formatted text. */
void sbuf_printf(il_sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append vprintf-formatted text. */
void sbuf_vprintf(il_sbuf *sb, const char *fmt, va_list ap);
/* Drop the contents but keep the memory. */
void sbuf_reset(il_sbuf *sb);
/* The contents as a string ("" when empty). */
const char *sbuf_str(const il_sbuf *sb);
/* Free the memory. */
void sbuf_free(il_sbuf *sb);
/* Append s as a JSON string literal (quotes and escapes; bytes that are
 * not UTF-8 become U+FFFD, so the output is always valid JSON). */
void sbuf_put_json(il_sbuf *sb, const char *s);
/* Append the two-character escape of c (\" \\ \n \r \t), which protocol
 * lines and JSON share; 1 when written, 0 when c has none. */
int sbuf_put_esc(il_sbuf *sb, unsigned char c);


#endif

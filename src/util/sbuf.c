/* sbuf.c: a growable, always NUL-terminated byte string. */
#include "util/sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for extra more bytes plus the NUL; 0 on success. */
static int sbuf_grow(il_sbuf *sb, size_t extra)
{
	if (sb->oom)
		return -1;
	if (sb->len + extra + 1 <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	char *nb = realloc(sb->buf, cap);
	if (!nb) {
		sb->oom = 1;
		return -1;
	}
	sb->buf = nb;
	sb->cap = cap;
	return 0;
}

/* Append n bytes of s. */
void sbuf_append(il_sbuf *sb, const char *s, size_t n)
{
	if (sbuf_grow(sb, n) != 0)
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/* Append a NUL-terminated string. */
void sbuf_puts(il_sbuf *sb, const char *s)
{
	sbuf_append(sb, s, strlen(s));
}

/* Append one byte. */
void sbuf_putc(il_sbuf *sb, char c)
{
	sbuf_append(sb, &c, 1);
}

/* Append vprintf-formatted text. */
void sbuf_vprintf(il_sbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || sbuf_grow(sb, (size_t)n) != 0)
		return;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

/* Append printf-formatted text. */
void sbuf_printf(il_sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

/* Drop the contents but keep the memory. */
void sbuf_reset(il_sbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

/* The contents as a string ("" when empty). */
const char *sbuf_str(const il_sbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

/* Free the memory. */
void sbuf_free(il_sbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->oom = 0;
}

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when it is not one. */
static int sbuf_utf8(const unsigned char *p)
{
	int n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
	if (p[0] >= 0xf5 || n == 0)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((n == 3 && p[0] == 0xe0 && p[1] < 0xa0) || (n == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
	    (n == 4 && p[0] == 0xf0 && p[1] < 0x90) || (n == 4 && p[0] == 0xf4 && p[1] >= 0x90))
		return 0;
	return n;
}

/* Append the two-character escape of c (\" \\ \n \r \t), which protocol
 * lines and JSON share; 1 when written, 0 when c has none. */
int sbuf_put_esc(il_sbuf *sb, unsigned char c)
{
	static const char from[] = "\"\\\n\r\t", to[] = "\"\\nrt";
	const char *at = c ? strchr(from, c) : NULL;
	if (!at)
		return 0;
	sbuf_putc(sb, '\\');
	sbuf_putc(sb, to[at - from]);
	return 1;
}

/* Append s to sb as a JSON string literal (quotes and escapes; bytes that
 * are not UTF-8 become U+FFFD, so the output is always valid JSON). */
void sbuf_put_json(il_sbuf *sb, const char *s)
{
	sbuf_putc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (sbuf_put_esc(sb, *p))
			continue;
		if (*p < 0x20 || *p == 0x7f) {
			sbuf_printf(sb, "\\u%04x", *p);
		} else if (*p < 0x80) {
			sbuf_putc(sb, (char)*p);
		} else {
			int n = sbuf_utf8(p);
			if (n) {
				sbuf_append(sb, (const char *)p, (size_t)n);
				p += n - 1;
			} else {
				sbuf_puts(sb, "\\ufffd");
			}
		}
	}
	sbuf_putc(sb, '"');
}

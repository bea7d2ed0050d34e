/* protocol.c: parsing and formatting of protocol lines (see protocol.h). */
#include "engine/protocol.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* True for bytes allowed in a verb or key after the first. */
static int proto_is_name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* True for raw bytes never valid on a line (tab aside). */
static int proto_is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Value of one hex digit, or -1. */
static int proto_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read a name ([a-z][a-z0-9_]*) at line[*i] into out; 0 or -1 with err. */
static int proto_read_name(const char *line, size_t len, size_t *i, char *out,
			   const char *what, il_err *err)
{
	size_t start = *i, n = 0;
	unsigned char c = (unsigned char)line[start];
	if (!(c >= 'a' && c <= 'z'))
		return il_err_set(err, IL_E_PARSE, "%s must start with a lowercase letter (column %zu)",
				  what, start + 1);
	while (*i < len && proto_is_name_byte((unsigned char)line[*i])) {
		if (n == PROTO_NAME_MAX)
			return il_err_set(err, IL_E_PARSE, "%s longer than %d bytes (column %zu)",
					  what, PROTO_NAME_MAX, start + 1);
		out[n++] = line[(*i)++];
	}
	out[n] = '\0';
	return 0;
}

/* Decode one value at line[*i] into *dst (advanced); 0 or -1 with err. */
static int proto_read_value(const char *line, size_t len, size_t *i, char **dst,
			    il_err *err)
{
	char *o = *dst;
	if (*i < len && line[*i] == '"') {
		size_t open = *i;
		(*i)++;
		for (;;) {
			if (*i >= len)
				return il_err_set(err, IL_E_PARSE, "unterminated quoted value (column %zu)",
						  open + 1);
			unsigned char c = (unsigned char)line[*i];
			if (c == '"') {
				(*i)++;
				break;
			}
			if (c == '\\') {
				if (*i + 1 >= len)
					return il_err_set(err, IL_E_PARSE, "backslash at end of line");
				unsigned char e = (unsigned char)line[*i + 1];
				*i += 2;
				switch (e) {
				case '"': *o++ = '"'; break;
				case '\\': *o++ = '\\'; break;
				case 'n': *o++ = '\n'; break;
				case 'r': *o++ = '\r'; break;
				case 't': *o++ = '\t'; break;
				case 'x': {
					int hi = *i < len ? proto_hexval((unsigned char)line[*i]) : -1;
					int lo = *i + 1 < len ? proto_hexval((unsigned char)line[*i + 1]) : -1;
					if (hi < 0 || lo < 0)
						return il_err_set(err, IL_E_PARSE, "\\x needs two hex digits (column %zu)",
								  *i - 1);
					if (hi == 0 && lo == 0)
						return il_err_set(err, IL_E_PARSE, "\\x00 is not allowed (column %zu)",
								  *i - 1);
					*o++ = (char)(hi * 16 + lo);
					*i += 2;
					break;
				}
				default:
					return il_err_set(err, IL_E_PARSE, "unknown escape \\%c (column %zu)",
							  e >= 0x20 && e < 0x7f ? e : '?', *i - 1);
				}
				continue;
			}
			*o++ = (char)c;
			(*i)++;
		}
		if (*i < len && line[*i] != ' ' && line[*i] != '\t')
			return il_err_set(err, IL_E_PARSE, "text after closing quote (column %zu)", *i + 1);
	} else {
		while (*i < len && line[*i] != ' ' && line[*i] != '\t') {
			unsigned char c = (unsigned char)line[*i];
			if (c == '"' || c == '\\')
				return il_err_set(err, IL_E_PARSE, "'%c' in a bare value; quote the value (column %zu)",
						  c, *i + 1);
			*o++ = (char)c;
			(*i)++;
		}
	}
	*o++ = '\0';
	*dst = o;
	return 0;
}

/* Parse one line (without its newline) into msg (see protocol.h). */
int proto_parse_line(const char *line, size_t len, il_proto_msg *msg, il_err *err)
{
	msg->verb[0] = '\0';
	msg->nfields = 0;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len >= PROTO_LINE_MAX)
		return il_err_set(err, IL_E_TOO_LONG, "line longer than %d bytes", PROTO_LINE_MAX - 1);
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)line[k];
		if (c == 0)
			return il_err_set(err, IL_E_BINARY, "NUL byte at column %zu", k + 1);
		if (proto_is_control(c))
			return il_err_set(err, IL_E_BINARY, "control byte 0x%02x at column %zu", c, k + 1);
	}
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] == '#')
		return 0;
	if (proto_read_name(line, len, &i, msg->verb, "verb", err) != 0)
		return -1;
	if (i < len && line[i] != ' ' && line[i] != '\t')
		return il_err_set(err, IL_E_PARSE, "bad byte after verb (column %zu)", i + 1);
	char *store = msg->storage;
	for (;;) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			break;
		if (msg->nfields == PROTO_FIELDS_MAX)
			return il_err_set(err, IL_E_PARSE, "more than %d fields", PROTO_FIELDS_MAX);
		il_proto_field *f = &msg->fields[msg->nfields];
		if (proto_read_name(line, len, &i, f->key, "field name", err) != 0)
			return -1;
		if (i >= len || line[i] != '=')
			return il_err_set(err, IL_E_PARSE, "field '%s' needs '=' and a value (column %zu)",
					  f->key, i + 1);
		i++;
		for (int k = 0; k < msg->nfields; k++)
			if (strcmp(msg->fields[k].key, f->key) == 0)
				return il_err_set(err, IL_E_DUPLICATE_FIELD, "field '%s' given twice", f->key);
		char *start = store;
		if (proto_read_value(line, len, &i, &store, err) != 0)
			return -1;
		f->value = start;
		f->len = (size_t)(store - start) - 1;
		msg->nfields++;
	}
	return 1;
}

/* The value of field key, or NULL when absent. */
const char *proto_get(const il_proto_msg *msg, const char *key)
{
	for (int k = 0; k < msg->nfields; k++)
		if (strcmp(msg->fields[k].key, key) == 0)
			return msg->fields[k].value;
	return NULL;
}

/* Read an integer field within [min, max]; 0 or -1 with err set. */
int proto_get_long(const il_proto_msg *msg, const char *key, long min, long max,
		   long *out, il_err *err)
{
	const char *v = proto_get(msg, key);
	if (!v)
		return il_err_set(err, IL_E_MISSING_FIELD, "'%s' needs field '%s'", msg->verb, key);
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || *end)
		return il_err_set(err, IL_E_BAD_VALUE, "%s=%s is not a whole number", key, v);
	if (x < min || x > max)
		return il_err_set(err, IL_E_BAD_VALUE, "%s=%ld is outside %ld..%ld", key, x, min, max);
	*out = x;
	return 0;
}

/* Read a finite floating-point field within [min, max]; 0 or -1. */
int proto_get_double(const il_proto_msg *msg, const char *key, double min,
		     double max, double *out, il_err *err)
{
	const char *v = proto_get(msg, key);
	if (!v)
		return il_err_set(err, IL_E_MISSING_FIELD, "'%s' needs field '%s'", msg->verb, key);
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	if (errno || end == v || *end || !isfinite(x))
		return il_err_set(err, IL_E_BAD_VALUE, "%s=%s is not a number", key, v);
	if (x < min || x > max)
		return il_err_set(err, IL_E_BAD_VALUE, "%s=%g is outside %g..%g", key, x, min, max);
	*out = x;
	return 0;
}

static const char *const proto_err_names[IL_E_COUNT] = {
	[IL_E_INTERNAL] = "internal", [IL_E_PARSE] = "parse", [IL_E_TOO_LONG] = "too_long",
	[IL_E_BINARY] = "binary", [IL_E_UNKNOWN_VERB] = "unknown_verb",
	[IL_E_UNKNOWN_FIELD] = "unknown_field", [IL_E_DUPLICATE_FIELD] = "duplicate_field",
	[IL_E_MISSING_FIELD] = "missing_field", [IL_E_BAD_VALUE] = "bad_value",
	[IL_E_STATE] = "state", [IL_E_IO] = "io", [IL_E_AUDIO] = "audio", [IL_E_GEN] = "gen", [IL_E_DENIED] = "denied",
};

/* The wire name of an error code. */
const char *proto_err_name(il_errcode code)
{
	return code >= 0 && code < IL_E_COUNT ? proto_err_names[code] : "internal";
}

/* Initialise a reader. */
void proto_reader_init(il_proto_reader *r)
{
	r->len = 0;
	r->discarding = 0;
	r->eof = 0;
	r->lineno = 0;
}

/* Read what fd has into the reader (see protocol.h). */
ssize_t proto_reader_read(il_proto_reader *r, int fd)
{
	if (r->len == sizeof r->buf) {
		errno = ENOBUFS; /* proto_reader_next has not drained the buffer */
		return -1;
	}
	ssize_t n;
	size_t room = sizeof r->buf - r->len;
	do
		n = read(fd, r->buf + r->len, room);
	while (n < 0 && errno == EINTR);
	r->drained = n >= 0 && (size_t)n < room;
	if (n > 0)
		r->len += (size_t)n;
	else if (n == 0)
		r->eof = 1;
	return n;
}

/* Add n bytes to the reader; returns bytes taken. */
size_t proto_reader_push(il_proto_reader *r, const char *data, size_t n)
{
	size_t room = sizeof r->buf - r->len;
	if (n > room)
		n = room;
	memcpy(r->buf + r->len, data, n);
	r->len += n;
	return n;
}

/* Mark the end of input. */
void proto_reader_set_eof(il_proto_reader *r)
{
	r->eof = 1;
}

/* Take the next message from the reader (see protocol.h). */
int proto_reader_next(il_proto_reader *r, il_proto_msg *msg, il_err *err)
{
	for (;;) {
		char *nl = memchr(r->buf, '\n', r->len);
		if (nl) {
			size_t linelen = (size_t)(nl - r->buf);
			int was_discarding = r->discarding;
			int rc = 0;
			r->discarding = 0;
			r->lineno++;
			if (!was_discarding)
				rc = proto_parse_line(r->buf, linelen, msg, err);
			memmove(r->buf, nl + 1, r->len - linelen - 1);
			r->len -= linelen + 1;
			if (rc != 0)
				return rc;
			continue;
		}
		if (r->len == sizeof r->buf) {
			r->len = 0;
			if (!r->discarding) {
				r->discarding = 1;
				r->lineno++;
				return il_err_set(err, IL_E_TOO_LONG, "line %lu longer than %d bytes; skipped to its end",
						  r->lineno, PROTO_LINE_MAX - 1);
			}
			continue;
		}
		if (r->eof && r->len > 0) {
			size_t dropped = r->len;
			int was_discarding = r->discarding;
			r->len = 0;
			r->discarding = 0;
			if (!was_discarding)
				return il_err_set(err, IL_E_PARSE, "input ended in the middle of a line (%zu bytes not executed)",
						  dropped);
		}
		return 0;
	}
}

/* Start a line with verb in sb (sb is reset first). */
void proto_fmt_begin(il_sbuf *sb, const char *verb)
{
	sbuf_reset(sb);
	sbuf_puts(sb, verb);
}

/* True when value can be written bare. */
static int proto_is_bare(const char *v, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)v[k];
		if (c <= 0x20 || c == '"' || c == '\\' || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Length of value cut to at most max bytes without splitting a UTF-8 sequence. */
static size_t proto_cut_utf8(const char *v, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/* Add a string field, quoted and escaped as needed. */
void proto_fmt_str(il_sbuf *sb, const char *key, const char *value)
{
	if (!value)
		value = "";
	size_t n = proto_cut_utf8(value, strlen(value), PROTO_VALUE_MAX);
	sbuf_putc(sb, ' ');
	sbuf_puts(sb, key);
	sbuf_putc(sb, '=');
	if (proto_is_bare(value, n)) {
		sbuf_append(sb, value, n);
		return;
	}
	sbuf_putc(sb, '"');
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)value[k];
		if (sbuf_put_esc(sb, c))
			continue;
		if (c < 0x20 || c == 0x7f)
			sbuf_printf(sb, "\\x%02x", c);
		else
			sbuf_putc(sb, (char)c);
	}
	sbuf_putc(sb, '"');
}

/* Add an integer field. */
void proto_fmt_long(il_sbuf *sb, const char *key, long value)
{
	sbuf_printf(sb, " %s=%ld", key, value);
}

/* Add a floating-point field with the given decimals (non-finite as 0). */
void proto_fmt_double(il_sbuf *sb, const char *key, double value, int decimals)
{
	if (!isfinite(value))
		value = 0.0;
	sbuf_printf(sb, " %s=%.*f", key, decimals, value);
}

/* Add a field of bytes as lowercase hex, two digits per byte. */
void proto_fmt_hex(il_sbuf *sb, const char *key, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	if (n > PROTO_VALUE_MAX / 2)
		n = PROTO_VALUE_MAX / 2;
	sbuf_printf(sb, " %s=", key);
	if (n == 0) {
		sbuf_puts(sb, "\"\"");
		return;
	}
	for (size_t k = 0; k < n; k++) {
		sbuf_putc(sb, digits[bytes[k] >> 4]);
		sbuf_putc(sb, digits[bytes[k] & 15]);
	}
}

/* End the line with "\n". */
void proto_fmt_end(il_sbuf *sb)
{
	sbuf_putc(sb, '\n');
}

/* The `volume` request for a listener's words (see protocol.h). */
int proto_fmt_volume(il_sbuf *sb, const char *text, il_err *err)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	int delta = text[0] == '+' || text[0] == '-';
	if (errno || end == text || *end || v < (delta ? -100 : 0) || v > 100)
		return il_err_set(err, IL_E_BAD_VALUE, "volume: '%s' is not 0-100, +N or -N", text);
	proto_fmt_begin(sb, "volume");
	proto_fmt_long(sb, delta ? "delta" : "level", v);
	proto_fmt_end(sb);
	return 0;
}

/* Decode a hex field into out (at most n bytes); bytes decoded or -1. */
long proto_hex_decode(const char *hex, unsigned char *out, size_t n)
{
	size_t len = strlen(hex);
	if (len % 2)
		return -1;
	size_t k;
	for (k = 0; k < len / 2 && k < n; k++) {
		int hi = proto_hexval((unsigned char)hex[2 * k]);
		int lo = proto_hexval((unsigned char)hex[2 * k + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[k] = (unsigned char)(hi * 16 + lo);
	}
	return (long)k;
}

/* test_protocol.c: unit tests of the protocol parser, reader and writer, and
 * of the request table against its documentation. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h"
#include "engine/engine_request.h"
#include "engine/protocol.h"

static il_proto_msg msg;
static il_err err;

/* Parse a NUL-terminated line. */
static int parse(const char *line)
{
	return proto_parse_line(line, strlen(line), &msg, &err);
}

/* The wire name of the last error's code. */
static const char *code(void)
{
	return proto_err_name(err.code);
}

START_TEST(test_simple)
{
	ck_assert_int_eq(parse("status"), 1);
	ck_assert_str_eq(msg.verb, "status");
	ck_assert_int_eq(msg.nfields, 0);
	ck_assert_int_eq(parse("  play\tfile=/tmp/a.wav  "), 1);
	ck_assert_str_eq(msg.verb, "play");
	ck_assert_str_eq(proto_get(&msg, "file"), "/tmp/a.wav");
	ck_assert_ptr_null(proto_get(&msg, "nope"));
}
END_TEST

START_TEST(test_quoted_and_escapes)
{
	ck_assert_int_eq(parse("start prompt=\"calm \\\"piano\\\" \\\\ \\n\\t\\x41\" x=y"), 1);
	ck_assert_str_eq(proto_get(&msg, "prompt"), "calm \"piano\" \\ \n\tA");
	ck_assert_str_eq(proto_get(&msg, "x"), "y");
	ck_assert_int_eq(parse("set key=theme value="), 1);
	ck_assert_str_eq(proto_get(&msg, "value"), "");
	ck_assert_int_eq(parse("set key=a value=\"\""), 1);
	ck_assert_str_eq(proto_get(&msg, "value"), "");
	ck_assert_int_eq(parse("start prompt=caf\xc3\xa9"), 1);
	ck_assert_str_eq(proto_get(&msg, "prompt"), "caf\xc3\xa9");
}
END_TEST

START_TEST(test_blank_comment_crlf)
{
	ck_assert_int_eq(parse(""), 0);
	ck_assert_int_eq(parse("   \t "), 0);
	ck_assert_int_eq(parse("# a comment"), 0);
	ck_assert_int_eq(parse("status\r"), 1);
	ck_assert_str_eq(msg.verb, "status");
}
END_TEST

START_TEST(test_syntax_errors)
{
	ck_assert_int_eq(parse("Status"), -1);
	ck_assert_str_eq(code(), "parse");
	ck_assert_int_eq(parse("start prompt"), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "needs '='"));
	ck_assert_int_eq(parse("start prompt=\"open"), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "unterminated"));
	ck_assert_int_eq(parse("start prompt=\"a\"b"), -1);
	ck_assert_int_eq(parse("start prompt=a\"b"), -1);
	ck_assert_int_eq(parse("start prompt=\"\\q\""), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown escape"));
	ck_assert_int_eq(parse("start prompt=\"\\x0\""), -1);
	ck_assert_int_eq(parse("start prompt=\"\\x00\""), -1);
	ck_assert_int_eq(parse("start prompt=\"ab\\"), -1);
	ck_assert_int_eq(parse("verb_that_is_much_longer_than_thirty_two_bytes"), -1);
	ck_assert_int_eq(parse("status=1"), -1);
}
END_TEST

START_TEST(test_binary_bytes)
{
	const char nul[] = { 's', 't', '\0', 'a', 't' };
	ck_assert_int_eq(proto_parse_line(nul, sizeof nul, &msg, &err), -1);
	ck_assert_str_eq(code(), "binary");
	ck_assert_ptr_nonnull(strstr(err.msg, "NUL byte at column 3"));
	ck_assert_int_eq(parse("status\x1b[0m"), -1);
	ck_assert_str_eq(code(), "binary");
	ck_assert_int_eq(parse("status\x7f"), -1);
	ck_assert_int_eq(parse("start prompt=\"\x01\""), -1);
}
END_TEST

START_TEST(test_duplicate_and_too_many_fields)
{
	ck_assert_int_eq(parse("start prompt=a prompt=b"), -1);
	ck_assert_str_eq(code(), "duplicate_field");
	char line[2048] = "status";
	for (int k = 0; k < PROTO_FIELDS_MAX + 1; k++) {
		char f[32];
		snprintf(f, sizeof f, " f%d=1", k);
		strcat(line, f);
	}
	ck_assert_int_eq(parse(line), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "more than"));
}
END_TEST

START_TEST(test_check_request)
{
	ck_assert_int_eq(parse("frobnicate"), 1);
	ck_assert_ptr_null(engine_request_check(&msg, &err));
	ck_assert_str_eq(code(), "unknown_verb");
	ck_assert_int_eq(parse("status verbose=1"), 1);
	ck_assert_ptr_null(engine_request_check(&msg, &err));
	ck_assert_str_eq(code(), "unknown_field");
	ck_assert_int_eq(parse("start"), 1);
	ck_assert_ptr_null(engine_request_check(&msg, &err));
	ck_assert_str_eq(code(), "missing_field");
	ck_assert_ptr_nonnull(strstr(err.msg, "(start prompt=S)"));
	ck_assert_int_eq(parse("save path=/x force=1"), 1);
	ck_assert_ptr_nonnull(engine_request_check(&msg, &err));
	ck_assert_str_eq(engine_request_check(&msg, &err)->verb, "save");
}
END_TEST

/* Read a file of the source tree into a new string (NULL on failure). */
static char *read_source(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", top && *top ? top : ".", rel);
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* The index of verb in the request table, or -1. */
static int table_index(const char *verb, size_t len)
{
	const il_engine_request *r;
	for (int k = 0; (r = engine_request_at((size_t)k)); k++)
		if (strlen(r->verb) == len && !strncmp(r->verb, verb, len))
			return k;
	return -1;
}

/* Number of rows of the request table. */
static int table_rows(void)
{
	int n = 0;
	while (engine_request_at((size_t)n))
		n++;
	return n;
}

/* protocol.h's REQUESTS list names each verb of the table once, each with
 * the table's usage, and nothing else. */
START_TEST(test_requests_match_protocol_h)
{
	char *text = read_source("src/engine/protocol.h");
	ck_assert_ptr_nonnull(text);
	char *start = strstr(text, " * REQUESTS");
	char *end = start ? strstr(start, " * EVENTS") : NULL;
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	int seen[64] = { 0 }, listed = 0;
	for (char *line = strchr(start, '\n'); line && *line; line = strchr(line + 1, '\n')) {
		const char *p = line + 1;
		if (strncmp(p, " *   ", 5) != 0 || p[5] < 'a' || p[5] > 'z')
			continue; /* not an entry (a heading or a continuation) */
		p += 5;
		const char *gap = strstr(p, "  "), *eol = strchr(p, '\n');
		size_t n = gap && (!eol || gap < eol) ? (size_t)(gap - p) : (size_t)(eol - p);
		size_t vlen = strcspn(p, " \n");
		int k = table_index(p, vlen);
		ck_assert_msg(k >= 0, "protocol.h lists '%.*s', which the table does not have", (int)vlen, p);
		const il_engine_request *r = engine_request_at((size_t)k);
		char want[160];
		snprintf(want, sizeof want, "%s%s%s", r->verb, *r->usage ? " " : "", r->usage);
		ck_assert_msg(strlen(want) == n && !strncmp(p, want, n),
			      "protocol.h says '%.*s', the table '%s'", (int)n, p, want);
		seen[k]++;
		listed++;
	}
	for (int k = 0; k < table_rows(); k++)
		ck_assert_msg(seen[k] == 1, "protocol.h lists '%s' %d times", engine_request_at((size_t)k)->verb,
			      seen[k]);
	ck_assert_int_eq(listed, table_rows());
	free(text);
}
END_TEST

/* The man page's PROTOCOL section has one entry per verb of the table. */
START_TEST(test_requests_match_man_page)
{
	char *text = read_source("man/infiniloop-tui.1");
	ck_assert_ptr_nonnull(text);
	char *start = strstr(text, "\n.SH PROTOCOL\n");
	start = start ? strstr(start, "\n.SS Requests\n") : NULL;
	char *end = start ? strstr(start + 1, "\n.SS ") : NULL;
	ck_assert_ptr_nonnull(end);
	end[1] = '\0';
	int seen[64] = { 0 }, listed = 0;
	for (char *p = strstr(start, "\n.TP\n"); p; p = strstr(p + 1, "\n.TP\n")) {
		const char *item = p + 5; /* the line after .TP: ".B verb", ".BI \"verb f=\" S"... */
		ck_assert_msg(item[0] == '.' && item[1] == 'B', "a PROTOCOL entry that is not bold: %.20s", item);
		item += strcspn(item, " ");
		item += strspn(item, " \"");
		size_t vlen = strcspn(item, " \"\n");
		int k = table_index(item, vlen);
		ck_assert_msg(k >= 0, "the man page lists '%.*s', which the table does not have", (int)vlen, item);
		seen[k]++;
		listed++;
	}
	for (int k = 0; k < table_rows(); k++)
		ck_assert_msg(seen[k] == 1, "the man page lists '%s' %d times", engine_request_at((size_t)k)->verb,
			      seen[k]);
	ck_assert_int_eq(listed, table_rows());
	free(text);
}
END_TEST

START_TEST(test_numbers)
{
	long l;
	double d;
	ck_assert_int_eq(parse("volume level=55 delta=-3 x=1e400 y=abc z=0.5"), 1);
	ck_assert_int_eq(proto_get_long(&msg, "level", 0, 100, &l, &err), 0);
	ck_assert_int_eq(l, 55);
	ck_assert_int_eq(proto_get_long(&msg, "delta", 0, 100, &l, &err), -1);
	ck_assert_str_eq(code(), "bad_value");
	ck_assert_int_eq(proto_get_long(&msg, "y", 0, 100, &l, &err), -1);
	ck_assert_int_eq(proto_get_double(&msg, "x", -1e9, 1e9, &d, &err), -1);
	ck_assert_int_eq(proto_get_double(&msg, "z", 0, 1, &d, &err), 0);
	ck_assert_double_eq(d, 0.5);
	ck_assert_int_eq(proto_get_long(&msg, "missing", 0, 1, &l, &err), -1);
	ck_assert_str_eq(code(), "missing_field");
}
END_TEST

START_TEST(test_reader_lines_and_partial)
{
	il_proto_reader r;
	proto_reader_init(&r);
	proto_reader_push(&r, "stat", 4);
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 0);
	proto_reader_push(&r, "us\n\nping id=1\npa", 16);
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 1);
	ck_assert_str_eq(msg.verb, "status");
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 1);
	ck_assert_str_eq(msg.verb, "ping");
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 0);
	proto_reader_set_eof(&r);
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "middle of a line (2 bytes"));
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 0);
}
END_TEST

START_TEST(test_reader_overlong)
{
	il_proto_reader r;
	proto_reader_init(&r);
	char chunk[1000];
	memset(chunk, 'a', sizeof chunk);
	int errors = 0, msgs = 0;
	for (int k = 0; k < 30; k++) { /* 30 kB without a newline */
		size_t off = 0;
		while (off < sizeof chunk) {
			off += proto_reader_push(&r, chunk + off, sizeof chunk - off);
			int rc;
			while ((rc = proto_reader_next(&r, &msg, &err)) != 0)
				rc < 0 ? errors++ : msgs++;
		}
	}
	proto_reader_push(&r, "\nstatus\n", 8);
	int rc;
	while ((rc = proto_reader_next(&r, &msg, &err)) != 0)
		rc < 0 ? errors++ : msgs++;
	ck_assert_int_eq(errors, 1); /* one error for the whole overlong line */
	ck_assert_int_eq(msgs, 1);
	ck_assert_str_eq(msg.verb, "status");
}
END_TEST

START_TEST(test_reader_exact_limit)
{
	/* A line of PROTO_LINE_MAX-1 bytes plus its newline fits exactly. */
	il_proto_reader r;
	proto_reader_init(&r);
	static char line[PROTO_LINE_MAX];
	memset(line, ' ', sizeof line);
	memcpy(line, "ping id=", 8);
	memset(line + 8, 'x', 100);
	line[PROTO_LINE_MAX - 1] = '\n';
	ck_assert_uint_eq(proto_reader_push(&r, line, sizeof line), sizeof line);
	ck_assert_int_eq(proto_reader_next(&r, &msg, &err), 1);
	ck_assert_str_eq(msg.verb, "ping");
	ck_assert_uint_eq(strlen(proto_get(&msg, "id")), 100);
}
END_TEST

START_TEST(test_format_roundtrip)
{
	/* Every byte but NUL survives formatting and parsing. */
	char value[300];
	int n = 0;
	for (int c = 1; c < 256; c++)
		value[n++] = (char)c;
	value[n] = '\0';
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "log");
	proto_fmt_str(&sb, "msg", value);
	proto_fmt_str(&sb, "bare", "abc-1.5/x");
	proto_fmt_str(&sb, "empty", "");
	proto_fmt_long(&sb, "n", -42);
	proto_fmt_double(&sb, "f", 1.0 / 3.0, 3);
	unsigned char bytes[3] = { 0, 0x7f, 0xff };
	proto_fmt_hex(&sb, "h", bytes, 3);
	proto_fmt_end(&sb);
	ck_assert_int_eq(sb.buf[sb.len - 1], '\n');
	ck_assert_ptr_null(memchr(sb.buf, '\n', sb.len - 1));
	ck_assert_int_eq(proto_parse_line(sb.buf, sb.len - 1, &msg, &err), 1);
	ck_assert_str_eq(proto_get(&msg, "msg"), value);
	ck_assert_str_eq(proto_get(&msg, "bare"), "abc-1.5/x");
	ck_assert_ptr_nonnull(strstr(sb.buf, " bare=abc-1.5/x"));
	ck_assert_str_eq(proto_get(&msg, "empty"), "");
	ck_assert_str_eq(proto_get(&msg, "n"), "-42");
	ck_assert_str_eq(proto_get(&msg, "f"), "0.333");
	unsigned char back[3];
	ck_assert_int_eq(proto_hex_decode(proto_get(&msg, "h"), back, 3), 3);
	ck_assert_mem_eq(back, bytes, 3);
	ck_assert_int_eq(proto_hex_decode("abc", back, 3), -1);
	ck_assert_int_eq(proto_hex_decode("zz", back, 3), -1);
	sbuf_free(&sb);
}
END_TEST

START_TEST(test_format_long_value_cut)
{
	/* Values are cut to PROTO_VALUE_MAX without splitting UTF-8. */
	size_t n = PROTO_VALUE_MAX + 10;
	char *v = malloc(n + 1);
	for (size_t k = 0; k < n; k += 2) {
		v[k] = (char)0xc3;
		v[k + 1] = (char)0xa9;
	}
	v[n] = '\0';
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "log");
	proto_fmt_str(&sb, "msg", v);
	proto_fmt_end(&sb);
	ck_assert_uint_lt(sb.len, PROTO_LINE_MAX);
	ck_assert_int_eq(proto_parse_line(sb.buf, sb.len - 1, &msg, &err), 1);
	size_t got = strlen(proto_get(&msg, "msg"));
	ck_assert_uint_le(got, PROTO_VALUE_MAX);
	ck_assert_uint_eq(got % 2, 0);
	free(v);
	sbuf_free(&sb);
}
END_TEST

/* The suite of protocol tests. */
static Suite *protocol_suite(void)
{
	Suite *s = suite_create("protocol");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_quoted_and_escapes);
	tcase_add_test(tc, test_blank_comment_crlf);
	tcase_add_test(tc, test_syntax_errors);
	tcase_add_test(tc, test_binary_bytes);
	tcase_add_test(tc, test_duplicate_and_too_many_fields);
	tcase_add_test(tc, test_check_request);
	tcase_add_test(tc, test_requests_match_protocol_h);
	tcase_add_test(tc, test_requests_match_man_page);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_reader_lines_and_partial);
	tcase_add_test(tc, test_reader_overlong);
	tcase_add_test(tc, test_reader_exact_limit);
	tcase_add_test(tc, test_format_roundtrip);
	tcase_add_test(tc, test_format_long_value_cut);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 0 when every test passed. */
int main(void)
{
	return testutil_run(protocol_suite());
}

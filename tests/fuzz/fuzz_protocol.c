/* fuzz_protocol.c: the protocol reader and parser on arbitrary bytes.
 *
 * Invariants: no crash or sanitizer report; every parsed message has a valid
 * verb and at most PROTO_FIELDS_MAX fields; every field value survives
 * proto_fmt_str and a second parse unchanged (when it fits the value limit). */
#include <string.h>

#include "engine/engine_request.h"
#include "engine/protocol.h"
#include "fuzz.h"

/* Check that one parsed message formats and parses back to itself. */
static void fuzz_protocol_roundtrip(const il_proto_msg *m)
{
	static il_proto_msg back;
	il_sbuf sb = SBUF_INIT;
	il_err err;
	proto_fmt_begin(&sb, m->verb);
	for (int k = 0; k < m->nfields; k++)
		proto_fmt_str(&sb, m->fields[k].key, m->fields[k].value);
	proto_fmt_end(&sb);
	if (sb.len <= PROTO_LINE_MAX) {
		fuzz_assert(proto_parse_line(sb.buf, sb.len - 1, &back, &err) == 1);
		fuzz_assert(strcmp(back.verb, m->verb) == 0);
		fuzz_assert(back.nfields == m->nfields);
		for (int k = 0; k < m->nfields; k++) {
			fuzz_assert(strcmp(back.fields[k].key, m->fields[k].key) == 0);
			if (m->fields[k].len <= PROTO_VALUE_MAX)
				fuzz_assert(strcmp(back.fields[k].value, m->fields[k].value) == 0);
		}
	}
	sbuf_free(&sb);
}

/* One input: pushed in uneven chunks through a reader, as a pipe delivers it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static il_proto_reader r;
	static il_proto_msg m;
	il_err err;
	proto_reader_init(&r);
	size_t off = 0, chunk = 1 + (size ? data[0] % 97 : 0);
	while (off < size) {
		size_t n = size - off < chunk ? size - off : chunk;
		off += proto_reader_push(&r, (const char *)data + off, n);
		int rc;
		while ((rc = proto_reader_next(&r, &m, &err)) != 0) {
			if (rc < 0) {
				fuzz_assert(err.msg[0] != '\0');
				continue;
			}
			fuzz_assert(m.verb[0] >= 'a' && m.verb[0] <= 'z');
			fuzz_assert(m.nfields >= 0 && m.nfields <= PROTO_FIELDS_MAX);
			if (!engine_request_check(&m, &err))
				fuzz_assert(err.msg[0] != '\0');
			fuzz_protocol_roundtrip(&m);
		}
		chunk = chunk * 3 % 251 + 1;
	}
	proto_reader_set_eof(&r);
	while (proto_reader_next(&r, &m, &err) != 0)
		;
	fuzz_assert(r.len == 0);
	return 0;
}

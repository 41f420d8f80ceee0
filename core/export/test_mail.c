/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "mail.h"
#include "mem.h"

#include <nettle/base64.h>

/* The text of the encoded words of one header, decoded and joined. */
static void decode_words(const char *header, char *out, size_t n)
{
	size_t o = 0;
	for (const char *w = strstr(header, "=?UTF-8?B?"); w;
	     w = strstr(w, "=?UTF-8?B?")) {
		w += 10;
		const char *end = strstr(w, "?=");
		assert_non_null(end);
		struct base64_decode_ctx ctx;
		size_t len = n - o;
		base64_decode_init(&ctx);
		assert_true(base64_decode_update(&ctx, &len, (uint8_t *)out + o,
						 (size_t)(end - w), w));
		assert_true(base64_decode_final(&ctx));
		o += len;
		w = end + 2;
	}
	out[o] = '\0';
}

/* The header of that name in text, its folded lines joined, into out. */
static void header_of(const char *text, const char *name, char *out,
		      size_t n)
{
	const char *h = strstr(text, name);
	assert_non_null(h);
	const char *end = h;
	while ((end = strchr(end, '\n')) && end[1] == ' ')
		end++;
	snprintf(out, n, "%.*s", (int)(end - h), h);
}

static void headers_encoded(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("mail-samples.txt");
	const char *subject = test_texts_get(tx, "subject"),
		   *name = test_texts_get(tx, "name"),
		   *body = test_texts_get(tx, "body");
	bc_mail m = {.from = "vanthu@tanky.example.vn",
		     .to = "ubnd.nghiahop@tanky.example.vn", .to_name = name,
		     .subject = subject, .body = body, .date = 1678406400};
	char *text = bc_mail_text(&m), h[1024], got[1024];
	assert_non_null(text);
	/* No line longer than RFC 5322 recommends, every one ASCII. */
	for (const char *l = text; *l;) {
		const char *e = strchr(l, '\n');
		assert_non_null(e);
		assert_true(e - l <= 78);
		for (const char *c = l; c < e; c++)
			assert_true((unsigned char)*c < 0x80);
		l = e + 1;
	}
	header_of(text, "Subject: ", h, sizeof h);
	assert_non_null(strchr(h, '\n')); /* folded: two words */
	decode_words(h, got, sizeof got);
	assert_string_equal(got, subject);
	header_of(text, "To: ", h, sizeof h);
	decode_words(h, got, sizeof got);
	assert_string_equal(got, name);
	assert_non_null(strstr(h, "<ubnd.nghiahop@tanky.example.vn>"));
	assert_non_null(strstr(text, "From: vanthu@tanky.example.vn\n"));
	assert_non_null(strstr(text, "Date: Fri, 10 Mar 2023 00:00:00 +0000\n"));
	/* The body: base64 after the blank line, decoding to the text. */
	const char *b = strstr(text, "\n\n");
	assert_non_null(b);
	char joined[900];
	size_t o = 0;
	for (b += 2; *b; b++)
		if (*b != '\n')
			joined[o++] = *b;
	joined[o] = '\0';
	snprintf(h, sizeof h, "=?UTF-8?B?%s?=", joined);
	decode_words(h, got, sizeof got);
	assert_string_equal(got, body);
	bc_free(text);
	test_texts_free(tx);
}

static void addresses_refused(void **state)
{
	(void)state;
	bc_mail m = {.to = "a@b.vn\nBcc: c@d.vn", .subject = "x", .body = "y"};
	assert_null(bc_mail_text(&m));
	m.to = "a@b.vn";
	m.from = "me";
	assert_null(bc_mail_text(&m));
	/* A line break in the subject stays inside the header. */
	m.from = NULL;
	m.subject = "a\nBcc: c@d.vn";
	char *text = bc_mail_text(&m);
	assert_non_null(text);
	assert_null(strstr(text, "\nBcc:"));
	bc_free(text);
}

static void programs(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char program[600];
	bc_diags d = BC_DIAGS_INIT;
	snprintf(program, sizeof program, "dd of=%s/got.txt status=none", dir);
	assert_int_equal(bc_mail_run(program, "To: a@b.vn\n\nhello\n", &d),
			 BC_OK);
	char *got = test_read(dir, "got.txt");
	assert_string_equal(got, "To: a@b.vn\n\nhello\n");
	free(got);
	assert_int_equal(bc_mail_run("false", "x\n", &d), BC_ERR_IO);
	assert_int_equal(bc_mail_run("/nonexistent/sendmail -t", "x\n", &d),
			 BC_ERR_IO);
	assert_int_equal(bc_mail_run("   ", "x\n", &d), BC_ERR_IO);
	assert_int_equal(d.errors, 3);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_encoded),
		cmocka_unit_test(addresses_refused),
		cmocka_unit_test(programs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

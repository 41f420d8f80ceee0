// SPDX-License-Identifier: MIT
/*
 * A document set as it is built (doc.h, bc_doc_stream): the writer asks
 * for piece after piece, dropping each once set, until there is none;
 * a piece that fails fails the write, and nothing is written.
 */
#include "test.h"

#include "docx.h"

#include <sys/stat.h>
#include <zip.h>

typedef struct pieces {
	int asked, last;    /* calls so far; the piece after which none */
	int fail_at;        /* the piece that fails, or 0 */
	size_t most_blocks; /* the most blocks the document held at a call */
} pieces;

static bool next_piece(void *ud, bc_doc *doc)
{
	pieces *p = ud;
	p->asked++;
	if (doc->n > p->most_blocks)
		p->most_blocks = doc->n;
	if (p->asked > p->last)
		return false;
	char text[32];
	snprintf(text, sizeof text, "piece %d", p->asked);
	bc_doc_para(doc, BC_DOC_BODY, text);
	if (p->asked == p->fail_at)
		bc_doc_table_cell(doc, "a cell with no table");
	return true;
}

/* word/document.xml of the .docx at path, NUL-terminated. */
static char *body_of(const char *path)
{
	int ze;
	zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
	assert_non_null(z);
	char *buf = test_zip_part(z, "word/document.xml", NULL);
	assert_non_null(buf);
	zip_close(z);
	return buf;
}

static void every_piece_in_order(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "s.docx");
	bc_doc *doc = bc_doc_new();
	pieces p = {.last = 3};
	bc_doc_para(doc, BC_DOC_BODY, "piece 0");
	bc_doc_stream(doc, next_piece, &p);
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_OK);
	/* Asked for 1, 2, 3, then once more for none; each piece found the
	 * blocks before it dropped. */
	assert_int_equal(p.asked, 4);
	assert_int_equal(p.most_blocks, 0);
	char *xml = body_of(path);
	const char *at = xml;
	for (int i = 0; i <= 3; i++) {
		char text[32];
		snprintf(text, sizeof text, "piece %d", i);
		const char *hit = strstr(at, text);
		if (!hit)
			fail_msg("%s is not in document.xml after the piece before",
				 text);
		at = hit;
	}
	free(xml);
	bc_doc_free(doc);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

static void a_failed_piece_writes_nothing(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "s.docx");
	bc_doc *doc = bc_doc_new();
	pieces p = {.last = 3, .fail_at = 2};
	bc_doc_stream(doc, next_piece, &p);
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_ERR_INVALID);
	assert_int_equal(p.asked, 2);
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	bc_doc_free(doc);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_piece_in_order),
		cmocka_unit_test(a_failed_piece_writes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

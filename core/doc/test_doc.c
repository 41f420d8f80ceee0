// SPDX-License-Identifier: MIT
#include "test.h"

#include "doc.h"
#include "docx.h"

static void builds_blocks_in_order(void **state)
{
	bc_doc *doc = bc_doc_new();
	assert_non_null(doc);
	char title[] = "Title";
	assert_int_equal(bc_doc_heading(doc, 2, "I.", title), BC_OK);
	title[0] = 'X'; /* copied in: the caller's buffer is its own */
	assert_int_equal(bc_doc_para(doc, BC_DOC_NOTE, "none"), BC_OK);
	assert_int_equal(bc_doc_para_begin(doc, BC_DOC_BODY), BC_OK);
	assert_int_equal(bc_doc_para_run(doc, BC_DOC_BOLD, "a"), BC_OK);
	assert_int_equal(bc_doc_para_run(doc, BC_DOC_ITALIC, "b"), BC_OK);
	assert_int_equal(bc_doc_para_run(doc, 0, "c"), BC_OK);
	assert_int_equal(bc_doc_quote(doc, "Unit", "line 1\nline 2"), BC_OK);
	assert_int_equal(bc_doc_page_break(doc), BC_OK);
	assert_int_equal(bc_doc_section(doc, BC_DOC_LANDSCAPE), BC_OK);
	assert_int_equal(bc_doc_signature(doc), BC_OK);
	assert_int_equal(doc->n, 7);

	const bc_doc_block *b = doc->block;
	assert_int_equal(b[0].kind, BC_DOC_HEADING);
	assert_int_equal(b[0].heading.level, 2);
	assert_string_equal(b[0].heading.number, "I.");
	assert_string_equal(b[0].heading.title, "Title");
	assert_int_equal(b[1].para.style, BC_DOC_NOTE);
	assert_int_equal(b[2].para.n, 3);
	assert_int_equal(b[2].para.run[0].flags, BC_DOC_BOLD);
	assert_string_equal(b[2].para.run[1].text, "b");
	assert_int_equal(b[2].para.run[1].flags, BC_DOC_ITALIC);
	assert_string_equal(b[3].quote.name, "Unit");
	assert_string_equal(b[3].quote.text, "line 1\nline 2");
	assert_int_equal(b[4].kind, BC_DOC_PAGE_BREAK);
	assert_int_equal(b[5].orient, BC_DOC_LANDSCAPE);
	assert_int_equal(b[6].kind, BC_DOC_SIGNATURE);
	assert_int_equal(bc_doc_error(doc), BC_OK);
	bc_doc_free(doc);
	bc_doc_free(NULL);
}

static void builds_tables(void **state)
{
	bc_doc *doc = bc_doc_new();
	assert_int_equal(bc_doc_table_begin(doc, 3, 1), BC_OK);
	assert_int_equal(bc_doc_table_col(doc, 0, 1, BC_DOC_MIDDLE), BC_OK);
	assert_int_equal(bc_doc_table_col(doc, 2, 4, BC_DOC_END), BC_OK);
	assert_int_equal(bc_doc_table_row(doc, false), BC_OK);
	assert_int_equal(bc_doc_table_cell(doc, "No."), BC_OK);
	assert_int_equal(bc_doc_table_span(doc, "Figures", 2), BC_OK);
	assert_int_equal(bc_doc_table_row(doc, true), BC_OK);
	assert_int_equal(bc_doc_table_cell(doc, "1"), BC_OK);
	assert_int_equal(bc_doc_error(doc), BC_OK);

	const bc_doc_table *t = &doc->block[0].table;
	assert_int_equal(t->cols, 3);
	assert_int_equal(t->header_rows, 1);
	assert_int_equal(t->width[0], 1);
	assert_int_equal(t->width[1], 1); /* unset: equal */
	assert_int_equal(t->width[2], 4);
	assert_int_equal(t->align[1], BC_DOC_LEFT);
	assert_int_equal(t->align[2], BC_DOC_END);
	assert_int_equal(t->n_rows, 2);
	assert_int_equal(t->row[0].n, 2);
	assert_int_equal(t->row[0].cell[1].span, 2);
	assert_string_equal(t->row[0].cell[1].text, "Figures");
	assert_true(t->row[1].total);
	assert_int_equal(t->row[1].n, 1); /* short: the writer pads it */
	bc_doc_free(doc);
}

/* A header over two rows: "down" cells go on the cells above them. */
static void cells_merged_down(void **state)
{
	bc_doc *doc = bc_doc_new();
	bc_doc_table_begin(doc, 4, 2);
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "No.");
	bc_doc_table_span(doc, "Name", 1);
	bc_doc_table_span(doc, "Figures", 2);
	bc_doc_table_row(doc, false);
	assert_int_equal(bc_doc_table_down(doc, 1), BC_OK);
	assert_int_equal(bc_doc_table_down(doc, 1), BC_OK);
	bc_doc_table_cell(doc, "a");
	bc_doc_table_cell(doc, "b");
	const bc_doc_row *r = &doc->block[0].table.row[1];
	assert_true(r->cell[0].down && r->cell[1].down);
	assert_false(r->cell[2].down);
	assert_string_equal(r->cell[0].text, "");
	assert_ptr_equal(bc_doc_cell_at(&doc->block[0].table.row[0], 2),
			 &doc->block[0].table.row[0].cell[2]);
	assert_null(bc_doc_cell_at(&doc->block[0].table.row[0], 3));
	assert_int_equal(bc_doc_error(doc), BC_OK);
	/* one column under one, then two under one: refused */
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "1");
	bc_doc_table_cell(doc, "2");
	bc_doc_table_cell(doc, "3");
	assert_int_equal(bc_doc_table_down(doc, 1), BC_OK);
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "1");
	bc_doc_table_cell(doc, "2");
	assert_int_equal(bc_doc_table_down(doc, 2), BC_ERR_INVALID);
	bc_doc_free(doc);

	doc = bc_doc_new(); /* in the first row: none above */
	bc_doc_table_begin(doc, 1, 0);
	bc_doc_table_row(doc, false);
	assert_int_equal(bc_doc_table_down(doc, 1), BC_ERR_INVALID);
	bc_doc_free(doc);
}

static void many_rows(void **state)
{
	bc_doc *doc = bc_doc_new();
	bc_doc_table_begin(doc, 2, 0);
	for (int r = 0; r < 1000; r++) {
		char num[16];
		snprintf(num, sizeof num, "%d", r);
		bc_doc_table_row(doc, false);
		bc_doc_table_cell(doc, num);
		bc_doc_table_cell(doc, "x");
	}
	assert_int_equal(bc_doc_error(doc), BC_OK);
	assert_int_equal(doc->block[0].table.n_rows, 1000);
	assert_string_equal(doc->block[0].table.row[999].cell[0].text, "999");
	bc_doc_free(doc);
}

/* A call out of place fails, is remembered, and stops the building:
 * nothing is added after it. */
static void first_error_sticks(void **state)
{
	/* a cell with no table, a run with no paragraph, a cell past the
	 * last column, a table of no columns, two signatures, a column out
	 * of range */
	for (int i = 0; i < 6; i++) {
		bc_doc *doc = bc_doc_new();
		bc_doc_para(doc, BC_DOC_BODY, "before");
		bc_err rc = BC_OK;
		switch (i) {
		case 0:
			rc = bc_doc_table_cell(doc, "x");
			break;
		case 1:
			bc_doc_heading(doc, 1, "A.", "x");
			rc = bc_doc_para_run(doc, 0, "x");
			break;
		case 2:
			bc_doc_table_begin(doc, 2, 0);
			bc_doc_table_row(doc, false);
			bc_doc_table_cell(doc, "a");
			rc = bc_doc_table_span(doc, "b", 2);
			break;
		case 3:
			rc = bc_doc_table_begin(doc, 0, 0);
			break;
		case 4:
			bc_doc_signature(doc);
			rc = bc_doc_signature(doc);
			break;
		case 5:
			bc_doc_table_begin(doc, 2, 0);
			rc = bc_doc_table_col(doc, 2, 1, BC_DOC_END);
			break;
		}
		assert_int_equal(rc, BC_ERR_INVALID);
		assert_int_equal(bc_doc_error(doc), BC_ERR_INVALID);
		size_t n = doc->n;
		assert_int_equal(bc_doc_para(doc, BC_DOC_BODY, "after"),
				 BC_ERR_INVALID);
		assert_int_equal(bc_doc_heading(doc, 1, "B.", "x"),
				 BC_ERR_INVALID);
		assert_int_equal(doc->n, n);
		bc_doc_free(doc);
	}
}

static void expect_clean(const char *in, const char *want)
{
	char *got = bc_doc_clean(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	bc_free(got);
}

/* What no file format may carry is dropped or replaced; the rest, tabs
 * and newlines included, is kept byte for byte. */
static void texts_made_safe(void **state)
{
	expect_clean(NULL, "");
	expect_clean("Z\u00fcrich\tna\u00efve\n", "Z\u00fcrich\tna\u00efve\n");
	expect_clean("a\x01" "b\x1b[0mc\x7f" "d", "ab[0mcd");
	expect_clean("C1 \xc2\x85|\xc2\x9b|", "C1 ||");
	expect_clean("one\r\ntwo\rthree", "one\ntwo\nthree");
	/* stray continuation, a lead cut short, an overlong, a surrogate,
	 * past U+10FFFF: each bad byte one U+FFFD */
	expect_clean("\x80", "\xEF\xBF\xBD");
	expect_clean("x\xC3", "x\xEF\xBF\xBD");
	expect_clean("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
	expect_clean("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	expect_clean("\xF4\x90\x80\x80",
		     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* U+FFFE, U+FFFF: not XML characters */
	expect_clean("a\xEF\xBF\xBE\xEF\xBF\xBFz", "az");
	/* four bytes, kept */
	expect_clean("\xF0\x9F\x93\x84", "\xF0\x9F\x93\x84");
}

static void texts_copied_safe(void **state)
{
	bc_doc *doc = bc_doc_new();
	bc_doc_heading(doc, 1, "\x01I.", "T\xff");
	bc_doc_quote(doc, "U\r\n", "a\x02" "b");
	bc_doc_table_begin(doc, 1, 0);
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "\x1b" "c");
	assert_string_equal(doc->block[0].heading.number, "I.");
	assert_string_equal(doc->block[0].heading.title, "T\xEF\xBF\xBD");
	assert_string_equal(doc->block[1].quote.name, "U\n");
	assert_string_equal(doc->block[1].quote.text, "ab");
	assert_string_equal(doc->block[2].table.row[0].cell[0].text, "c");
	bc_doc_free(doc);
}

/* A unit's text of 100,000 characters is kept whole. */
static void long_text_kept(void **state)
{
	size_t n = 100000;
	char *s = bc_malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "abc \n"[i % 5];
	s[n] = '\0';
	bc_doc *doc = bc_doc_new();
	assert_int_equal(bc_doc_quote(doc, "Unit", s), BC_OK);
	assert_string_equal(doc->block[0].quote.text, s);
	bc_free(s);
	bc_doc_free(doc);
}

static void frame_moved_in(void **state)
{
	bc_doc *doc = bc_doc_new();
	assert_true(bc_doc_lines_add(&doc->frame.body, "old"));
	bc_doc_frame f = {0};
	assert_true(bc_doc_lines_add(&f.body, "new"));
	f.number = strdup("No.");
	bc_doc_set_frame(doc, &f);
	assert_null(f.number);
	assert_int_equal(f.body.n, 0);
	assert_int_equal(doc->frame.body.n, 1);
	assert_string_equal(doc->frame.body.line[0], "new");
	assert_string_equal(doc->frame.number, "No.");
	bc_doc_free(doc);
}

/* One of each builder's calls; the document, or NULL when even
 * bc_doc_new finds no memory. */
static bc_doc *every_call(void)
{
	bc_doc *doc = bc_doc_new();
	if (!doc)
		return NULL;
	bc_doc_heading(doc, 1, "A.", "Heading");
	bc_doc_para(doc, BC_DOC_BODY, "Para\ngraph");
	bc_doc_para_begin(doc, BC_DOC_PLAIN);
	bc_doc_para_run(doc, BC_DOC_BOLD, "bold");
	bc_doc_para_run(doc, 0, " plain");
	bc_doc_para_run(doc, BC_DOC_ITALIC, " italic");
	bc_doc_quote(doc, "Unit", "text");
	bc_doc_table_begin(doc, 3, 2);
	bc_doc_table_col(doc, 2, 2, BC_DOC_END);
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "No.");
	bc_doc_table_span(doc, "Both", 2);
	bc_doc_table_row(doc, false);
	bc_doc_table_down(doc, 1);
	bc_doc_table_cell(doc, "a");
	bc_doc_table_cell(doc, "b");
	for (int r = 0; r < 5; r++) {
		bc_doc_table_row(doc, r == 4);
		bc_doc_table_cell(doc, "1");
		bc_doc_table_cell(doc, "2");
		bc_doc_table_cell(doc, "3");
	}
	bc_doc_page_break(doc);
	bc_doc_signature(doc);
	bc_doc_section(doc, BC_DOC_LANDSCAPE);
	return doc;
}

/* Memory refused at each allocation in turn: the document remembers
 * BC_ERR_NOMEM, no writer takes it, and nothing is kept. */
static void out_of_memory(void **state)
{
	char *dir = test_tmpdir(), *path = test_path(dir, "out.docx");
	for (long n = 1;; n++) {
		long live = bc_mem_live();
		bc_mem_fail(n, false);
		bc_doc *doc = every_call();
		bool refused = bc_mem_refused() > 0;
		bc_mem_fail(0, false);
		assert_true(doc || refused);
		if (doc && refused) {
			assert_int_equal(bc_doc_error(doc), BC_ERR_NOMEM);
			bc_diags d = BC_DIAGS_INIT;
			assert_int_equal(bc_docx_write(doc, path, &d),
					 BC_ERR_NOMEM);
			assert_int_equal(access(path, F_OK), -1);
			bc_diags_free(&d);
		} else if (doc) {
			assert_int_equal(bc_doc_error(doc), BC_OK);
			assert_int_equal(doc->n, 8);
		}
		bc_doc_free(doc);
		assert_int_equal(bc_mem_live(), live);
		if (!refused)
			break;
	}
	test_rm_tree(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_blocks_in_order),
		cmocka_unit_test(builds_tables),
		cmocka_unit_test(cells_merged_down),
		cmocka_unit_test(many_rows),
		cmocka_unit_test(first_error_sticks),
		cmocka_unit_test(texts_made_safe),
		cmocka_unit_test(texts_copied_safe),
		cmocka_unit_test(long_text_kept),
		cmocka_unit_test(frame_moved_in),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

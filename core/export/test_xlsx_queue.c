/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "xlsx_queue.h"
#include "xlsx_write.h"

/* What the writer's calls of logged() saw, read after a drain. */
typedef struct log {
	int no[4096];
	bool intact[4096];
	size_t n;
} log_t;

/* A call's argument: which call it is, and a text made from that. */
typedef struct rec {
	log_t *log;
	int no;
	char text[];
} rec;

static void text_of(int no, char *out, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		out[i] = (char)('a' + (no + (int)i) % 26);
	out[len - 1] = '\0';
}

static size_t len_of(int no)
{
	return (size_t)(no * 37 % 300) + 1; /* some longer than a chunk */
}

static lxw_error logged(lxw_worksheet *ws, const void *arg)
{
	const rec *r = arg;
	char want[301];
	text_of(r->no, want, len_of(r->no));
	if (r->log->n < 4096) {
		r->log->intact[r->log->n] = !strcmp(r->text, want);
		r->log->no[r->log->n++] = r->no;
	}
	return LXW_NO_ERROR;
}

static lxw_error counted(lxw_worksheet *ws, const void *arg)
{
	(**(size_t *const *)arg)++;
	return LXW_NO_ERROR;
}

/* Calls are made in the order queued, their arguments whole across the
 * chunks' ends; one larger than a chunk is made at once, in its turn. */
static void calls_in_order(void **state)
{
	(void)state;
	static log_t log;
	log.n = 0;
	bc_xq *q = bc_xq_new(256, 2);
	assert_non_null(q);
	rec *r = bc_malloc(sizeof *r + 301);
	for (int no = 0; no < 2000; no++) {
		size_t len = len_of(no);
		*r = (rec){.log = &log, .no = no};
		text_of(no, r->text, len);
		assert_int_equal(bc_xq_call(q, NULL, logged, r, sizeof *r + len),
				 LXW_NO_ERROR);
		if (no == 999) { /* a drain in the middle changes nothing */
			bc_xq_drain(q);
			assert_int_equal(log.n, 1000);
		}
	}
	bc_free(r);
	bc_xq_drain(q);
	lxw_error e;
	uint64_t at;
	assert_false(bc_xq_error(q, &e, &at));
	bc_xq_free(q);
	assert_int_equal(log.n, 2000);
	for (size_t i = 0; i < log.n; i++) {
		assert_int_equal(log.no[i], (int)i);
		assert_true(log.intact[i]);
	}
}

/* A workbook's cells written through q (NULL: at once) into dir/name,
 * on two sheets. */
static char *write_book(bc_xq *q, const char *dir, const char *name,
			const char *words)
{
	char *path = test_path(dir, name);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .tmpdir = (char *)dir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_doc_properties props = {.created = 1700000000};
	workbook_set_properties(wb, &props);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_worksheet *sheets[2] = {workbook_add_worksheet(wb, "a"),
				    workbook_add_worksheet(wb, "b")};
	char text[64];
	for (lxw_row_t r = 0; r < 400; r++) {
		/* the sheets taken in turn, now and then twice in a row */
		lxw_worksheet *ws = sheets[r % 3 == 0];
		lxw_col_t c = 0;
		snprintf(text, sizeof text, "%u", (unsigned)r * 7919);
		assert_int_equal(bc_xq_string(q, ws, r, c++, text, NULL), 0);
		assert_int_equal(bc_xq_string(q, ws, r, c++, words, bold), 0);
		assert_int_equal(bc_xq_string(q, ws, r, c++, NULL, bold), 0);
		assert_int_equal(bc_xq_number(q, ws, r, c++, r / 3.0, NULL), 0);
		assert_int_equal(bc_xq_blank(q, ws, r, c++, bold), 0);
		assert_int_equal(bc_xq_formula_num(q, ws, r, c++, "=D1*2", bold,
						   r * 2 / 3.0),
				 0);
		lxw_datetime dt = {2023, 1 + r % 12, 1 + r % 28, r % 24, 5, 0};
		assert_int_equal(bc_xq_datetime(q, ws, r, c++, &dt, bold), 0);
		if (r % 5 == 0)
			assert_int_equal(bc_xq_row(q, ws, r, 30 + r % 7, NULL),
					 0);
		if (r % 3 == 0)
			assert_int_equal(bc_xq_merge(q, ws, r, c, r, c + 2,
						     words, bold),
					 0);
	}
	bc_xq_drain(q);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

/* The same calls queued or made at once: the same workbook, byte for
 * byte, whatever the chunks. */
static void same_workbook(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *words = test_fixture("xlsx_write.txt", "title");
	char *direct = write_book(NULL, dir, "direct.xlsx", words);
	bc_xq *q = bc_xq_new(300, 3);
	char *queued = write_book(q, dir, "queued.xlsx", words);
	bc_xq_free(q);
	size_t n1, n2;
	char *a = test_read_path(direct, &n1), *b = test_read_path(queued, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	free(direct);
	free(queued);
	free(words);
	test_rm_tree(dir);
	free(dir);
}

/* The most characters a cell holds (Excel's limit). */
#define CELL_MAX 32767

/* The first error of the queued calls is kept, with its number; the
 * writer goes on with the calls after it, as a book written at once
 * does, and is joined with calls still queued. */
static void first_error_kept(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "e.xlsx");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .tmpdir = dir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "a");
	size_t made = 0, *count = &made;
	char *huge = bc_malloc(CELL_MAX + 2);
	memset(huge, 'x', CELL_MAX + 1);
	huge[CELL_MAX + 1] = '\0';
	bc_xq *q = bc_xq_new(64 * 1024, 2);
	assert_non_null(q);
	bc_xq_string(q, ws, 0, 0, "fine", NULL);
	bc_xq_string(q, ws, 1, 0, huge, NULL);
	bc_xq_number(q, ws, LXW_ROW_MAX, 0, 1, NULL);
	bc_free(huge);
	bc_xq_drain(q);
	lxw_error e;
	uint64_t at;
	assert_true(bc_xq_error(q, &e, &at));
	assert_int_equal(e, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
	assert_int_equal(at, 1);
	for (int i = 0; i < 100; i++)
		bc_xq_call(q, NULL, counted, &count, sizeof count);
	bc_xq_free(q); /* no drain first: the calls are made all the same */
	assert_int_equal(made, 100);
	workbook_close(wb);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

/* A book's failures in the order their calls were made, whichever
 * thread made them. */
static void book_keeps_call_order(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "b.xlsx");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .tmpdir = dir};
	for (int writer_first = 0; writer_first < 2; writer_first++) {
		bc_xbook b = {.wb = workbook_new_opt(path, &opt)};
		lxw_worksheet *ws = workbook_add_worksheet(b.wb, "a");
		bc_xbook_queue(&b);
		assert_non_null(b.q);
		bc_xq_string(b.q, ws, 0, 0, "fine", NULL);
		if (!writer_first)
			bc_xbook_fail(&b, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      "the caller's");
		bc_xq_number(b.q, ws, LXW_ROW_MAX, 0, 1, NULL);
		bc_xbook_fail(&b, LXW_ERROR_PARAMETER_VALIDATION, "later");
		assert_true(bc_xbook_failed(&b));
		bc_xbook_join(&b);
		assert_null(b.q);
		if (writer_first) {
			assert_int_equal(b.err,
					 LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
			assert_string_equal(b.why, lxw_strerror(b.err));
		} else {
			assert_int_equal(b.err, LXW_ERROR_MEMORY_MALLOC_FAILED);
			assert_string_equal(b.why, "the caller's");
		}
		workbook_close(b.wb);
	}
	test_rm_tree(dir);
	free(path);
	free(dir);
}

/* Without memory for the queue there is none, and nothing is kept: the
 * caller writes at once. */
static void no_memory_no_queue(void **state)
{
	(void)state;
	for (long n = 1; n <= 5; n++) { /* the queue, its 2 arrays, 2 chunks */
		long live = bc_mem_live();
		bc_mem_fail(n, false);
		bc_xq *q = bc_xq_new(256, 2);
		bc_mem_fail(0, false);
		assert_null(q);
		assert_int_equal(bc_mem_live(), live);
	}
	bc_xbook b = {0};
	bc_mem_fail(1, true);
	bc_xbook_queue(&b);
	bc_mem_fail(0, false);
	assert_null(b.q);
	bc_xbook_join(&b); /* nothing to join */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calls_in_order),
		cmocka_unit_test(same_workbook),
		cmocka_unit_test(first_error_kept),
		cmocka_unit_test(book_keeps_call_order),
		cmocka_unit_test(no_memory_no_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

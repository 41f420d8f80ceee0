/* SPDX-License-Identifier: MIT */
/*
 * The export's threads (export.c): an exporter that starts early (the
 * workbook, whose forms' values are read on a thread of their own,
 * xlsx_values.h) does so while another thread makes the model on a twin
 * of the store.  The workbook is the same byte for byte whether it was
 * made on one thread or several, or when no twin could be had, and
 * memory running out on any thread fails the export cleanly.
 */
#include "test_submit.h"

#include "export.h"
#include "import.h"
#include "mem.h"
#include "twins.h"

#include <jansson.h>
#include <sys/stat.h>

#define PERIOD "2023-Q1"
#define DERIVED_UNITS 5 /* in tests/data/derived-units.csv */

static const char *const SAMPLES[] = {
	"examples/2023-Q1/xa-ky-son.json",  "examples/2023-Q1/noi-vu.json",
	"examples/2023-Q1/xa-nghia-binh.csv", "examples/2023-Q1/tt-tan-ky.json",
	"examples/2023-Q1/tu-phap.json",
};

static void import_all(fx *f, const char *const *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *path = test_path(test_source_root(), files[i]);
		bc_import_opts o = {.tz_offset = 420};
		bc_import_result res;
		bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res,
					   &f->d);
		bc_import_result_free(&res);
		if (rc != BC_OK) {
			test_diags_print(&f->d);
			fail_msg("%s: refused", path);
		}
		free(path);
	}
	bc_diags_free(&f->d);
}

static void open_with_samples(fx *f)
{
	fx_open(f);
	import_all(f, SAMPLES, sizeof SAMPLES / sizeof *SAMPLES);
}

/* Exports the period to name in the fixture's directory; its bytes in
 * *out (NULL when no file was written). */
static bc_err export_period(fx *f, const char *period, const char *name,
			    bool one_thread, char **out, size_t *len)
{
	char *path = test_path(f->dir, name);
	bc_export_opts o = {.format = "xlsx", .out = path, .tz_offset = 420,
			    .one_thread = one_thread};
	assert_true(bc_time_parse("2023-05-10T08:00:00+07:00", 420,
				  &o.fixed_time, NULL));
	bc_err rc = bc_export(f->st, f->rb, period, &o, &f->d);
	struct stat sb;
	*out = stat(path, &sb) == 0 ? test_read_path(path, len) : NULL;
	remove(path);
	free(path);
	return rc;
}

static bc_err export_xlsx(fx *f, const char *name, bool one_thread,
			  char **out, size_t *len)
{
	return export_period(f, PERIOD, name, one_thread, out, len);
}

static void same_bytes(const char *a, size_t na, const char *b, size_t nb)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

/* The twins this test relies on can be had: else the two-thread path
 * would go untested without a word. */
static void twins_available(fx *f)
{
	bc_store *tw;
	size_t got;
	assert_int_equal(bc_twins_begin_read(f->st, &tw, 1, &got, &f->d),
			 BC_OK);
	assert_int_equal(got, 1);
	bc_store_close(tw);
	bc_store_rollback(f->st);
}

static void one_thread_or_two(void **state)
{
	fx *f = *state;
	open_with_samples(f);
	twins_available(f);
	char *one, *two;
	size_t n1, n2;
	assert_int_equal(export_xlsx(f, "one.xlsx", true, &one, &n1), BC_OK);
	assert_int_equal(export_xlsx(f, "two.xlsx", false, &two, &n2), BC_OK);
	same_bytes(one, n1, two, n2);
	free(one);
	free(two);
	fx_close(f);
}

/* A derived period (a half year of quarters): its status needs the
 * rules, so the model's thread reads it; the same workbook. */
static void derived_period(void **state)
{
	fx *f = *state;
	char *tmp = test_path(f->dir, "rules");
	test_mkdir(f->dir, "rules");
	test_link_source(tmp, "derived-periods", "tests/rules/derived-periods");
	char *units = test_path(test_source_root(),
				"tests/data/derived-units.csv");
	fx_open_with(f, tmp, units, DERIVED_UNITS);
	free(units);
	free(tmp);
	static const char *const parts[] = {
		"tests/data/derived/xa-a-2023-Q1.json",
		"tests/data/derived/xa-a-2023-H1.json",
		"tests/data/derived/xa-c-2023-H1.json",
	};
	import_all(f, parts, sizeof parts / sizeof *parts);
	twins_available(f);
	char *one, *two;
	size_t n1, n2;
	assert_int_equal(export_period(f, "2023-Q2", "one.xlsx", true, &one,
				       &n1),
			 BC_OK);
	assert_int_equal(export_period(f, "2023-Q2", "two.xlsx", false, &two,
				       &n2),
			 BC_OK);
	same_bytes(one, n1, two, n2);
	free(one);
	free(two);
	fx_close(f);
}

/* Another program writing: no twin, the same workbook, at once. */
static void no_twin_while_written(void **state)
{
	fx *f = *state;
	open_with_samples(f);
	char *one, *other;
	size_t n1, n2;
	assert_int_equal(export_xlsx(f, "one.xlsx", true, &one, &n1), BC_OK);
	sqlite3 *w;
	char *db = test_path(f->dir, "baocao.db");
	assert_int_equal(sqlite3_open(db, &w), SQLITE_OK);
	free(db);
	test_exec(w, "BEGIN IMMEDIATE");
	assert_int_equal(export_xlsx(f, "w.xlsx", false, &other, &n2), BC_OK);
	test_exec(w, "ROLLBACK");
	sqlite3_close(w);
	same_bytes(one, n1, other, n2);
	free(one);
	free(other);
	fx_close(f);
}

/* Memory refused at points through the export, once or for good: which
 * thread asks for the refused block varies from run to run, and either
 * way the export fails saying so, keeps nothing and writes nothing, or
 * (a refusal met and overcome) gives the same workbook. */
static void memory_runs_out_on_either_thread(void **state)
{
	fx *f = *state;
	open_with_samples(f);
	char *want;
	size_t nw;
	bc_mem_fail(0, false);
	assert_int_equal(export_xlsx(f, "want.xlsx", false, &want, &nw), BC_OK);
	long asked = bc_mem_asked();
	assert_true(asked > 100);
	int failed = 0;
	for (int every = 0; every <= 1; every++)
		for (long n = 1; n <= asked; n += asked / 150 + 1) {
			long live = bc_mem_live();
			bc_mem_fail(n, every);
			char *got;
			size_t ng;
			bc_err rc = export_xlsx(f, "got.xlsx", false, &got, &ng);
			bc_mem_fail(0, false);
			if (rc == BC_OK) {
				same_bytes(want, nw, got, ng);
			} else {
				if (rc != BC_ERR_NOMEM)
					test_diags_print(&f->d);
				assert_int_equal(rc, BC_ERR_NOMEM);
				assert_null(got);
				failed++;
			}
			free(got);
			bc_diags_free(&f->d);
			assert_int_equal(bc_mem_live(), live);
		}
	print_message("# %ld allocations, %d runs failed\n", asked, failed);
	assert_true(failed > 0);
	free(want);
	fx_close(f);
}

/* jansson's allocations through the hook too: the model is made of
 * them, on the model's thread. */
static void *js_malloc(size_t n)
{
	return bc_malloc(n);
}

static void js_free(void *p)
{
	bc_free(p);
}

int main(void)
{
	json_set_alloc_funcs(js_malloc, js_free);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_thread_or_two, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(derived_period, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(no_twin_while_written, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(
			memory_runs_out_on_either_thread, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

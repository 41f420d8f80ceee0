/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "rulebook.h"
#include "store.h"
#include "unit.h"

#include <sqlite3.h>

/* A day every unit of a file without dates is in force. */
#define DAY bc_date_from_ymd(2024, 1, 1)

/* A fresh database in a temporary directory and the shipped rules. */
typedef struct fx {
	char *dir;
	char csv[1024]; /* where import() writes its file */
	bc_store *st;
	bc_rulebook *rb;
	bc_diags d;
	bc_units_import_result res;
	test_texts *cases; /* tests/data/units-cases.txt */
} fx;

/* A units file (or a text) of tests/data/units-cases.txt. */
#define CASE(name) test_texts_get(f->cases, name)

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	snprintf(f->csv, sizeof f->csv, "%s/units.csv", f->dir);
	char path[1024];
	snprintf(path, sizeof path, "%s/baocao.db", f->dir);
	if (bc_store_open(path, true, &f->st, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("cannot create the database");
	}
	bc_store_set_clock(f->st, 1700000000);
	snprintf(path, sizeof path, "%s/rules", test_source_root());
	if (bc_rulebook_load(path, NULL, &f->rb, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the shipped rules do not load from %s", path);
	}
	bc_diags_free(&f->d);
	f->cases = test_texts_load("units-cases.txt");
	*state = f;
	return 0;
}

/* Diagnostics are the test's own: cmocka checks for leaks when the test
 * function returns, so each test frees them before it ends. */
static int teardown(void **state)
{
	fx *f = *state;
	test_texts_free(f->cases);
	bc_rulebook_free(f->rb);
	bc_store_close(f->st);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static bc_err import_file(fx *f, const char *path)
{
	return bc_units_import(f->st, f->rb, path, &f->res, &f->d);
}

/* Writes text as the fixture's units file and imports it. */
static bc_err import(fx *f, const char *text)
{
	test_write(f->dir, "units.csv", text);
	return import_file(f, f->csv);
}

static void import_ok(fx *f, const char *text)
{
	if (import(f, text) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("import refused");
	}
}

static const char *example(void)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/examples/tan-ky-units.csv",
		 test_source_root());
	return path;
}

static int64_t audit_count(fx *f)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(bc_store_db(f->st),
					    "SELECT count(*) FROM audit", -1,
					    &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const bc_unit *find(const bc_unit_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

static bool has_role(const bc_unit *u, const char *role)
{
	for (size_t i = 0; i < u->n_roles; i++)
		if (strcmp(u->roles[i], role) == 0)
			return true;
	return false;
}

static void list(fx *f, bc_unit_list *l)
{
	assert_int_equal(bc_units_as_of(f->st, DAY, l, &f->d), BC_OK);
}

/* Everything the list says, as one text, to compare before and after. */
static char *snapshot(fx *f)
{
	bc_unit_list l;
	list(f, &l);
	size_t cap = 256 + l.n * 256, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	s[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		const bc_unit *u = &l.v[i];
		n += (size_t)snprintf(s + n, cap - n, "%lld|%s|%s|%s|%s|%d|",
				      (long long)u->id, u->code, u->name,
				      u->kind, u->parent ? u->parent : "-",
				      u->depth);
		for (size_t k = 0; k < u->n_roles; k++)
			n += (size_t)snprintf(s + n, cap - n, "%s;",
					      u->roles[k]);
		n += (size_t)snprintf(s + n, cap - n, "\n");
		assert_true(n < cap);
	}
	bc_unit_list_free(&l);
	return s;
}

/* True when one diagnostic is at the fixture file's line and says what. */
static bool have(fx *f, int line, const char *what)
{
	char where[1100];
	snprintf(where, sizeof where, "%s:%d: ", f->csv, line);
	return test_diags_at(&f->d, where, what);
}

static void expect(fx *f, int line, const char *what)
{
	if (!have(f, line, what)) {
		test_diags_print(&f->d);
		fail_msg("no diagnostic at line %d saying '%s'", line, what);
	}
}

/* A small tree already in the database, so that a rejected import has
 * something to leave alone. */
static void seed(fx *f)
{
	import_ok(f, CASE("seed"));
	assert_int_equal(f->res.added, 3);
}

/* Imports text, which must be refused as a whole: nothing of it stored,
 * no audit entry, no counts. */
static void rejected(fx *f, const char *text)
{
	char *before = snapshot(f);
	int64_t audit = audit_count(f);
	bc_diags_free(&f->d);
	assert_int_equal(import(f, text), BC_ERR_INVALID);
	assert_true(f->d.errors > 0);
	assert_int_equal(f->res.added, 0);
	assert_int_equal(f->res.updated, 0);
	assert_int_equal(f->res.unchanged, 0);
	char *after = snapshot(f);
	assert_string_equal(after, before);
	assert_int_equal(audit_count(f), audit);
	free(before);
	free(after);
}

/* ---- good imports --------------------------------------------------------- */

static void import_example(void **state)
{
	fx *f = *state;
	assert_int_equal(import_file(f, example()), BC_OK);
	assert_int_equal(f->res.added, 36);
	assert_int_equal(f->res.updated, 0);
	assert_int_equal(f->res.unchanged, 0);
	assert_int_equal(f->d.errors, 0);

	bc_unit_list l;
	list(f, &l);
	assert_int_equal(l.n, 36);
	const bc_unit *root = find(&l, "tan-ky");
	assert_non_null(root);
	assert_ptr_equal(root, &l.v[0]);
	assert_string_equal(root->name, CASE("example_root_name"));
	assert_string_equal(root->kind, "district");
	assert_null(root->parent);
	assert_int_equal(root->depth, 0);
	assert_int_equal(root->n_roles, 0);
	for (size_t i = 1; i < l.n; i++) {
		assert_string_equal(l.v[i].parent, "tan-ky");
		assert_int_equal(l.v[i].depth, 1);
	}
	const bc_unit *u = find(&l, "noi-vu");
	assert_non_null(u);
	assert_string_equal(u->kind, "department");
	assert_int_equal(u->n_roles, 1);
	assert_string_equal(u->roles[0], "noi_vu");
	u = find(&l, "xa-nghia-dong");
	assert_non_null(u);
	assert_string_equal(u->name, CASE("example_nghia_dong_name"));
	assert_string_equal(u->kind, "commune");
	assert_int_equal(u->n_roles, 0);
	/* Siblings keep the file's order. */
	assert_string_equal(l.v[1].code, "vp-ubnd");
	assert_string_equal(l.v[35].code, "xa-tien-ky");
	bc_unit_list_free(&l);

	assert_int_equal(audit_count(f), 1);
	int64_t bad = -1;
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 0);
	bc_diags_free(&f->d);
}

static void reimport_is_unchanged(void **state)
{
	fx *f = *state;
	assert_int_equal(import_file(f, example()), BC_OK);
	char *before = snapshot(f);
	assert_int_equal(import_file(f, example()), BC_OK);
	assert_int_equal(f->res.added, 0);
	assert_int_equal(f->res.updated, 0);
	assert_int_equal(f->res.unchanged, 36);
	char *after = snapshot(f);
	assert_string_equal(after, before);
	free(before);
	free(after);
	bc_diags_free(&f->d);
}

static void changed_name_is_one_update(void **state)
{
	fx *f = *state;
	assert_int_equal(import_file(f, example()), BC_OK);
	bc_unit_list l;
	list(f, &l);
	int64_t id = find(&l, "tu-phap")->id;
	bc_unit_list_free(&l);

	FILE *in = fopen(example(), "rb");
	assert_non_null(in);
	char text[8192];
	size_t n = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[n] = '\0';
	const char *old = CASE("tu_phap_line");
	char *at = strstr(text, old);
	assert_non_null(at);
	char changed[8300];
	snprintf(changed, sizeof changed, "%.*stu-phap,%s,%s", (int)(at - text),
		 text, CASE("tu_phap_new_name"), at + strlen(old));

	import_ok(f, changed);
	assert_int_equal(f->res.added, 0);
	assert_int_equal(f->res.updated, 1);
	assert_int_equal(f->res.unchanged, 35);
	list(f, &l);
	const bc_unit *u = find(&l, "tu-phap");
	assert_string_equal(u->name, CASE("tu_phap_new_name"));
	assert_int_equal(u->id, id);
	assert_string_equal(u->parent, "tan-ky");
	assert_int_equal(u->n_roles, 1);
	assert_string_equal(u->roles[0], "tu_phap");
	assert_int_equal(l.n, 36);
	bc_unit_list_free(&l);
	bc_diags_free(&f->d);
}

static void tree_order_and_roles(void **state)
{
	fx *f = *state;
	/* Children come before their parents in the file. */
	import_ok(f, CASE("tree-children-first"));
	assert_int_equal(f->res.added, 6);
	bc_unit_list l;
	list(f, &l);
	assert_int_equal(l.n, 6);
	for (size_t i = 0; i < l.n; i++) {
		const bc_unit *u = &l.v[i];
		if (!u->parent) {
			assert_int_equal(u->depth, 0);
			continue;
		}
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			if (strcmp(l.v[k].code, u->parent) == 0) {
				seen = true;
				assert_int_equal(u->depth, l.v[k].depth + 1);
			}
		if (!seen)
			fail_msg("%s listed before its parent %s", u->code,
				 u->parent);
	}
	const char *order[] = {"tinh", "huyen", "xa-a", "xa-b", "to-1",
			       "khac"};
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i].code, order[i]);
	assert_int_equal(find(&l, "to-1")->depth, 3);

	const bc_unit *u = find(&l, "to-1");
	assert_int_equal(u->n_roles, 2);
	assert_true(has_role(u, "noi_vu"));
	assert_true(has_role(u, "tckh"));
	u = find(&l, "xa-b");
	assert_int_equal(u->n_roles, 1);
	assert_string_equal(u->roles[0], "vhtt");
	bc_unit_list_free(&l);

	/* The same roles in another order and spacing are no change. */
	import_ok(f, CASE("tree-roles-reordered"));
	assert_int_equal(f->res.unchanged, 1);
	/* Roles dropped are a change, and gone. */
	import_ok(f, CASE("tree-roles-dropped"));
	assert_int_equal(f->res.updated, 1);
	list(f, &l);
	assert_int_equal(find(&l, "to-1")->n_roles, 0);
	bc_unit_list_free(&l);
	bc_diags_free(&f->d);
}

static void bom_and_column_order(void **state)
{
	fx *f = *state;
	import_ok(f, CASE("bom_crlf"));
	assert_int_equal(f->res.added, 2);
	bc_unit_list l;
	list(f, &l);
	const bc_unit *u = find(&l, "noi-vu");
	assert_non_null(u);
	assert_string_equal(u->name, CASE("noi_vu_name"));
	assert_string_equal(u->parent, "huyen");
	assert_int_equal(u->n_roles, 1);
	bc_unit_list_free(&l);
	bc_diags_free(&f->d);
}

static void parent_defined_later(void **state)
{
	fx *f = *state;
	import_ok(f, CASE("parent-defined-later"));
	bc_unit_list l;
	list(f, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].code, "huyen");
	assert_string_equal(l.v[1].code, "noi-vu");
	assert_string_equal(l.v[1].parent, "huyen");
	bc_unit_list_free(&l);
	bc_diags_free(&f->d);
}

static void upsert_moves_unit(void **state)
{
	fx *f = *state;
	seed(f);
	import_ok(f, CASE("thon-under-xa-a"));
	bc_unit_list l;
	list(f, &l);
	int64_t id = find(&l, "thon-1")->id;
	assert_int_equal(find(&l, "thon-1")->depth, 2);
	bc_unit_list_free(&l);

	/* Only the moved unit is named; the others stay as they are. */
	import_ok(f, CASE("thon-under-noi-vu"));
	assert_int_equal(f->res.updated, 1);
	assert_int_equal(f->res.added + f->res.unchanged, 0);
	list(f, &l);
	assert_int_equal(l.n, 4);
	const bc_unit *u = find(&l, "thon-1");
	assert_int_equal(u->id, id);
	assert_string_equal(u->parent, "noi-vu");
	assert_int_equal(u->depth, 2);
	assert_string_equal(find(&l, "xa-a")->parent, "huyen");
	/* Parents before children still, with the new parent. */
	assert_true(find(&l, "noi-vu") < u);
	bc_unit_list_free(&l);

	/* And to the top, with an empty parent. */
	import_ok(f, CASE("thon-at-the-top"));
	assert_int_equal(f->res.updated, 1);
	list(f, &l);
	u = find(&l, "thon-1");
	assert_null(u->parent);
	assert_int_equal(u->depth, 0);
	bc_unit_list_free(&l);
	bc_diags_free(&f->d);
}

static void get_one_unit(void **state)
{
	fx *f = *state;
	seed(f);
	bc_unit u;
	assert_int_equal(bc_unit_latest(f->st, "noi-vu", &u, &f->d), BC_OK);
	assert_string_equal(u.code, "noi-vu");
	assert_string_equal(u.name, CASE("noi_vu_name"));
	assert_string_equal(u.kind, "department");
	assert_string_equal(u.parent, "huyen");
	assert_int_equal(u.n_roles, 1);
	assert_string_equal(u.roles[0], "noi_vu");
	bc_unit_free(&u);
	assert_null(u.code);
	assert_int_equal(bc_unit_latest(f->st, "huyen", &u, &f->d), BC_OK);
	assert_null(u.parent);
	assert_int_equal(u.n_roles, 0);
	bc_unit_free(&u);
	assert_int_equal(bc_unit_latest(f->st, "xa-z", &u, &f->d),
			 BC_ERR_NOT_FOUND);
	assert_null(u.code);
	bc_diags_free(&f->d);
}

/* ---- rejections ----------------------------------------------------------- */

static void unknown_kind(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("unknown-kind"));
	expect(f, 3, "unknown kind 'ward'");
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
}

static void bad_code(void **state)
{
	fx *f = *state;
	seed(f);
	const char *codes[] = {"Xa-B", "xa b", "xa_b", CASE("code_with_tone"),
			       "xa.b"};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		char *csv = test_fill(CASE("bad-code-line-3"), "code", codes[i]);
		rejected(f, csv);
		free(csv);
		char what[64];
		snprintf(what, sizeof what, "bad code '%s'", codes[i]);
		expect(f, 3, what);
		assert_int_equal(f->d.errors, 1);
	}
	/* An empty code, and one too long. */
	char *csv = test_fill(CASE("bad-code-line-2"), "code", "");
	rejected(f, csv);
	free(csv);
	expect(f, 2, "bad code ''");
	char longer[66];
	snprintf(longer, sizeof longer, "%065d", 0);
	csv = test_fill(CASE("bad-code-line-2"), "code", longer);
	rejected(f, csv);
	free(csv);
	expect(f, 2, "bad code");
	bc_diags_free(&f->d);
}

static void unknown_parent(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("unknown-parent"));
	expect(f, 3, "unknown parent 'xa-z'");
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
}

static void cycle_in_file(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, "code,name,kind,roles,parent\n"
		    "a,A,department,,b\n"
		    "b,B,department,,a\n"
		    "c,C,department,,huyen\n");
	expect(f, 2, "cycle");
	expect(f, 3, "cycle");
	assert_false(have(f, 4, ""));

	rejected(f, "code,name,kind,roles,parent\n"
		    "a,A,department,,a\n");
	expect(f, 2, "own parent");
	bc_diags_free(&f->d);
}

static void cycle_with_database(void **state)
{
	fx *f = *state;
	seed(f);
	/* huyen is the root in the database; under xa-a, its own child,
	 * the tree would loop. */
	rejected(f, CASE("cycle-with-database"));
	expect(f, 3, "cycle");
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
}

static void duplicate_code(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("duplicate-code"));
	expect(f, 4, "line 2");
	expect(f, 4, "duplicate code 'xa-b'");
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
}

static void unknown_role(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("unknown-role"));
	expect(f, 3, "unknown role 'thue'");
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
}

static void empty_name(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("empty-names"));
	expect(f, 3, "name is empty");
	expect(f, 4, "name is empty");
	assert_int_equal(f->d.errors, 2);
	bc_diags_free(&f->d);
}

static void wrong_field_count(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("wrong-field-counts"));
	expect(f, 3, "4 fields");
	expect(f, 4, "6 fields");
	assert_int_equal(f->d.errors, 2);
	bc_diags_free(&f->d);
}

static void header_columns(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("header-unknown-column"));
	expect(f, 1, "unknown column 'note'");

	rejected(f, CASE("header-no-kind"));
	expect(f, 1, "no 'kind' column");

	rejected(f, CASE("header-name-twice"));
	expect(f, 1, "'name' appears twice");

	rejected(f, "");
	expect(f, 1, "no header");
	bc_diags_free(&f->d);
}

/* Quoted line breaks in a name move every later line number. */
static void lines_after_multiline_name(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("multiline-name"));
	expect(f, 4, "unknown kind 'hamlet'");
	bc_diags_free(&f->d);
}

static void several_bad_lines(void **state)
{
	fx *f = *state;
	seed(f);
	rejected(f, CASE("several-bad-lines"));
	expect(f, 2, "unknown kind");
	expect(f, 4, "bad code");
	expect(f, 6, "unknown role");
	expect(f, 7, "unknown parent");
	expect(f, 8, "3 fields");
	expect(f, 9, "duplicate code 'xa-c'");
	assert_int_equal(f->d.errors, 6);
	bc_diags_free(&f->d);
}

/* One case of tests/data/unit-lookup.txt: typed, then "= code" or
 * "~ code …". */
static void lookup_case(fx *f, const char *typed, const char *want)
{
	bc_unit_lookup l;
	bc_err rc = bc_unit_lookup_get(f->st, typed, &l, &f->d);
	if (want[0] == '=') {
		if (rc != BC_OK || strcmp(l.unit.code, want + 2))
			fail_msg("'%s': %s, not %s", typed, bc_strerror(rc),
				 want + 2);
	} else {
		assert_int_equal(rc, BC_ERR_NOT_FOUND);
		assert_false(l.ambiguous);
		assert_true(l.near.n <= BC_UNIT_NEAR_MAX);
		char got[512] = "~";
		for (size_t i = 0; i < l.near.n; i++)
			snprintf(got + strlen(got), sizeof got - strlen(got),
				 " %s", l.near.v[i].code);
		/* The closest given, in order, then any further ones. */
		if (strncmp(got, want, strlen(want)) ||
		    (want[1] == '\0' && l.near.n))
			fail_msg("'%s': offered '%s', not '%s'", typed, got, want);
	}
	bc_unit_lookup_free(&l);
}

/* A unit by its code or its name as people type it; the closest when
 * none: every case of tests/data/unit-lookup.txt. */
static void units_named_as_typed(void **state)
{
	fx *f = *state;
	assert_int_equal(import_file(f, example()), BC_OK);
	char *path = test_path(test_source_root(), "tests/data/unit-lookup.txt");
	size_t len, cases = 0;
	char *text = test_read_path(path, &len);
	for (char *ln = text, *next; *ln; ln = next) {
		next = ln + strcspn(ln, "\n");
		if (*next)
			*next++ = '\0';
		char *tab = strchr(ln, '\t');
		if (*ln == '#' || !tab)
			continue;
		*tab = '\0';
		lookup_case(f, ln, tab + 1);
		cases++;
	}
	assert_true(cases >= 10);
	assert_int_equal(f->d.n, 0);
	free(text);
	free(path);
}

/* A name several units bear names none of them: they are listed. */
static void name_of_several_units(void **state)
{
	fx *f = *state;
	char *path = test_path(test_source_root(),
			       "tests/data/units-same-name.csv");
	assert_int_equal(import_file(f, path), BC_OK);
	free(path);
	bc_unit_lookup l;
	assert_int_equal(bc_unit_lookup_get(f->st, "commune one", &l, &f->d),
			 BC_ERR_NOT_FOUND);
	assert_true(l.ambiguous);
	assert_int_equal(l.near.n, 2);
	assert_null(l.unit.code);
	bool a = false, b = false;
	for (size_t i = 0; i < l.near.n; i++) {
		a |= !strcmp(l.near.v[i].code, "a-1");
		b |= !strcmp(l.near.v[i].code, "b-1");
	}
	assert_true(a && b);
	bc_unit_lookup_free(&l);
	/* A code is one unit's, whatever names are alike. */
	assert_int_equal(bc_unit_lookup_get(f->st, "b-1", &l, &f->d), BC_OK);
	assert_string_equal(l.unit.name, "COMMUNE ONE");
	assert_string_equal(l.unit.parent, "b");
	bc_unit_lookup_free(&l);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(import_example),
		T(reimport_is_unchanged),
		T(changed_name_is_one_update),
		T(tree_order_and_roles),
		T(bom_and_column_order),
		T(parent_defined_later),
		T(upsert_moves_unit),
		T(get_one_unit),
		T(unknown_kind),
		T(bad_code),
		T(unknown_parent),
		T(cycle_in_file),
		T(cycle_with_database),
		T(duplicate_code),
		T(unknown_role),
		T(empty_name),
		T(wrong_field_count),
		T(header_columns),
		T(lines_after_multiline_name),
		T(several_bad_lines),
		T(units_named_as_typed),
		T(name_of_several_units),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

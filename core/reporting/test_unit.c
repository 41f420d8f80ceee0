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

/* Everything stored of the units, every version with its days and
 * predecessors, as one text, to compare before and after. */
static char *snapshot(fx *f)
{
	bc_unit_list l;
	assert_int_equal(bc_units_all_versions(f->st, &l, &f->d), BC_OK);
	size_t cap = 256 + l.n * 320, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	s[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		const bc_unit *u = &l.v[i];
		n += (size_t)snprintf(s + n, cap - n, "%lld|%s|%s|%s|%s|%d|%d|",
				      (long long)u->id, u->code, u->name,
				      u->kind, u->parent ? u->parent : "-",
				      (int)u->valid_from, (int)u->valid_to);
		for (size_t k = 0; k < u->n_roles; k++)
			n += (size_t)snprintf(s + n, cap - n, "%s;",
					      u->roles[k]);
		for (size_t k = 0; k < u->n_predecessors; k++)
			n += (size_t)snprintf(s + n, cap - n, "<%s",
					      u->predecessors[k]);
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

/* ---- units over time ------------------------------------------------ */

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

/* The codes of the units in force on day, in the list's order, joined
 * by spaces. */
static void expect_units_on(fx *f, bc_date day, const char *want)
{
	bc_unit_list l;
	char got[1024] = "";
	assert_int_equal(bc_units_as_of(f->st, day, &l, &f->d), BC_OK);
	for (size_t i = 0; i < l.n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, l.v[i].code);
	}
	bc_unit_list_free(&l);
	assert_string_equal(got, want);
}

static void import_case(fx *f, const char *name, size_t added,
			size_t updated, size_t unchanged)
{
	import_ok(f, CASE(name));
	assert_int_equal(f->res.added, added);
	assert_int_equal(f->res.updated, updated);
	assert_int_equal(f->res.unchanged, unchanged);
}

/* Whose figures code (on day) continues from earlier: the codes joined
 * by spaces, then " split" when one of them was divided; the map of
 * every unit at once says the same. */
static void expect_lineage(fx *f, const char *code, bc_date day,
			   bc_date earlier, const char *want)
{
	bc_lineage l;
	bc_lineage_map m;
	char got[512] = "";
	assert_int_equal(bc_unit_lineage(f->st, code, day, earlier, &l, &f->d),
			 BC_OK);
	for (size_t i = 0; i < l.n_from; i++) {
		strcat(got, i ? " " : "");
		strcat(got, l.from[i]);
	}
	if (l.split)
		strcat(got, " split");
	assert_string_equal(got, want);
	assert_int_equal(bc_units_lineage(f->st, day, earlier, &m, &f->d),
			 BC_OK);
	const bc_lineage *e = bc_lineage_find(&m, l.id);
	assert_non_null(e);
	assert_string_equal(e->code, code);
	assert_int_equal(e->n_from, l.n_from);
	assert_int_equal(e->split, l.split);
	for (size_t i = 0; i < l.n_from; i++) {
		assert_string_equal(e->from[i], l.from[i]);
		assert_int_equal(e->from_ids[i], l.from_ids[i]);
	}
	bc_lineage_map_free(&m);
	bc_lineage_free(&l);
}

static void merge_into_new_code(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	/* xa-ab added; xa-a and xa-b closed. */
	import_case(f, "merge-new", 1, 2, 0);
	expect_units_on(f, ymd(2025, 3, 31), "huyen xa-a xa-b xa-c xa-d");
	expect_units_on(f, ymd(2025, 6, 30), "huyen xa-a xa-b xa-c xa-d");
	expect_units_on(f, ymd(2025, 7, 1), "huyen xa-c xa-d xa-ab");
	expect_lineage(f, "xa-ab", ymd(2025, 12, 31), ymd(2024, 12, 31),
		       "xa-a xa-b");
	expect_lineage(f, "xa-c", ymd(2025, 12, 31), ymd(2024, 12, 31),
		       "xa-c");
	/* Within the new structure a unit continues itself alone. */
	expect_lineage(f, "xa-ab", ymd(2026, 12, 31), ymd(2025, 12, 31),
		       "xa-ab");
	bc_unit u;
	assert_int_equal(bc_unit_get_as_of(f->st, "xa-ab", ymd(2025, 6, 30),
					   &u, &f->d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(bc_unit_get_as_of(f->st, "xa-ab", ymd(2025, 7, 1), &u,
					   &f->d),
			 BC_OK);
	assert_int_equal(u.valid_from, ymd(2025, 7, 1));
	assert_int_equal(u.valid_to, BC_DATE_NONE);
	assert_int_equal(u.n_predecessors, 2);
	assert_string_equal(u.predecessors[0], "xa-a");
	assert_string_equal(u.predecessors[1], "xa-b");
	assert_string_equal(u.parent, "huyen");
	bc_unit_free(&u);
	/* The same file again changes nothing. */
	import_case(f, "merge-new", 0, 0, 3);
	/* A file without dates names a code's only version, dated or not. */
	import_case(f, "rename-dated", 0, 1, 0);
	assert_int_equal(bc_unit_latest(f->st, "xa-ab", &u, &f->d), BC_OK);
	assert_string_equal(u.name, CASE("xa_ab_new_name"));
	assert_int_equal(u.valid_from, ymd(2025, 7, 1));
	assert_int_equal(u.n_predecessors, 2);
	bc_unit_free(&u);
	assert_int_equal(f->d.errors, 0);
}

static void continuing_unit_absorbs(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	/* xa-c's new version added, its first closed, xa-d closed. */
	import_case(f, "absorb", 1, 2, 0);
	bc_unit_list l;
	assert_int_equal(bc_unit_versions(f->st, "xa-c", &l, &f->d), BC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].valid_from, BC_DATE_NONE);
	assert_int_equal(l.v[0].valid_to, ymd(2025, 6, 30));
	assert_string_equal(l.v[0].name, CASE("xa_c_name"));
	assert_int_equal(l.v[1].valid_from, ymd(2025, 7, 1));
	assert_int_equal(l.v[1].valid_to, BC_DATE_NONE);
	assert_int_equal(l.v[0].id, l.v[1].id);
	bc_unit_list_free(&l);
	expect_units_on(f, ymd(2025, 12, 31), "huyen xa-a xa-b xa-c");
	expect_lineage(f, "xa-c", ymd(2025, 12, 31), ymd(2024, 12, 31),
		       "xa-c xa-d");
	assert_int_equal(bc_unit_versions(f->st, "xa-zz", &l, &f->d),
			 BC_ERR_NOT_FOUND);
	/* Two versions: a row without valid_from cannot say which. */
	rejected(f, CASE("bad-which-version"));
	expect(f, 2, "'xa-c' has 2 versions: give valid_from");
	bc_diags_free(&f->d);
}

static void two_merges_in_turn(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	import_case(f, "merge-twice", 2, 3, 0);
	expect_units_on(f, ymd(2023, 12, 31), "huyen xa-a xa-b xa-c xa-d");
	expect_units_on(f, ymd(2024, 12, 31), "huyen xa-c xa-d xa-ab");
	expect_units_on(f, ymd(2025, 12, 31), "huyen xa-d xa-abc");
	expect_lineage(f, "xa-abc", ymd(2025, 12, 31), ymd(2023, 12, 31),
		       "xa-a xa-b xa-c");
	expect_lineage(f, "xa-abc", ymd(2025, 12, 31), ymd(2024, 12, 31),
		       "xa-ab xa-c");
	expect_lineage(f, "xa-ab", ymd(2024, 12, 31), ymd(2023, 12, 31),
		       "xa-a xa-b");
	bc_lineage l;
	assert_int_equal(bc_unit_lineage(f->st, "xa-ab", ymd(2025, 12, 31),
					 ymd(2024, 12, 31), &l, &f->d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(f->d.errors, 0);
}

static void split_is_flagged(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	import_case(f, "split", 3, 1, 0);
	bc_date now = ymd(2025, 12, 31), then = ymd(2024, 12, 31);
	expect_lineage(f, "xa-d1", now, then, "xa-d split");
	expect_lineage(f, "xa-d2", now, then, "xa-d split");
	/* xa-c gave part of itself away: it flows into itself and xa-c2. */
	expect_lineage(f, "xa-c", now, then, "xa-c split");
	expect_lineage(f, "xa-c2", now, then, "xa-c split");
	expect_lineage(f, "xa-a", now, then, "xa-a");
	/* Before the split, nothing of it shows. */
	expect_lineage(f, "xa-c", ymd(2025, 6, 30), then, "xa-c");
}

static void said_when_a_unit_existed(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	import_case(f, "merge-new", 1, 2, 0);
	bc_said why = {0};
	assert_int_equal(bc_unit_absent(f->st, "xa-a", "2025-Y",
					ymd(2025, 12, 31), &why, &f->d),
			 BC_OK);
	assert_string_equal(why.msg, "xa-a: no such unit in 2025-Y; it existed"
				     " until 30/06/2025");
	assert_int_equal(bc_unit_absent(f->st, "xa-ab", "2025-Q1",
					ymd(2025, 3, 31), &why, &f->d),
			 BC_OK);
	assert_string_equal(why.msg, "xa-ab: no such unit in 2025-Q1; it exists"
				     " from 01/07/2025 on");
	assert_int_equal(bc_unit_absent(f->st, "xa-zz", "2025-Q1",
					ymd(2025, 3, 31), &why, &f->d),
			 BC_ERR_NOT_FOUND);
	assert_string_equal(why.msg,
			    "unknown unit 'xa-zz' (see 'baocao units list')");
}

static void bad_versions_all_said(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	rejected(f, CASE("bad-versions"));
	expect(f, 2, "valid_to 01/06/2025 is before valid_from 01/07/2025");
	expect(f, 3, "versions of 'xa-e' overlap");
	expect(f, 4, "versions of 'xa-e' overlap");
	expect(f, 5, "parent 'xa-g' does not exist on 01/01/2024");
	expect(f, 7, "unknown predecessor 'xa-zz'");
	expect(f, 8, "predecessor 'xa-g2' does not exist on 30/06/2025");
	expect(f, 10, "a cycle of predecessors: 'xa-j' names itself");
	expect(f, 11, "'abc' is not a date");
	expect(f, 12, "a cycle of parents: 'xa-m'");
	expect(f, 13, "a cycle of parents: 'xa-n'");
	assert_int_equal(f->d.errors, 10);
	bc_diags_free(&f->d);
}

static void bad_against_database(void **state)
{
	fx *f = *state;
	import_case(f, "time-base", 5, 0, 0);
	import_case(f, "merge-new", 1, 2, 0);
	rejected(f, CASE("bad-overlap-db"));
	expect(f, 2, "versions of 'xa-a' overlap: the one from - runs to "
		     "30/06/2025, and the next begins 01/03/2025");
	rejected(f, CASE("bad-parent-ends"));
	expect(f, 2, "'huyen' would not exist on 01/07/2025, when its child "
		     "'xa-c' still does");
	bc_diags_free(&f->d);
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
		T(merge_into_new_code),
		T(continuing_unit_absorbs),
		T(two_merges_in_turn),
		T(split_is_flagged),
		T(said_when_a_unit_existed),
		T(bad_versions_all_said),
		T(bad_against_database),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

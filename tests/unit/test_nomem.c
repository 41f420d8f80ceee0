// SPDX-License-Identifier: MIT
#define _GNU_SOURCE /* RTLD_NEXT */
/*
 * The allocation-failure sweep: each operation — loading the shipped
 * rules, importing a JSON, a CSV and an Excel submission, aggregating a
 * period, exporting it through a plugin (the whole model) and to xlsx,
 * csv and json, exporting a derived period, writing a template, moving a period to the rules in
 * force for it now — runs
 * again and again with the allocator refusing one of its allocations.
 * After each run:
 *
 *   - it returned BC_ERR_NOMEM, or it succeeded with exactly what the run
 *     without refusals gave (the refusal was met and overcome, as Lua
 *     does by collecting garbage and asking again): never another error
 *     that blames the input or the rules, never a crash, never a success
 *     with something missing;
 *   - it kept nothing: the blocks allocated equal those before (and
 *     cmocka checks the same at the end of each test);
 *   - the database holds exactly what it held before (or, after a
 *     success, what the run without refusals left), and a failed export
 *     or template wrote no file.
 *
 * Besides the library's own allocations (core/base/mem.h's hook), the Lua
 * states', libcsv's and expat's, which the library routes through it,
 * the test routes SQLite's (SQLITE_CONFIG_MALLOC) and jansson's
 * (json_set_alloc_funcs) there too.  libzip and libxlsxwriter allocate
 * with malloc and offer no hook: their failures are not swept.
 *
 * Each allocation is refused in two ways: alone (the next one succeeds),
 * which finds a failure ignored — a success with something missing —
 * and with every one after it (memory gone for good), which finds the
 * error paths that allocate.  An operation asks for thousands of
 * allocations, mostly from the same places in loops.  A run without
 * refusals notes where each is asked (the place: the calls that lead to
 * it, see place()); the first SWEEP_DENSE are each refused, and past
 * them the first each place asks for, unless an operation swept before
 * refused that place already (the exports' model is the aggregate).  So
 * every place an operation allocates at is refused at least once, in
 * each of the ways the calls leading to it can be told apart.
 *
 * A run does not ask for exactly the same allocations each time: Lua
 * seeds its string hashes with addresses and the time (luai_makeseed),
 * so a table that lost keys (the sandbox's globals) grows one
 * registration sooner or later, and rarely once less.  So a refusal is
 * aimed at a place, not at a count: the allocation the reference asked
 * at place P as its nth is, in a run, the one asked at P within WINDOW
 * allocations of n (as many of P's before it there as in the
 * reference).  Each allocation is named by where it is asked (file:line
 * of the call, and its number in the run), and a run that never asks at
 * P near n fails saying so.
 */
#include "test.h"

#include "aggregate.h"
#include "date.h"
#include "digest.h"
#include "export.h"
#include "import.h"
#include "remind_letter.h"
#include "repoint.h"
#include "rulebook.h"
#include "ruleset_json.h"
#include "sandbox.h"
#include "store.h"
#include "template.h"
#include "unit.h"

#include <dirent.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <jansson.h>
#include <lua.h>
#include <sqlite3.h>

/* This program's code (the core and the test), as GNU ld marks it. */
extern const char __executable_start[], etext[];

/* Allocations refused one by one at the start of each operation. */
#define SWEEP_DENSE 20
/* How far (in allocations) a run may ask sooner or later than the
 * reference for what it asked at a place (see the top of the file):
 * Lua's tables grow a few allocations apart from one seed to another. */
#define WINDOW 32
/* The frames of this program's code that tell one place an allocation is
 * asked at from another: the allocator's, then the calls leading to it
 * (through a library: our call into it). */
#define FRAMES 6

/* The store's clock: later than every receipt time of the samples. */
#define NOW "2024-01-15T10:00:00+07:00"
#define PERIOD "2023-Q1"

typedef struct sweep sweep;

typedef struct op {
	const char *name;
	/* Runs the operation once; what it makes stays in sw until drop. */
	bc_err (*run)(sweep *sw, bc_diags *d);
	/* What the run made equals what the reference run made (called
	 * with the allocator's refusals off). */
	bool (*same)(sweep *sw);
	/* Forgets what the run made (the reference's is kept). */
	void (*drop)(sweep *sw);
	bool store;  /* runs on the open store */
	bool writes; /* changes the database when it succeeds */
} op;

struct sweep {
	char *dir;       /* scratch: the database, inputs and out/ */
	char *db;        /* the database the operation runs on */
	char *pristine;  /* a copy of it as the sweep began */
	char *rules;     /* the rules directory */
	bc_rulebook *rb; /* loaded from it */
	bc_store *st;    /* open while the operation runs */
	const op *op;
	const char *arg; /* the input to import, the export's format, the unit */
	const char *period; /* what is exported: PERIOD when NULL */
	char *out;       /* the file an export or template writes */
	const char *plugins; /* where the export looks for plugins, or NULL */

	/* What one run made, and what the reference run made. */
	bc_rulebook *loaded;
	json_t *json, *json_ref;
	bc_import_result res, res_ref;
	bc_repoint moved, moved_ref;
	char *bytes_ref; /* the file out, with malloc */
	size_t len_ref;
	char before[BC_SHA256_HEX];    /* the database as the sweep began */
	char after_ref[BC_SHA256_HEX]; /* and after the reference run */
};

/* ---- SQLite's and jansson's allocations, through the hook -------------- */

/* SQLite asks the size of a block: it is kept before the block. */
#define HEAD 16

static void *sq_malloc(int n)
{
	char *p = bc_malloc((size_t)n + HEAD);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	return p + HEAD;
}

static void sq_free(void *p)
{
	if (p)
		bc_free((char *)p - HEAD);
}

static void *sq_realloc(void *p, int n)
{
	char *q = bc_realloc((char *)p - HEAD, (size_t)n + HEAD);
	if (!q)
		return NULL;
	memcpy(q, &n, sizeof n);
	return q + HEAD;
}

static int sq_size(void *p)
{
	int n = 0;
	if (p)
		memcpy(&n, (char *)p - HEAD, sizeof n);
	return n;
}

static int sq_roundup(int n)
{
	return (n + 7) & ~7;
}

static int sq_init(void *ud)
{
	(void)ud;
	return SQLITE_OK;
}

static void sq_shutdown(void *ud)
{
	(void)ud;
}

/* Once jansson's parser is refused memory, it is refused all until the
 * parse ends: its lexer ignores a refusal (lex_save drops the byte it
 * could not keep), so a single one could change a value it reads, a
 * fault of jansson's own (2.14); memory that stays gone makes the parse
 * fail.  Elsewhere jansson checks what it asks for. */
static bool js_parsing, js_refused;
static bool js_first; /* jansson's was the run's first refusal */

static void *js_malloc(size_t n)
{
	void *p = js_refused ? NULL : bc_malloc(n);
	js_first |= !p && !js_refused && bc_mem_refused() == 1;
	js_refused |= !p && js_parsing;
	return p;
}

/* jansson's json_loadb, which the library calls, wrapped to know when
 * its parser runs. */
json_t *json_loadb(const char *buf, size_t len, size_t flags,
		   json_error_t *error)
{
	static json_t *(*real)(const char *, size_t, size_t, json_error_t *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "json_loadb");
	assert_non_null(real);
	js_parsing = true;
	json_t *v = real(buf, len, flags, error);
	js_parsing = js_refused = false;
	return v;
}

static void js_free(void *p)
{
	bc_free(p);
}

/* ---- the database, before and after ----------------------------------- */

static void hash_text(bc_sha256 *h, const void *p, size_t n)
{
	bc_sha256_update(h, &n, sizeof n);
	bc_sha256_update(h, p, n);
}

/* A digest of every row of every table of the open store. */
static void db_digest(bc_store *st, char out[BC_SHA256_HEX])
{
	sqlite3 *db = bc_store_db(st);
	sqlite3_stmt *tables, *rows;
	bc_sha256 h;
	bc_sha256_init(&h);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_master "
					    "WHERE type = 'table' ORDER BY name",
					    -1, &tables, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1", t);
		hash_text(&h, t, strlen(t));
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL),
				 SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const void *v = sqlite3_column_blob(rows, c);
				int n = sqlite3_column_bytes(rows, c);
				int type = sqlite3_column_type(rows, c);
				bc_sha256_update(&h, &type, sizeof type);
				hash_text(&h, v ? v : "", (size_t)n);
			}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	bc_sha256_hex(&h, out);
}

static void store_open(sweep *sw)
{
	bc_diags d = BC_DIAGS_INIT;
	if (bc_store_open(sw->db, BC_OPEN_EXISTING, &sw->st, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("cannot open %s", sw->db);
	}
	bc_diags_free(&d);
	bc_time now;
	assert_true(bc_time_parse(NOW, 420, &now, NULL));
	bc_store_set_clock(sw->st, now);
}

static void store_close(sweep *sw)
{
	if (sw->st)
		bc_store_close(sw->st);
	sw->st = NULL;
}

/* The database as the sweep began (the store closed: no journal). */
static void db_restore(sweep *sw)
{
	test_copy_file(sw->pristine, sw->db);
}

/* ---- the fixture ------------------------------------------------------- */

static void import_sample(sweep *sw, const char *path,
			  const bc_import_opts *o)
{
	bc_import_result res;
	bc_diags d = BC_DIAGS_INIT;
	if (bc_import_file(sw->st, sw->rb, path, o, false, &res, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s is refused", path);
	}
	bc_import_result_free(&res);
	bc_diags_free(&d);
}

/* A database holding units (and, with samples, the submissions of
 * examples/ named there), the rules of rules_dir (relative to the source
 * tree) loaded. */
static sweep *fixture(const char *rules_dir, const char *units,
		      const char *const *samples)
{
	sweep *sw = calloc(1, sizeof *sw);
	assert_non_null(sw);
	sw->dir = test_tmpdir();
	sw->db = test_path(sw->dir, "baocao.db");
	sw->pristine = test_path(sw->dir, "pristine.db");
	sw->rules = rules_dir[0] == '/' ? strdup(rules_dir)
					: test_path(test_source_root(), rules_dir);
	test_mkdir(sw->dir, "out");
	bc_diags d = BC_DIAGS_INIT;
	if (bc_rulebook_load(sw->rules, NULL, &sw->rb, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("the rules do not load from %s", sw->rules);
	}
	assert_int_equal(bc_store_open(sw->db, BC_OPEN_CREATE, &sw->st, &d),
			 BC_OK);
	bc_time now;
	assert_true(bc_time_parse(NOW, 420, &now, NULL));
	bc_store_set_clock(sw->st, now);
	char *path = test_path(test_source_root(), units);
	bc_units_import_result ur;
	if (bc_units_import(sw->st, sw->rb, path, &ur, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("the units do not import");
	}
	free(path);
	bc_import_opts o = {.tz_offset = 420};
	for (size_t i = 0; samples && samples[i]; i++) {
		path = test_path(test_source_root(), samples[i]);
		import_sample(sw, path, &o);
		free(path);
	}
	bc_diags_free(&d);
	db_digest(sw->st, sw->before);
	store_close(sw);
	test_copy_file(sw->db, sw->pristine);
	return sw;
}

static void fixture_free(sweep *sw)
{
	store_close(sw);
	if (sw->op)
		sw->op->drop(sw);
	json_decref(sw->json_ref);
	bc_import_result_free(&sw->res_ref);
	bc_repoint_free(&sw->moved_ref);
	free(sw->bytes_ref);
	if (sw->rb)
		bc_rulebook_free(sw->rb);
	test_rm_tree(sw->dir);
	free(sw->dir);
	free(sw->db);
	free(sw->pristine);
	free(sw->rules);
	free(sw->out);
	free(sw);
}

/* ---- where each allocation is asked ----------------------------------- */

/* Where one allocation was asked: the call's file and line. */
typedef struct asked_at {
	const char *file;
	int line;
} asked_at;

/* A key per allocation of a run, in order, and (for the reference run)
 * where each was asked. */
typedef struct trace {
	uint64_t *key;
	asked_at *at;
	size_t n, cap;
} trace;

static void trace_add(trace *t, uint64_t key)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4096;
		t->key = realloc(t->key, t->cap * sizeof *t->key);
		t->at = realloc(t->at, t->cap * sizeof *t->at);
		assert_true(t->key && t->at);
	}
	t->at[t->n] = (asked_at){NULL, 0};
	t->key[t->n++] = key;
}

static void trace_free(trace *t)
{
	free(t->key);
	free(t->at);
	*t = (trace){0};
}

#define DEPTH 256
/* The frames of run_op and below (as stack() counts them, its own
 * first): those of the test, not the operation's. */
static int run_depth;

static bool ours(const void *pc)
{
	return (const char *)pc >= __executable_start &&
	       (const char *)pc < etext;
}

/* The frames of this function and below, and in *n how many (the
 * sanitizers' interceptor of backtrace(3) comes first). */
__attribute__((noinline)) static void **stack(void **frames, int *n)
{
	int all = backtrace(frames, DEPTH), i = 0;
	assert_true(all < DEPTH);
	while (i < all && !ours(frames[i]))
		i++;
	*n = all - i;
	return frames + i;
}

/* Runs the operation, knowing where its frames begin. */
__attribute__((noinline)) static bc_err run_op(sweep *sw, bc_diags *d)
{
	void *frames[DEPTH];
	stack(frames, &run_depth);
	return sw->op->run(sw, d);
}

/* The rules' Lua states outlive each run (they run the patterns of an
 * import), with the garbage of the runs before: collected before each,
 * so that Lua asks for the same allocations every time. */
static void settle(sweep *sw)
{
	long live;
	if (!sw->rb)
		return;
	do { /* a cycle may leave what the next one frees */
		live = bc_mem_live();
		for (size_t i = 0; i < sw->rb->n; i++)
			lua_gc(bc_sandbox_state(sw->rb->v[i]->lua),
			       LUA_GCCOLLECT);
	} while (bc_mem_live() != live);
}

/* The place of the allocation being asked, called by an observer: the
 * return addresses of the first FRAMES frames in this program's code
 * past this function's and the observer's, up to the operation run by
 * run_op (backtrace(3) reads through the libraries between: SQLite, Lua,
 * jansson and expat ask from our calls into them). */
__attribute__((noinline)) static uint64_t place(void)
{
	void *all[DEPTH];
	int n, kept = 0;
	void **frames = stack(all, &n);
	uint64_t h = 0xcbf29ce484222325u;
	assert_true(n > run_depth);
	/* Past stack's, this function's and the observer's frames, and
	 * before run_op's. */
	for (int i = 3; i < n - run_depth + 1 && kept < FRAMES; i++) {
		const char *a = frames[i];
		if (!ours(a))
			continue;
		h = (h ^ (uint64_t)(uintptr_t)a) * 0x100000001b3u;
		kept++;
	}
	return h;
}

/* Notes the place of every allocation into the trace ud, and where it
 * is asked.  Refuses none. */
static bool observe(void *ud)
{
	trace *t = ud;
	trace_add(t, place());
	bc_mem_asking(&t->at[t->n - 1].file, &t->at[t->n - 1].line);
	return false;
}

/* The allocation a run refuses: the one asked at the place the reference
 * asked its nth at (want), within WINDOW of n, after as many others
 * asked there in the window as the reference asked (skip); hit is its
 * number in the run, 0 while none. */
typedef struct aim {
	long n, from, to, hit;
	uint64_t want;
	long skip;
} aim;

static aim aim_at(const trace *t, long n)
{
	aim a = {.n = n, .from = n > WINDOW ? n - WINDOW : 1, .to = n + WINDOW,
		 .want = t->key[n - 1]};
	for (long i = a.from; i < n; i++)
		a.skip += t->key[i - 1] == a.want;
	return a;
}

/* Whether the allocation being asked is the one aimed at. */
static bool take_aim(void *ud)
{
	aim *a = ud;
	long i = bc_mem_asked();
	if (a->hit || i < a->from || i > a->to || place() != a->want)
		return false;
	if (a->skip-- > 0)
		return false;
	a->hit = i;
	return true;
}

typedef struct ask {
	uint64_t key;
	long n; /* 1 for the first allocation of the run */
} ask;

static int cmp_ask(const void *a, const void *b)
{
	const ask *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->n > y->n) - (x->n < y->n);
}

static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The places refused by the operations swept before (sorted). */
static trace covered;

/* The allocations to refuse (see the top of the file) alone, and with
 * every one after; how many places the run asked at, and how many of
 * them no operation swept before did. */
typedef struct plan {
	long *alone, *every;
	size_t n_alone, n_every, places, fresh;
} plan;

static plan schedule(const trace *t)
{
	plan p = {.alone = calloc(t->n + SWEEP_DENSE + 1, sizeof(long)),
		  .every = calloc(t->n + SWEEP_DENSE + 1, sizeof(long))};
	ask *v = calloc(t->n + 1, sizeof *v);
	assert_true(v && p.alone && p.every);
	for (size_t i = 0; i < t->n; i++)
		v[i] = (ask){t->key[i], (long)i + 1};
	qsort(v, t->n, sizeof *v, cmp_ask);
	for (long k = 1; k <= SWEEP_DENSE && k <= (long)t->n; k++)
		p.alone[p.n_alone++] = p.every[p.n_every++] = k;
	size_t before = covered.n;
	for (size_t i = 0, k; i < t->n; i = k) {
		for (k = i + 1; k < t->n && v[k].key == v[i].key; k++)
			;
		p.places++;
		if (before && bsearch(&v[i].key, covered.key, before,
				      sizeof *covered.key, cmp_key))
			continue;
		p.fresh++;
		trace_add(&covered, v[i].key);
		if (v[i].n > SWEEP_DENSE)
			p.alone[p.n_alone++] = p.every[p.n_every++] = v[i].n;
	}
	qsort(covered.key, covered.n, sizeof *covered.key, cmp_key);
	qsort(p.alone, p.n_alone, sizeof *p.alone, cmp_long);
	qsort(p.every, p.n_every, sizeof *p.every, cmp_long);
	free(v);
	return p;
}

/* ---- the sweep --------------------------------------------------------- */

/* Whether the out/ directory holds no file. */
static bool out_empty(const sweep *sw)
{
	char *out = test_path(sw->dir, "out");
	DIR *dp = opendir(out);
	assert_non_null(dp);
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(dp)))
		empty &= e->d_name[0] == '.';
	closedir(dp);
	free(out);
	return empty;
}

/* The whole file the operation wrote, and its length in *len; then the
 * file is removed.  The caller frees it with free(). */
static char *take_output(sweep *sw, size_t *len)
{
	char *b = test_read_path(sw->out, len);
	assert_int_equal(unlink(sw->out), 0);
	return b;
}

/* A refusal of the file whose one message (lost too when memory stays
 * gone) says what. */
static bool refused_saying(bc_err rc, const bc_diags *d, const char *what)
{
	return rc == BC_ERR_INVALID &&
	       (d->n == 1 ? strstr(d->v[0].msg, what) != NULL
			  : !d->n && d->oom);
}

/*
 * Two libraries turn some allocation they could not make into a fault of
 * the text they read, and the file is refused as malformed: wrongly but
 * cleanly (nothing stored), and no caller can tell the two apart.
 *
 * jansson 2.14 when its first refusal was jansson's: a string token it
 * could not allocate becomes "string or '}' expected near '"unit"'"
 * (load.c: "this is not very nice").  Where it names memory, or leaves
 * its message empty, the reader says out of memory.
 *
 * expat 2.5 (and 2.6) when its first refusal was in the reader's expat
 * allocator (xlsx_read.c): getAttributeId does not check the prefix it
 * looks up for an xmlns:r attribute, and the r:id after it is then an
 * "unbound prefix".  Where expat says XML_ERROR_NO_MEMORY, the reader
 * says out of memory.
 */
static bool misread_by_library(const char *at, bc_err rc, const bc_diags *d)
{
	return (js_first && refused_saying(rc, d, "malformed JSON: ")) ||
	       (strstr(at, "core/read/xlsx_read.c:") &&
		refused_saying(rc, d, "is not well-formed XML"));
}

static json_t *rules_view(const bc_rulebook *rb);

/* The run without refusals: what it makes is the reference, and where it
 * asks for each allocation goes to t. */
static void reference(sweep *sw, trace *t)
{
	bc_diags d = BC_DIAGS_INIT;
	settle(sw);
	if (sw->op->store)
		store_open(sw);
	bc_mem_fail(0, false);
	bc_mem_observe(observe, t);
	bc_err rc = run_op(sw, &d);
	bc_mem_observe(NULL, NULL);
	assert_int_equal(bc_mem_asked(), (long)t->n);
	if (rc != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s fails without a refusal: %s", sw->op->name,
			 bc_strerror(rc));
	}
	bc_diags_free(&d);
	sw->json_ref = sw->loaded ? rules_view(sw->loaded) : sw->json;
	sw->json = NULL;
	sw->res_ref = sw->res;
	sw->res = (bc_import_result){0};
	sw->moved_ref = sw->moved;
	sw->moved = (bc_repoint){0};
	if (sw->out)
		sw->bytes_ref = take_output(sw, &sw->len_ref);
	if (sw->st)
		db_digest(sw->st, sw->after_ref);
	sw->op->drop(sw);
	store_close(sw);
	if (sw->op->writes)
		db_restore(sw);
}

/* Runs the operation refusing allocation n (and, with every, each after
 * it), and checks what it did.  Every run starts from the database as
 * the sweep began: a failed one must leave it so, a successful one is
 * undone.  (Reading it first would fill SQLite's cache, and the run
 * would not ask for its allocations as the reference run did.) */
static void attempt(sweep *sw, const trace *t, long n, bool every)
{
	const char *name = sw->op->name, *also = every ? " and every one after"
						       : "";
	bc_diags d = BC_DIAGS_INIT;
	settle(sw);
	long live = bc_mem_live();
	aim a = aim_at(t, n);
	if (sw->op->store)
		store_open(sw);
	bc_mem_fail(0, every);
	bc_mem_observe(take_aim, &a);
	bc_err rc = run_op(sw, &d);
	bc_mem_observe(NULL, NULL);
	char at[128];
	snprintf(at, sizeof at, "%s",
		 bc_mem_refused() ? bc_mem_refused_at() : "-");
	bc_mem_fail(0, false);
	/* The allocation: its number in the reference, where it is asked,
	 * and its number in this run when that differs. */
	char what[256];
	int o = snprintf(what, sizeof what, "allocation %ld (%s:%d", n,
			 t->at[n - 1].file, t->at[n - 1].line);
	if (a.hit && a.hit != n)
		o += snprintf(what + o, sizeof what - (size_t)o,
			      ", asked %ld in this run", a.hit);
	snprintf(what + o, sizeof what - (size_t)o, ")%s", also);
	if (!a.hit)
		fail_msg("%s, %s: not asked at that place within %ld of the "
			 "run without refusals; %s",
			 name, what, (long)WINDOW, bc_strerror(rc));
	if (misread_by_library(at, rc, &d))
		rc = BC_ERR_NOMEM;
	js_refused = js_first = false;
	if (rc != BC_OK && rc != BC_ERR_NOMEM) {
		test_diags_print(&d);
		fail_msg("%s, %s refused: %s, not out of memory", name, what,
			 bc_strerror(rc));
	}
	if (rc == BC_OK && !sw->op->same(sw))
		fail_msg("%s, %s refused: succeeds with another result", name,
			 what);
	if (rc != BC_OK && sw->out && !out_empty(sw))
		fail_msg("%s, %s refused: failed, yet left a file", name, what);
	if (sw->st) {
		char after[BC_SHA256_HEX];
		db_digest(sw->st, after);
		if (strcmp(after, rc == BC_OK && sw->op->writes ? sw->after_ref
								: sw->before))
			fail_msg("%s, %s refused: %s, and the database changed",
				 name, what, bc_strerror(rc));
	}
	sw->op->drop(sw);
	bc_diags_free(&d);
	store_close(sw);
	if (rc == BC_OK && sw->op->writes)
		db_restore(sw);
	settle(sw);
	if (bc_mem_live() != live)
		fail_msg("%s, %s refused: %ld blocks leaked", name, what,
			 bc_mem_live() - live);
}

static void sweep_op(sweep *sw, const op *o)
{
	trace t = {0};
	sw->op = o;
	reference(sw, &t);
	plan p = schedule(&t);
	for (size_t i = 0; i < p.n_alone; i++)
		attempt(sw, &t, p.alone[i], false);
	for (size_t i = 0; i < p.n_every; i++)
		attempt(sw, &t, p.every[i], true);
	printf("# %s: %zu allocations at %zu places (%zu not swept before), "
	       "%zu runs\n",
	       o->name, t.n, p.places, p.fresh, p.n_alone + p.n_every);
	free(p.alone);
	free(p.every);
	trace_free(&t);
	sw->op = NULL;
}

/* ---- the operations ---------------------------------------------------- */

static bc_err run_rules(sweep *sw, bc_diags *d)
{
	return bc_rulebook_load(sw->rules, NULL, &sw->loaded, d);
}

/* What the rules loaded hold, as `rules show --json` says it. */
static json_t *rules_view(const bc_rulebook *rb)
{
	json_t *v = json_array();
	for (size_t i = 0; i < rb->n; i++)
		json_array_append_new(v, bc_ruleset_json(rb, rb->v[i]));
	return v;
}

static bool same_rules(sweep *sw)
{
	json_t *v = rules_view(sw->loaded);
	bool same = json_equal(v, sw->json_ref);
	json_decref(v);
	return same;
}

static bool same_json(sweep *sw)
{
	return json_equal(sw->json, sw->json_ref);
}

static void drop_rules(sweep *sw)
{
	if (sw->loaded)
		bc_rulebook_free(sw->loaded);
	sw->loaded = NULL;
	json_decref(sw->json);
	sw->json = NULL;
}

static const op op_rules = {"loading the rules", run_rules, same_rules,
			    drop_rules, false, false};

static bc_err run_import(sweep *sw, bc_diags *d)
{
	bc_import_opts o = {.tz_offset = 420,
			    .received_at = "2023-02-25T08:00:00+07:00"};
	return bc_import_file(sw->st, sw->rb, sw->arg, &o, false, &sw->res, d);
}

static bool same_text(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

static bool same_import(sweep *sw)
{
	const bc_import_result *a = &sw->res, *b = &sw->res_ref;
	bool same = a->accepted == b->accepted && a->n == b->n &&
		    same_text(a->format, b->format);
	for (size_t i = 0; same && i < a->n; i++)
		same = same_text(a->items[i].unit, b->items[i].unit) &&
		       same_text(a->items[i].period, b->items[i].period) &&
		       same_text(a->items[i].parts, b->items[i].parts) &&
		       same_text(a->items[i].duplicate,
				 b->items[i].duplicate) &&
		       a->items[i].late == b->items[i].late;
	return same;
}

static void drop_import(sweep *sw)
{
	bc_import_result_free(&sw->res);
}

static const op op_import = {"import", run_import, same_import, drop_import,
			     true, true};

static bc_err run_aggregate(sweep *sw, bc_diags *d)
{
	bc_agg_opts o = {.compare = true, .by = "district",
			 .unit_values = true, .rows = true};
	return bc_aggregate(sw->st, sw->rb, PERIOD, &o, &sw->json, d);
}

static void drop_json(sweep *sw)
{
	json_decref(sw->json);
	sw->json = NULL;
}

static const op op_aggregate = {"aggregate", run_aggregate, same_json,
				drop_json, true, false};

/* The same a district at a time (bc_aggregate_open), gathered as "by". */
static bc_err run_aggregate_open(sweep *sw, bc_diags *d)
{
	bc_agg_opts o = {.compare = true, .by = "district"};
	bc_agg_groups *g = NULL;
	json_t *m;
	const char *code;
	bc_err rc = bc_aggregate_open(sw->st, sw->rb, PERIOD, &o, &sw->json,
				      &g, d);
	while (rc == BC_OK &&
	       (rc = bc_agg_groups_next(g, &code, &m)) == BC_OK && m)
		if (json_object_set_new(json_object_get(sw->json, "by"), code,
					m))
			rc = BC_ERR_NOMEM;
	bc_agg_groups_free(g);
	if (rc != BC_OK) {
		json_decref(sw->json);
		sw->json = NULL;
	}
	return rc;
}

static const op op_aggregate_open = {"aggregate a group at a time",
				     run_aggregate_open, same_json, drop_json,
				     true, false};

static bc_err run_export(sweep *sw, bc_diags *d)
{
	bc_export_opts o = {.format = sw->arg, .out = sw->out,
			    .plugin_path = sw->plugins, .tz_offset = 420,
			    .sender = {.signer_name = "Signer",
				       .signer_title = "Chairman"},
			    /* The model on this thread: the sweep aims at
			     * allocations in the order one thread asks
			     * them (export.c's two are test_export's). */
			    .one_thread = true};
	assert_true(bc_time_parse("2023-03-10T08:00:00+07:00", 420,
				  &o.fixed_time, NULL));
	assert_true(bc_date_parse("2023-03-10", &o.as_of));
	assert_true(bc_date_parse("2023-03-10", &o.date));
	return bc_export(sw->st, sw->rb, sw->period ? sw->period : PERIOD, &o,
			 d);
}

static bool same_bytes(sweep *sw)
{
	size_t n;
	char *b = take_output(sw, &n);
	bool same = n == sw->len_ref && !memcmp(b, sw->bytes_ref, n);
	free(b);
	return same;
}

static void drop_bytes(sweep *sw)
{
	unlink(sw->out);
}

static const op op_export = {"export", run_export, same_bytes, drop_bytes,
			     true, false};

static bc_err run_template(sweep *sw, bc_diags *d)
{
	bc_time fixed;
	assert_true(bc_time_parse("2023-02-01T08:00:00+07:00", 420, &fixed,
				  NULL));
	return bc_template_write(sw->st, sw->rb, sw->arg, PERIOD, sw->out,
				 fixed, d);
}

static const op op_template = {"template", run_template, same_bytes,
			       drop_bytes, true, false};

/* Who is to be reminded, and the letter to those that owe. */
static bc_err run_remind(sweep *sw, bc_diags *d)
{
	bc_date as_of;
	bc_remind rm;
	assert_true(bc_date_parse("2023-03-10", &as_of));
	bc_err rc = bc_remind_get(sw->st, sw->rb, PERIOD, as_of, &rm, d);
	if (rc == BC_OK)
		rc = bc_remind_letter(sw->st, &rm, NULL, sw->out, d);
	bc_remind_free(&rm);
	return rc;
}

static const op op_remind = {"remind", run_remind, same_bytes, drop_bytes,
			     true, false};

static bc_err run_repoint(sweep *sw, bc_diags *d)
{
	bc_repoint_opts o = {.doc = "1131/SNV-CCHC", .apply = true,
			     .force = true};
	return bc_repoint_period(sw->st, sw->rb, PERIOD, &o, &sw->moved, d);
}

static bool same_recheck(const bc_recheck *a, const bc_recheck *b)
{
	bool same = !strcmp(a->unit, b->unit) && !strcmp(a->file, b->file) &&
		    !strcmp(a->parts, b->parts) &&
		    a->problems.n == b->problems.n;
	for (size_t i = 0; same && i < a->problems.n; i++)
		same = same_text(a->problems.v[i].msg, b->problems.v[i].msg);
	return same;
}

static bool same_repoint(sweep *sw)
{
	const bc_repoint *a = &sw->moved, *b = &sw->moved_ref;
	bool same = a->from == b->from && a->to == b->to &&
		    a->applied == b->applied && a->checked == b->checked &&
		    a->reports == b->reports && a->n_failing == b->n_failing;
	for (size_t i = 0; same && i < a->n_failing; i++)
		same = same_recheck(&a->failing[i], &b->failing[i]);
	return same;
}

static void drop_repoint(sweep *sw)
{
	bc_repoint_free(&sw->moved);
}

static const op op_repoint = {"moving a period's rules", run_repoint,
			      same_repoint, drop_repoint, true, true};

/* Asks, every other run, for one block more before the rest, as the
 * rules' Lua state does when its globals table grows one registration
 * sooner: the sweep still refuses each place it means to. */
__attribute__((noinline)) static bool shift(char **extra)
{
	static unsigned runs;
	*extra = runs++ % 2 ? bc_strdup("extra") : NULL;
	return *extra || runs % 2;
}

static bc_err run_shifting(sweep *sw, bc_diags *d)
{
	(void)sw;
	(void)d;
	char *extra;
	bool shifted = shift(&extra); /* one call: one place of what follows */
	char *a = bc_strdup("a"), *b = bc_sprintf("%s", "b");
	bc_err rc = a && b && shifted ? BC_OK : BC_ERR_NOMEM;
	bc_free(extra);
	bc_free(a);
	bc_free(b);
	return rc;
}

static bool same_always(sweep *sw)
{
	(void)sw;
	return true;
}

static void drop_nothing(sweep *sw)
{
	(void)sw;
}

static const op op_shifting = {"shifting", run_shifting, same_always,
			       drop_nothing, false, false};

/* ---- the tests --------------------------------------------------------- */

static const char *const units_only[] = {NULL};

/* A commune's and a department's submissions of 2023-Q1 (and the
 * commune's of 2022-Q1, to compare with). */
static const char *const some_submissions[] = {
	"examples/2022-Q1/xa-ky-son.json",
	"examples/2023-Q1/xa-ky-son.json",
	"examples/2023-Q1/noi-vu.json",
	"examples/2023-Q1/xa-nghia-binh.csv",
	NULL,
};

static sweep *shipped(const char *const *samples)
{
	return fixture("rules", "examples/tan-ky-units.csv", samples);
}

static void aiming_at_places(void **state)
{
	(void)state;
	sweep sw = {0};
	sweep_op(&sw, &op_shifting);
}

static void loading_rules(void **state)
{
	(void)state;
	sweep *sw = shipped(units_only);
	sweep_op(sw, &op_rules);
	fixture_free(sw);
}

static void import_file(const char *rules, const char *units,
			const char *file)
{
	sweep *sw = fixture(rules, units, units_only);
	char *path = test_path(test_source_root(), file);
	sw->arg = path;
	sweep_op(sw, &op_import);
	fixture_free(sw);
	free(path);
}

static void importing_json(void **state)
{
	(void)state;
	import_file("rules", "examples/tan-ky-units.csv",
		    "examples/2023-Q1/xa-ky-son.json");
}

static void importing_csv(void **state)
{
	(void)state;
	import_file("rules", "examples/tan-ky-units.csv",
		    "examples/2023-Q1/xa-nghia-binh.csv");
}

/* The committed workbook was filled from a template of the rules frozen
 * beside it, whose hash it carries. */
static void importing_xlsx(void **state)
{
	(void)state;
	import_file("tests/e2e/fixtures/xlsx/rules",
		    "tests/e2e/fixtures/xlsx/units.csv",
		    "tests/e2e/fixtures/xlsx/filled-openpyxl.xlsx");
}

static void aggregating(void **state)
{
	(void)state;
	sweep *sw = shipped(some_submissions);
	sweep_op(sw, &op_aggregate);
	fixture_free(sw);
}

static void aggregating_a_group_at_a_time(void **state)
{
	(void)state;
	sweep *sw = shipped(some_submissions);
	sweep_op(sw, &op_aggregate_open);
	fixture_free(sw);
}

static void reminding(void **state)
{
	(void)state;
	sweep *sw = shipped(some_submissions);
	sw->out = test_path(sw->dir, "out/don-doc.docx");
	sweep_op(sw, &op_remind);
	fixture_free(sw);
}

static void export_to(const char *format, const char *name,
		      const char *plugins)
{
	sweep *sw = shipped(some_submissions);
	sw->arg = format;
	sw->out = test_path(sw->dir, name);
	sw->plugins = plugins;
	sweep_op(sw, &op_export);
	fixture_free(sw);
}

static void exporting_xlsx(void **state)
{
	(void)state;
	export_to("xlsx", "out/report.xlsx", NULL);
}

static void exporting_csv(void **state)
{
	(void)state;
	export_to("csv", "out/report.csv", NULL);
}

static void exporting_json(void **state)
{
	(void)state;
	export_to("json", "out/report.json", NULL);
}

/* The district's figures as its own submission: the aggregate's, each
 * form's values and the tables' rows read through the host. */
static void exporting_submission(void **state)
{
	(void)state;
	export_to("submission", "out/submission.json", NULL);
}

/* A plugin gets the whole model (each unit's values, the tables' rows and
 * each unit's status too): tests/plugins/dump.c writes every value of
 * it, so that one lost shows. */
static void exporting_through_a_plugin(void **state)
{
	(void)state;
	const char *dir = getenv("BC_TEST_PLUGINS");
	if (!dir)
		skip(); /* run outside meson, which builds the plugins */
	export_to("dump", "out/report.txt", dir);
}

/* A plugin of ABI 1.3 gets the lean model and reads the rest through
 * the host's cursors: tests/plugins/stream.c walks every pass, leaves
 * one open and stops one early. */
static void exporting_through_cursors(void **state)
{
	(void)state;
	const char *dir = getenv("BC_TEST_PLUGINS");
	if (!dir)
		skip(); /* run outside meson, which builds the plugins */
	export_to("stream", "out/stream.txt", dir);
}

/* A derived period (tests/rules/derived-periods, 2023-Q2 = H1 - Q1):
 * the parts' revisions and their arithmetic, a sum below zero, a unit
 * lacking a part, the parts' status, the values a lean exporter reads. */
static void exporting_a_derived_period(void **state)
{
	(void)state;
	static const char *const parts[] = {
		"tests/data/derived/xa-a-2023-Q1.json",
		"tests/data/derived/xa-a-2023-H1.json",
		"tests/data/derived/xa-c-2023-H1.json",
		NULL,
	};
	/* derived-periods alone: tests/rules holds rulesets of other tests
	 * that are not meant to load together. */
	char *tmp = test_tmpdir(), *rules = test_path(tmp, "rules");
	test_mkdir(tmp, "rules");
	test_link_source(rules, "derived-periods", "tests/rules/derived-periods");
	sweep *sw = fixture(rules, "tests/data/derived-units.csv", parts);
	sw->arg = "csv";
	sw->period = "2023-Q2";
	sw->out = test_path(sw->dir, "out/q2.csv");
	sweep_op(sw, &op_export);
	fixture_free(sw);
	test_rm_tree(tmp);
	free(rules);
	free(tmp);
}

static void making_template(void **state)
{
	(void)state;
	sweep *sw = shipped(units_only);
	sw->arg = "xa-ky-son";
	sw->out = test_path(sw->dir, "out/template.xlsx");
	sweep_op(sw, &op_template);
	fixture_free(sw);
}

/* 2023-Q1 recorded under late-old, moved to late-new (tests/rules,
 * tests/data/repoint): a submission fails, is kept with --force. */
static void moving_rules(void **state)
{
	(void)state;
	static const char *const late[] = {
		"tests/data/repoint/xa-ky-son.json",
		"tests/data/repoint/xa-tien-ky.json",
		"tests/data/repoint/noi-vu.json", NULL};
	char *old = test_rules_late(false), *both = test_rules_late(true);
	sweep *sw = fixture(old, "tests/data/repoint/units.csv", late);
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook_free(sw->rb);
	sw->rb = NULL;
	assert_int_equal(bc_rulebook_load(both, NULL, &sw->rb, &d), BC_OK);
	bc_diags_free(&d);
	sweep_op(sw, &op_repoint);
	assert_int_equal(sw->moved_ref.n_failing, 1);
	fixture_free(sw);
	test_rm_tree(old);
	test_rm_tree(both);
	free(old);
	free(both);
}

int main(void)
{
	/* Before SQLite first runs, and before any test: what it and jansson
	 * allocate goes through the hook, and what SQLite keeps for the
	 * process is allocated before cmocka starts counting leaks. */
	static const sqlite3_mem_methods mem = {
		sq_malloc, sq_free,	sq_realloc, sq_size,
		sq_roundup, sq_init, sq_shutdown, NULL,
	};
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK ||
	    sqlite3_initialize() != SQLITE_OK)
		return 1;
	json_set_alloc_funcs(js_malloc, js_free);
	/* One operation's sweep alone (a test's name, * and ? as globs):
	 * to repeat it many times while looking for a flaky refusal. */
	const char *only = getenv("BC_NOMEM_ONLY");
	if (only && *only)
		cmocka_set_test_filter(only);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aiming_at_places),
		cmocka_unit_test(loading_rules),
		cmocka_unit_test(importing_json),
		cmocka_unit_test(importing_csv),
		cmocka_unit_test(importing_xlsx),
		cmocka_unit_test(aggregating),
		cmocka_unit_test(aggregating_a_group_at_a_time),
		cmocka_unit_test(reminding),
		/* First of the exports: it reads all of the model, so that a
		 * value lost anywhere in it shows. */
		cmocka_unit_test(exporting_through_a_plugin),
		cmocka_unit_test(exporting_through_cursors),
		cmocka_unit_test(exporting_xlsx),
		cmocka_unit_test(exporting_csv),
		cmocka_unit_test(exporting_json),
		cmocka_unit_test(exporting_submission),
		cmocka_unit_test(exporting_a_derived_period),
		cmocka_unit_test(making_template),
		cmocka_unit_test(moving_rules),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	trace_free(&covered);
	return failed;
}

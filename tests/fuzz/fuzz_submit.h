/* SPDX-License-Identifier: MIT */
/*
 * What the fuzz targets of the submission readers (fuzz_json.c,
 * fuzz_csv.c) share: a world to check against — the shipped rules, the
 * sample units of Tân Kỳ and last year's reports, in a scratch database
 * made on the first input — and the properties every input must keep.
 *
 * A reader:   reading the same bytes twice gives the same result; it
 *             accepts exactly when it says no error; what it accepts is
 *             consistent (every value named, its kind and text agree,
 *             rows from 1 with a column, its form listed, its line in
 *             the file, its text UTF-8, within the readers' limits).
 * Checking:   every submission read is checked against the rules; the
 *             verdict agrees with the errors said; an accepted one holds
 *             parts of real forms, fields and columns, numbers finite,
 *             and stores (in a transaction rolled back).
 * Problems:   each names the file, and a line within it; only a problem
 *             of the whole file (no form, no field) may have none.
 *
 * A property that fails prints why and aborts: libFuzzer keeps the
 * input, the suite's driver fails.
 */
#ifndef BC_FUZZ_SUBMIT_H
#define BC_FUZZ_SUBMIT_H

#include "bc_config.h"
#include "import.h"
#include "period.h"
#include "rulebook.h"
#include "store.h"
#include "submission.h"
#include "text.h"
#include "unit.h"
#include "validate.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FZ_FILE "fuzz.in"
/* Later than any receipt time the corpus gives: a later one is refused. */
#define FZ_NOW "2024-01-15T10:00:00+07:00"

typedef bc_err (*fz_reader)(const char *name, const char *buf, size_t len,
			    bc_submissions *out, bc_diags *d);

typedef struct fz_world {
	char dir[256];
	bc_store *st;
	bc_rulebook *rb;
} fz_world;

static fz_world fz_the_world;

/* The world's files and directory, gone. */
static void fz_world_remove(const fz_world *w)
{
	static const char *const files[] = {"baocao.db", "baocao.db-wal",
					    "baocao.db-shm"};
	for (size_t i = 0; w->dir[0] && i < sizeof files / sizeof *files; i++) {
		char p[300];
		snprintf(p, sizeof p, "%s/%s", w->dir, files[i]);
		unlink(p);
	}
	if (w->dir[0])
		rmdir(w->dir);
}

/* Says which property broke, removes the world (abort runs no atexit)
 * and aborts. */
static void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: property broken: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fz_world_remove(&fz_the_world);
	abort();
}

static void fz_diags_print(const bc_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		fprintf(stderr, "  %s\n", s ? s : "?");
		bc_free(s);
	}
}

/* ---- the world ------------------------------------------------------- */

static void fz_world_setup(fz_world *w, bc_diags *d)
{
	const char *tmp = getenv("TMPDIR");
	char dir[sizeof w->dir];
	snprintf(dir, sizeof dir, "%s/bc-fuzz-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		fz_fail("cannot make a directory %s", dir);
	memcpy(w->dir, dir, sizeof dir);
	char db[300];
	snprintf(db, sizeof db, "%s/baocao.db", w->dir);
	bc_time now;
	bc_units_import_result res;
	bc_import_result ir;
	bc_import_opts o = {.tz_offset = 420};
	if (bc_store_open(db, BC_OPEN_CREATE, &w->st, d) != BC_OK ||
	    !bc_time_parse(FZ_NOW, 420, &now, NULL) ||
	    (bc_store_set_clock(w->st, now),
	     bc_rulebook_load(BC_SOURCE_ROOT "/rules", NULL, &w->rb, d)) !=
		    BC_OK ||
	    bc_units_import(w->st, w->rb,
			    BC_SOURCE_ROOT "/examples/tan-ky-units.csv", &res,
			    d) != BC_OK) {
		fz_diags_print(d);
		fz_fail("the world (rules, units) cannot be made");
	}
	/* Last year's reports: checks compare with them. */
	const char *last = BC_SOURCE_ROOT "/examples/2022-Q1";
	DIR *dp = opendir(last);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		char path[600];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", last, e->d_name);
		if (bc_import_file(w->st, w->rb, path, &o, false, &ir, d) !=
		    BC_OK) {
			fz_diags_print(d);
			fz_fail("%s does not import", path);
		}
		bc_import_result_free(&ir);
	}
	if (dp)
		closedir(dp);
	bc_diags_free(d);
}

static void fz_world_free(fz_world *w)
{
	bc_rulebook_free(w->rb);
	bc_store_close(w->st);
	fz_world_remove(w);
}

static void fz_world_end(void)
{
	fz_world_free(&fz_the_world);
}

/* The world, made on first use and removed at exit. */
static fz_world *fz_world_get(void)
{
	if (!fz_the_world.st) {
		bc_diags d = BC_DIAGS_INIT;
		fz_world_setup(&fz_the_world, &d);
		atexit(fz_world_end);
	}
	return &fz_the_world;
}

/* ---- problems --------------------------------------------------------- */

/* The highest line number the input has (a CR alone may end a line). */
static int fz_lines(const char *buf, size_t len)
{
	int n = 1;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n' || buf[i] == '\r';
	return n;
}

/* Every problem of d from index from on names the file and a line in
 * it; only a problem of the whole file may have no line. */
static void fz_check_diags(const bc_diags *d, size_t from, int lines,
			   const char *phase)
{
	for (size_t i = from; i < d->n; i++) {
		const bc_diag *g = &d->v[i];
		bool whole = !g->form && !g->field;
		if (!g->file || strcmp(g->file, FZ_FILE) ||
		    g->line < (whole ? 0 : 1) || g->line > lines || g->loc) {
			fz_diags_print(d);
			fz_fail("%s: problem %zu: file %s, line %d of %d, loc %s",
				phase, i + 1, g->file ? g->file : "(none)",
				g->line, lines, g->loc ? g->loc : "(none)");
		}
	}
}

/* The verdict agrees with the errors said. */
static void fz_check_verdict(bc_err rc, const bc_diags *d, size_t before,
			     const char *phase)
{
	bool said = d->errors > before;
	if ((rc == BC_OK && said) || (rc == BC_ERR_INVALID && !said) ||
	    (rc != BC_OK && rc != BC_ERR_INVALID)) {
		fz_diags_print(d);
		fz_fail("%s: returned %s with %zu errors", phase,
			bc_strerror(rc), d->errors - before);
	}
}

/* ---- what a reader accepted ------------------------------------------- */

static bool fz_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void fz_check_text(const char *s, const char *what)
{
	size_t bad;
	if (s && !bc_utf8_valid(s, strlen(s), &bad))
		fz_fail("%s: not UTF-8 at byte %zu", what, bad);
}

static void fz_check_value(const bc_submission *s, const bc_raw *r, int lines)
{
	bool listed = !strcmp(r->form, BC_PART_REPORT);
	for (size_t i = 0; i < s->n_forms && !listed; i++)
		listed = !strcmp(s->forms[i], r->form);
	char *end = NULL;
	if (r->text && r->kind == BC_RAW_NUM)
		strtod(r->text, &end);
	const char *why =
		!r->form || !r->field ? "no form or field"
		: r->row < 0 ? "a negative row"
		: (r->row > 0) != (r->col != NULL) ? "a row without a column"
		: (r->kind == BC_RAW_NULL) != (r->text == NULL)
			? "text and kind disagree"
		: r->kind == BC_RAW_EMPTY && (r->row || strcmp(r->text, "[]"))
			? "an empty table that is not []"
		: r->kind == BC_RAW_BOOL && strcmp(r->text, "true") &&
				strcmp(r->text, "false")
			? "a boolean neither true nor false"
		: end && (end == r->text || *end) ? "a number that is not one"
		: r->line < 1 || r->line > lines ? "a line outside the file"
		: r->loc ? "a cell in a text file"
		: !listed ? "its form is not listed"
			  : NULL;
	if (why)
		fz_fail("value %s.%s row %d col %s (%s, line %d): %s",
			r->form ? r->form : "(none)",
			r->field ? r->field : "(none)", r->row,
			r->col ? r->col : "-", r->text ? r->text : "null",
			r->line, why);
	fz_check_text(r->form, "a form id");
	fz_check_text(r->field, "a field id");
	fz_check_text(r->col, "a column");
	fz_check_text(r->text, "a value");
}

static void fz_check_accepted(const bc_submissions *subs, int lines)
{
	size_t values = 0;
	if (subs->n > BC_READ_MAX_SUBMISSIONS)
		fz_fail("%zu submissions", subs->n);
	for (size_t i = 0; i < subs->n; i++) {
		const bc_submission *s = &subs->v[i];
		const bc_attr *a[] = {&s->unit, &s->period, &s->signer_name,
				      &s->signer_title, &s->signed_date,
				      &s->received_at, &s->channel,
				      &s->estimated};
		if (!fz_same(s->file, FZ_FILE) || s->line < 1 ||
		    s->line > lines || s->n_forms > BC_READ_MAX_FORMS)
			fz_fail("submission %zu: file %s, line %d, %zu forms",
				i + 1, s->file, s->line, s->n_forms);
		for (size_t k = 0; k < sizeof a / sizeof *a; k++) {
			if (a[k]->text && (a[k]->line < 0 || a[k]->line > lines))
				fz_fail("submission %zu: attribute %zu at line "
					"%d",
					i + 1, k, a[k]->line);
			fz_check_text(a[k]->text, "an attribute");
		}
		for (size_t k = 0; k < s->n; k++)
			fz_check_value(s, &s->v[k], lines);
		values += s->n;
	}
	if (values > BC_READ_MAX_VALUES)
		fz_fail("%zu values", values);
}

/* Two readings of the same bytes agree. */
static void fz_check_same(const bc_submissions *a, const bc_submissions *b)
{
	if (a->n != b->n)
		fz_fail("read twice: %zu and %zu submissions", a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const bc_submission *x = &a->v[i], *y = &b->v[i];
		bool same = x->n == y->n && x->n_forms == y->n_forms &&
			    fz_same(x->unit.text, y->unit.text) &&
			    fz_same(x->period.text, y->period.text) &&
			    fz_same(x->signer_name.text, y->signer_name.text) &&
			    fz_same(x->received_at.text, y->received_at.text);
		for (size_t k = 0; same && k < x->n; k++) {
			const bc_raw *r = &x->v[k], *q = &y->v[k];
			same = fz_same(r->form, q->form) &&
			       fz_same(r->field, q->field) &&
			       r->row == q->row && fz_same(r->col, q->col) &&
			       fz_same(r->text, q->text) &&
			       r->kind == q->kind && r->line == q->line;
		}
		if (!same)
			fz_fail("read twice: submission %zu differs", i + 1);
	}
}

/* ---- what checking accepted ------------------------------------------- */

static void fz_check_parts(const bc_checked *c)
{
	if (!c->n_parts)
		fz_fail("accepted with no part");
	for (size_t i = 0; i < c->n_parts; i++) {
		const bc_part *p = &c->parts[i];
		const bc_form *f = p->form;
		if (!f ? strcmp(p->part, BC_PART_REPORT)
		       : strcmp(p->part, f->id) ||
				 !bc_ruleset_form(c->period.rs, f->id))
			fz_fail("part %s is no form of %s", p->part,
				c->period.rs->id);
		for (size_t k = 0; f && k < p->n; k++) {
			const bc_val *v = &p->v[k];
			int fi = bc_field_index(f->fields, f->n_fields,
						v->field);
			const bc_field *t = fi < 0 ? NULL : &f->fields[fi];
			bool ok = t && v->row >= 0 &&
				  (v->has_num ? v->num.scale >= 0 &&
							 v->num.scale <= BC_DEC_SCALE_MAX
						     : true) &&
				  (v->col ? v->row > 0 &&
						    bc_field_index(t->columns,
								   t->n_columns,
								   v->col) >= 0
					  : t->n_columns == 0 || v->row == 0);
			if (!ok)
				fz_fail("%s: accepted %s row %d col %s", p->part,
					v->field, v->row, v->col ? v->col : "-");
		}
	}
}

/* What was accepted stores, inside a transaction rolled back so that
 * every input meets the same world. */
static void fz_store(fz_world *w, bc_checked *c)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_receipt r = {
		.unit_id = c->unit.id, .file = FZ_FILE,
		.sha256 = "0000000000000000000000000000000000000000000000000"
			  "000000000000000",
		.format = "fuzz", .received_at = c->received_at,
		.offset = c->offset, .channel = c->channel,
		.signer_name = c->signer_name, .signer_title = c->signer_title,
		.signed_date = c->signed_date, .estimated = c->estimated,
	};
	bc_err rc = bc_store_begin(w->st, &d);
	if (rc == BC_OK)
		rc = bc_period_record(w->st, &c->period, &d);
	r.period_id = c->period.id;
	if (rc == BC_OK)
		rc = bc_revision_store(w->st, &r, c->parts, c->n_parts, &d);
	bc_store_rollback(w->st);
	c->period.id = 0;
	if (rc != BC_OK) {
		fz_diags_print(&d);
		fz_fail("accepted, but not stored: %s", bc_strerror(rc));
	}
	bc_diags_free(&d);
}

static void fz_check_submission(fz_world *w, const bc_submission *s,
				int lines)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_checked c = {0};
	bc_import_opts o = {.tz_offset = 420};
	bc_err rc = bc_validate(w->st, w->rb, s, &o, &c, &d);
	fz_check_verdict(rc, &d, 0, "checking");
	fz_check_diags(&d, 0, lines, "checking");
	if (rc == BC_OK) {
		if (!fz_same(c.unit.code, s->unit.text))
			fz_fail("checked unit %s, read %s", c.unit.code,
				s->unit.text);
		fz_check_parts(&c);
		fz_store(w, &c);
	}
	bc_checked_free(&c);
	bc_diags_free(&d);
}

/* ---- one input -------------------------------------------------------- */

static void fz_submit_one(fz_reader read, const uint8_t *data, size_t size)
{
	fz_world *w = fz_world_get();
	const char *buf = (const char *)data;
	int lines = fz_lines(buf, size);
	bc_submissions subs = {0}, again = {0};
	bc_diags d = BC_DIAGS_INIT, d2 = BC_DIAGS_INIT;
	bc_err rc = read(FZ_FILE, buf, size, &subs, &d);
	bc_err rc2 = read(FZ_FILE, buf, size, &again, &d2);
	fz_check_verdict(rc, &d, 0, "reading");
	fz_check_diags(&d, 0, lines, "reading");
	if (rc != rc2 || d.n != d2.n)
		fz_fail("read twice: %s and %s, %zu and %zu problems",
			bc_strerror(rc), bc_strerror(rc2), d.n, d2.n);
	fz_check_same(&subs, &again);
	if (rc == BC_OK) {
		fz_check_accepted(&subs, lines);
		for (size_t i = 0; i < subs.n; i++)
			fz_check_submission(w, &subs.v[i], lines);
	}
	bc_submissions_free(&subs);
	bc_submissions_free(&again);
	bc_diags_free(&d);
	bc_diags_free(&d2);
}

#endif

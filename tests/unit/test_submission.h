/* SPDX-License-Identifier: MIT */
/*
 * What the tests of the submission readers share: a fixture, reading a
 * text, finding a value and checking it, and refusals.  The includer
 * defines FILE_NAME (the name diagnostics give) and READER (a function
 * with bc_json_read's signature) first.
 */
#ifndef BC_TEST_SUBMISSION_H
#define BC_TEST_SUBMISSION_H

#include "test.h"

#include "submission.h"

typedef struct fx {
	bc_submissions subs;
	bc_diags d;
} fx;

static bc_err sub_read(fx *f, const char *text)
{
	return READER(FILE_NAME, text, strlen(text), &f->subs, &f->d);
}

static void done(fx *f)
{
	bc_submissions_free(&f->subs);
	bc_diags_free(&f->d);
}

static const bc_raw *value(const bc_submission *s, const char *form,
			   const char *field, int row, const char *col)
{
	for (size_t i = 0; i < s->n; i++) {
		const bc_raw *r = &s->v[i];
		if (!strcmp(r->form, form) && !strcmp(r->field, field) &&
		    r->row == row &&
		    (col ? r->col && !strcmp(r->col, col) : !r->col))
			return r;
	}
	fail_msg("no value %s.%s[%d].%s", form, field, row, col ? col : "-");
	return NULL;
}

/* The value is there, of that kind and text, read at that line (and,
 * these readers being text, at no cell). */
static void want_value(const bc_submission *s, const char *form,
		       const char *field, int row, const char *col,
		       bc_rawkind kind, const char *text, int line)
{
	const bc_raw *r = value(s, form, field, row, col);
	if (r->kind != kind)
		fail_msg("%s.%s: kind %d, not %d", form, field, (int)r->kind,
			 (int)kind);
	if (text)
		assert_string_equal(r->text, text);
	else
		assert_null(r->text);
	if (r->line != line)
		fail_msg("%s.%s[%d].%s: line %d, not %d", form, field, row,
			 col ? col : "-", r->line, line);
	assert_null(r->loc);
}

static void want_attr(const bc_attr *a, const char *text, int line)
{
	assert_non_null(a->text);
	assert_string_equal(a->text, text);
	assert_int_equal(a->line, line);
}

/* Refused: BC_ERR_INVALID, an error, and a diagnostic at FILE:line saying
 * what. */
static void refused(const char *text, int line, const char *what)
{
	fx f = {0};
	bc_err rc = sub_read(&f, text);
	char where[64];
	snprintf(where, sizeof where, FILE_NAME ":%d: ", line);
	bool hit = test_diags_at(&f.d, where, what);
	if (!hit)
		test_diags_print(&f.d);
	size_t errors = f.d.errors;
	done(&f);
	if (!hit)
		fail_msg("no diagnostic at line %d saying '%s'", line, what);
	if (rc != BC_ERR_INVALID)
		fail_msg("refusal '%s' returns %s, not 'input rejected'", what,
			 bc_strerror(rc));
	assert_true(errors > 0);
}

#endif

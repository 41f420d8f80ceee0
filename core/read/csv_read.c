/* SPDX-License-Identifier: MIT */
/* Long-form CSV submissions: unit,period,form,field,value, one row per
 * value, any number of units and periods in one file. */
#include "csv_read.h"
#include "csv_cell.h"
#include "csv_parse.h"
#include "mem.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { C_UNIT, C_PERIOD, C_FORM, C_FIELD, C_VALUE, N_C };
static const char *const names[N_C] = {"unit", "period", "form", "field",
				       "value"};

typedef struct reader {
	const char *file;
	bc_submissions *out;
	bc_diags *d;
	int col[N_C];
	bool header;
	/* Where each (unit, period) is in out: indices + 1 by hash, open
	 * addressing, kept at most half full, so that a file of many units
	 * costs one look-up per row, not a walk over those before it. */
	size_t *slot, mask;
	size_t last; /* the submission of the row before, index + 1 */
	size_t rows;
	bc_err rc;
} reader;

static void note(reader *r, bc_err rc)
{
	if (rc != BC_OK && r->rc == BC_OK)
		r->rc = rc;
}

static int read_header(reader *r, int line, size_t n, char *const *f)
{
	for (int c = 0; c < N_C; c++)
		r->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = 0;
		while (c < N_C && strcmp(f[i], names[c]) != 0)
			c++;
		if (c == N_C || r->col[c] >= 0) {
			bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
				     N_("the header must be unit,period,form,"
				        "field,value ('%s' is not one of them, "
				        "or is there twice)"),
				     f[i]);
			return 1;
		}
		r->col[c] = (int)i;
	}
	for (int c = 0; c < N_C; c++)
		if (r->col[c] < 0) {
			bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
				     N_("no '%s' column: the header must be "
				        "unit,period,form,field,value"),
				     names[c]);
			return 1;
		}
	r->header = true;
	return 0;
}

/* Whether s is unit's submission for period: a period code in either
 * case is one period (period.h). */
static bool is_sub(const bc_submission *s, const char *unit,
		   const char *period)
{
	return !strcmp(s->unit.text, unit) &&
	       !strcasecmp(s->period.text, period);
}

/* The slot of unit and period: the hash folds ASCII case as is_sub
 * does. */
static size_t slot_of(const reader *r, const char *unit, const char *period)
{
	uint64_t k = bc_hash_text(BC_HASH_SEED, unit);
	for (const char *c = period; *c; c++)
		k = (k ^ (unsigned char)toupper((unsigned char)*c)) *
		    0x100000001b3u;
	size_t h = (size_t)k & r->mask;
	for (; r->slot[h]; h = (h + 1) & r->mask) {
		if (is_sub(&r->out->v[r->slot[h] - 1], unit, period))
			break;
	}
	return h;
}

/* Doubles the index (from 64 slots) when it would be over half full. */
static bool index_room(reader *r)
{
	size_t size = r->slot ? r->mask + 1 : 0;
	if (2 * (r->out->n + 1) <= size)
		return true;
	size_t *old = r->slot, old_size = size;
	size = size ? 2 * size : 64;
	if (!(r->slot = bc_calloc(size, sizeof *r->slot))) {
		r->slot = old;
		return false;
	}
	r->mask = size - 1;
	for (size_t i = 0; i < old_size; i++)
		if (old[i]) {
			const bc_submission *s = &r->out->v[old[i] - 1];
			r->slot[slot_of(r, s->unit.text, s->period.text)] =
				old[i];
		}
	bc_free(old);
	return true;
}

static bc_submission *find_sub(reader *r, const char *unit,
			       const char *period, int line)
{
	/* A submission's rows come together: most rows are the last one's. */
	if (r->last && is_sub(&r->out->v[r->last - 1], unit, period))
		return &r->out->v[r->last - 1];
	if (!index_room(r))
		return NULL;
	size_t h = slot_of(r, unit, period);
	if (r->slot[h]) {
		r->last = r->slot[h];
		return &r->out->v[r->slot[h] - 1];
	}
	if (r->out->n == BC_READ_MAX_SUBMISSIONS) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("more than %d submissions (unit and period) in "
				"one file: split it into files of fewer units "
				"and import each"),
			     BC_READ_MAX_SUBMISSIONS);
		note(r, BC_ERR_INVALID);
		return NULL;
	}
	bc_submission *s = bc_submission_add(r->out, r->file, line);
	if (!s)
		return NULL;
	if (bc_attr_set(&s->unit, unit, line, NULL) ||
	    bc_attr_set(&s->period, period, line, NULL))
		return NULL;
	r->slot[h] = r->last = r->out->n;
	return s;
}

static const struct {
	const char *name;
	size_t off;
} meta_fields[] = {
	{"signer_name", offsetof(bc_submission, signer_name)},
	{"signer_title", offsetof(bc_submission, signer_title)},
	{"signed_date", offsetof(bc_submission, signed_date)},
	{"received_at", offsetof(bc_submission, received_at)},
	{"channel", offsetof(bc_submission, channel)},
	{"estimated", offsetof(bc_submission, estimated)},
};

static void read_meta(reader *r, bc_submission *s, int line,
		      const char *field, const char *value)
{
	for (size_t i = 0; i < sizeof meta_fields / sizeof *meta_fields; i++)
		if (!strcmp(field, meta_fields[i].name)) {
			bc_attr *a = (bc_attr *)((char *)s + meta_fields[i].off);
			if (a->text)
				bc_diags_add(r->d, BC_ERROR, r->file, line,
					     BC_FORM_META, field,
					     N_("given twice (first on line %d)"),
					     a->line);
			else
				note(r, bc_attr_set(a, value, line, NULL));
			return;
		}
	bc_diags_add(r->d, BC_ERROR, r->file, line, BC_FORM_META, field,
		     N_("unknown (signer_name, signer_title, signed_date, "
		        "received_at, channel, estimated)"));
}

static int on_row(void *ud, int line, size_t n, char *const *f)
{
	reader *r = ud;
	if (!r->header)
		return read_header(r, line, n, f);
	if (n == 1 && !*f[0])
		return 0;
	if (n != N_C) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("%zu fields where the header has 5"), n);
		return 0;
	}
	/* Without the apostrophe the csv export puts before what a
	 * spreadsheet would run as a formula. */
	const char *form = bc_csv_cell_text(f[r->col[C_FORM]]),
		   *field = bc_csv_cell_text(f[r->col[C_FIELD]]),
		   *value = bc_csv_cell_text(f[r->col[C_VALUE]]);
	if (++r->rows > BC_READ_MAX_VALUES) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("more than %d rows in one file: split it into "
				"files of fewer units and import each"),
			     BC_READ_MAX_VALUES);
		note(r, BC_ERR_INVALID);
		return 1;
	}
	bc_submission *s = find_sub(r, bc_csv_cell_text(f[r->col[C_UNIT]]),
				    bc_csv_cell_text(f[r->col[C_PERIOD]]),
				    line);
	if (!s) {
		note(r, BC_ERR_NOMEM);
		return 1;
	}
	if (!strcmp(form, BC_FORM_META)) {
		read_meta(r, s, line, field, value);
		return 0;
	}
	char table[256];
	int row;
	const char *col;
	bc_address a = bc_cell_address(field, table, sizeof table, &row, &col);
	if (a == BC_ADDR_BAD) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, form, field,
			     N_("a table cell is written table[row].column, "
				"rows from 1"));
		return 0;
	}
	if (a == BC_ADDR_ROWS) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, form, table,
			     N_("more than %d rows"), BC_TABLE_MAX_ROWS);
		return 0;
	}
	bc_err frc = strcmp(form, BC_PART_REPORT) != 0
			     ? bc_submission_form(s, form, line)
			     : BC_OK;
	if (frc == BC_ERR_LIMIT) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, form, NULL,
			     BC_READ_TOO_MANY_FORMS);
		frc = BC_ERR_INVALID;
	}
	note(r, frc);
	bool empty_table = !row && !strcmp(value, "[]");
	note(r, bc_submission_value(s, form, row ? table : field, row, col,
				    *value ? value : NULL,
				    empty_table ? BC_RAW_EMPTY
						: *value ? BC_RAW_TEXT
							 : BC_RAW_NULL,
				    line, NULL));
	return r->rc != BC_OK;
}

bc_err bc_csv_read_submissions(const char *name, const char *buf,
			       size_t len, bc_submissions *out, bc_diags *d)
{
	reader r = {.file = name, .out = out, .d = d};
	size_t before = d->errors;
	bc_err rc = bc_csv_parse(name, buf, len, on_row, &r, d);
	if (rc == BC_OK && !r.header && d->errors == before)
		bc_diags_add(d, BC_ERROR, name, 1, NULL, NULL,
			     N_("empty file: no header unit,period,form,field,"
			        "value"));
	if (rc == BC_OK)
		rc = r.rc;
	bc_free(r.slot);
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_INVALID;
	return rc;
}

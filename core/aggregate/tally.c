/* SPDX-License-Identifier: MIT */
#include "tally.h"
#include "mem.h"
#include "text.h"

#include <string.h>

/* A sum, exact until it no longer fits (over).  Which signs its values
 * had, and once they had both the sum of their magnitudes (mag, exact
 * until mag_over), are what lets two tallies' sums be added as one
 * tally's would be (bc_tally_merge). */
typedef struct sum_slot {
	bc_dec v, mag;
	bool has, over, pos, neg, mag_over;
} sum_slot;

typedef struct ratio_slot {
	sum_slot num, den;
} ratio_slot;

/* A value of the open revision. */
typedef struct own {
	bc_dec v;
	bool has;
} own;

/* The values counted in one (group, field, level), in byte order; the
 * strings belong to the tally's pool. */
typedef struct count_slot {
	struct kc {
		const char *key;
		int64_t n;
	} *v;
	size_t n, cap;
} count_slot;

/* A form's field by id (the id first, as in every sorted array here). */
typedef struct field_ref {
	const char *id;
	size_t k;
} field_ref;

/* A rows indicator while its table is read: the row being read and how
 * many of the `where` conditions it met so far. */
typedef struct row_state {
	int row;
	size_t met;
	int64_t hits;
} row_state;

struct bc_tally {
	const bc_ruleset *rs;
	size_t groups, slots, levels, n_counts, n_inds, n_cols;
	size_t *field_base;  /* per form: its first field slot */
	size_t *ind_base;    /* per form: its first indicator slot */
	long *count_of;      /* per field slot: its count slot, or -1 */
	size_t *col_base;    /* per field slot: its first column slot */
	int64_t *longest;    /* per column slot: its longest text */
	field_ref **by_id;   /* per form: its fields in id order */
	sum_slot *sums;      /* [group][field slot][level] */
	count_slot *counts;  /* [group][count slot][level] */
	ratio_slot *ratios;  /* [group][indicator slot][level] */
	row_state *rows;     /* per indicator slot */
	char **pool;         /* counted values, in byte order */
	size_t n_pool, cap_pool;
	own *vals;           /* the open revision's own values */
	bool open;
	size_t form, level, grp;
	int last; /* the field the previous value belonged to */
};

/* Where s is, or would go, in an array of n elements of size stride,
 * each starting with a string pointer, sorted by it in byte order. */
static size_t place(const void *v, size_t n, size_t stride, const char *s,
		    bool *found)
{
	size_t lo = 0, hi = n;
	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(*(const char *const *)((const char *)v + mid * stride),
			       s);
		if (!c) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(((const field_ref *)a)->id, ((const field_ref *)b)->id);
}

static bool layout(bc_tally *t)
{
	const bc_ruleset *rs = t->rs;
	size_t nf = rs->n_forms;
	t->field_base = bc_calloc(nf + 1, sizeof *t->field_base);
	t->ind_base = bc_calloc(nf + 1, sizeof *t->ind_base);
	t->by_id = bc_calloc(nf + 1, sizeof *t->by_id);
	if (!t->field_base || !t->ind_base || !t->by_id)
		return false;
	size_t widest = 1;
	for (size_t i = 0; i < nf; i++) {
		const bc_form *f = &rs->forms[i];
		t->field_base[i] = t->slots;
		t->ind_base[i] = t->n_inds;
		t->slots += f->n_fields;
		t->n_inds += f->n_indicators;
		if (f->n_fields > widest)
			widest = f->n_fields;
		t->by_id[i] = bc_calloc(f->n_fields + 1, sizeof **t->by_id);
		if (!t->by_id[i])
			return false;
		for (size_t k = 0; k < f->n_fields; k++)
			t->by_id[i][k] = (field_ref){f->fields[k].id, k};
		qsort(t->by_id[i], f->n_fields, sizeof **t->by_id, cmp_ref);
	}
	t->count_of = bc_calloc(t->slots + 1, sizeof *t->count_of);
	t->col_base = bc_calloc(t->slots + 1, sizeof *t->col_base);
	t->vals = bc_calloc(widest, sizeof *t->vals);
	if (!t->count_of || !t->col_base || !t->vals)
		return false;
	size_t cols = 0;
	for (size_t i = 0; i < nf; i++)
		for (size_t k = 0; k < rs->forms[i].n_fields; k++) {
			const bc_field *fl = &rs->forms[i].fields[k];
			t->count_of[t->field_base[i] + k] =
				fl->count_by >= 0 ? (long)t->n_counts++ : -1;
			t->col_base[t->field_base[i] + k] = cols;
			cols += fl->type == BC_T_TABLE ? fl->n_columns : 0;
		}
	t->n_cols = cols;
	t->longest = bc_calloc(cols + 1, sizeof *t->longest);
	return t->longest != NULL;
}

bc_tally *bc_tally_new(const bc_ruleset *rs, size_t n_groups)
{
	bc_tally *t = bc_calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->rs = rs;
	t->groups = n_groups + 1;
	t->levels = rs->n_levels ? rs->n_levels : 1;
	t->last = -1;
	if (!layout(t)) {
		bc_tally_free(t);
		return NULL;
	}
	size_t gl = t->groups * t->levels;
	t->sums = bc_calloc(gl * t->slots + 1, sizeof *t->sums);
	t->counts = bc_calloc(gl * t->n_counts + 1, sizeof *t->counts);
	t->ratios = bc_calloc(gl * t->n_inds + 1, sizeof *t->ratios);
	t->rows = bc_calloc(t->n_inds + 1, sizeof *t->rows);
	if (!t->sums || !t->counts || !t->ratios || !t->rows) {
		bc_tally_free(t);
		return NULL;
	}
	return t;
}

void bc_tally_free(bc_tally *t)
{
	if (!t)
		return;
	for (size_t i = 0; t->counts && i < t->groups * t->levels * t->n_counts;
	     i++)
		bc_free(t->counts[i].v);
	for (size_t i = 0; i < t->n_pool; i++)
		bc_free(t->pool[i]);
	for (size_t i = 0; t->by_id && i < t->rs->n_forms; i++)
		bc_free(t->by_id[i]);
	bc_free(t->pool);
	bc_free(t->by_id);
	bc_free(t->field_base);
	bc_free(t->ind_base);
	bc_free(t->count_of);
	bc_free(t->col_base);
	bc_free(t->longest);
	bc_free(t->vals);
	bc_free(t->sums);
	bc_free(t->counts);
	bc_free(t->ratios);
	bc_free(t->rows);
	bc_free(t);
}

static size_t at(const bc_tally *t, size_t grp, size_t slot, size_t per_group,
		 size_t level)
{
	return (grp * per_group + slot) * t->levels + level;
}

/* ---- a revision ------------------------------------------------------ */

static const bc_form *open_form(const bc_tally *t)
{
	return &t->rs->forms[t->form];
}

void bc_tally_begin(bc_tally *t, size_t form, size_t level, size_t grp)
{
	bc_tally_end(t);
	if (form >= t->rs->n_forms || level >= t->levels || grp >= t->groups)
		return;
	t->open = true;
	t->form = form;
	t->level = level;
	t->grp = grp;
	t->last = -1;
	const bc_form *f = open_form(t);
	for (size_t k = 0; k < f->n_fields; k++)
		t->vals[k].has = false;
	for (size_t i = 0; i < f->n_indicators; i++)
		t->rows[t->ind_base[form] + i] = (row_state){0};
}

static int find_field(bc_tally *t, const char *id)
{
	const bc_form *f = open_form(t);
	if (t->last >= 0 && !strcmp(f->fields[t->last].id, id))
		return t->last;
	const field_ref *v = t->by_id[t->form];
	bool found;
	size_t i = place(v, f->n_fields, sizeof *v, id, &found);
	return found ? (t->last = (int)v[i].k) : -1;
}

/* The pool's copy of s, added if new: counted values repeat (a handful
 * of enum values), so each slot keeps only a pointer. */
static const char *intern(bc_tally *t, const char *s)
{
	bool found;
	size_t lo = place(t->pool, t->n_pool, sizeof *t->pool, s, &found);
	if (found)
		return t->pool[lo];
	char *copy = bc_strdup(s);
	if (!copy || bc_grow((void **)&t->pool, &t->cap_pool, t->n_pool + 1,
			     sizeof *t->pool) < 0) {
		bc_free(copy);
		return NULL;
	}
	memmove(&t->pool[lo + 1], &t->pool[lo], (t->n_pool - lo) * sizeof *t->pool);
	t->pool[lo] = copy;
	t->n_pool++;
	return copy;
}

/* Counts s n times more in c. */
static bc_err count(bc_tally *t, count_slot *c, const char *s, int64_t n)
{
	bool found;
	size_t lo = place(c->v, c->n, sizeof *c->v, s, &found);
	if (found) {
		c->v[lo].n += n;
		return BC_OK;
	}
	const char *key = intern(t, s);
	if (!key || bc_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v) < 0)
		return BC_ERR_NOMEM;
	memmove(&c->v[lo + 1], &c->v[lo], (c->n - lo) * sizeof *c->v);
	c->v[lo] = (struct kc){key, n};
	c->n++;
	return BC_OK;
}

static bool when_met(const bc_when *w, const bc_field *table, const char *col,
		     const char *txt)
{
	if (w->col < 0 || !txt || strcmp(col, table->columns[w->col].id))
		return false;
	for (size_t k = 0; k < w->n_values; k++)
		if (!strcmp(txt, w->values[k]))
			return true;
	return false;
}

/* A row is a hit when it met every condition (where rows are selected:
 * validate.c's when_holds). */
static void close_row(row_state *r, const bc_indicator *ind)
{
	if (r->row > 0 && r->met == ind->where.n)
		r->hits++;
	r->row = 0;
	r->met = 0;
}

static void mark_row(bc_tally *t, int k, int row, const char *col,
		     const char *txt)
{
	const bc_form *f = open_form(t);
	for (size_t i = 0; i < f->n_indicators; i++) {
		const bc_indicator *ind = &f->indicators[i];
		if (ind->rows != k)
			continue;
		row_state *r = &t->rows[t->ind_base[t->form] + i];
		if (r->row != row) {
			close_row(r, ind);
			r->row = row;
		}
		for (size_t q = 0; q < ind->where.n; q++)
			r->met += when_met(&ind->where.v[q], &f->fields[k], col, txt);
	}
}

/* A table's cell txt in column col of the open form's field k: its
 * length in characters, if the longest yet. */
static void note_length(bc_tally *t, const bc_field *fl, size_t k,
			const char *col, const char *txt)
{
	int c = bc_field_index(fl->columns, fl->n_columns, col);
	if (c < 0)
		return;
	int64_t *l = &t->longest[t->col_base[t->field_base[t->form] + k] +
				 (size_t)c];
	int64_t n = (int64_t)bc_utf8_len(txt);
	*l = n > *l ? n : *l;
}

bc_err bc_tally_value(bc_tally *t, const char *field, int row,
		      const char *col, const bc_dec *num, const char *txt)
{
	if (!t->open)
		return BC_OK;
	int k = find_field(t, field);
	if (k < 0)
		return BC_OK;
	const bc_field *fl = &open_form(t)->fields[k];
	if (row == 0) {
		if (!*col)
			t->vals[k] = num ? (own){*num, true} : (own){.has = false};
		return BC_OK;
	}
	if (fl->type != BC_T_TABLE || row < 0)
		return BC_OK;
	mark_row(t, k, row, col, txt);
	if (txt)
		note_length(t, fl, (size_t)k, col, txt);
	long c = t->count_of[t->field_base[t->form] + (size_t)k];
	if (c < 0 || strcmp(col, fl->columns[fl->count_by].id))
		return BC_OK;
	size_t gs[2] = {0, t->grp};
	for (size_t g = 0; g < (t->grp ? 2u : 1u); g++) {
		bc_err rc = count(t, &t->counts[at(t, gs[g], (size_t)c, t->n_counts,
						   t->level)],
				  txt ? txt : "", 1);
		if (rc != BC_OK)
			return rc;
	}
	return BC_OK;
}

/* |v| added to *m, or false when it does not fit. */
static bool add_magnitude(bc_dec *m, bc_dec v)
{
	return v.v >= 0 ? bc_dec_add(*m, v, m) : bc_dec_sub(*m, v, m);
}

/* Adds v to s, exactly, or marks it too large. */
static void add(sum_slot *s, bc_dec v)
{
	bool mixed = s->pos && s->neg;
	s->pos |= v.v > 0;
	s->neg |= v.v < 0;
	if (s->pos && s->neg) {
		/* Until now of one sign: their magnitudes add up to |sum|. */
		if (!mixed) {
			s->mag_over = s->over;
			s->mag = s->v;
			if (!s->over && s->v.v < 0)
				s->mag_over = !bc_dec_sub(bc_dec_int(0), s->v, &s->mag);
		}
		s->mag_over = s->mag_over || !add_magnitude(&s->mag, v);
	}
	s->over = s->over || !bc_dec_add(s->v, v, &s->v);
	s->has = true;
}

/* A side of a ratio, the sum of its fields (a constant of the rules is
 * not added up over units): false when a field of it was not
 * reported. */
static bool side(const bc_expr *e, const own *vals, sum_slot *out, size_t *n)
{
	*out = (sum_slot){0};
	for (size_t i = 0; i < e->n; i++) {
		const bc_term *term = &e->v[i];
		bc_dec v;
		if (!term->name)
			continue;
		if (term->ref < 0 || !vals[term->ref].has)
			return false;
		v = vals[term->ref].v;
		if (term->sign < 0 && !bc_dec_sub(bc_dec_int(0), v, &v))
			out->over = true;
		add(out, v);
		(*n)++;
	}
	return true;
}

/* An indicator of the open revision: false when the unit did not report
 * all it needs. */
static bool indicator(bc_tally *t, size_t i, sum_slot *num, sum_slot *den)
{
	const bc_indicator *ind = &open_form(t)->indicators[i];
	if (ind->rows >= 0) {
		row_state *r = &t->rows[t->ind_base[t->form] + i];
		close_row(r, ind);
		*num = (sum_slot){.v = bc_dec_int(r->hits), .has = true};
		*den = (sum_slot){.v = t->vals[ind->rows].v, .has = true};
		return t->vals[ind->rows].has;
	}
	size_t terms = 0;
	return side(&ind->num, t->vals, num, &terms) &&
	       side(&ind->den, t->vals, den, &terms) && terms > 0;
}

/* Adds one revision's ratio parts to a slot's. */
static void add_parts(ratio_slot *r, const sum_slot *num, const sum_slot *den)
{
	add(&r->num, num->v);
	add(&r->den, den->v);
	r->num.over |= num->over;
	r->den.over |= den->over;
}

void bc_tally_end(bc_tally *t)
{
	if (!t->open)
		return;
	t->open = false;
	const bc_form *f = open_form(t);
	size_t gs[2] = {0, t->grp}, ng = t->grp ? 2 : 1;
	for (size_t k = 0; k < f->n_fields; k++) {
		bc_ftype ty = f->fields[k].type;
		if (!t->vals[k].has || ty == BC_T_TABLE || ty == BC_T_DATE)
			continue;
		for (size_t g = 0; g < ng; g++)
			add(&t->sums[at(t, gs[g], t->field_base[t->form] + k,
					t->slots, t->level)],
			    t->vals[k].v);
	}
	for (size_t i = 0; i < f->n_indicators; i++) {
		sum_slot num, den;
		if (!indicator(t, i, &num, &den))
			continue;
		for (size_t g = 0; g < ng; g++)
			add_parts(&t->ratios[at(t, gs[g],
						t->ind_base[t->form] + i,
						t->n_inds, t->level)],
				  &num, &den);
	}
}

/* ---- two tallies as one --------------------------------------------- */

/* The sum of the magnitudes of s's values, in *m; false when it does
 * not fit. */
static bool magnitude(const sum_slot *s, bc_dec *m)
{
	if (s->pos && s->neg) {
		*m = s->mag;
		return !s->mag_over;
	}
	*m = s->v;
	return !s->over &&
	       (s->v.v >= 0 || bc_dec_sub(bc_dec_int(0), s->v, m));
}

/* Adds s's sum to d's as one slot handed both's values would hold them,
 * in any order; false when the order decides.  Values of one sign grow
 * the sum at each step, so it is too large exactly when their total is;
 * values of both signs can pass the limit on the way and come back, in
 * one order and not in another, unless their magnitudes add up to a
 * number that fits. */
static bool merge_sum(sum_slot *d, const sum_slot *s)
{
	if (!s->has)
		return true;
	bool pos = d->pos || s->pos, neg = d->neg || s->neg;
	if (pos && neg) {
		bc_dec a, b;
		if (!magnitude(d, &a) || !magnitude(s, &b) ||
		    !bc_dec_add(a, b, &d->mag))
			return false;
		d->mag_over = false;
		d->over = !bc_dec_add(d->v, s->v, &d->v); /* never, then */
	} else {
		d->over = d->over || s->over || !bc_dec_add(d->v, s->v, &d->v);
	}
	d->pos = pos;
	d->neg = neg;
	d->has = true;
	return true;
}

bc_err bc_tally_merge(bc_tally *dst, const bc_tally *src, bool *exact)
{
	*exact = false;
	if (dst->rs != src->rs || dst->groups != src->groups || dst->open ||
	    src->open)
		return BC_ERR_INVALID;
	size_t gl = dst->groups * dst->levels;
	bool ok = true;
	for (size_t i = 0; i < gl * dst->slots; i++)
		ok &= merge_sum(&dst->sums[i], &src->sums[i]);
	for (size_t i = 0; i < gl * dst->n_inds; i++) {
		ok &= merge_sum(&dst->ratios[i].num, &src->ratios[i].num);
		ok &= merge_sum(&dst->ratios[i].den, &src->ratios[i].den);
	}
	for (size_t i = 0; i < dst->n_cols; i++)
		if (src->longest[i] > dst->longest[i])
			dst->longest[i] = src->longest[i];
	for (size_t i = 0; i < gl * dst->n_counts; i++) {
		const count_slot *c = &src->counts[i];
		for (size_t k = 0; k < c->n; k++) {
			bc_err rc = count(dst, &dst->counts[i], c->v[k].key,
					  c->v[k].n);
			if (rc != BC_OK)
				return rc;
		}
	}
	*exact = ok;
	return BC_OK;
}

/* ---- results --------------------------------------------------------- */

static bool in_range(const bc_tally *t, size_t grp, size_t form, size_t level)
{
	return grp < t->groups && form < t->rs->n_forms && level < t->levels;
}

/* 1, 0 or -1 for a slot: see bc_tally_sum. */
static int result(const sum_slot *s)
{
	return !s->has ? 0 : s->over ? -1 : 1;
}

int bc_tally_sum(const bc_tally *t, size_t grp, size_t form, size_t field,
		 size_t level, bc_dec *sum)
{
	if (!in_range(t, grp, form, level) || field >= t->rs->forms[form].n_fields)
		return 0;
	const sum_slot *s = &t->sums[at(t, grp, t->field_base[form] + field,
					t->slots, level)];
	*sum = s->v;
	return result(s);
}

bool bc_tally_count(const bc_tally *t, size_t grp, size_t form, size_t field,
		    size_t level, size_t i, const char **value, int64_t *n)
{
	if (!in_range(t, grp, form, level) || field >= t->rs->forms[form].n_fields)
		return false;
	long c = t->count_of[t->field_base[form] + field];
	if (c < 0)
		return false;
	const count_slot *s = &t->counts[at(t, grp, (size_t)c, t->n_counts, level)];
	if (i >= s->n)
		return false;
	*value = s->v[i].key;
	*n = s->v[i].n;
	return true;
}

int bc_tally_ratio(const bc_tally *t, size_t grp, size_t form, size_t ind,
		   size_t level, bc_dec *num, bc_dec *den)
{
	if (!in_range(t, grp, form, level) ||
	    ind >= t->rs->forms[form].n_indicators)
		return 0;
	const ratio_slot *r = &t->ratios[at(t, grp, t->ind_base[form] + ind,
					    t->n_inds, level)];
	*num = r->num.v;
	*den = r->den.v;
	return !r->num.has ? 0 : r->num.over || r->den.over ? -1 : 1;
}

int64_t bc_tally_longest(const bc_tally *t, size_t form, size_t field,
			 size_t col)
{
	if (form >= t->rs->n_forms || field >= t->rs->forms[form].n_fields)
		return 0;
	const bc_field *fl = &t->rs->forms[form].fields[field];
	if (fl->type != BC_T_TABLE || col >= fl->n_columns)
		return 0;
	return t->longest[t->col_base[t->field_base[form] + field] + col];
}

/* SPDX-License-Identifier: MIT */
/* What changed from one ruleset to another (ruleset_diff.h). */
#include "ruleset_diff.h"
#include "jsonset.h"
#include "mem.h"
#include "registry.h"
#include "rulebook.h"
#include "ruleset_json.h"
#include "strmap.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

static const char *const op_names[] = {
	[BC_CH_ADDED] = "added",
	[BC_CH_REMOVED] = "removed",
	[BC_CH_CHANGED] = "changed",
	[BC_CH_RENAMED] = "renamed",
};

static const char *const what_names[BC_CW_N] = {
	[BC_CW_DIRECTIVE] = "directive",
	[BC_CW_PERIOD_TYPE] = "period_type",
	[BC_CW_LEVEL] = "level",
	[BC_CW_UNIT_KIND] = "unit_kind",
	[BC_CW_ROLE] = "role",
	[BC_CW_CHANNEL] = "channel",
	[BC_CW_FORM] = "form",
	[BC_CW_FIELD] = "field",
	[BC_CW_COLUMN] = "column",
	[BC_CW_CHOICE] = "choice",
	[BC_CW_CHECK] = "check",
	[BC_CW_INDICATOR] = "indicator",
	[BC_CW_CARRY] = "carry",
	[BC_CW_SECTION] = "section",
	[BC_CW_OWED_PART] = "owed_part",
	[BC_CW_OWED_SECTION] = "owed_section",
	[BC_CW_WORDING] = "wording",
};

const char *bc_change_op_name(bc_change_op op)
{
	return op_names[op];
}

const char *bc_change_what_name(bc_change_what w)
{
	return what_names[w];
}

/* A diff being made: where the changes go, and the first failure (only
 * memory can fail), after which nothing more is added; each form of a,
 * the form of b it became (NULL: none), for what is owed. */
typedef struct ctx {
	bc_rsdiff *d;
	bc_err e;
	const bc_form **form_now;
} ctx;

static json_t *made(ctx *x, json_t *v)
{
	return bc_json_made(&x->e, v);
}

/* A copy of s kept with the diff; NULL for NULL. */
static const char *keep(ctx *x, const char *s)
{
	char *c = s ? bc_arena_strdup(&x->d->mem, s) : NULL;
	if (s && !c)
		x->e = BC_ERR_NOMEM;
	return c;
}

/* Adds c, taking its before and after. */
static void put(ctx *x, bc_change c)
{
	bc_rsdiff *d = x->d;
	if (x->e == BC_OK &&
	    bc_grow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v) < 0)
		x->e = BC_ERR_NOMEM;
	if (x->e != BC_OK) {
		json_decref(c.before);
		json_decref(c.after);
		return;
	}
	d->v[d->n++] = c;
}

/* c, an item added (in b only) or removed (in a only), shown as item
 * (taken). */
static void item(ctx *x, bc_change c, bc_change_op op, json_t *shown)
{
	c.op = op;
	if (!made(x, shown))
		return;
	if (op == BC_CH_ADDED)
		c.after = shown;
	else
		c.before = shown;
	put(x, c);
}

/* c, its key changed from va to vb (borrowed; NULL is null). */
static void changed(ctx *x, bc_change c, const char *key, json_t *va,
		    json_t *vb)
{
	c.op = BC_CH_CHANGED;
	c.key = keep(x, key);
	c.before = va ? json_incref(va) : json_null();
	c.after = vb ? json_incref(vb) : json_null();
	put(x, c);
}

/* The same for two texts (NULL: none). */
static void changed_text(ctx *x, bc_change c, const char *key,
			 const char *a, const char *b)
{
	json_t *va = a ? made(x, json_string(a)) : json_null(),
	       *vb = b ? made(x, json_string(b)) : json_null();
	if (va && vb)
		changed(x, c, key, va, vb);
	json_decref(va);
	json_decref(vb);
}

/* c's item, of id was in a: renamed, when that is not its id in b. */
static void renamed(ctx *x, bc_change c, const char *was)
{
	if (!strcmp(was, c.id))
		return;
	c.op = BC_CH_RENAMED;
	c.before = made(x, json_string(was));
	c.after = made(x, json_string(c.id));
	put(x, c);
}

/* ---- keys of JSON objects ------------------------------------------------ */

static bool skipped(const char *const *skip, const char *k)
{
	for (; skip && *skip; skip++)
		if (!strcmp(*skip, k))
			return true;
	return false;
}

static void attrs(ctx *x, const bc_change *c, json_t *ja, json_t *jb,
		  const char *const *skip, const char *prefix);

/* Key k below prefix of c's item, va in a and vb in b (NULL: absent):
 * an object is compared key by key ("window.from"), anything else
 * whole. */
static void attr(ctx *x, const bc_change *c, const char *prefix,
		 const char *k, json_t *va, json_t *vb)
{
	json_t *na = va ? va : json_null(), *nb = vb ? vb : json_null();
	char key[256];
	if (json_equal(na, nb))
		return;
	snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", k);
	if ((json_is_object(na) || json_is_object(nb)) &&
	    (json_is_object(na) || json_is_null(na)) &&
	    (json_is_object(nb) || json_is_null(nb)))
		attrs(x, c, na, nb, NULL, key);
	else
		changed(x, *c, key, na, nb);
}

/* Every key of ja or jb (but those of skip) whose values differ: b's in
 * order, then those only a has. */
static void attrs(ctx *x, const bc_change *c, json_t *ja, json_t *jb,
		  const char *const *skip, const char *prefix)
{
	const char *k;
	json_t *v;
	json_object_foreach(jb, k, v)
	{
		if (!skipped(skip, k))
			attr(x, c, prefix, k, json_object_get(ja, k), v);
	}
	json_object_foreach(ja, k, v)
	{
		if (!skipped(skip, k) && !json_object_get(jb, k))
			attr(x, c, prefix, k, v, NULL);
	}
}

/* An item of b shown as jb and its counterpart in a shown as ja (both
 * taken; in_a false when a has none): added, or compared key by key but
 * those of skip. */
static void paired(ctx *x, const bc_change *c, bool in_a, json_t *ja,
		   json_t *jb, const char *const *skip)
{
	if (!in_a) {
		json_decref(ja);
		item(x, *c, BC_CH_ADDED, jb);
		return;
	}
	if (made(x, ja) && made(x, jb))
		attrs(x, c, ja, jb, skip, "");
	json_decref(ja);
	json_decref(jb);
}

/* ---- pairing items by a key ---------------------------------------------- */

/* The key of item i of the items at of (NULL: none). */
typedef const char *(*keyer)(ctx *x, const void *of, size_t i);
/* The keys item i of the items at of had before, into *was (renamed_from),
 * how many. */
typedef size_t (*waser)(const void *of, size_t i, char *const **was);

/* Items of a and of b paired by their keys: at[j] is the position in a
 * of b's item j, or -1; used[i] whether a's item i is paired. */
typedef struct pairs {
	long *at;
	bool *used;
} pairs;

static void pairs_free(pairs *p)
{
	bc_free(p->at);
	bc_free(p->used);
}

/* b's item j paired with a's of key k, when a has one not yet paired. */
static bool pair_one(const bc_strmap *m, const char *k, pairs *p, size_t j)
{
	size_t i;
	if (!k || !bc_strmap_get(m, k, &i) || p->used[i])
		return false;
	p->at[j] = (long)i;
	p->used[i] = true;
	return true;
}

/* Pairs by key; with was (NULL: none), an item of b first with the one
 * of a it says it was, so that an id a rename left behind is not taken
 * for the item that now bears it. */
static bool pair(ctx *x, keyer key, waser was, const void *a, size_t na,
		 const void *b, size_t nb, pairs *p)
{
	bc_strmap m = BC_STRMAP_INIT;
	p->at = bc_malloc((nb ? nb : 1) * sizeof *p->at);
	p->used = bc_calloc(na ? na : 1, sizeof *p->used);
	if (!p->at || !p->used)
		x->e = BC_ERR_NOMEM;
	for (size_t i = 0; i < na && x->e == BC_OK; i++) {
		const char *k = key(x, a, i);
		if (k && bc_strmap_add(&m, k, i, NULL) < 0)
			x->e = BC_ERR_NOMEM;
	}
	for (size_t j = 0; j < nb && x->e == BC_OK; j++) {
		char *const *w = NULL;
		size_t n = was ? was(b, j, &w) : 0, k = 0;
		p->at[j] = -1;
		while (k < n && !pair_one(&m, w[k], p, j))
			k++;
	}
	for (size_t j = 0; j < nb && x->e == BC_OK; j++)
		if (p->at[j] < 0)
			pair_one(&m, key(x, b, j), p, j);
	bc_strmap_free(&m);
	if (x->e == BC_OK)
		return true;
	pairs_free(p);
	return false;
}

static const char *field_key(ctx *x, const void *of, size_t i)
{
	(void)x;
	return ((const bc_field *)of)[i].id;
}

static size_t field_was(const void *of, size_t i, char *const **was)
{
	const bc_field *f = &((const bc_field *)of)[i];
	*was = f->renamed_from;
	return f->n_renamed_from;
}

static const char *text_key(ctx *x, const void *of, size_t i)
{
	(void)x;
	return ((char *const *)of)[i];
}

static const char *indicator_key(ctx *x, const void *of, size_t i)
{
	(void)x;
	return ((const bc_indicator *)of)[i].id;
}

/* A check is the condition as written, on its field. */
static const char *check_key(ctx *x, const void *of, size_t i)
{
	const bc_check *c = &((const bc_check *)of)[i];
	const char *f = c->field ? c->field : "";
	size_t n = strlen(f) + strlen(c->text) + 2;
	char *k = bc_arena_alloc(&x->d->mem, n);
	if (!k) {
		x->e = BC_ERR_NOMEM;
		return NULL;
	}
	snprintf(k, n, "%s\x1f%s", f, c->text);
	return k;
}

/* A carry is the field it checks (of is the form). */
static const char *carry_key(ctx *x, const void *of, size_t i)
{
	const bc_form *f = of;
	(void)x;
	return f->fields[f->carries[i].field].id;
}

/* ---- what the JSON of `rules show` leaves out ---------------------------- */

/* `{ column = { values } }` of a when or where over columns cols. */
static json_t *whens_json(ctx *x, const bc_whens *w, const bc_field *cols)
{
	json_t *o = made(x, json_object());
	for (size_t i = 0; o && i < w->n; i++) {
		json_t *v = made(x, json_array());
		for (size_t k = 0; v && k < w->v[i].n_values; k++)
			bc_json_push(&x->e, v, json_string(w->v[i].values[k]));
		bc_json_set(&x->e, o, cols[w->v[i].col].id, v);
	}
	return o;
}

/* A pattern as the rules write it: a byte that is no UTF-8 as \ddd, so
 * that any pattern is a JSON string. */
static json_t *pattern_json(ctx *x, const char *p)
{
	if (bc_utf8_valid(p, strlen(p), NULL))
		return made(x, json_string(p));
	size_t n = 4 * strlen(p) + 1, o = 0;
	char *s = bc_malloc(n);
	if (!s) {
		x->e = BC_ERR_NOMEM;
		return NULL;
	}
	for (const unsigned char *c = (const unsigned char *)p; *c; c++)
		o += (size_t)snprintf(s + o, n - o, *c < 0x80 ? "%c" : "\\%u",
				      *c);
	json_t *v = made(x, json_string(s));
	bc_free(s);
	return v;
}

/* Field (or column) f as `rules show --json` shows it (shown, borrowed),
 * with what that leaves out; cols are its table's columns, for a
 * column's required_when.  New reference. */
static json_t *field_item(ctx *x, const bc_field *f, const bc_field *cols,
			  json_t *shown)
{
	json_t *o = made(x, json_copy(shown));
	if (!o)
		return NULL;
	if (f->example)
		bc_json_set(&x->e, o, "example", json_string(f->example));
	if (f->in_window_warn)
		bc_json_set(&x->e, o, "in_window", json_string("warn"));
	if (f->required_when.n)
		bc_json_set(&x->e, o, "required_when",
			    whens_json(x, &f->required_when, cols));
	if (f->pattern)
		bc_json_set(&x->e, o, "pattern", pattern_json(x, f->pattern));
	return o;
}

/* A check as its key shows it, with what it applies to. */
static json_t *check_item(ctx *x, const bc_check *k, const bc_field *cols)
{
	json_t *o = made(x, json_pack("{s:s, s:s}", "condition", k->text,
				      "severity",
				      k->severity == BC_ERROR ? "error"
							      : "warning"));
	if (o && k->field)
		bc_json_set(&x->e, o, "field", json_string(k->field));
	if (o && k->message)
		bc_json_set(&x->e, o, "message", json_string(k->message));
	if (o && k->when.n)
		bc_json_set(&x->e, o, "when", whens_json(x, &k->when, cols));
	return o;
}

/* ---- the parts of a form -------------------------------------------------- */

/* Where a field's changes are: a field of form, or a column of table. */
static bc_change field_change(const bc_form *form, const bc_field *table,
			      const bc_field *f)
{
	return (bc_change){.what = table ? BC_CW_COLUMN : BC_CW_FIELD,
			   .form = form,
			   .field = table ? table : f,
			   .column = table ? f : NULL,
			   .id = f->id,
			   .label = f->label};
}

/* An enum's choices, by id: added, removed, or labelled anew. */
static void choices(ctx *x, const bc_change *where, const bc_field *fa,
		    const bc_field *fb)
{
	pairs p;
	if (!pair(x, text_key, NULL, fa->values, fa->n_values, fb->values,
		  fb->n_values, &p))
		return;
	bc_change c = *where;
	c.what = BC_CW_CHOICE;
	for (size_t j = 0; j < fb->n_values; j++) {
		c.id = fb->values[j];
		c.label = fb->value_labels[j];
		if (p.at[j] < 0)
			item(x, c, BC_CH_ADDED, json_string(c.label));
		else if (strcmp(fa->value_labels[p.at[j]], c.label))
			changed_text(x, c, "label", fa->value_labels[p.at[j]],
				     c.label);
	}
	for (size_t i = 0; i < fa->n_values; i++)
		if (!p.used[i]) {
			c.id = fa->values[i];
			c.label = fa->value_labels[i];
			item(x, c, BC_CH_REMOVED, json_string(c.label));
		}
	pairs_free(&p);
}

/* The field of form f a check is on, or NULL: where a check of a
 * field is (a row check's is its table, where says). */
static const bc_field *check_field(const bc_form *f, const bc_check *k,
				   const bc_change *where)
{
	int i = f && k->field ? bc_field_index(f->fields, f->n_fields, k->field)
			      : -1;
	return i >= 0 ? &f->fields[i] : where->field;
}

/* Checks by their condition and field, of forms fa and fb (or a table's
 * row checks, of columns cols, the forms NULL): added, removed, or with
 * another severity, message or when. */
static void checks(ctx *x, const bc_change *where, const bc_form *fa,
		   const bc_check *va, size_t na, const bc_field *cols_a,
		   const bc_form *fb, const bc_check *vb, size_t nb,
		   const bc_field *cols_b)
{
	static const char *const skip[] = {"condition", "field", NULL};
	pairs p;
	if (!pair(x, check_key, NULL, va, na, vb, nb, &p))
		return;
	bc_change c = *where;
	c.what = BC_CW_CHECK;
	for (size_t j = 0; j < nb && x->e == BC_OK; j++) {
		c.id = c.label = vb[j].text;
		c.field = check_field(fb, &vb[j], where);
		paired(x, &c, p.at[j] >= 0,
		       p.at[j] >= 0 ? check_item(x, &va[p.at[j]], cols_a) : NULL,
		       check_item(x, &vb[j], cols_b), skip);
	}
	for (size_t i = 0; i < na; i++)
		if (!p.used[i]) {
			c.id = c.label = va[i].text;
			c.field = check_field(fa, &va[i], where);
			item(x, c, BC_CH_REMOVED, check_item(x, &va[i], cols_a));
		}
	pairs_free(&p);
}

static void fields(ctx *x, const bc_form *form, const bc_field *table,
		   const bc_field *va, size_t na, json_t *ja,
		   const bc_field *vb, size_t nb, json_t *jb);

/* A field (or a column of table) in both: its keys, its choices, and a
 * table's columns and row checks.  cols_a and cols_b are the columns a
 * column is among, in a and in b (NULL for a field). */
static void field_diff(ctx *x, const bc_form *form, const bc_field *table,
		       const bc_field *cols_a, const bc_field *fa, json_t *ja,
		       const bc_field *cols_b, const bc_field *fb, json_t *jb)
{
	/* A rename says what it was renamed from. */
	static const char *const skip[] = {"id",     "columns",
					   "row_checks", "values",
					   "value_labels", NULL},
				 *const skip_renamed[] = {
					 "id",	       "columns",
					 "row_checks", "values",
					 "value_labels", "renamed_from", NULL};
	bc_change c = field_change(form, table, fb);
	bool was_other = strcmp(fa->id, fb->id) != 0;
	json_t *a = field_item(x, fa, cols_a, ja);
	json_t *b = field_item(x, fb, cols_b, jb);
	renamed(x, c, fa->id);
	if (a && b)
		attrs(x, &c, a, b, was_other ? skip_renamed : skip, "");
	json_decref(a);
	json_decref(b);
	choices(x, &c, fa, fb);
	if (table || (!fa->n_columns && !fb->n_columns))
		return;
	fields(x, form, fb, fa->columns, fa->n_columns,
	       json_object_get(ja, "columns"), fb->columns, fb->n_columns,
	       json_object_get(jb, "columns"));
	checks(x, &c, NULL, fa->row_checks, fa->n_row_checks, fa->columns,
	       NULL, fb->row_checks, fb->n_row_checks, fb->columns);
}

/* A form's fields, or a table's columns (table not NULL), with their
 * JSON (arrays ja and jb, in the same order). */
static void fields(ctx *x, const bc_form *form, const bc_field *table,
		   const bc_field *va, size_t na, json_t *ja,
		   const bc_field *vb, size_t nb, json_t *jb)
{
	/* A column's required_when names the columns beside it. */
	const bc_field *cols_a = table ? va : NULL, *cols_b = table ? vb : NULL;
	pairs p;
	if (!pair(x, field_key, field_was, va, na, vb, nb, &p))
		return;
	for (size_t j = 0; j < nb && x->e == BC_OK; j++) {
		json_t *b = json_array_get(jb, j);
		size_t i = (size_t)p.at[j];
		if (p.at[j] < 0)
			item(x, field_change(form, table, &vb[j]), BC_CH_ADDED,
			     field_item(x, &vb[j], cols_b, b));
		else
			field_diff(x, form, table, cols_a, &va[i],
				   json_array_get(ja, i), cols_b, &vb[j], b);
	}
	for (size_t i = 0; i < na && x->e == BC_OK; i++)
		if (!p.used[i])
			item(x, field_change(form, table, &va[i]),
			     BC_CH_REMOVED,
			     field_item(x, &va[i], cols_a,
					json_array_get(ja, i)));
	pairs_free(&p);
}

/* An indicator as shown (borrowed), with the rows its where selects. */
static json_t *indicator_item(ctx *x, const bc_form *f, size_t i,
			      json_t *shown)
{
	const bc_indicator *k = &f->indicators[i];
	json_t *o = made(x, json_copy(shown));
	if (o && k->rows >= 0 && k->where.n)
		bc_json_set(&x->e, o, "where",
			    whens_json(x, &k->where, f->fields[k->rows].columns));
	return o;
}

static void indicators(ctx *x, const bc_form *fa, json_t *ja,
		       const bc_form *fb, json_t *jb)
{
	static const char *const skip[] = {"id", NULL};
	pairs p;
	if (!pair(x, indicator_key, NULL, fa->indicators, fa->n_indicators,
		  fb->indicators, fb->n_indicators, &p))
		return;
	bc_change c = {.what = BC_CW_INDICATOR, .form = fb};
	for (size_t j = 0; j < fb->n_indicators && x->e == BC_OK; j++) {
		size_t i = (size_t)p.at[j];
		c.id = fb->indicators[j].id;
		c.label = fb->indicators[j].label;
		paired(x, &c, p.at[j] >= 0,
		       p.at[j] >= 0 ? indicator_item(x, fa, i,
						     json_array_get(ja, i))
				    : NULL,
		       indicator_item(x, fb, j, json_array_get(jb, j)), skip);
	}
	for (size_t i = 0; i < fa->n_indicators; i++)
		if (!p.used[i]) {
			c.id = fa->indicators[i].id;
			c.label = fa->indicators[i].label;
			item(x, c, BC_CH_REMOVED,
			     indicator_item(x, fa, i, json_array_get(ja, i)));
		}
	pairs_free(&p);
}

static json_t *carry_item(const bc_form *f, size_t i)
{
	const bc_carry *k = &f->carries[i];
	return json_pack("{s:s, s:s}", "field", f->fields[k->field].id, "from",
			 f->fields[k->from].id);
}

/* Carries by the field they check: added, removed, or from another. */
static void carries(ctx *x, const bc_form *fa, const bc_form *fb)
{
	static const char *const skip[] = {"field", NULL};
	pairs p;
	if (!pair(x, carry_key, NULL, fa, fa->n_carries, fb, fb->n_carries,
		  &p))
		return;
	bc_change c = {.what = BC_CW_CARRY, .form = fb};
	for (size_t j = 0; j < fb->n_carries && x->e == BC_OK; j++) {
		const bc_field *f = &fb->fields[fb->carries[j].field];
		c.field = f;
		c.id = f->id;
		c.label = f->label;
		paired(x, &c, p.at[j] >= 0,
		       p.at[j] >= 0 ? carry_item(fa, (size_t)p.at[j]) : NULL,
		       carry_item(fb, j), skip);
	}
	for (size_t i = 0; i < fa->n_carries; i++)
		if (!p.used[i]) {
			const bc_field *f = &fa->fields[fa->carries[i].field];
			c.field = f;
			c.id = f->id;
			c.label = f->label;
			item(x, c, BC_CH_REMOVED, carry_item(fa, i));
		}
	pairs_free(&p);
}

/* A form in both, ja and jb as `rules show --json` shows them. */
static void form_diff(ctx *x, const bc_form *fa, json_t *ja,
		      const bc_form *fb, json_t *jb)
{
	static const char *const skip[] = {"id", "fields", "checks",
					   "indicators", NULL},
				 *const skip_renamed[] = {
					 "id",	       "fields",       "checks",
					 "indicators", "renamed_from", NULL};
	bc_change c = {.what = BC_CW_FORM, .form = fb, .id = fb->id,
		       .label = fb->name};
	renamed(x, c, fa->id);
	attrs(x, &c, ja, jb, strcmp(fa->id, fb->id) ? skip_renamed : skip, "");
	fields(x, fb, NULL, fa->fields, fa->n_fields,
	       json_object_get(ja, "fields"), fb->fields, fb->n_fields,
	       json_object_get(jb, "fields"));
	c = (bc_change){.form = fb};
	checks(x, &c, fa, fa->checks, fa->n_checks, NULL, fb, fb->checks,
	       fb->n_checks, NULL);
	indicators(x, fa, json_object_get(ja, "indicators"), fb,
		   json_object_get(jb, "indicators"));
	carries(x, fa, fb);
}

static const char *form_key(ctx *x, const void *of, size_t i)
{
	(void)x;
	return ((const bc_form *)of)[i].id;
}

static size_t form_was(const void *of, size_t i, char *const **was)
{
	const bc_form *f = &((const bc_form *)of)[i];
	*was = f->renamed_from;
	return f->n_renamed_from;
}

/* Forms by id, or by the id one says it was renamed from; each of a's
 * noted with the form of b it became. */
static void forms(ctx *x)
{
	const bc_ruleset *a = x->d->a, *b = x->d->b;
	pairs p;
	if (!pair(x, form_key, form_was, a->forms, a->n_forms, b->forms,
		  b->n_forms, &p))
		return;
	for (size_t j = 0; j < b->n_forms; j++)
		if (p.at[j] >= 0)
			x->form_now[p.at[j]] = &b->forms[j];
	for (size_t j = 0; j < b->n_forms && x->e == BC_OK; j++) {
		const bc_form *fb = &b->forms[j];
		bc_change c = {.what = BC_CW_FORM, .form = fb, .id = fb->id,
			       .label = fb->name};
		json_t *jb = made(x, bc_item_json(b, BC_REG_FORM, j));
		if (p.at[j] < 0) {
			item(x, c, BC_CH_ADDED, jb);
			continue;
		}
		size_t i = (size_t)p.at[j];
		json_t *ja = made(x, bc_item_json(a, BC_REG_FORM, i));
		if (ja && jb)
			form_diff(x, &a->forms[i], ja, fb, jb);
		json_decref(ja);
		json_decref(jb);
	}
	for (size_t i = 0; i < a->n_forms && x->e == BC_OK; i++)
		if (!p.used[i]) {
			const bc_form *fa = &a->forms[i];
			bc_change c = {.what = BC_CW_FORM, .form = fa,
				       .id = fa->id, .label = fa->name};
			item(x, c, BC_CH_REMOVED,
			     bc_item_json(a, BC_REG_FORM, i));
		}
	pairs_free(&p);
}

/* ---- what has an id and no parts ------------------------------------------ */

/* The index of item it of kind k in rs. */
static size_t index_of(const bc_ruleset *rs, bc_reg_kind k, const void *it)
{
	size_t n;
	const char *v = bc_ruleset_items(rs, k, &n);
	return (size_t)((const char *)it - v) / bc_registry[k].size;
}

/* The items of kind k, by the id their JSON gives under idkey, compared
 * key by key; people read them by labelkey. */
static void items(ctx *x, bc_reg_kind k, bc_change_what what,
		  const char *idkey, const char *labelkey)
{
	const bc_ruleset *a = x->d->a, *b = x->d->b;
	const char *const skip[] = {idkey, NULL};
	size_t na, nb;
	bc_ruleset_items(a, k, &na);
	bc_ruleset_items(b, k, &nb);
	for (size_t j = 0; j < nb && x->e == BC_OK; j++) {
		json_t *jb = made(x, bc_item_json(b, k, j));
		const char *id = json_string_value(json_object_get(jb, idkey));
		bc_change c = {.what = what, .id = keep(x, id),
			       .label = keep(x, json_string_value(json_object_get(
						       jb, labelkey)))};
		const void *it = id ? bc_ruleset_find(a, k, id) : NULL;
		paired(x, &c, it != NULL,
		       it ? bc_item_json(a, k, index_of(a, k, it)) : NULL, jb,
		       skip);
	}
	for (size_t i = 0; i < na && x->e == BC_OK; i++) {
		json_t *ja = made(x, bc_item_json(a, k, i));
		const char *id = json_string_value(json_object_get(ja, idkey));
		if (!ja || (id && bc_ruleset_find(b, k, id))) {
			json_decref(ja);
			continue;
		}
		bc_change c = {.what = what, .id = keep(x, id),
			       .label = keep(x, json_string_value(json_object_get(
						       ja, labelkey)))};
		item(x, c, BC_CH_REMOVED, ja);
	}
}

static void directive(ctx *x)
{
	static const char *const skip[] = {"id", "hash", NULL};
	/* In a rulebook of its own, in force as it declares: another
	 * ruleset's supersedes is no change of this one. */
	bc_rulebook alone = {0};
	json_t *ja = made(x, bc_directive_json(&alone, x->d->a));
	json_t *jb = made(x, bc_directive_json(&alone, x->d->b));
	bc_change c = {.what = BC_CW_DIRECTIVE};
	if (ja && jb)
		attrs(x, &c, ja, jb, skip, "");
	json_decref(ja);
	json_decref(jb);
}

/* ---- who owes what ----------------------------------------------------------- */

/* Ids in the order first met, each once. */
typedef struct idlist {
	const char **v;
	size_t n, cap;
	bc_strmap seen;
} idlist;

static void idlist_add(ctx *x, idlist *l, const char *id)
{
	int r = x->e == BC_OK ? bc_strmap_add(&l->seen, id, l->n, NULL) : 0;
	if (r > 0 && bc_grow((void **)&l->v, &l->cap, l->n + 1,
			     sizeof *l->v) == 0)
		l->v[l->n++] = id;
	else if (r != 0)
		x->e = BC_ERR_NOMEM;
}

static void idlist_free(idlist *l)
{
	bc_free(l->v);
	bc_strmap_free(&l->seen);
}

/* Part p of rs by the id it has in b: a form of a renamed in b is owed
 * under its new id. */
static const char *part_now(const ctx *x, const bc_ruleset *rs,
			    const char *p)
{
	const bc_form *f = rs == x->d->a ? bc_ruleset_form(rs, p) : NULL;
	const bc_form *now = f ? x->form_now[f - rs->forms] : NULL;
	return now ? now->id : p;
}

/* What a unit of kind (or with role) owes under rs, the union of its
 * responsibilities: parts and sections. */
static void owed_by(ctx *x, const bc_ruleset *rs, const char *kind,
		    const char *role, idlist *parts, idlist *sections)
{
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		bool mine = role ? u->role && !strcmp(u->role, role) : false;
		for (size_t k = 0; kind && k < u->n_kinds; k++)
			mine |= !strcmp(u->kinds[k], kind);
		for (size_t k = 0; mine && k < u->n_parts; k++)
			idlist_add(x, parts, part_now(x, rs, u->parts[k]));
		for (size_t k = 0; mine && k < u->n_sections; k++)
			idlist_add(x, sections, u->sections[k]);
	}
}

/* Ids of la and not of lb into changes (op) of c, each labelled by rs
 * (a part by b, which names a renamed form). */
static void owed_apart(ctx *x, bc_change c, bc_change_op op,
		       const idlist *la, const idlist *lb,
		       const bc_ruleset *rs)
{
	for (size_t i = 0; i < la->n; i++) {
		size_t k;
		if (bc_strmap_get(&lb->seen, la->v[i], &k))
			continue;
		c.id = la->v[i];
		if (c.what == BC_CW_OWED_PART) {
			c.label = bc_ruleset_part_name(
				bc_ruleset_part(x->d->b, c.id) ? x->d->b : rs,
				c.id);
		} else {
			const bc_section *s = bc_ruleset_section(rs, c.id);
			c.label = s ? s->title : c.id;
		}
		c.op = op;
		put(x, c);
	}
}

/* What one unit kind or role owes more or less in b than in a. */
static void owed_diff(ctx *x, const char *kind, const char *role,
		      const char *label)
{
	idlist pa = {0}, pb = {0}, sa = {0}, sb = {0};
	owed_by(x, x->d->a, kind, role, &pa, &sa);
	owed_by(x, x->d->b, kind, role, &pb, &sb);
	bc_change c = {.what = BC_CW_OWED_PART, .kind = kind, .role = role,
		       .who_label = label};
	if (x->e == BC_OK) {
		owed_apart(x, c, BC_CH_ADDED, &pb, &pa, x->d->b);
		owed_apart(x, c, BC_CH_REMOVED, &pa, &pb, x->d->a);
		c.what = BC_CW_OWED_SECTION;
		owed_apart(x, c, BC_CH_ADDED, &sb, &sa, x->d->b);
		owed_apart(x, c, BC_CH_REMOVED, &sa, &sb, x->d->a);
	}
	idlist_free(&pa);
	idlist_free(&pb);
	idlist_free(&sa);
	idlist_free(&sb);
}

/* Each unit kind, then each role, of b and then of a alone. */
static void owed(ctx *x)
{
	const bc_ruleset *a = x->d->a, *b = x->d->b;
	for (size_t i = 0; i < b->n_kinds; i++)
		owed_diff(x, b->kinds[i].id, NULL, b->kinds[i].label);
	for (size_t i = 0; i < a->n_kinds; i++)
		if (!bc_ruleset_kind(b, a->kinds[i].id))
			owed_diff(x, a->kinds[i].id, NULL, a->kinds[i].label);
	for (size_t i = 0; i < b->n_roles; i++)
		owed_diff(x, NULL, b->roles[i].id, b->roles[i].label);
	for (size_t i = 0; i < a->n_roles; i++)
		if (!bc_ruleset_role(b, a->roles[i].id))
			owed_diff(x, NULL, a->roles[i].id, a->roles[i].label);
}

/* The keys the rules word differently (NULL: baocao's own words). */
static void wording(ctx *x)
{
	for (size_t k = 0; k < BC_W_N; k++) {
		const char *ta = x->d->a->wording.text[k],
			   *tb = x->d->b->wording.text[k];
		if (ta == tb || (ta && tb && !strcmp(ta, tb)))
			continue;
		const char *name = bc_wkey_name((bc_wkey)k);
		bc_change c = {.what = BC_CW_WORDING, .id = name,
			       .label = name};
		changed_text(x, c, NULL, ta, tb);
	}
}

/* A word of document{} that differs, as document.WHAT.WORD (NULL: not
 * given, baocao's own words). */
static void doc_text(ctx *x, const char *what, const char *word,
		     const char *ta, const char *tb)
{
	char id[160];
	if (ta == tb || (ta && tb && !strcmp(ta, tb)))
		return;
	snprintf(id, sizeof id, "document.%s", what);
	const char *kept = keep(x, id);
	bc_change c = {.what = BC_CW_WORDING, .id = kept, .label = kept};
	if (kept)
		changed_text(x, c, word, ta, tb);
}

static void doc_set(ctx *x, const char *what, const bc_docset *a,
		    const bc_docset *b)
{
	for (int w = 0; w < BC_DW_N; w++)
		doc_text(x, what, bc_dword_name((bc_dword)w),
			 a ? a->text[w] : NULL, b ? b->text[w] : NULL);
}

/* The words of one document: its own, then each issuing kind's, those
 * of b first, then those only a has. */
static void doc_words(ctx *x, bc_dockind k)
{
	const bc_docwords_of *a = &x->d->a->docwords.doc[k],
			     *b = &x->d->b->docwords.doc[k];
	char what[128];
	doc_set(x, bc_dockind_name(k), &a->all, &b->all);
	for (size_t i = 0; i < b->n_by_kind + a->n_by_kind; i++) {
		bool in_b = i < b->n_by_kind;
		const bc_docset_for *f = in_b ? &b->by_kind[i]
					      : &a->by_kind[i - b->n_by_kind];
		const bc_docset_for *o = NULL;
		const bc_docwords_of *other = in_b ? a : b;
		for (size_t j = 0; j < other->n_by_kind && !o; j++)
			if (!strcmp(other->by_kind[j].kind, f->kind))
				o = &other->by_kind[j];
		if (!in_b && o)
			continue; /* compared from b's side */
		snprintf(what, sizeof what, "%s.%s", bc_dockind_name(k),
			 f->kind);
		doc_set(x, what, in_b ? (o ? &o->w : NULL) : &f->w,
			in_b ? &f->w : NULL);
	}
}

/* How a unit kind heads a document: its body and the line above. */
static void doc_namings(ctx *x)
{
	const bc_ruleset *a = x->d->a, *b = x->d->b;
	char what[128];
	for (size_t i = 0; i < b->docwords.n_issuers; i++) {
		const bc_doc_naming *nb = &b->docwords.issuers[i],
				    *na = bc_doc_naming_of(a, nb->kind);
		snprintf(what, sizeof what, "issuers.%s", nb->kind);
		doc_text(x, what, "body", na ? na->body : NULL, nb->body);
		doc_text(x, what, "above", na ? na->above : NULL, nb->above);
	}
	for (size_t i = 0; i < a->docwords.n_issuers; i++) {
		const bc_doc_naming *na = &a->docwords.issuers[i];
		if (bc_doc_naming_of(b, na->kind))
			continue;
		snprintf(what, sizeof what, "issuers.%s", na->kind);
		doc_text(x, what, "body", na->body, NULL);
		doc_text(x, what, "above", na->above, NULL);
	}
}

/* How running text names each period type. */
static void doc_periods(ctx *x)
{
	const bc_ruleset *a = x->d->a, *b = x->d->b;
	for (size_t i = 0; i < b->docwords.n_periods; i++) {
		const bc_doc_period *p = &b->docwords.periods[i];
		doc_text(x, "periods", p->type,
			 bc_doc_period_name(a, p->type), p->name);
	}
	for (size_t i = 0; i < a->docwords.n_periods; i++) {
		const bc_doc_period *p = &a->docwords.periods[i];
		if (!bc_doc_period_name(b, p->type))
			doc_text(x, "periods", p->type, p->name, NULL);
	}
}

/* What document{} words differently. */
static void document(ctx *x)
{
	doc_namings(x);
	doc_periods(x);
	for (int k = 0; k < BC_DOC_N; k++)
		doc_words(x, (bc_dockind)k);
}

bc_err bc_ruleset_diff(const bc_ruleset *a, const bc_ruleset *b,
		       bc_rsdiff *out)
{
	*out = (bc_rsdiff){.a = a, .b = b};
	ctx x = {out, BC_OK, bc_calloc(a->n_forms ? a->n_forms : 1,
				       sizeof *x.form_now)};
	if (!x.form_now)
		return BC_ERR_NOMEM;
	directive(&x);
	items(&x, BC_REG_PERIOD_TYPE, BC_CW_PERIOD_TYPE, "code", "label");
	items(&x, BC_REG_LEVEL, BC_CW_LEVEL, "id", "label");
	items(&x, BC_REG_UNIT_KIND, BC_CW_UNIT_KIND, "id", "label");
	items(&x, BC_REG_ROLE, BC_CW_ROLE, "id", "label");
	items(&x, BC_REG_CHANNEL, BC_CW_CHANNEL, "id", "label");
	forms(&x);
	items(&x, BC_REG_SECTION, BC_CW_SECTION, "id", "title");
	owed(&x);
	wording(&x);
	document(&x);
	bc_free(x.form_now);
	return x.e;
}

void bc_rsdiff_free(bc_rsdiff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		json_decref(d->v[i].before);
		json_decref(d->v[i].after);
	}
	bc_free(d->v);
	bc_arena_free(&d->mem);
	*d = (bc_rsdiff){0};
}

/* ---- as JSON --------------------------------------------------------------- */

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *change_json(bc_err *e, const bc_change *c)
{
	json_t *by = c->kind   ? json_pack("{s:s}", "unit_kind", c->kind)
		     : c->role ? json_pack("{s:s}", "role", c->role)
			       : json_null();
	json_t *o = json_pack(
		"{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:O, s:O, s:o}", "change",
		op_names[c->op], "what", what_names[c->what], "form",
		text_or_null(c->form ? c->form->id : NULL), "field",
		text_or_null(c->field ? c->field->id : NULL), "column",
		text_or_null(c->column ? c->column->id : NULL), "id",
		text_or_null(c->id), "key", text_or_null(c->key), "before",
		c->before ? c->before : json_null(), "after",
		c->after ? c->after : json_null(), "owed_by", by);
	return bc_json_made(e, o);
}

static json_t *side_json(const bc_ruleset *rs)
{
	return json_pack("{s:s, s:s}", "ruleset", rs->id, "hash", rs->hash);
}

json_t *bc_rsdiff_json(const bc_rsdiff *d)
{
	bc_err e = BC_OK;
	json_t *changes = bc_json_made(&e, json_array());
	for (size_t i = 0; changes && i < d->n; i++)
		bc_json_push(&e, changes, change_json(&e, &d->v[i]));
	json_t *o = bc_json_made(&e, json_object());
	bc_json_set(&e, o, "a", side_json(d->a));
	bc_json_set(&e, o, "b", side_json(d->b));
	bc_json_set(&e, o, "changes", changes);
	return bc_json_whole(o, e);
}

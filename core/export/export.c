/* SPDX-License-Identifier: MIT */
#include "export.h"
#include "aggregate.h"
#include "csv_export.h"
#include "derive.h"
#include "export_host.h"
#include "host_cursor.h"
#include "frame_build.h"
#include "jsonset.h"
#include "json_export.h"
#include "jsonout.h"
#include "mem.h"
#include "outfile.h"
#include "period_json.h"
#include "plugin_load.h"
#include "ruleset_json.h"
#include "status.h"
#include "status_json.h"
#include "submission_export.h"
#include "formvals.h"
#include "twins.h"
#include "text.h"
#include "unit.h"
#include "vndoc.h"
#include "xlsx_export.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A connection of the export's snapshot for an exporter's own thread
 * (bc_host_reader_take): what it reads in it, and where it is. */
struct bc_host_reader {
	bc_store *st; /* NULL: none */
	const bc_period *period;
	bc_time until;
	bool in_force; /* bc_feed_in_force has run on st */
};

struct bc_host {
	json_t *model;
	bc_status status; /* the units' status, for a lean model and cursors */
	json_t *derived;  /* a derived period: the units' values */
	bc_store *st;
	const bc_period *period;
	bc_time now;
	bc_time until; /* revisions received by then count */
	bc_date date;  /* the document's */
	bc_doc_frame frame; /* the district's report of the period */
	const char *name; /* the exporter's, for messages */
	bc_outfile *of;   /* where the output goes */
	FILE *out;        /* its temporary file, opened at the first write */
	bc_diags *d;      /* the exporter's messages */
	bc_diags *io;     /* the export's: a failed write, said once */
	char **strs; /* strings handed to the plugin */
	size_t n_strs, cap_strs;
	void **mem; /* memory handed to the plugin */
	size_t n_mem, cap_mem;
	bc_err env; /* a read of the store, or memory, failed the exporter */
	const bc_progress *progress;
	const bc_export_sender *sender;
	bc_cursor *cursors; /* open passes of a plugin (host_cursor.h) */
	bool in_force; /* bc_feed_in_force has run for the feeds */
	bc_host_reader reader; /* a twin for the exporter's own reading */
	bool reader_back; /* the feeds read on it (bc_host_reader_back) */
	void *early; /* what the exporter started early (struct builtin) */
	void (*early_free)(void *early);
	bool keeps; /* the model's aggregate keeps the forms' own values */
	bc_formvals kept; /* which it kept, taken a form at a time */
};

/* ---- the model --------------------------------------------------------- */

/* The district: the unit at the top that collects; NULL for none. */
static const bc_unit *district_of(const bc_unit_list *ul,
				  const bc_ruleset *rs)
{
	for (size_t i = 0; i < ul->n; i++) {
		const bc_unit *u = &ul->v[i];
		const bc_unit_kind *k = bc_ruleset_kind(rs, u->kind);
		if (!u->parent && !(k && k->level))
			return u;
	}
	return NULL;
}

static json_t *units_json(bc_err *err, const bc_unit_list *ul,
			  const bc_ruleset *rs, json_t **district)
{
	json_t *a = bc_json_made(err, json_array());
	const bc_unit *top = district_of(ul, rs);
	*district = top ? bc_json_made(err, json_pack("{s:s, s:s, s:s}", "code",
						      top->code, "name",
						      top->name, "kind",
						      top->kind))
			: json_null();
	for (size_t i = 0; i < ul->n; i++) {
		const bc_unit *u = &ul->v[i];
		const bc_unit_kind *k = bc_ruleset_kind(rs, u->kind);
		const char *level = k ? k->level : NULL;
		bc_json_push(err, a,
			     json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:i}",
				       "code", u->code, "name", u->name, "kind",
				       u->kind, "level", level, "parent",
				       u->parent, "depth", u->depth));
	}
	return a;
}

/* The district's report of h's period (frame_build.h): issued by the
 * district, else by the unit the tree puts on top, dated the
 * document's date; the number and the signer left to the clerk. */
static bc_err frame_of(const bc_host *h, const bc_unit_list *ul,
			bc_doc_frame *out, bc_diags *d)
{
	const bc_unit *u = district_of(ul, h->period->rs);
	bc_doc_overrides o = BC_DOC_OVERRIDES_NONE;
	bc_unit none = {.code = "", .name = "", .kind = ""};
	if (!u)
		u = bc_doc_issuer(ul);
	o.date = h->date;
	return bc_doc_frame_build(h->period->rs, BC_DOC_REPORT, u ? u : &none,
				  bc_doc_parent(ul, u), h->period, &o, out, d);
}

static json_t *lines_json(bc_err *e, const bc_doc_lines *l)
{
	json_t *a = bc_json_made(e, json_array());
	for (size_t i = 0; a && i < l->n; i++)
		bc_json_push(e, a, bc_json_made(e, json_string(l->line[i])));
	return a;
}

/* The frame as the model gives it (document.frame): every element, ""
 * or [] for one the document does not have. */
static json_t *frame_json(bc_err *e, const bc_doc_frame *f)
{
	const struct {
		const char *key, *text;
	} one[] = {{"parent", f->parent},         {"number", f->number},
		   {"about", f->about},           {"nation", f->nation},
		   {"motto", f->motto},           {"place_date", f->place_date},
		   {"type", f->type},             {"signer_title", f->signer_title},
		   {"signer_name", f->signer_name},
		   {"recipients_head", f->recipients_head}};
	const struct {
		const char *key;
		const bc_doc_lines *l;
	} many[] = {{"body", &f->body},           {"title", &f->title},
		    {"to", &f->to},               {"authority", &f->authority},
		    {"recipients", &f->recipients}};
	json_t *o = bc_json_made(e, json_object());
	for (size_t i = 0; o && i < sizeof one / sizeof *one; i++)
		bc_json_set(e, o, one[i].key,
			    bc_json_made(e, json_string(one[i].text ? one[i].text
								    : "")));
	for (size_t i = 0; o && i < sizeof many / sizeof *many; i++)
		bc_json_set(e, o, many[i].key, lines_json(e, many[i].l));
	return o;
}

/* The words exporters write around the figures: the ruleset's wording
 * (wording.h), every key there, and the words of Vietnamese documents
 * (vndoc.h) as "document", with the frame of the district's report
 * (document.frame). */
static void words_json(bc_err *e, json_t *model, const bc_ruleset *rs,
		       const bc_doc_frame *frame)
{
	json_t *doc = bc_json_made(e, json_object());
	for (int w = 0; doc && w < BC_VN_N; w++)
		bc_json_set(e, doc, bc_vndoc_key((bc_vnword)w),
			    bc_json_made(e, json_string(bc_vndoc_word(
						    (bc_vnword)w))));
	if (doc)
		bc_json_set(e, doc, "frame", frame_json(e, frame));
	bc_json_set(e, model, "document", doc);
	bc_json_set(e, model, "wording", bc_json_made(e, bc_wording_json(rs, 1)));
}

static json_t *levels_json(bc_err *err, const bc_ruleset *rs)
{
	json_t *a = bc_json_made(err, json_array());
	for (size_t i = 0; i < rs->n_levels; i++)
		bc_json_push(err, a,
			     json_pack("{s:s, s:s}", "id", rs->levels[i].id,
				       "label", rs->levels[i].label));
	return a;
}

/* The making of an export's model: on the export's thread, or on one of
 * its own with a twin of the store (twins.h) for an exporter that starts
 * early (struct builtin).  That thread reads h's period, until, date and
 * now, which nothing changes meanwhile, and touches the job, its store,
 * the rulebook and its diagnostics, which the export's thread leaves
 * alone until it has joined it.  The export's thread reads the status
 * meanwhile when it can (status_apart), then makes the model's JSON of
 * both (model_pack) and puts it into h (model_take). */
typedef struct model_job {
	const bc_host *h;
	bc_store *st;
	bc_store *scan; /* a twin for the aggregate's second reader, or NULL */
	bc_rulebook *rb;
	bc_date as_of;
	int offset;
	bool lean;
	bool longest; /* the aggregate's "longest" (bc_agg_opts) */
	bc_formvals *keep; /* and its "keep": the host's, or NULL */
	bool status_apart; /* the export's thread reads the status */
	bc_diags *d;
	bc_unit_list ul;
	json_t *agg, *model, *derived;
	bc_status status;
	bc_doc_frame frame;
	bc_err rc;
} model_job;

/* What the model of the job's export is made of: the units, the frame,
 * the aggregate and, unless the export's thread reads it, the status. */
static bc_err model_read(model_job *j)
{
	bc_store *st = j->st;
	const bc_period *p = j->h->period;
	bc_diags *d = j->d;
	/* A derived period's values are computed with its aggregate: a
	 * lean exporter reads them from there (derived). */
	bc_agg_opts ao = {.compare = true,
			  .unit_values = !j->lean || p->derived,
			  .rows = !j->lean, .longest = j->longest,
			  .until = j->h->until, .twin = j->scan,
			  .units = &j->ul, .keep = j->keep};
	bc_err rc = bc_units_as_of(st, p->to, &j->ul, d);
	if (rc == BC_OK)
		rc = frame_of(j->h, &j->ul, &j->frame, d);
	if (rc == BC_OK)
		rc = bc_aggregate(st, j->rb, p->code, &ao, &j->agg, d);
	/* Kept for the cursors with a whole model too (a Lua exporter
	 * without stream may still open a pass). */
	if (rc == BC_OK && p->derived) {
		j->derived = json_incref(json_object_get(j->agg, "values"));
		if (j->lean)
			json_object_del(j->agg, "values");
	}
	if (rc == BC_OK && !j->status_apart)
		rc = bc_status_get(st, j->rb, p->code, j->as_of, &j->status, d);
	return rc;
}

/* The model of the job's export as of day as_of, whole, or lean: without
 * each unit's values, the tables' rows and each unit's status, which an
 * exporter reads a form, a table or a unit at a time instead (the status
 * kept either way, for the cursors). */
static bc_err model_pack(model_job *j)
{
	const bc_period *p = j->h->period;
	bc_err rc = BC_OK;
	json_t *district, *cat = bc_catalogue_json(p->rs);
	json_t *units = units_json(&rc, &j->ul, p->rs, &district);
	char at[BC_TIME_BUF];
	bc_time_format(j->h->now, j->offset, at);
	json_t *out = json_pack(
		"{s:o, s:o, s:o, s:o, s:O, s:O, s:o, s:o, s:o, s:s, s:s}",
		"period", bc_period_json(p), "district", district, "levels",
		levels_json(&rc, p->rs), "units", units, "forms",
		json_object_get(cat, "forms"), "outline",
		json_object_get(cat, "outline"), "aggregate", j->agg, "status",
		bc_status_json(&j->status, !j->lean), "date",
		bc_date_json(j->h->date), "generated_at", at, "ruleset",
		p->rs->id);
	j->agg = NULL;
	json_decref(cat);
	if (rc == BC_OK && !out)
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK)
		words_json(&rc, out, p->rs, &j->frame);
	if (rc == BC_OK)
		j->model = out;
	else
		json_decref(out);
	return rc;
}

static void *build_on(void *ud)
{
	model_job *j = ud;
	j->rc = model_read(j);
	return NULL;
}

/* What the job made, into h; whatever it made when it failed, freed. */
static bc_err model_take(bc_host *h, model_job *j)
{
	if (j->rc == BC_OK)
		j->rc = model_pack(j);
	if (j->rc == BC_OK) {
		h->model = j->model;
		h->derived = j->derived;
		h->status = j->status;
	} else {
		json_decref(j->model);
		json_decref(j->derived);
		bc_status_free(&j->status);
	}
	json_decref(j->agg);
	bc_unit_list_free(&j->ul);
	/* The frame even when the model failed: host_release frees it. */
	h->frame = j->frame;
	return j->rc;
}

/* ---- the host API ------------------------------------------------------ */

json_t *bc_host_at(json_t *v, const char *path)
{
	const char *p = path;
	while (v && *p) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			if (*end != ']' || i < 0)
				return NULL;
			v = json_array_get(v, (size_t)i);
			p = end + 1;
			continue;
		}
		size_t n = strcspn(p, ".[");
		char key[256];
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		p += n;
	}
	return v;
}

static const char *keep(bc_host *h, char *s)
{
	if (!s || bc_grow((void **)&h->strs, &h->cap_strs, h->n_strs + 1,
			  sizeof *h->strs) < 0) {
		bc_free(s);
		bc_host_nomem(h);
		return NULL;
	}
	h->strs[h->n_strs++] = s;
	return s;
}

const char *bc_host_text(json_t *v, char num[BC_HOST_NUM])
{
	if (bc_json_num_text(v, num, BC_HOST_NUM))
		return num;
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return NULL;
	}
}

int bc_host_number(json_t *v, double *out)
{
	if (!bc_json_is_num(v))
		return -1;
	*out = bc_json_num_value(v);
	return 0;
}

size_t bc_host_count(json_t *v)
{
	return json_is_array(v) ? json_array_size(v)
	       : json_is_object(v) ? json_object_size(v)
				   : 0;
}

const char *bc_host_key(json_t *v, size_t i)
{
	void *it = json_is_object(v) ? json_object_iter(v) : NULL;
	for (; it && i; i--)
		it = json_object_iter_next(v, it);
	return it ? json_object_iter_key(it) : NULL;
}

static const char *api_get(bc_host *h, const char *path)
{
	char num[BC_HOST_NUM];
	const char *t = bc_host_text(bc_host_at(h->model, path), num);
	return t == num ? keep(h, bc_strdup(num)) : t;
}

static int api_get_number(bc_host *h, const char *path, double *out)
{
	return bc_host_number(bc_host_at(h->model, path), out);
}

static size_t api_count(bc_host *h, const char *path)
{
	return bc_host_count(bc_host_at(h->model, path));
}

static const char *api_key(bc_host *h, const char *path, size_t i)
{
	return bc_host_key(bc_host_at(h->model, path), i);
}

static int api_write(bc_host *h, const void *buf, size_t len)
{
	if (bc_outfile_failed(h->of))
		return -1;
	if ((!h->out && !(h->out = fopen(bc_outfile_tmp(h->of), "wb"))) ||
	    (len && fwrite(buf, 1, len, h->out) != len)) {
		bc_outfile_fail(h->of, errno, h->io);
		return -1;
	}
	return 0;
}

static void api_error(bc_host *h, const char *msg)
{
	/* The built-in exporters' messages are in the catalogue; a
	 * plugin's are shown as it wrote them. */
	const char *m = msg ? msg : N_("failed");
	bc_said s;
	bc_said_make(&s, N_("exporter %s: "), h->name);
	bc_said_cat(&s, "", m);
	bc_diags_add_made(h->d, BC_ERROR, NULL, 0, s.msg, s.text);
}

static void *api_alloc(bc_host *h, size_t n)
{
	void *p = bc_malloc(n ? n : 1);
	if (!p || bc_grow((void **)&h->mem, &h->cap_mem, h->n_mem + 1,
			  sizeof *h->mem) < 0) {
		bc_free(p);
		bc_host_nomem(h);
		return NULL;
	}
	h->mem[h->n_mem++] = p;
	return p;
}

static void api_free(bc_host *h, void *p)
{
	for (size_t i = 0; p && i < h->n_mem; i++)
		if (h->mem[i] == p) {
			bc_free(p);
			h->mem[i] = h->mem[--h->n_mem];
			return;
		}
}

static const bc_host_api host_api = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.size = sizeof(bc_host_api),
	.get = api_get,
	.get_number = api_get_number,
	.count = api_count,
	.key = api_key,
	.write = api_write,
	.error = api_error,
	.alloc = api_alloc,
	.free = api_free,
	.open_units = bc_cursor_units,
	.open_values = bc_cursor_values,
	.open_rows = bc_cursor_rows,
	.open_status = bc_cursor_status,
	.next = bc_cursor_next,
	.item_get = bc_cursor_get,
	.item_number = bc_cursor_number,
	.item_count = bc_cursor_count,
	.item_key = bc_cursor_key,
	.close = bc_cursor_close,
};

json_t *bc_host_model(bc_host *h)
{
	return h->model;
}

const bc_period *bc_host_period(bc_host *h)
{
	return h->period;
}

const bc_status *bc_host_status(bc_host *h)
{
	return &h->status;
}

bc_cursor **bc_host_cursors(bc_host *h)
{
	return &h->cursors;
}

void bc_host_nomem(bc_host *h)
{
	if (h->env == BC_OK)
		h->env = BC_ERR_NOMEM;
}

/* After a read of the store that returned rc: the read's diagnostics
 * moved to the export's (they keep their file and line); whether it
 * went well. */
static bool fed(bc_host *h, bc_err rc, bc_diags *d)
{
	bc_diags_move(h->d, d);
	bc_diags_free(d);
	if (rc != BC_OK && h->env == BC_OK)
		h->env = rc;
	return rc == BC_OK;
}

/* v after such a read. */
static json_t *read_back(bc_host *h, bc_err rc, json_t *v, bc_diags *d)
{
	return fed(h, rc, d) ? v : NULL;
}

/* A derived period's values come from its aggregate, and it lists no
 * table's rows (derive.h): what the host has, or memory ran out. */
static json_t *derived_read(bc_host *h, json_t *v)
{
	if (!v)
		bc_host_nomem(h);
	return v;
}

json_t *bc_host_form_values(bc_host *h, const char *form)
{
	bc_diags d = BC_DIAGS_INIT;
	json_t *v = NULL;
	if (h->period->derived)
		return derived_read(h, bc_derive_form_values(h->derived, form));
	bc_err rc = bc_aggregate_form_values(h->st, h->period, h->until, form,
					     &v, &d);
	return read_back(h, rc, v, &d);
}

json_t *bc_host_unit_values(bc_host *h, const char *unit)
{
	bc_diags d = BC_DIAGS_INIT;
	json_t *v = NULL;
	if (h->period->derived)
		return derived_read(h, bc_derive_unit_values(h->derived, unit));
	bc_err rc = bc_aggregate_unit_values(h->st, h->period, h->until, unit,
					     &v, &d);
	return read_back(h, rc, v, &d);
}

json_t *bc_host_unit_rows(bc_host *h, const char *form, const char *table,
			  const char *unit)
{
	bc_diags d = BC_DIAGS_INIT;
	json_t *v = NULL;
	if (h->period->derived)
		return derived_read(h, json_array());
	bc_err rc = bc_aggregate_unit_rows(h->st, h->period, h->until, form,
					   table, unit, &v, &d);
	return read_back(h, rc, v, &d);
}

bool bc_host_table_shape(bc_host *h, const char *form, const char *table,
			 json_t **units, json_t **longest)
{
	bc_diags d = BC_DIAGS_INIT;
	if (h->period->derived) {
		*units = derived_read(h, json_object());
		*longest = derived_read(h, json_object());
		if (*units && *longest)
			return true;
		json_decref(*units);
		json_decref(*longest);
		return false;
	}
	bc_err rc = bc_aggregate_table_shape(h->st, h->period, h->until, form,
					     table, units, longest, &d);
	return read_back(h, rc, *units, &d) != NULL;
}

/* A derived period's values of form, from its aggregate, to fn. */
static bc_err derived_feed(bc_host *h, const char *form, bc_feed_value_fn fn,
			   void *ud)
{
	const bc_form *f = bc_ruleset_form(h->period->rs, form);
	json_t *all = bc_derive_form_values(h->derived, form), *fields, *v;
	const char *unit, *field;
	bc_err rc = all ? BC_OK : BC_ERR_NOMEM;
	json_object_foreach(all, unit, fields) {
		json_object_foreach(fields, field, v) {
			int i = f ? bc_field_index(f->fields, f->n_fields, field)
				  : -1;
			bc_cell c = bc_cell_of_json(v);
			if (i >= 0 && rc == BC_OK && !fn(ud, unit, (size_t)i, &c))
				rc = BC_ERR_NOMEM;
		}
	}
	json_decref(all);
	return rc;
}

/* The revisions the feeds read on st, found at the first (feed.h):
 * *found says whether they were. */
static bc_err in_force_on(bc_store *st, bool *found, const bc_period *p,
			  bc_time until, bc_diags *d)
{
	bc_err rc = *found ? BC_OK : bc_feed_in_force(st, p, until, d);
	*found = rc == BC_OK;
	return rc;
}

/* The connection the host's feeds read on, in *st, with its revisions
 * in force found: the reader's once the exporter gave it back, as it
 * found them already. */
static bc_err in_force(bc_host *h, bc_store **st, bc_diags *d)
{
	bc_host_reader *r = h->reader_back ? &h->reader : NULL;
	*st = r ? r->st : h->st;
	return in_force_on(*st, r ? &r->in_force : &h->in_force, h->period,
			   h->until, d);
}

bool bc_host_feed_form(bc_host *h, const char *form, bc_feed_value_fn fn,
		       void *ud)
{
	bc_diags d = BC_DIAGS_INIT;
	if (h->period->derived)
		return fed(h, derived_feed(h, form, fn, ud), &d);
	bc_store *st;
	bc_err rc = in_force(h, &st, &d);
	if (rc == BC_OK)
		rc = bc_feed_form_values(st, h->period, form, fn, ud, &d);
	return fed(h, rc, &d);
}

bc_host_reader *bc_host_reader_take(bc_host *h)
{
	return h->reader.st ? &h->reader : NULL;
}

bc_err bc_host_reader_feed_form(bc_host_reader *r, const char *form,
				bc_feed_value_fn fn, void *ud, bc_diags *d)
{
	bc_err rc = in_force_on(r->st, &r->in_force, r->period, r->until, d);
	return rc == BC_OK ? bc_feed_form_values(r->st, r->period, form, fn,
						 ud, d)
			   : rc;
}

void bc_host_reader_back(bc_host *h)
{
	h->reader_back = h->reader.st != NULL;
}

void bc_host_reader_ready(bc_host_reader *r, bc_diags *d)
{
	in_force_on(r->st, &r->in_force, r->period, r->until, d);
}

bool bc_host_keeps(bc_host *h)
{
	return h->keeps;
}

bool bc_host_kept(bc_host *h, size_t form, bc_fvrows *out)
{
	if (!h->keeps || form >= h->kept.n)
		return false;
	bc_fvrows_free(out);
	*out = h->kept.form[form];
	h->kept.form[form] = (bc_fvrows){.f = out->f};
	return true;
}

bool bc_host_fed(bc_host *h, bc_err rc, bc_diags *d)
{
	return fed(h, rc, d);
}

bool bc_host_feed_rows(bc_host *h, const char *form, const char *table,
		       const char *const *codes, size_t n, bc_feed_cell_fn fn,
		       void *ud)
{
	bc_diags d = BC_DIAGS_INIT;
	if (h->period->derived)
		return fed(h, BC_OK, &d);
	bc_store *st;
	bc_err rc = in_force(h, &st, &d);
	if (rc == BC_OK)
		rc = bc_feed_table_rows(st, form, table, codes, n, fn, ud, &d);
	return fed(h, rc, &d);
}

const char *bc_host_path(bc_host *h)
{
	return bc_outfile_tmp(h->of);
}

const char *bc_host_scratch(bc_host *h)
{
	return bc_outfile_dir(h->of);
}

void bc_host_write_failed(bc_host *h, int errnum)
{
	bc_outfile_fail(h->of, errnum, h->io);
}

const bc_export_sender *bc_host_sender(bc_host *h)
{
	return h->sender;
}

bc_diags *bc_host_diags(bc_host *h)
{
	return h->d;
}

bc_time bc_host_time(bc_host *h)
{
	return h->now;
}

bc_date bc_host_date(bc_host *h)
{
	return h->date;
}

const bc_doc_frame *bc_host_frame(bc_host *h)
{
	return &h->frame;
}

void bc_host_progress(bc_host *h, size_t done, size_t total)
{
	bc_progress_report(h->progress, done, total);
}

void *bc_host_early(bc_host *h)
{
	return h->early;
}

static void host_release(bc_host *h)
{
	if (h->early_free)
		h->early_free(h->early);
	bc_store_close(h->reader.st);
	while (h->cursors)
		bc_cursor_close(h->cursors);
	for (size_t i = 0; i < h->n_strs; i++)
		bc_free(h->strs[i]);
	bc_free(h->strs);
	for (size_t i = 0; i < h->n_mem; i++)
		bc_free(h->mem[i]);
	bc_free(h->mem);
	if (h->out)
		fclose(h->out);
	json_decref(h->model);
	json_decref(h->derived);
	bc_status_free(&h->status);
	bc_formvals_free(&h->kept);
	bc_doc_frame_free(&h->frame);
}

/* ---- running an exporter ---------------------------------------------- */

/* lean: reads the units' values, the tables' rows and the units' status
 * through the host a form, a table or a unit at a time (a national model
 * holds them in ~700 MB of JSON).  early: starts reading before the
 * model is made, on a thread of its own with a twin of the store of its
 * own (bc_host_reader_take), while the model is made on another twin and
 * the export's thread reads the status; what it returns run finds in
 * bc_host_early, and early_free stops and frees it after run, or when
 * the model could not be made.  Such an exporter sizes its lists by the
 * aggregate's "longest". */
static const struct builtin {
	const bc_exporter *ex;
	bool lean;
	void *(*early)(bc_host *h);
	void (*early_free)(void *early);
} builtins[] = {
	{&bc_xlsx_exporter, true, bc_xlsx_early, bc_xlsx_early_free},
	{&bc_csv_exporter, true, NULL, NULL},
	{&bc_json_exporter, true, NULL, NULL},
	{&bc_submission_exporter, true, NULL, NULL},
};

static const struct builtin *builtin(const char *name)
{
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
		if (!strcmp(builtins[i].ex->name, name))
			return &builtins[i];
	return NULL;
}

/* Puts the output in place if the exporter succeeded.  After a failed
 * write, what the exporter says only repeats it: the failure is said
 * once, naming the file (run_d is the exporter's messages). */
static bc_err finish_output(bc_host *h, int run_rc, bc_diags *run_d,
			    bc_diags *d)
{
	bc_err rc = BC_OK;
	if (h->out) {
		int err = fflush(h->out) != 0 ? errno : 0;
		if (fclose(h->out) != 0 && !err)
			err = errno;
		h->out = NULL;
		if (err)
			bc_outfile_fail(h->of, err, d);
	}
	if (bc_outfile_failed(h->of))
		bc_diags_free(run_d);
	else
		bc_diags_move(d, run_d);
	if (run_rc != 0 && !bc_outfile_failed(h->of)) {
		if (!d->errors)
			bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
				     N_("exporter %s failed; nothing written"),
				     h->name);
		/* Failed by the store or memory, not by the exporter. */
		rc = h->env != BC_OK ? h->env : BC_ERR_INVALID;
	}
	/* An exporter that went on without a value the host could not give
	 * (a plugin sees only NULL) wrote an export with it missing. */
	if (rc == BC_OK && h->env != BC_OK && !bc_outfile_failed(h->of))
		rc = h->env;
	rc = bc_outfile_close(h->of, rc, d);
	h->of = NULL;
	return rc;
}

/* The defaults of o's days (export.h). */
static void days(bc_export_opts *o, bc_time now)
{
	if (o->as_of == BC_DATE_NONE) {
		o->as_of = bc_time_date(now, o->tz_offset);
		if (o->date != BC_DATE_NONE && o->as_of > o->date)
			o->as_of = o->date;
	}
	if (o->date == BC_DATE_NONE)
		o->date = o->as_of;
}

/* One snapshot for the model and whatever a lean exporter reads
 * afterwards: an import committing meanwhile must not put one revision
 * in the totals and another in the values.  Twins in it, when they can
 * be had: one for the aggregate's second reader (aggregate.h), and for
 * an exporter that starts early one for the model's thread and one for
 * the exporter's reader (bc_host_reader_take). */
static bc_err begin_read(bc_store *st, const struct builtin *bi,
			 bool one_thread, bc_store *twins[3], bc_diags *d)
{
	size_t got = 0;
	twins[0] = twins[1] = twins[2] = NULL;
	if (one_thread)
		return bc_store_begin_read(st, d);
	return bc_twins_begin_read(st, twins, bi && bi->early ? 3 : 1, &got,
				   d);
}

/* The model into h (j says how), and for an exporter that starts early
 * the status meanwhile: with a twin for the model, on two threads, else
 * one after the other.  The exporter started early gets twins[2] for
 * its reader.  The twins are closed or handed to h. */
static bc_err make_model(bc_host *h, const struct builtin *bi, model_job *j,
			 bc_store *twins[3])
{
	pthread_t t;
	bc_store *own = bi && bi->early ? twins[1] : NULL;
	bc_period sp = {0};
	bc_diags sd = BC_DIAGS_INIT; /* the status's, read on this thread */
	j->scan = twins[0];
	j->st = own ? own : h->st;
	/* The status is read here meanwhile: its period got before the
	 * model's thread has the rulebook.  A derived period's status
	 * needs the rules: it stays there. */
	j->status_apart = own && !h->period->derived &&
			  bc_period_get(h->st, j->rb, h->period->code, &sp,
					&sd) == BC_OK;
	bool apart = own && pthread_create(&t, NULL, build_on, j) == 0;
	/* A derived period's values come from its aggregate, not the
	 * store: its exporter reads them on this thread after the model. */
	if (twins[2] && !h->period->derived)
		h->reader = (bc_host_reader){.st = twins[2],
					     .period = h->period,
					     .until = h->until};
	else
		bc_store_close(twins[2]);
	twins[2] = NULL;
	if (bi && bi->early) {
		h->early = bi->early(h);
		h->early_free = bi->early_free;
	}
	if (!apart)
		j->st = h->st;
	if (!apart || !j->status_apart) {
		j->status_apart = false;
		bc_diags_free(&sd);
	}
	bc_err status_rc = j->status_apart
				   ? bc_status_of(h->st, &sp, j->as_of,
						  &j->status, &sd)
				   : BC_OK;
	if (apart)
		pthread_join(t, NULL);
	else
		j->rc = model_read(j);
	bc_period_free(&sp);
	/* Said after the model's, as when the status came after the
	 * aggregate on one thread; not at all when the model failed. */
	if (j->rc == BC_OK) {
		j->rc = status_rc;
		bc_diags_move(j->d, &sd);
	}
	bc_diags_free(&sd);
	bc_store_close(twins[0]);
	bc_store_close(twins[1]);
	twins[0] = twins[1] = NULL;
	return model_take(h, j);
}

bc_err bc_export(bc_store *st, bc_rulebook *rb, const char *period,
		 bc_export_opts *o, bc_diags *d)
{
	bc_plugin plugin = {0};
	const struct builtin *bi = builtin(o->format);
	const bc_exporter *ex = bi ? bi->ex : NULL;
	bc_err rc = ex ? BC_OK
		       : bc_plugin_find(o->plugin_path, o->format, &plugin, d);
	if (rc != BC_OK) {
		bc_plugin_close(&plugin);
		return rc;
	}
	bc_period p;
	rc = bc_period_get(st, rb, period, &p, d);
	bc_host h = {.st = st, .period = &p, .d = d, .io = d,
		     .name = o->format, .progress = &o->progress,
		     .sender = &o->sender,
		     .now = o->fixed_time ? o->fixed_time : bc_store_now(st)};
	if (rc == BC_OK) {
		days(o, h.now);
		h.until = bc_period_day_end(&p, o->as_of);
		h.date = o->date;
	}
	/* Before the model: a path that cannot be written is said at
	 * once, not after the country's figures are read. */
	if (rc == BC_OK)
		rc = bc_outfile_open(o->out, &h.of, d);
	bc_store *twins[3] = {NULL, NULL, NULL};
	bool snapshot = rc == BC_OK &&
			(rc = begin_read(st, bi, o->one_thread, twins, d)) ==
				BC_OK;
	/* A plugin of ABI 1.3 reads what grows with the country through
	 * cursors: it gets the lean model too. */
	bool lean = rc == BC_OK &&
		    (bi ? bi->lean : bc_plugin_lean(&plugin, &h, &host_api));
	/* What the exporter reads in run it says in run_d; the
	 * model's problems are the export's (d). */
	bc_diags run_d = BC_DIAGS_INIT;
	if (rc == BC_OK) {
		h.d = &run_d;
		/* The workbook's form sheets take each form's values from
		 * the aggregate's pass rather than reading them again. */
		h.keeps = bi && bi->early && !p.derived;
		model_job j = {.h = &h, .rb = rb, .as_of = o->as_of,
			       .offset = o->tz_offset, .lean = lean,
			       .longest = bi && bi->early,
			       .keep = h.keeps ? &h.kept : NULL, .d = d};
		rc = make_model(&h, bi, &j, twins);
	}
	if (rc == BC_OK) {
		int run_rc = ex ? ex->run(&h, &host_api)
				: bc_plugin_run(&plugin, &h, &host_api, &run_d);
		rc = finish_output(&h, run_rc, &run_d, d);
	}
	bc_diags_free(&run_d);
	h.d = d;
	bc_store_close(twins[0]);
	bc_store_close(twins[1]);
	bc_store_close(twins[2]);
	bc_outfile_close(h.of, BC_ERR_IO, d);
	if (snapshot)
		bc_store_rollback(st);
	host_release(&h);
	bc_period_free(&p);
	bc_plugin_close(&plugin);
	return rc;
}

bc_err bc_export_formats(const char *plugin_path, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
		if (bc_grow((void **)names, &cap, *n + 1, sizeof **names) < 0 ||
		    !((*names)[*n] = bc_strdup(builtins[i].ex->name)))
			return BC_ERR_NOMEM;
		(*n)++;
	}
	return bc_plugin_list(plugin_path, names, n, &cap);
}

void bc_export_formats_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(names[i]);
	bc_free(names);
}

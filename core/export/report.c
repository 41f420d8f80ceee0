/* SPDX-License-Identifier: MIT */
#include "report.h"
#include "aggregate.h"
#include "docwords.h"
#include "frame_build.h"
#include "i18n.h"
#include "mem.h"
#include "narrative.h"
#include "report_int.h"
#include "revision.h"
#include "summary_render.h"
#include "twins.h"
#include "wording.h"

#include <string.h>

bool bc_rep_ok(bc_rep *r, bc_err e)
{
	if (r->rc == BC_OK)
		r->rc = e;
	return r->rc == BC_OK;
}

/* ---- words ------------------------------------------------------------- */

/* The period as running text names it ("quý I năm 2023"), from the
 * rules' document words; its label where they give none. */
static void period_words(const bc_period *p, char *out, size_t n)
{
	const char *name = bc_doc_period_name(p->rs, p->type);
	char year[16], no[16];
	snprintf(year, sizeof year, "%d", p->year);
	snprintf(no, sizeof no, "%d", p->adhoc_no);
	if (!name)
		snprintf(out, n, "%s", p->label);
	else
		bc_wording_fill(name, BC_SLOTS({"year", year}, {"n", no}), out,
				n);
}

/* How running text names the unit that issues the report ("UBND huyện
 * Tân Kỳ"): as a header names it over a body under it, in the rules'
 * words, else by its name. */
static void issuer_words(const bc_rep *r, char *out, size_t n)
{
	const bc_unit *u = r->issuer;
	const bc_doc_naming *nm = u ? bc_doc_naming_of(r->rs, u->kind) : NULL;
	if (!u) {
		snprintf(out, n, "%s", "");
		return;
	}
	if (!nm || !nm->above) {
		snprintf(out, n, "%s", u->name);
		return;
	}
	char place[256];
	bc_doc_place(r->rs, u, bc_doc_parent(&r->ul, u), place, sizeof place);
	bc_wording_fill(nm->above, BC_SLOTS({"name", u->name}, {"place", place}),
			out, n);
}

/* ---- the body ---------------------------------------------------------- */

/* The number a heading bears, from its section's id: the top and the
 * second level their own part ("A.", "I."), deeper ones every part
 * below the second ("2.1." for A.II.2.1), as an outline numbers them. */
static void heading_number(const char *id, char *out, size_t n)
{
	const char *from = id;
	int level = 1;
	for (const char *c = id; *c; c++)
		if (*c == '.')
			level++;
	for (int dots = 0; dots < (level <= 2 ? level - 1 : 2); dots++)
		from = strchr(from, '.') + 1;
	snprintf(out, n, "%s.", from);
}

static int section_level(const bc_section *s)
{
	int level = 1;
	for (const char *c = s->id; *c; c++)
		level += *c == '.';
	return level;
}

/* Whether any section lies under section i. */
static bool has_child(const bc_ruleset *rs, size_t i)
{
	for (size_t k = i + 1; k < rs->n_sections; k++)
		if (rs->sections[k].parent == (int)i)
			return true;
	return false;
}

typedef struct quoting {
	bc_rep *r;
	size_t n; /* texts so far */
} quoting;

/* A unit's text of the section: under its name in the whole's report,
 * the body itself in a unit's own. */
static bc_err quote(void *ud, size_t i, const char *text)
{
	quoting *q = ud;
	q->n++;
	if (q->r->own)
		return bc_doc_para(q->r->doc, BC_DOC_BODY, text);
	return bc_doc_quote(q->r->doc, q->r->who.v[i].name, text);
}

/* What a section no text came for says: nobody reported at all, or
 * nobody on this section. */
static void no_text(bc_rep *r, bool anyone)
{
	char buf[1024], unit[512];
	issuer_words(r, unit, sizeof unit);
	bc_wkey k = r->own ? (anyone ? BC_W_REPORT_OWN_NO_TEXT
				     : BC_W_REPORT_OWN_NO_REPORT)
			   : (anyone ? BC_W_REPORT_NO_TEXT
				     : BC_W_REPORT_NO_REPORTS);
	bc_word_fill(r->rs, k, buf, sizeof buf,
		     BC_SLOTS({"period", r->period_words}, {"unit", unit}));
	bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_NOTE, buf));
}

/* Whether a section above section i has texts: they speak for it. */
static bool covered(const bc_ruleset *rs, const bool *wrote, size_t i)
{
	for (int k = rs->sections[i].parent; k >= 0; k = rs->sections[k].parent)
		if (wrote[k])
			return true;
	return false;
}

/* Section i: its heading, its summary, its texts; a section without
 * sub-sections that no text covers says that nobody wrote on it.
 * wrote[i] notes whether it had texts. */
static void section(bc_rep *r, bc_narrative *nar, size_t i, bool *wrote)
{
	const bc_section *s = &r->rs->sections[i];
	char number[64];
	heading_number(s->id, number, sizeof number);
	if (!bc_rep_ok(r, bc_doc_heading(r->doc, section_level(s), number,
					 s->title)))
		return;
	char *summary = NULL;
	if (!bc_rep_ok(r, (r->own ? bc_section_unit_summary
				  : bc_section_summary)(r->rs, s, r->agg,
							&summary)))
		return;
	if (summary)
		bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_BODY, summary));
	bc_free(summary);
	quoting q = {.r = r};
	if (r->rc == BC_OK && !bc_rep_ok(r, bc_narrative_section(nar, s->id,
								 quote, &q,
								 r->d)))
		return;
	wrote[i] = q.n > 0;
	if (!q.n && !has_child(r->rs, i) && !covered(r->rs, wrote, i))
		no_text(r, bc_narrative_count(nar) > 0);
}

/* The sentence before the outline: under which directive, who reports
 * on which period. */
static void opening(bc_rep *r)
{
	const bc_directive *dv = &r->rs->directive;
	char issued[BC_DATE_BUF] = "", buf[2048];
	if (dv->issued != BC_DATE_NONE)
		bc_date_format_dmy(dv->issued, issued);
	char unit[512];
	issuer_words(r, unit, sizeof unit);
	bc_word_fill(r->rs, BC_W_REPORT_OPENING, buf, sizeof buf,
		     BC_SLOTS({"reference", dv->reference}, {"issued", issued},
			      {"issuer", dv->issuer}, {"unit", unit},
			      {"period", r->period_words}));
	bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_BODY, buf));
}

/* The next piece of the document (bc_doc_stream): a section of the
 * outline, the signature, then the appendices' pieces. */
static bool more(void *ud, bc_doc *doc)
{
	bc_rep *r = ud;
	size_t n = r->rs->n_sections;
	bool any = true;
	r->doc = doc;
	while (r->stage == BC_REP_BODY && r->at < n && r->own &&
	       !bc_owed_may_write(&r->owed, r->rs->sections[r->at].id))
		r->at++;
	if (r->stage == BC_REP_BODY && r->at < n) {
		section(r, r->nar, r->at++, r->wrote);
	} else if (r->stage == BC_REP_BODY) {
		/* Nghị định 30 signs the body; the appendices follow the
		 * signature. */
		bc_rep_ok(r, bc_doc_signature(doc));
		r->stage = BC_REP_ANNEX;
	} else {
		any = bc_rep_annex_step(r);
	}
	if (r->rc != BC_OK && doc->err == BC_OK)
		doc->err = r->rc;
	return any && r->rc == BC_OK;
}

/* ---- what it is built from --------------------------------------------- */

/* The unit of a unit's own report, among the period's units. */
static void own_unit(bc_rep *r, const char *code)
{
	for (size_t i = 0; i < r->ul.n && !r->own; i++)
		if (!strcmp(r->ul.v[i].code, code))
			r->own = &r->ul.v[i];
	if (!r->own) {
		char day[BC_DATE_BUF];
		bc_date_format_dmy(r->p->to, day);
		bc_diags_add(r->d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s has no unit %s on %s, the last day of its "
				"window"),
			     r->p->code, code, day);
		r->rc = BC_ERR_NOT_FOUND;
		return;
	}
	r->who = (bc_unit_list){.v = (bc_unit *)r->own, .n = 1};
	r->issuer = r->own;
	bc_rep_ok(r, bc_owed_for(r->p, r->own->kind, r->own->roles,
				 r->own->n_roles, &r->owed));
}

/* The units, the figures and (for the whole) the status, as of the
 * end of the document's day; twin (or NULL) for the aggregate. */
static void gather(bc_rep *r, bc_rulebook *rb, const char *unit,
		   bc_store *twin)
{
	if (!bc_rep_ok(r, bc_units_as_of(r->st, r->p->to, &r->ul, r->d)))
		return;
	r->who = r->ul;
	r->issuer = bc_doc_issuer(&r->ul);
	if (unit)
		own_unit(r, unit);
	bc_agg_opts ao = {.compare = true, .until = r->until, .unit = unit,
			  .twin = twin};
	if (r->rc == BC_OK)
		bc_rep_ok(r, bc_aggregate(r->st, rb, r->p->code, &ao, &r->agg,
					  r->d));
	if (r->rc == BC_OK && !unit)
		bc_rep_ok(r, bc_status_get(r->st, rb, r->p->code, r->date,
					   &r->status, r->d));
}

/* The frame: the issuer's header, the rules' words for its kind of
 * document, what the command line says over them. */
static void frame(bc_rep *r, const bc_report_opts *o)
{
	bc_dockind k = r->own ? BC_DOC_UNIT_REPORT : BC_DOC_REPORT;
	bc_doc_overrides ov = {.number = o->number, .date = r->date,
			       .signer_name = o->signer};
	/* A unit's own report is signed by whoever signed what it sent;
	 * their title only where the rules fix none for its kind. */
	char *name = NULL, *title = NULL;
	if (r->own && !(o->signer && *o->signer) &&
	    bc_rep_ok(r, bc_revision_signer(r->st, r->own->id, r->p->code,
					    r->until, &name, &title, r->d))) {
		ov.signer_name = name;
		const char *fixed = bc_docword_ruled(r->rs, k, r->own->kind,
						     BC_DW_SIGNER);
		if (!fixed || !*fixed)
			ov.signer_title = title;
	}
	bc_doc_frame f = {0};
	if (r->rc == BC_OK)
		bc_rep_ok(r, bc_doc_frame_build(r->rs, k, r->issuer,
						bc_doc_parent(&r->ul, r->issuer),
						r->p, &ov, &f, r->d));
	if (r->rc == BC_OK)
		bc_doc_set_frame(r->doc, &f);
	bc_doc_frame_free(&f);
	bc_free(name);
	bc_free(title);
}

void bc_report_close(bc_rep *r)
{
	if (!r)
		return;
	bc_narrative_close(r->nar);
	if (r->snapshot)
		bc_store_rollback(r->st);
	bc_doc_free(r->doc);
	bc_free(r->wrote);
	json_decref(r->agg);
	json_decref(r->ax.units);
	bc_status_free(&r->status);
	bc_owed_free(&r->owed);
	bc_unit_list_free(&r->ul);
	bc_period_free(&r->period);
	bc_free(r);
}

bc_doc *bc_report_doc(bc_rep *r)
{
	return r->doc;
}

bc_err bc_report_open(bc_store *st, bc_rulebook *rb, const char *period,
		      bc_report_opts *o, bc_rep **out, bc_diags *d)
{
	bc_rep *r = bc_calloc(1, sizeof *r);
	if (!r)
		return BC_ERR_NOMEM;
	bc_err rc = bc_period_get(st, rb, period, &r->period, d);
	if (rc != BC_OK) {
		bc_free(r);
		return rc;
	}
	if (o->date == BC_DATE_NONE)
		o->date = bc_time_date(bc_store_now(st), o->tz_offset);
	r->st = st;
	r->p = &r->period;
	r->rs = r->p->rs;
	r->date = o->date;
	r->until = bc_period_day_end(r->p, o->date);
	r->d = d;
	period_words(r->p, r->period_words, sizeof r->period_words);
	/* One snapshot, held until the document is written: an import
	 * committing meanwhile must not put one revision in the figures and
	 * another in the texts; and a twin in it, on which the aggregate
	 * reads half the values (aggregate.h). */
	bc_store *twin = NULL;
	size_t got = 0;
	r->snapshot = bc_rep_ok(r, bc_twins_begin_read(st, &twin, 1, &got, d));
	if (r->rc == BC_OK)
		gather(r, rb, o->unit, twin);
	bc_store_close(twin);
	if (r->rc == BC_OK && (!(r->doc = bc_doc_new()) ||
			       !(r->wrote = bc_calloc(r->rs->n_sections + 1,
						      sizeof *r->wrote))))
		r->rc = BC_ERR_NOMEM;
	if (r->rc == BC_OK)
		frame(r, o);
	if (r->rc == BC_OK)
		bc_rep_ok(r, bc_narrative_open(st, r->p, r->until, &r->who,
					       &r->nar, d));
	if (r->rc == BC_OK)
		opening(r);
	if (r->rc == BC_OK)
		r->rc = bc_doc_error(r->doc);
	if (r->rc != BC_OK) {
		rc = r->rc;
		bc_report_close(r);
		return rc;
	}
	bc_doc_stream(r->doc, more, r);
	*out = r;
	return BC_OK;
}

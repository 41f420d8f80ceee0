// SPDX-License-Identifier: MIT
#include "frame_build.h"
#include "i18n.h"
#include "period.h"
#include "ruleset.h"
#include "text.h"
#include "unit.h"
#include "vndoc.h"
#include "wording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE 2048
#define NUMBER_MAX 40 /* "12345/BC-UBND-NV": a number is short */
/* Where the clerk writes the number in by hand. */
#define NUMBER_BLANK "      "

/* What a document's words are filled with. */
typedef struct fill {
	const bc_ruleset *rs;
	char period[256], year[8], name[512], place[256], parent[512];
	char number[NUMBER_MAX + 8];
	bool ok; /* no allocation failed */
} fill;

#define SLOT_LIST(f)                                                           \
	{"period", (f)->period}, {"year", (f)->year}, {"name", (f)->name},     \
		{"place", (f)->place}, {"parent", (f)->parent},                \
		{"number", (f)->number}
#define SLOTS(f) BC_SLOTS(SLOT_LIST(f))

/* The rest of name past prefix (compared as people type names) and the
 * spaces after it; NULL when name does not start with prefix, or has
 * nothing after it. */
static const char *past_prefix(const char *name, const char *prefix)
{
	size_t len = strlen(name);
	char head[LINE];
	for (size_t i = 1; i < len && i < sizeof head; i++) {
		if (name[i] != ' ')
			continue;
		snprintf(head, sizeof head, "%.*s", (int)i, name);
		if (bc_text_same_name(head, prefix)) {
			const char *rest = name + i + strspn(name + i, " ");
			return *rest ? rest : NULL;
		}
	}
	return NULL;
}

/* u's place by its own kind's prefixes, or NULL. */
static const char *own_place(const bc_ruleset *rs, const bc_unit *u)
{
	const bc_doc_naming *is = u ? bc_doc_naming_of(rs, u->kind) : NULL;
	for (size_t i = 0; is && i < is->n_prefix; i++) {
		const char *rest = past_prefix(u->name, is->prefix[i]);
		if (rest)
			return rest;
	}
	return NULL;
}

void bc_doc_place(const bc_ruleset *rs, const bc_unit *u,
		  const bc_unit *parent, char *out, size_t n)
{
	const char *p = own_place(rs, u);
	if (!p)
		p = own_place(rs, parent);
	snprintf(out, n, "%s", p ? p : "");
}

/* Whether line names a placeholder f has no value for ("{parent}" of a
 * unit with no parent): such a line says nothing and is left out. */
static bool names_nothing(const fill *f, const char *line, size_t len)
{
	const bc_slot slots[] = {SLOT_LIST(f)};
	for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
		char ph[32];
		int n = snprintf(ph, sizeof ph, "{%s}", slots[i].name);
		if (*slots[i].value)
			continue;
		for (size_t k = 0; k + (size_t)n <= len; k++)
			if (!memcmp(line + k, ph, (size_t)n))
				return true;
	}
	return false;
}

/* Each line of text filled (in capitals when caps) and added to l,
 * but a line that names nothing or comes out empty. */
static void add_lines(fill *f, bc_doc_lines *l, const char *text, bool caps)
{
	char line[LINE], buf[LINE], up[LINE];
	for (const char *s = text, *nl; f->ok && s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (names_nothing(f, s, len))
			continue;
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		bc_wording_fill(line, SLOTS(f), buf, sizeof buf);
		if (caps)
			bc_utf8_upper(buf, up, sizeof up);
		if (*buf && !bc_doc_lines_add(l, caps ? up : buf))
			f->ok = false;
	}
}

/* text filled (in capitals when caps), a new string in *out; none for
 * an empty text. */
static void set_text(fill *f, char **out, const char *text, bool caps)
{
	char buf[LINE], up[LINE];
	bc_wording_fill(text, SLOTS(f), buf, sizeof buf);
	if (caps)
		bc_utf8_upper(buf, up, sizeof up);
	if (!*buf)
		return;
	*out = strdup(caps ? up : buf);
	if (!*out)
		f->ok = false;
}

/* How running text names period p. */
static void period_name(const bc_ruleset *rs, const bc_period *p, char *out,
			size_t n)
{
	const char *name = p ? bc_doc_period_name(rs, p->type) : NULL;
	char year[8], no[8];
	if (!p) {
		snprintf(out, n, "%s", "");
		return;
	}
	if (!name) {
		snprintf(out, n, "%s", p->label ? p->label : p->code);
		return;
	}
	snprintf(year, sizeof year, "%d", p->year);
	snprintf(no, sizeof no, "%d", p->adhoc_no);
	bc_wording_fill(name, BC_SLOTS({"year", year}, {"n", no}), out, n);
}

/* The number slot from the override: the number alone (a leading 0
 * below 10), or false when it is the whole number, in *whole. */
static bool number_slot(fill *f, const char *num, bool *whole, bc_diags *d)
{
	*whole = false;
	if (!num) {
		snprintf(f->number, sizeof f->number, NUMBER_BLANK);
		return true;
	}
	if (!*num || strlen(num) > NUMBER_MAX || bc_utf8_first_control(num, false)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("'%s' is not a document number (at most %d "
				"characters, such as 45 or 45/BC-UBND)"),
			     num, NUMBER_MAX);
		return false;
	}
	*whole = strchr(num, '/') != NULL;
	if (strspn(num, "0123456789") == strlen(num) && strlen(num) == 1)
		snprintf(f->number, sizeof f->number, "0%s", num);
	else
		snprintf(f->number, sizeof f->number, "%s", num);
	return true;
}

/* The header block's left column: the body above (when the issuer's
 * kind names it) and the issuer's lines. */
static void issuing_body(fill *f, bc_doc_frame *out, const bc_unit *issuer,
			 const bc_unit *parent)
{
	const bc_doc_naming *is = bc_doc_naming_of(f->rs, issuer->kind);
	add_lines(f, &out->body, is && is->body ? is->body : "{name}", true);
	if (!parent || !is || !is->parent_line)
		return;
	const bc_doc_naming *above = bc_doc_naming_of(f->rs, parent->kind);
	fill pf = *f;
	snprintf(pf.name, sizeof pf.name, "%s", parent->name);
	bc_doc_place(f->rs, parent, NULL, pf.place, sizeof pf.place);
	set_text(&pf, &out->parent,
		 above && above->above ? above->above : "{name}", true);
	f->ok = pf.ok;
}

/* The addressees: "Kính gửi: X" for one, "Kính gửi:" over a list. */
static void addressees(fill *f, bc_doc_frame *out, const char *text)
{
	bc_doc_lines to = {0};
	add_lines(f, &to, text, false);
	if (to.n == 1) {
		char line[LINE];
		snprintf(line, sizeof line, "%s %s",
			 bc_vndoc_word(BC_VN_TO), to.line[0]);
		f->ok = f->ok && bc_doc_lines_add(&out->to, line);
	} else if (to.n > 1) {
		f->ok = f->ok && bc_doc_lines_add(&out->to,
						  bc_vndoc_word(BC_VN_TO));
		for (size_t i = 0; f->ok && i < to.n; i++)
			f->ok = bc_doc_lines_add(&out->to, to.line[i]);
	}
	for (size_t i = 0; i < to.n; i++)
		free(to.line[i]);
	free(to.line);
}

static void header(fill *f, bc_doc_frame *out, bc_dockind k, const char *kind,
		   bool whole, bc_date date)
{
	const bc_ruleset *rs = f->rs;
	char place_date[LINE];
	set_text(f, &out->nation, bc_vndoc_word(BC_VN_NATION), false);
	set_text(f, &out->motto, bc_vndoc_word(BC_VN_MOTTO), false);
	fill nf = *f;
	bc_wording_fill(whole ? "{number}" : bc_docword(rs, k, kind, BC_DW_NUMBER),
			SLOTS(f), nf.number, sizeof nf.number);
	set_text(&nf, &out->number, bc_vndoc_word(BC_VN_NUMBER), false);
	f->ok = nf.ok;
	bc_vndoc_place_date(*f->place ? f->place : NULL, date, place_date,
			    sizeof place_date);
	set_text(f, &out->place_date, place_date, false);
	set_text(f, &out->about, bc_docword(rs, k, kind, BC_DW_ABOUT), false);
	set_text(f, &out->type, bc_docword(rs, k, kind, BC_DW_TYPE), true);
	add_lines(f, &out->title, bc_docword(rs, k, kind, BC_DW_TITLE), false);
	addressees(f, out, bc_docword(rs, k, kind, BC_DW_TO));
}

static void signer(fill *f, bc_doc_frame *out, bc_dockind k, const char *kind,
		   const bc_doc_overrides *o)
{
	const bc_ruleset *rs = f->rs;
	add_lines(f, &out->authority, bc_docword(rs, k, kind, BC_DW_AUTHORITY),
		  true);
	set_text(f, &out->signer_title,
		 o->signer_title ? o->signer_title
				 : bc_docword(rs, k, kind, BC_DW_SIGNER),
		 true);
	if (o->signer_name && *o->signer_name) {
		out->signer_name = strdup(o->signer_name);
		f->ok = f->ok && out->signer_name;
	}
	add_lines(f, &out->recipients,
		  bc_docword(rs, k, kind, BC_DW_RECIPIENTS), false);
	if (out->recipients.n)
		set_text(f, &out->recipients_head,
			 bc_vndoc_word(BC_VN_RECIPIENTS), false);
}

bc_err bc_doc_frame_build(const bc_ruleset *rs, bc_dockind kind,
			  const bc_unit *issuer, const bc_unit *parent,
			  const bc_period *p, const bc_doc_overrides *o,
			  bc_doc_frame *out, bc_diags *d)
{
	bc_doc_overrides none = BC_DOC_OVERRIDES_NONE;
	fill f = {.rs = rs, .ok = true};
	bool whole;
	memset(out, 0, sizeof *out);
	if (!o)
		o = &none;
	if (!number_slot(&f, o->number, &whole, d))
		return BC_ERR_SYNTAX;
	period_name(rs, p, f.period, sizeof f.period);
	if (p)
		snprintf(f.year, sizeof f.year, "%d", p->year);
	snprintf(f.name, sizeof f.name, "%s", issuer->name);
	snprintf(f.parent, sizeof f.parent, "%s", parent ? parent->name : "");
	bc_doc_place(rs, issuer, parent, f.place, sizeof f.place);
	issuing_body(&f, out, issuer, parent);
	header(&f, out, kind, issuer->kind, whole, o->date);
	signer(&f, out, kind, issuer->kind, o);
	if (f.ok)
		return BC_OK;
	bc_doc_frame_free(out);
	return BC_ERR_NOMEM;
}

const bc_unit *bc_doc_parent(const bc_unit_list *units, const bc_unit *u)
{
	for (size_t i = 0; u && u->parent && i < units->n; i++)
		if (strcmp(units->v[i].code, u->parent) == 0)
			return &units->v[i];
	return NULL;
}

const bc_unit *bc_doc_issuer(const bc_unit_list *units)
{
	/* A unit one level down names a root that has units under it. */
	for (size_t i = 0; i < units->n; i++)
		if (units->v[i].depth == 1)
			return bc_doc_parent(units, &units->v[i]);
	return units->n ? &units->v[0] : NULL;
}

/* SPDX-License-Identifier: MIT */
#include "remind_letter.h"
#include "doc.h"
#include "docx.h"
#include "i18n.h"
#include "wording.h"

#include <stdio.h>

/* The words a line of the letter fills its placeholders with. */
typedef struct words {
	char period[256], due[BC_DATE_BUF], as_of[BC_DATE_BUF],
		issued[BC_DATE_BUF];
} words;

static void body_line(bc_doc *doc, const bc_ruleset *rs, bc_wkey k,
		      const bc_slot *slot, size_t n)
{
	char text[4096];
	bc_word_fill(rs, k, text, sizeof text, slot, n);
	bc_doc_para(doc, BC_DOC_BODY, text);
}

/* The intro, a line per unit that owes, the request. */
static size_t body(bc_doc *doc, const bc_remind *rm)
{
	const bc_period *p = &rm->status.period;
	const bc_directive *dir = &p->rs->directive;
	words w;
	size_t owing = 0;
	bc_remind_period_text(p, w.period, sizeof w.period);
	bc_date_format_dmy(p->unit_due, w.due);
	bc_date_format_dmy(rm->status.as_of, w.as_of);
	bc_date_format_dmy(dir->issued, w.issued);
	const bc_slot common[] = {
		{"period", w.period},	   {"due", w.due},
		{"as_of", w.as_of},	   {"title", dir->title},
		{"reference", dir->reference}, {"issued", w.issued},
		{"issuer", dir->issuer}};
	body_line(doc, p->rs, BC_W_REMIND_LETTER_INTRO, common,
		  sizeof common / sizeof *common);
	for (size_t i = 0; i < rm->n; i++) {
		const bc_reminder *r = &rm->v[i];
		char parts[2048], due[BC_DATE_BUF];
		if (!r->n_owes)
			continue;
		owing++;
		bc_remind_parts(rm, r, parts, sizeof parts);
		bc_date_format_dmy(r->last_day, due);
		body_line(doc, p->rs, BC_W_REMIND_LETTER_UNIT,
			  BC_SLOTS({"unit", r->u->unit.name}, {"parts", parts},
				   {"due", due}));
	}
	body_line(doc, p->rs, BC_W_REMIND_LETTER_CLOSING, common,
		  sizeof common / sizeof *common);
	return owing;
}

/* The frame of the letter, issued by the district's body. */
static bc_err frame(bc_store *st, const bc_remind *rm,
		    const bc_doc_overrides *o, bc_doc *doc, bc_diags *d)
{
	bc_unit_list units;
	const bc_period *p = &rm->status.period;
	bc_err rc = bc_units_as_of(st, p->to, &units, d);
	const bc_unit *issuer = rc == BC_OK ? bc_doc_issuer(&units) : NULL;
	if (rc == BC_OK && !issuer) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: no unit to issue the letter (import the "
				"units first)"),
			     p->code);
		rc = BC_ERR_REFUSED;
	}
	if (rc == BC_OK)
		rc = bc_doc_frame_build(p->rs, BC_DOC_REMINDER, issuer,
					bc_doc_parent(&units, issuer), p, o,
					&doc->frame, d);
	bc_unit_list_free(&units);
	return rc;
}

bc_err bc_remind_letter(bc_store *st, const bc_remind *rm,
			const bc_doc_overrides *o, const char *path,
			bc_diags *d)
{
	bc_doc *doc = bc_doc_new();
	if (!doc)
		return BC_ERR_NOMEM;
	bc_err rc = frame(st, rm, o, doc, d);
	if (rc == BC_OK && !body(doc, rm)) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("every unit has sent all it owes for %s: no "
				"letter to write"),
			     rm->status.period.code);
		rc = BC_ERR_REFUSED;
	}
	if (rc == BC_OK)
		rc = bc_docx_write(doc, path, d);
	bc_doc_free(doc);
	return rc;
}

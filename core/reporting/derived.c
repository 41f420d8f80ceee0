/* SPDX-License-Identifier: MIT */
#include "derived.h"
#include "jsonset.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

/* The window the parts make, from their windows as they are (a recorded
 * part keeps the dates it was recorded with). */
static bc_err window(bc_period *p, bc_diags *d)
{
	bc_dspan span[BC_DERIVED_MAX], bad;
	for (size_t i = 0; i < p->n_parts; i++) {
		const bc_period *q = &p->parts[i].period;
		span[i] = (bc_dspan){q->from, q->to, p->parts[i].sign};
	}
	if (bc_derivation_window(span, p->n_parts, bc_derivation_abut(p->rs),
				 &p->from, &p->to, &bad))
		return BC_OK;
	char parts[256], from[BC_DATE_BUF], to[BC_DATE_BUF];
	bc_period_parts_text(p, parts, sizeof parts);
	bc_date_format_dmy(bad.from, from);
	bc_date_format_dmy(bad.to, to);
	bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
		     N_("%s is %s, but the windows of those periods do not "
			"make one window: %s – %s is counted %d times"),
		     p->code, parts, from, to, bad.coef);
	return BC_ERR_INVALID;
}

/* The latest deadlines of the parts, and the part that ends last. */
static void deadlines(bc_period *p)
{
	for (size_t i = 0; i < p->n_parts; i++) {
		const bc_period *q = &p->parts[i].period;
		if (!i || q->unit_due > p->unit_due)
			p->unit_due = q->unit_due;
		if (!i || q->compile_due > p->compile_due)
			p->compile_due = q->compile_due;
		if (p->parts[i].sign > 0 &&
		    (p->parts[p->latest].sign < 0 ||
		     q->to > p->parts[p->latest].period.to))
			p->latest = i;
	}
	p->rules_unit_due = p->unit_due;
}

bc_err bc_period_derive(bc_store *st, bc_rulebook *rb,
			const bc_period_type *pt, bc_period *p, bc_diags *d)
{
	bc_dpart v[BC_DERIVED_MAX];
	size_t n;
	const char *culprit;
	/* The rules were refused at load if this failed. */
	if (bc_derivation_expand(p->rs, pt, v, &n, &culprit) != BC_DEXPAND_OK)
		return BC_ERR_RULES;
	p->derived = pt->derived;
	p->parts = bc_calloc(n, sizeof *p->parts);
	if (!p->parts)
		return BC_ERR_NOMEM;
	bc_err rc = BC_OK;
	char code[BC_PERIOD_CODE_MAX + 16];
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		snprintf(code, sizeof code, "%04d-%s", p->year, v[i].type->code);
		p->parts[i].sign = v[i].coef;
		rc = bc_period_get(st, rb, code, &p->parts[i].period, d);
		/* Counted only once got: bc_period_free frees them. */
		p->n_parts += rc == BC_OK;
	}
	if (rc == BC_ERR_NOT_FOUND || rc == BC_ERR_SYNTAX) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s is computed from %s, and there is no "
				"period %s"),
			     p->code, p->derived, code);
		rc = BC_ERR_NOT_FOUND;
	}
	if (rc == BC_OK)
		rc = window(p, d);
	if (rc == BC_OK)
		deadlines(p);
	return rc;
}

bc_err bc_period_sent(const bc_period *p, bc_diags *d)
{
	if (!p->derived)
		return BC_OK;
	char parts[256];
	bc_period_parts_text(p, parts, sizeof parts);
	bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
		     N_("%s is computed from other periods (%s) and nothing is "
			"sent for it: send the reports of those periods"),
		     p->code, parts);
	return BC_ERR_REFUSED;
}

void bc_period_parts_text(const bc_period *p, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->n_parts && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s",
				      !i ? "" : p->parts[i].sign > 0 ? " + "
								      : " − ",
				      p->parts[i].period.code);
}

void bc_period_parts_named(const bc_period *p, unsigned mask, char *buf,
			   size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->n_parts && o < n; i++)
		if (mask & (1u << i))
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
					      o ? ", " : "",
					      p->parts[i].period.code);
}

json_t *bc_period_derived_json(const bc_period *p)
{
	bc_err e = BC_OK;
	json_t *parts = bc_json_made(&e, json_array());
	for (size_t i = 0; i < p->n_parts; i++) {
		const bc_period *q = &p->parts[i].period;
		bc_json_push(&e, parts,
			     json_pack("{s:s, s:i, s:b}", "period", q->code,
				       "sign", p->parts[i].sign, "recorded",
				       q->id != 0));
	}
	return bc_json_whole(json_pack("{s:s, s:o, s:s}", "expression",
				       p->derived, "parts", parts, "latest",
				       p->parts[p->latest].period.code),
			     e);
}

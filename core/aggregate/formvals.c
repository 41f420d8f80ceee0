/* SPDX-License-Identifier: MIT */
#include "formvals.h"

#include <string.h>

/* A row for the unit with code, empty: false when memory runs out. */
static bool new_row(bc_fvrows *r, const char *unit)
{
	size_t nf = r->f->n_fields;
	const char *code = bc_arena_strdup(&r->text, unit);
	if (!code ||
	    bc_grow((void **)&r->v, &r->cap, (r->n + 1) * nf + 1,
		    sizeof *r->v) < 0 ||
	    bc_grow((void **)&r->code, &r->cap_code, r->n + 1,
		    sizeof *r->code) < 0)
		return false;
	memset(&r->v[r->n * nf], 0, nf * sizeof *r->v);
	r->code[r->n++] = code;
	return true;
}

bool bc_fvrows_keep(bc_fvrows *r, const char *unit, size_t field,
		    const bc_cell *v)
{
	if ((!r->n || strcmp(r->code[r->n - 1], unit)) && !new_row(r, unit))
		return false;
	bc_fvcell *c = &r->v[(r->n - 1) * r->f->n_fields + field];
	*c = (bc_fvcell){.kind = (uint8_t)v->kind, .scale = v->num.scale,
			 .u.v = v->num.v};
	if (v->kind == BC_CELL_TEXT &&
	    !(c->u.text = bc_arena_strdup(&r->text, v->text))) {
		c->kind = BC_CELL_NONE;
		return false;
	}
	return true;
}

bc_cell bc_fvrows_cell(const bc_fvrows *r, size_t row, size_t field)
{
	const bc_fvcell *c = &r->v[row * r->f->n_fields + field];
	bc_cell x = {.kind = c->kind};
	if (c->kind == BC_CELL_TEXT) {
		x.text = c->u.text;
	} else if (c->kind != BC_CELL_NONE) {
		x.num = (bc_dec){c->u.v, c->scale};
		x.x = bc_dec_double(x.num);
	}
	return x;
}

bool bc_fvrows_append(bc_fvrows *to, bc_fvrows *from)
{
	size_t nf = to->f->n_fields, n = to->n + from->n;
	if (!from->n)
		return true;
	if (bc_grow((void **)&to->v, &to->cap, n * nf + 1, sizeof *to->v) < 0 ||
	    bc_grow((void **)&to->code, &to->cap_code, n, sizeof *to->code) < 0)
		return false;
	memcpy(&to->v[to->n * nf], from->v, from->n * nf * sizeof *to->v);
	memcpy(&to->code[to->n], from->code, from->n * sizeof *to->code);
	to->n = n;
	/* The texts and codes stay where they are, now to's. */
	bc_arena_adopt(&to->text, &from->text);
	bc_free(from->v);
	bc_free(from->code);
	*from = (bc_fvrows){.f = from->f};
	return true;
}

void bc_fvrows_free(bc_fvrows *r)
{
	bc_free(r->v);
	bc_free(r->code);
	bc_arena_free(&r->text);
	*r = (bc_fvrows){.f = r->f};
}

bool bc_formvals_init(bc_formvals *fv, const bc_ruleset *rs)
{
	*fv = (bc_formvals){0};
	fv->form = bc_calloc(rs->n_forms + 1, sizeof *fv->form);
	if (!fv->form)
		return false;
	fv->n = rs->n_forms;
	for (size_t i = 0; i < fv->n; i++)
		fv->form[i].f = &rs->forms[i];
	return true;
}

bool bc_formvals_append(bc_formvals *to, bc_formvals *from)
{
	for (size_t i = 0; i < to->n && i < from->n; i++)
		if (!bc_fvrows_append(&to->form[i], &from->form[i]))
			return false;
	return true;
}

void bc_formvals_free(bc_formvals *fv)
{
	for (size_t i = 0; fv->form && i < fv->n; i++)
		bc_fvrows_free(&fv->form[i]);
	bc_free(fv->form);
	*fv = (bc_formvals){0};
}

/* SPDX-License-Identifier: MIT */
#include "error.h"
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *bc_strerror(bc_err err)
{
	switch (err) {
#define BC_ERR_CASE(code, text)                                               \
	case code:                                                            \
		return text;
		BC_ERRORS(BC_ERR_CASE)
#undef BC_ERR_CASE
	}
	return "unknown error";
}

static void diags_addv(bc_diags *d, bc_severity sev, const char *file,
		       int line, const char *loc, const char *form,
		       const char *field, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (bc_grow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v) < 0) {
		d->oom = true;
		return;
	}
	bc_diag *dg = &d->v[d->n];
	*dg = (bc_diag){.severity = sev, .line = line};
	dg->file = bc_strdup(file);
	dg->loc = bc_strdup(loc);
	dg->form = bc_strdup(form);
	dg->field = bc_strdup(field);
	dg->msg = bc_strdup(buf);
	if (!dg->msg || (file && !dg->file) || (loc && !dg->loc) ||
	    (form && !dg->form) || (field && !dg->field))
		d->oom = true;
	d->n++;
	if (sev == BC_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void bc_diags_add(bc_diags *d, bc_severity sev, const char *file, int line,
		  const char *form, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_addv(d, sev, file, line, NULL, form, field, fmt, ap);
	va_end(ap);
}

void bc_diags_add_at(bc_diags *d, bc_severity sev, const char *file,
		     const char *loc, const char *form, const char *field,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_addv(d, sev, file, 0, loc, form, field, fmt, ap);
	va_end(ap);
}

void bc_diags_move(bc_diags *dst, bc_diags *src)
{
	if (bc_grow((void **)&dst->v, &dst->cap, dst->n + src->n,
		    sizeof *dst->v) < 0) {
		dst->oom = true;
		bc_diags_free(src);
		return;
	}
	if (src->n)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	dst->n += src->n;
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	dst->oom |= src->oom;
	bc_free(src->v);
	*src = (bc_diags)BC_DIAGS_INIT;
}

static void diag_free(bc_diag *g)
{
	bc_free(g->file);
	bc_free(g->loc);
	bc_free(g->form);
	bc_free(g->field);
	bc_free(g->msg);
}

void bc_diags_drop_warnings(bc_diags *d)
{
	size_t o = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == BC_ERROR)
			d->v[o++] = d->v[i];
		else
			diag_free(&d->v[i]);
	}
	d->n = o;
	d->warnings = 0;
}

void bc_diags_free(bc_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		diag_free(&d->v[i]);
	bc_free(d->v);
	*d = (bc_diags)BC_DIAGS_INIT;
}

char *bc_diag_format(const bc_diag *dg)
{
	char where[512] = "";
	size_t n = 0;
	if (dg->file && dg->line > 0)
		n = (size_t)snprintf(where, sizeof where, "%s:%d: ", dg->file,
				     dg->line);
	else if (dg->file && dg->loc)
		n = (size_t)snprintf(where, sizeof where, "%s: %s: ", dg->file,
				     dg->loc);
	else if (dg->file)
		n = (size_t)snprintf(where, sizeof where, "%s: ", dg->file);
	else if (dg->loc)
		n = (size_t)snprintf(where, sizeof where, "%s: ", dg->loc);
	if (n >= sizeof where)
		n = sizeof where - 1;
	if (dg->form)
		snprintf(where + n, sizeof where - n, "%s%s%s: ", dg->form,
			 dg->field ? "." : "", dg->field ? dg->field : "");
	else if (dg->field)
		snprintf(where + n, sizeof where - n, "%s: ", dg->field);
	return bc_sprintf("%s%s%s", where,
			  dg->severity == BC_WARNING ? "warning: " : "",
			  dg->msg ? dg->msg : "");
}

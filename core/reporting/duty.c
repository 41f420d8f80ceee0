/* SPDX-License-Identifier: MIT */
#include "duty.h"
#include "mem.h"

#include <string.h>

static bool in(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* An ad-hoc period may ask only for some forms ("a,b"); a derived
 * period has the forms' figures of its parts, and no report. */
static bool asked(const bc_period *p, const char *part)
{
	if (p->derived)
		return strcmp(part, BC_PART_REPORT) != 0;
	if (!p->forms)
		return true;
	size_t n = strlen(part);
	for (const char *f = p->forms; *f;) {
		const char *e = strchr(f, ',');
		size_t len = e ? (size_t)(e - f) : strlen(f);
		if (len == n && strncmp(f, part, n) == 0)
			return true;
		f += len + (e != NULL);
	}
	return false;
}

static bool applies(const bc_duty *u, const char *kind, char *const *roles,
		    size_t n_roles)
{
	if (u->role)
		return in((const char *const *)roles, n_roles, u->role);
	return in((const char *const *)u->kinds, u->n_kinds, kind);
}

static int add(const char ***v, size_t *n, const char *s)
{
	if (in(*v, *n, s))
		return 0;
	const char **p = bc_realloc(*v, (*n + 1) * sizeof *p);
	if (!p)
		return -1;
	p[(*n)++] = s;
	*v = p;
	return 0;
}

bc_err bc_owed_for(const bc_period *p, const char *kind, char *const *roles,
		   size_t n_roles, bc_owed *out)
{
	const bc_ruleset *rs = p->rs;
	*out = (bc_owed){0};
	int rc = 0;
	for (size_t i = 0; i < rs->n_duties && rc == 0; i++) {
		const bc_duty *u = &rs->duties[i];
		if (!applies(u, kind, roles, n_roles))
			continue;
		for (size_t k = 0; k < u->n_parts && rc == 0; k++)
			if (asked(p, u->parts[k]))
				rc = add(&out->parts, &out->n_parts,
					 u->parts[k]);
		if (!asked(p, BC_PART_REPORT))
			continue;
		for (size_t k = 0; k < u->n_sections && rc == 0; k++)
			rc = add(&out->sections, &out->n_sections,
				 u->sections[k]);
		/* Sections owed make the report a part owed. */
		if (u->n_sections && rc == 0)
			rc = add(&out->parts, &out->n_parts, BC_PART_REPORT);
	}
	if (rc) {
		bc_owed_free(out);
		return BC_ERR_NOMEM;
	}
	return BC_OK;
}

void bc_owed_free(bc_owed *o)
{
	bc_free(o->parts);
	bc_free(o->sections);
	*o = (bc_owed){0};
}

bool bc_owed_part(const bc_owed *o, const char *part)
{
	return in(o->parts, o->n_parts, part);
}

/* a is b, or lies under it ("A.II.4" under "A.II"). */
static bool under(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '.');
}

bool bc_owed_may_write(const bc_owed *o, const char *section)
{
	for (size_t i = 0; i < o->n_sections; i++)
		if (under(section, o->sections[i]) ||
		    under(o->sections[i], section))
			return true;
	return false;
}

bool bc_owed_report_complete(const bc_owed *o, const char *const *written,
			     size_t n_written)
{
	for (size_t i = 0; i < o->n_sections; i++) {
		bool found = false;
		for (size_t k = 0; k < n_written && !found; k++)
			found = under(written[k], o->sections[i]);
		if (!found)
			return false;
	}
	return true;
}

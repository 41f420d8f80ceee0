/* SPDX-License-Identifier: MIT */
#include "rank_csv.h"
#include "csv_cell.h"
#include "rank_text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* RFC 4180: quoted when it holds a comma, a quote or a line break; an
 * apostrophe before text a spreadsheet would run as a formula. */
static void field(FILE *f, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	fputs(quote ? "\"" : "", f);
	fputs(bc_csv_cell_guarded(s) ? "'" : "", f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputs(quote ? "\"" : "", f);
	fputs(last ? "\r\n" : ",", f);
}

static void number(FILE *f, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.15g", v);
	field(f, buf, false);
}

static const char *const HEAD[] = {
	"group", "unit", "name", "rank", "total", "class", "part",
	"criterion", "title", "kind", "points", "max", "why", "explanation"};

static void unit_rows(FILE *f, const bc_rank *r, const bc_rank_unit *u)
{
	char rank[16], text[BC_RANK_TEXT_MAX];
	snprintf(rank, sizeof rank, "%d", u->rank);
	for (size_t k = 0; k < u->group->n_criteria; k++) {
		const bc_crit_score *cs = &u->score.crit[k];
		field(f, u->group->id, false);
		field(f, u->unit->code, false);
		field(f, u->unit->name, false);
		field(f, rank, false);
		number(f, u->score.total);
		field(f, u->score.cls ? u->score.cls->id : "", false);
		field(f, cs->crit->part ? cs->crit->part->id : "", false);
		field(f, cs->crit->id, false);
		field(f, cs->crit->title, false);
		field(f, bc_crit_kind_name(cs->crit->kind), false);
		number(f, cs->points);
		number(f, cs->crit->max);
		field(f, bc_why_name(cs->why), false);
		bc_rank_detail(r, u, k, text, sizeof text);
		field(f, text, true);
	}
}

bc_err bc_rank_csv(const bc_rank *r, const char *path, bc_diags *d)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("cannot write: %s"), strerror(errno));
		return BC_ERR_IO;
	}
	fputs("\xef\xbb\xbf", f);
	size_t n = sizeof HEAD / sizeof *HEAD;
	for (size_t i = 0; i < n; i++)
		field(f, HEAD[i], i + 1 == n);
	for (size_t i = 0; i < r->n; i++)
		unit_rows(f, r, &r->units[i]);
	int failed = ferror(f) ? errno : 0;
	if (fclose(f) != 0 && !failed)
		failed = errno;
	if (failed) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("cannot write: %s"), strerror(failed));
		return BC_ERR_IO;
	}
	return BC_OK;
}

/* SPDX-License-Identifier: MIT */
/* A unit named on the command line, by its code or its name; when it
 * names none, the closest are offered, as a clerk mistypes a name. */
#include "cli.h"
#include "i18n.h"
#include "text.h"
#include "unit.h"

static void list(const bc_unit_list *l)
{
	int w = 0;
	for (size_t i = 0; i < l->n; i++)
		if ((int)bc_utf8_width(l->v[i].code) > w)
			w = (int)bc_utf8_width(l->v[i].code);
	for (size_t i = 0; i < l->n; i++) {
		fputs("  ", stderr);
		cli_col(stderr, l->v[i].code, w, false);
		fprintf(stderr, "  %s\n", l->v[i].name);
	}
}

int cli_unit_arg(bc_cli *c, const char *arg, bc_unit *out)
{
	bc_unit_lookup l;
	bc_err rc = bc_unit_lookup_get(c->st, arg, &l, &c->diags);
	if (rc == BC_OK) {
		*out = l.unit;
		l.unit = (bc_unit){0};
	} else if (rc == BC_ERR_NOT_FOUND && l.ambiguous) {
		fprintf(stderr,
			P_("baocao: %zu unit bears the name '%s'; give the code "
			   "of one:\n",
			   "baocao: %zu units bear the name '%s'; give the code "
			   "of one:\n",
			   l.near.n),
			l.near.n, arg);
		list(&l.near);
	} else if (rc == BC_ERR_NOT_FOUND && l.near.n) {
		fprintf(stderr,
			_("baocao: no unit has the code or the name '%s'; the "
			  "closest:\n"),
			arg);
		list(&l.near);
	} else if (rc == BC_ERR_NOT_FOUND) {
		fprintf(stderr,
			_("baocao: no unit has the code or the name '%s' "
			  "('baocao units list' lists them)\n"),
			arg);
	}
	bc_unit_lookup_free(&l);
	return rc == BC_ERR_NOT_FOUND ? EXIT_USAGE : cli_finish(c, rc);
}

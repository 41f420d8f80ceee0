/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "text.h"
#include "unit.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao units import FILE.csv\n"
	"       baocao units list\n\n"
	"import  upserts units by code from a CSV with the header\n"
	"        code,name,kind,roles,parent (UTF-8, a BOM is accepted;\n"
	"        roles separated by ';').  All or nothing: every bad line\n"
	"        is reported and then nothing is stored.\n"
	"list    every unit, each under its parent\n");

static int units_import(bc_cli *c, const char *file)
{
	bc_units_import_result res;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_units_import(c->st, c->rb, file, &res, &c->diags);
	if (rc == BC_ERR_INVALID)
		fprintf(stderr, _("%s: rejected, nothing stored\n"), file);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (c->json)
		cli_print_json(json_pack("{s:s, s:i, s:i, s:i}", "file", file,
					 "added", (int)res.added, "updated",
					 (int)res.updated, "unchanged",
					 (int)res.unchanged));
	else
		fprintf(stderr,
			_("%s: accepted, %zu added, %zu updated, %zu "
			  "unchanged\n"),
			file, res.added, res.updated, res.unchanged);
	return EXIT_OK;
}

static json_t *unit_json(const bc_unit *u)
{
	json_t *roles = json_array();
	for (size_t i = 0; i < u->n_roles; i++)
		json_array_append_new(roles, json_string(u->roles[i]));
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", u->code, "name",
			 u->name, "kind", u->kind, "roles", roles, "parent",
			 u->parent ? json_string(u->parent) : json_null());
}

/* A kind's or a role's label in the rules, its id when they have none. */
static const char *kind_label(const bc_rulebook *rb, const char *id)
{
	const bc_unit_kind *k = rb ? bc_rulebook_kind(rb, id) : NULL;
	return k ? k->label : id;
}

static const char *role_label(const bc_rulebook *rb, const char *id)
{
	const bc_role *r = rb ? bc_rulebook_role(rb, id) : NULL;
	return r ? r->label : id;
}

/* Kinds and roles by their labels, from the rules' current rulesets (the
 * declarations 'units import' accepted them by); by their ids where the
 * rules do not load, as the list needs only the database. */
static void units_print(bc_cli *c, const bc_unit_list *l)
{
	bc_diags ignore = BC_DIAGS_INIT;
	if (!c->rb) /* kept even when some ruleset fails, with the others */
		bc_rulebook_load(c->rules_dir, NULL, &c->rb, &ignore);
	bc_diags_free(&ignore);
	size_t width = 0;
	for (size_t i = 0; i < l->n; i++) {
		size_t w = bc_utf8_width(kind_label(c->rb, l->v[i].kind));
		width = w > width ? w : width;
	}
	for (size_t i = 0; i < l->n; i++) {
		const bc_unit *u = &l->v[i];
		printf("%*s", 2 * u->depth, "");
		cli_col(stdout, u->code,
			24 - 2 * (u->depth < 6 ? u->depth : 6), false);
		putchar(' ');
		cli_col(stdout, kind_label(c->rb, u->kind), (int)width, false);
		printf(" %s", u->name);
		for (size_t k = 0; k < u->n_roles; k++)
			printf("%s%s", k ? ", " : "  [",
			       role_label(c->rb, u->roles[k]));
		printf("%s\n", u->n_roles ? "]" : "");
	}
	fprintf(stderr, P_("%zu unit\n", "%zu units\n", l->n), l->n);
}

static int units_list(bc_cli *c)
{
	bc_unit_list l;
	bc_err rc = cli_open_store(c, false);
	if (rc == BC_OK)
		rc = bc_units_list(c->st, &l, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(arr, unit_json(&l.v[i]));
		cli_print_json(json_pack("{s:o}", "units", arr));
	} else {
		units_print(c, &l);
	}
	bc_unit_list_free(&l);
	return EXIT_OK;
}

int cmd_units(bc_cli *c, int argc, char **argv)
{
	const char *pos[2];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 2, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos == 2 && strcmp(pos[0], "import") == 0)
		return units_import(c, pos[1]);
	if (npos == 1 && strcmp(pos[0], "list") == 0)
		return units_list(c);
	return cli_usage_error(usage, _("units: say import FILE or list"));
}

/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "text.h"
#include "unit.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao units import FILE.csv\n"
	"       baocao units list [--as-of DATE | --all]\n\n"
	"import  reads units from a CSV with the header\n"
	"        code,name,kind,roles,parent and, optional,\n"
	"        valid_from,valid_to,predecessors and the contact's\n"
	"        person,phone,email (UTF-8, a BOM is accepted; roles and\n"
	"        predecessors separated by ';').  A row is a version of its\n"
	"        unit, valid from valid_from to valid_to (dd/mm/yyyy or\n"
	"        YYYY-MM-DD, both days included; empty: open); a later\n"
	"        valid_from makes a new version.  A file without the\n"
	"        contact's columns leaves the contacts as they are.  All or\n"
	"        nothing: every bad line is reported and then nothing is\n"
	"        stored.\n"
	"list    the units of a day (--as-of, today by default), each\n"
	"        under its parent with its contact; --all: every version\n"
	"        of every unit\n");

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

static json_t *strings_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *unit_json(const bc_unit *u)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
			 "s:o}",
			 "code", u->code, "name", u->name, "kind", u->kind,
			 "roles", strings_json(u->roles, u->n_roles), "parent",
			 cli_json_str(u->parent), "valid_from",
			 bc_date_json(u->valid_from), "valid_to",
			 bc_date_json(u->valid_to), "predecessors",
			 strings_json(u->predecessors, u->n_predecessors),
			 "person", cli_json_str(u->person), "phone",
			 cli_json_str(u->phone), "email",
			 cli_json_str(u->email));
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

/* When a version holds, when it does not always, and what it was
 * formed from. */
static void validity(const bc_unit *u)
{
	char a[BC_DATE_BUF], b[BC_DATE_BUF];
	bc_date_format_dmy(u->valid_from, a);
	bc_date_format_dmy(u->valid_to, b);
	if (u->valid_from != BC_DATE_NONE && u->valid_to != BC_DATE_NONE)
		printf(_("  (%s – %s)"), a, b);
	else if (u->valid_from != BC_DATE_NONE)
		printf(_("  (from %s)"), a);
	else if (u->valid_to != BC_DATE_NONE)
		printf(_("  (until %s)"), b);
	for (size_t k = 0; k < u->n_predecessors; k++)
		printf("%s%s", k ? ", " : _("  ← "), u->predecessors[k]);
}

/* Whom the unit's reminders go to, a line under it, when it has one. */
static void contact(const bc_unit *u)
{
	const char *said[] = {u->person, u->phone, u->email};
	bool any = false;
	for (size_t k = 0; k < 3; k++) {
		if (!said[k])
			continue;
		if (!any)
			printf("%*s%s", 2 * u->depth + 2, "", _("contact: "));
		printf("%s%s", any ? ", " : "", said[k]);
		any = true;
	}
	if (any)
		putchar('\n');
}

/* Kinds and roles by their labels, from the rules' current rulesets (the
 * declarations 'units import' accepted them by); by their ids where the
 * rules do not load, as the list needs only the database. */
static void units_print(bc_cli *c, const bc_unit_list *l, bool all)
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
		printf("%s", u->n_roles ? "]" : "");
		validity(u);
		putchar('\n');
		contact(u);
	}
	if (all)
		fprintf(stderr, P_("%zu version\n", "%zu versions\n", l->n),
			l->n);
	else
		fprintf(stderr, P_("%zu unit\n", "%zu units\n", l->n), l->n);
}

static int units_list(bc_cli *c, bool all, const char *as_of_arg)
{
	bc_unit_list l;
	bc_err rc = cli_open_store(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date day = bc_time_date(c->clock ? c->clock : bc_store_now(c->st),
				   c->tz_offset);
	if (as_of_arg && !cli_date_arg(_(usage), "--as-of", as_of_arg, &day))
		return EXIT_USAGE;
	rc = all ? bc_units_all_versions(c->st, &l, &c->diags)
		 : bc_units_as_of(c->st, day, &l, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(arr, unit_json(&l.v[i]));
		cli_print_json(json_pack("{s:o, s:o}", "as_of",
					 all ? json_null() : bc_date_json(day),
					 "units", arr));
	} else {
		units_print(c, &l, all);
	}
	bc_unit_list_free(&l);
	return EXIT_OK;
}

int cmd_units(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--as-of", .takes_arg = true},
			  {.name = "--all"},
			  {.name = NULL}};
	const char *pos[2];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 2, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	bool list = npos == 1 && strcmp(pos[0], "list") == 0;
	if ((opts[0].set || opts[1].set) && !list)
		return cli_usage_error(usage, _("--as-of and --all are list's"));
	if (opts[0].set && opts[1].set)
		return cli_usage_error(usage, _("--as-of or --all, not both"));
	if (npos == 2 && strcmp(pos[0], "import") == 0)
		return units_import(c, pos[1]);
	if (list)
		return units_list(c, opts[1].set,
				  opts[0].set ? opts[0].value : NULL);
	return cli_usage_error(usage, _("units: say import FILE or list"));
}

/* SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "cli.h"

#include <string.h>

static const char usage[] =
	"usage: baocao aggregate PERIOD [--compare] [--by KIND] [--rows]\n\n"
	"District figures for PERIOD from the revision in force of each\n"
	"unit's forms: every field per level and in total by its method\n"
	"(sum, snap, count_true, count_by), every indicator per level from\n"
	"summed numerators and denominators, the units contributing and\n"
	"missing per form, the units whose figures are estimates.\n\n"
	"  --compare   add the same period of the previous year and the\n"
	"              change (percent for fields, points for indicators)\n"
	"  --by KIND   also per ancestor unit of that kind (district, ...)\n"
	"  --rows      list the rows of table forms (1A, 1B) with their unit\n";

static void print_value(json_t *v, int decimals)
{
	if (json_is_integer(v) && !decimals)
		printf(" %12lld", (long long)json_integer_value(v));
	else if (json_is_number(v))
		printf(" %12.*f", decimals ? decimals : 2, json_number_value(v));
	else
		printf(" %12s", "—");
}

static void aggregate_print(json_t *a, const bc_ruleset *rs)
{
	printf("%s — %s\n", json_string_value(json_object_get(a, "period")),
	       json_string_value(json_object_get(a, "ruleset")));
	const char *form;
	json_t *f;
	json_object_foreach(json_object_get(a, "forms"), form, f) {
		const bc_form *fm = bc_ruleset_form(rs, form);
		printf("\n%s — %s\n%-28s", form, fm ? fm->title : "", "");
		for (size_t l = 0; l < rs->n_levels; l++)
			printf(" %12s", rs->levels[l].id);
		printf(" %12s\n", "total");
		const char *id;
		json_t *o;
		json_object_foreach(json_object_get(f, "fields"), id, o) {
			if (json_is_object(json_object_get(o, "total")))
				continue; /* count_by: see --json */
			printf("  %-26s", id);
			for (size_t l = 0; l < rs->n_levels; l++)
				print_value(json_object_get(o, rs->levels[l].id), 0);
			print_value(json_object_get(o, "total"), 0);
			printf("\n");
		}
		json_object_foreach(json_object_get(f, "indicators"), id, o) {
			printf("  %-26s", id);
			for (size_t l = 0; l < rs->n_levels; l++)
				print_value(json_object_get(o, rs->levels[l].id), 1);
			print_value(json_object_get(o, "total"), 1);
			printf("  %%\n");
		}
	}
}

int cmd_aggregate(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--compare"},
			  {.name = "--by", .takes_arg = true},
			  {.name = "--rows"},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(usage, "aggregate: which period?");
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (opts[1].set && !bc_rulebook_kind(c->rb, opts[1].value))
		return cli_usage_error(usage, "--by: no unit kind '%s'",
				       opts[1].value);
	bc_agg_opts o = {.compare = opts[0].set, .by = opts[1].value,
			 .rows = opts[2].set};
	json_t *a = NULL;
	rc = bc_aggregate(c->st, c->rb, pos[0], &o, &a, &c->diags);
	if (rc == BC_OK && c->json) {
		cli_print_json(a);
		a = NULL;
	} else if (rc == BC_OK) {
		bc_period p;
		if (bc_period_get(c->st, c->rb, pos[0], &p, &c->diags) == BC_OK) {
			aggregate_print(a, p.rs);
			bc_period_free(&p);
		}
	}
	json_decref(a);
	return cli_finish(c, rc);
}

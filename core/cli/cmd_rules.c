/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <string.h>

static const char usage[] =
	"usage: baocao rules list\n"
	"       baocao rules check [DIR]\n"
	"       baocao rules show RULESET\n\n"
	"list   the rulesets of the rules directory: directive, when each "
	"is in force,\n       what it replaces and supersedes\n"
	"check  loads and lints a rules directory (default: --rules) "
	"without a database;\n       exit 1 on errors, warnings do not "
	"change the exit code\n"
	"show   a ruleset's directive, periods, unit kinds, levels and "
	"roles\n";

static json_t *day_json(bc_dayrule r)
{
	char buf[24];
	if (r.year_offset)
		snprintf(buf, sizeof buf, "%02d/%02d/Y%+d", r.day, r.month,
			 r.year_offset);
	else
		snprintf(buf, sizeof buf, "%02d/%02d/Y", r.day, r.month);
	return json_string(buf);
}

static json_t *nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *directive_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	const bc_directive *d = &rs->directive;
	char off[16];
	int a = d->utc_offset < 0 ? -d->utc_offset : d->utc_offset;
	snprintf(off, sizeof off, "%c%02u:%02u", d->utc_offset < 0 ? '-' : '+',
		 (unsigned)a / 60u % 24u, (unsigned)a % 60u);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:{s:o, s:o},"
			 " s:{s:b, s:s}, s:o, s:s}",
			 "id", rs->id, "title", d->title, "reference",
			 d->reference, "issued", cli_json_date(d->issued),
			 "issuer", nullable(d->issuer), "replaces",
			 nullable(d->replaces), "supersedes",
			 nullable(d->supersedes), "in_force", "from",
			 cli_json_date(d->in_force_from), "to",
			 cli_json_date(bc_rulebook_in_force_to(rb, rs)),
			 "deadline", "inclusive", d->deadline_inclusive,
			 "utc_offset", off, "reading", nullable(d->reading),
			 "hash", rs->hash);
}

static int rules_list(bc_cli *c)
{
	bc_err rc = cli_load_rules(c);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	json_t *arr = json_array();
	for (size_t i = 0; i < c->rb->n; i++) {
		const bc_ruleset *rs = c->rb->v[i];
		const bc_directive *d = &rs->directive;
		if (c->json) {
			json_array_append_new(arr, directive_json(c->rb, rs));
			continue;
		}
		char from[BC_DATE_BUF], to[BC_DATE_BUF] = "", issued[BC_DATE_BUF] = "";
		bc_date end = bc_rulebook_in_force_to(c->rb, rs);
		bc_date_format(d->in_force_from, from);
		if (end != BC_DATE_NONE)
			bc_date_format(end, to);
		if (d->issued != BC_DATE_NONE)
			bc_date_format(d->issued, issued);
		printf("%s\n  %s\n  directive %s%s%s\n", rs->id, d->title,
		       d->reference, *issued ? " of " : "", issued);
		if (d->replaces)
			printf("  replaces %s\n", d->replaces);
		if (d->supersedes)
			printf("  supersedes ruleset %s\n", d->supersedes);
		printf("  governs periods whose data window ends from %s%s%s\n",
		       from, *to ? " to " : " on", to);
	}
	if (c->json)
		cli_print_json(json_pack("{s:o}", "rulesets", arr));
	else
		json_decref(arr);
	return EXIT_OK;
}

static int rules_check(bc_cli *c, const char *dir)
{
	bc_rulebook *rb = NULL;
	bc_err rc = bc_rulebook_load(dir ? dir : c->rules_dir, NULL, &rb,
				     &c->diags);
	if (rb) {
		bc_rulebook_check(rb, &c->diags);
		for (size_t i = 0; i < rb->n; i++)
			bc_ruleset_lint(rb->v[i], &c->diags);
	}
	size_t errors = c->diags.errors, warnings = c->diags.warnings;
	size_t n = rb ? rb->n : 0;
	bc_rulebook_free(rb);
	if (rc == BC_ERR_NOMEM)
		return cli_finish(c, rc);
	if (c->json) {
		json_t *msgs = json_array();
		for (size_t i = 0; i < c->diags.n; i++) {
			const bc_diag *dg = &c->diags.v[i];
			json_array_append_new(
				msgs,
				json_pack("{s:s, s:o, s:o, s:s}", "severity",
					  dg->severity == BC_ERROR ? "error"
								   : "warning",
					  "file", nullable(dg->file), "line",
					  dg->line ? json_integer(dg->line)
						   : json_null(),
					  "message", dg->msg));
		}
		cli_print_json(json_pack("{s:i, s:i, s:i, s:o}", "rulesets",
					 (int)n, "errors", (int)errors,
					 "warnings", (int)warnings,
					 "messages", msgs));
	}
	cli_flush_diags(c);
	fprintf(stderr, "rules check: %zu ruleset%s loaded, %zu error%s, "
			"%zu warning%s\n",
		n, n == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s");
	return errors || rc != BC_OK ? EXIT_REJECTED : EXIT_OK;
}

static json_t *ruleset_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	json_t *types = json_array(), *kinds = json_array(),
	       *levels = json_array(), *roles = json_array();
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		json_t *o = json_pack("{s:s, s:s, s:b, s:b}", "code", p->code,
				      "label", p->label, "adhoc", p->adhoc,
				      "advance", p->advance);
		if (!p->adhoc) {
			json_object_set_new(o, "window",
					    json_pack("{s:o, s:o}", "from",
						      day_json(p->from), "to",
						      day_json(p->to)));
			json_object_set_new(o, "unit_due", day_json(p->unit_due));
			json_object_set_new(o, "compile_due",
					    day_json(p->compile_due));
		}
		json_array_append_new(types, o);
	}
	for (size_t i = 0; i < rs->n_kinds; i++)
		json_array_append_new(kinds,
				      json_pack("{s:s, s:s, s:o}", "id",
						rs->kinds[i].id, "label",
						rs->kinds[i].label, "level",
						nullable(rs->kinds[i].level)));
	for (size_t i = 0; i < rs->n_levels; i++)
		json_array_append_new(levels,
				      json_pack("{s:s, s:s}", "id",
						rs->levels[i].id, "label",
						rs->levels[i].label));
	for (size_t i = 0; i < rs->n_roles; i++)
		json_array_append_new(roles,
				      json_pack("{s:s, s:s}", "id",
						rs->roles[i].id, "label",
						rs->roles[i].label));
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "directive",
			 directive_json(rb, rs), "period_types", types,
			 "unit_kinds", kinds, "levels", levels, "roles",
			 roles);
}

static void day_print(const char *what, bc_dayrule r)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%02d/%02d/Y", r.day, r.month);
	if (r.year_offset)
		snprintf(buf + 9, sizeof buf - 9, "%+d", r.year_offset);
	printf("%s %-9s", what, buf);
}

static void ruleset_print(const bc_rulebook *rb, const bc_ruleset *rs)
{
	const bc_directive *d = &rs->directive;
	printf("%s — %s\ndirective %s", rs->id, d->title, d->reference);
	if (d->issuer)
		printf(", %s", d->issuer);
	printf("\n");
	if (d->replaces)
		printf("replaces %s\n", d->replaces);
	if (d->reading)
		printf("deadlines: %s\n", d->reading);
	printf("\nperiods (Y is the period's year):\n");
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		if (p->adhoc) {
			printf("  %-4s %s — window, deadline and forms given "
			       "when created\n",
			       p->code, p->label);
			continue;
		}
		printf("  %-4s ", p->code);
		day_print("window", p->from);
		day_print("to", p->to);
		day_print(" units due", p->unit_due);
		day_print("compiled by", p->compile_due);
		printf(" %s  %s\n", p->advance ? "may be advanced" : "fixed",
		       p->label);
	}
	printf("\nlevels:\n");
	for (size_t i = 0; i < rs->n_levels; i++)
		printf("  %-12s %s\n", rs->levels[i].id, rs->levels[i].label);
	printf("\nunit kinds:\n");
	for (size_t i = 0; i < rs->n_kinds; i++)
		printf("  %-12s %-32s level %s\n", rs->kinds[i].id,
		       rs->kinds[i].label,
		       rs->kinds[i].level ? rs->kinds[i].level
					  : "— (collects, does not report)");
	printf("\nroles:\n");
	for (size_t i = 0; i < rs->n_roles; i++)
		printf("  %-12s %s\n", rs->roles[i].id, rs->roles[i].label);
	(void)rb;
}

static int rules_show(bc_cli *c, const char *id)
{
	bc_err rc = cli_load_rules(c);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	const bc_ruleset *rs = bc_rulebook_find(c->rb, id);
	if (!rs) {
		fprintf(stderr, "baocao: no ruleset '%s' in %s (see 'baocao "
				"rules list')\n",
			id, c->rules_dir);
		return EXIT_USAGE;
	}
	if (c->json)
		cli_print_json(ruleset_json(c->rb, rs));
	else
		ruleset_print(c->rb, rs);
	return EXIT_OK;
}

int cmd_rules(bc_cli *c, int argc, char **argv)
{
	const char *pos[2];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 2, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos == 1 && strcmp(pos[0], "list") == 0)
		return rules_list(c);
	if (npos >= 1 && strcmp(pos[0], "check") == 0)
		return rules_check(c, npos == 2 ? pos[1] : NULL);
	if (npos == 2 && strcmp(pos[0], "show") == 0)
		return rules_show(c, pos[1]);
	return cli_usage_error(usage, npos ? "bad use of 'rules %s'"
					   : "rules: say list, check or show",
			       npos ? pos[0] : "");
}

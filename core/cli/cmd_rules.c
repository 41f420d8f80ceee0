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

static json_t *strings(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *check_json(const bc_check *k)
{
	json_t *o = json_pack("{s:s, s:s}", "condition", k->text, "severity",
			      k->severity == BC_ERROR ? "error" : "warning");
	if (k->field)
		json_object_set_new(o, "field", json_string(k->field));
	if (k->message)
		json_object_set_new(o, "message", json_string(k->message));
	return o;
}

static json_t *field_json(const bc_field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", f->id, "label",
			      f->label, "type", bc_ftype_name(f->type));
	if (f->agg != BC_AGG_NONE)
		json_object_set_new(o, "agg", json_string(bc_agg_name(f->agg)));
	if (f->level)
		json_object_set_new(o, "level", json_string(f->level));
	if (f->unit)
		json_object_set_new(o, "unit", json_string(f->unit));
	if (f->n_values)
		json_object_set_new(o, "values",
				    strings(f->values, f->n_values));
	if (f->required)
		json_object_set_new(o, "required", json_true());
	if (f->pattern)
		json_object_set_new(o, "pattern", json_string(f->pattern));
	if (f->count_by >= 0)
		json_object_set_new(o, "count_by",
				    json_string(f->columns[f->count_by].id));
	if (f->n_columns) {
		json_t *cols = json_array(), *rc = json_array();
		for (size_t i = 0; i < f->n_columns; i++)
			json_array_append_new(cols, field_json(&f->columns[i]));
		for (size_t i = 0; i < f->n_row_checks; i++)
			json_array_append_new(rc, check_json(&f->row_checks[i]));
		json_object_set_new(o, "columns", cols);
		json_object_set_new(o, "row_checks", rc);
	}
	return o;
}

static json_t *form_json(const bc_form *f)
{
	json_t *fields = json_array(), *checks = json_array(),
	       *inds = json_array();
	for (size_t i = 0; i < f->n_fields; i++)
		json_array_append_new(fields, field_json(&f->fields[i]));
	for (size_t i = 0; i < f->n_checks; i++)
		json_array_append_new(checks, check_json(&f->checks[i]));
	for (size_t i = 0; i < f->n_indicators; i++) {
		const bc_indicator *x = &f->indicators[i];
		char num[512], den[512];
		bc_expr_text(&x->num, num, sizeof num);
		bc_expr_text(&x->den, den, sizeof den);
		json_array_append_new(
			inds, x->rows >= 0
				      ? json_pack("{s:s, s:s, s:s}", "id", x->id,
						  "label", x->label, "rows",
						  f->fields[x->rows].id)
				      : json_pack("{s:s, s:s, s:s, s:s}", "id",
						  x->id, "label", x->label,
						  "num", num, "den", den));
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", f->id,
			 "title", f->title, "section", nullable(f->section),
			 "owner", nullable(f->owner), "fields", fields,
			 "checks", checks, "indicators", inds);
}

static json_t *catalogue_json(const bc_ruleset *rs)
{
	json_t *forms = json_array(), *secs = json_array(),
	       *duties = json_array(), *chans = json_array();
	for (size_t i = 0; i < rs->n_forms; i++)
		json_array_append_new(forms, form_json(&rs->forms[i]));
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *x = &rs->sections[i];
		json_array_append_new(
			secs, json_pack("{s:s, s:s, s:o, s:o}", "id", x->id,
					"title", x->title, "guidance",
					nullable(x->guidance), "forms",
					strings(x->forms, x->n_forms)));
	}
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		json_t *o = json_pack("{s:o, s:o}", "parts",
				      strings(u->parts, u->n_parts), "sections",
				      strings(u->sections, u->n_sections));
		if (u->role)
			json_object_set_new(o, "role", json_string(u->role));
		else
			json_object_set_new(o, "kinds",
					    strings(u->kinds, u->n_kinds));
		json_array_append_new(duties, o);
	}
	for (size_t i = 0; i < rs->n_channels; i++)
		json_array_append_new(chans,
				      json_pack("{s:s, s:s}", "id",
						rs->channels[i].id, "label",
						rs->channels[i].label));
	return json_pack("{s:o, s:o, s:o, s:o}", "forms", forms, "outline",
			 secs, "responsibilities", duties, "channels", chans);
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
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "directive",
			      directive_json(rb, rs), "period_types", types,
			      "unit_kinds", kinds, "levels", levels, "roles",
			      roles);
	json_object_update(o, catalogue_json(rs));
	return o;
}

static void day_print(const char *what, bc_dayrule r)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%02d/%02d/Y", r.day, r.month);
	if (r.year_offset)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%+d",
			 r.year_offset);
	printf("%s %-10s", what, buf);
}

static void field_print(const bc_field *f, const char *indent)
{
	printf("%s%-22s %-6s %-10s %s", indent, f->id, bc_ftype_name(f->type),
	       f->agg != BC_AGG_NONE ? bc_agg_name(f->agg) : "", f->label);
	if (f->unit)
		printf(" (%s)", f->unit);
	if (f->level)
		printf(" [chỉ cấp %s]", f->level);
	if (f->required)
		printf(" [bắt buộc]");
	if (f->n_values) {
		printf(" {");
		for (size_t i = 0; i < f->n_values; i++)
			printf("%s%s", i ? ", " : "", f->values[i]);
		printf("}");
	}
	printf("\n");
	for (size_t i = 0; i < f->n_columns; i++)
		field_print(&f->columns[i], "        ");
	for (size_t i = 0; i < f->n_row_checks; i++)
		printf("        check %s\n", f->row_checks[i].text);
}

static void forms_print(const bc_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_forms; i++) {
		const bc_form *f = &rs->forms[i];
		printf("\nform %s — %s", f->id, f->title);
		if (f->section)
			printf(" (mục %s)", f->section);
		if (f->owner)
			printf(" — %s", f->owner);
		printf("\n");
		for (size_t k = 0; k < f->n_fields; k++)
			field_print(&f->fields[k], "    ");
		for (size_t k = 0; k < f->n_checks; k++) {
			const bc_check *c = &f->checks[k];
			printf("    %s %s%s%s\n",
			       c->severity == BC_ERROR ? "check" : "warn ",
			       c->field ? c->field : "", c->field ? " " : "",
			       c->text);
		}
		for (size_t k = 0; k < f->n_indicators; k++) {
			const bc_indicator *x = &f->indicators[k];
			char num[512], den[512];
			bc_expr_text(&x->num, num, sizeof num);
			bc_expr_text(&x->den, den, sizeof den);
			if (x->rows >= 0)
				printf("    indicator %s = rows of %s matching "
				       "/ all rows — %s\n",
				       x->id, f->fields[x->rows].id, x->label);
			else
				printf("    indicator %s = (%s) / (%s) × 100 — "
				       "%s\n",
				       x->id, num, den, x->label);
		}
	}
}

static void outline_print(const bc_ruleset *rs)
{
	printf("\noutline:\n");
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *x = &rs->sections[i];
		int depth = 0;
		for (const char *c = x->id; *c; c++)
			depth += *c == '.';
		printf("  %*s%s %s", 2 * depth, "", x->id, x->title);
		for (size_t k = 0; k < x->n_forms; k++)
			printf("%s%s", k ? ", " : "  ← ", x->forms[k]);
		printf("\n");
		/* The guidance, each of its lines under the title. */
		for (const char *g = x->guidance; g && *g;) {
			const char *e = strchr(g, '\n');
			int n = e ? (int)(e - g) : (int)strlen(g);
			printf("  %*s  | %.*s\n", 2 * depth, "", n, g);
			g += n + (e != NULL);
		}
	}
}

static void duties_print(const bc_ruleset *rs)
{
	printf("\nresponsibilities:\n");
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		printf("  %s ", u->role ? "role" : "kind");
		if (u->role)
			printf("%s", u->role);
		for (size_t k = 0; k < u->n_kinds; k++)
			printf("%s%s", k ? ", " : "", u->kinds[k]);
		printf(":");
		for (size_t k = 0; k < u->n_parts; k++)
			printf(" %s", u->parts[k]);
		if (u->n_sections) {
			printf("  sections");
			for (size_t k = 0; k < u->n_sections; k++)
				printf(" %s", u->sections[k]);
		}
		printf("\n");
	}
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
	forms_print(rs);
	outline_print(rs);
	duties_print(rs);
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

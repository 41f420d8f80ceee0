/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "ruleset_json.h"
#include "text.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao rules list\n"
	"       baocao rules check [DIR]\n"
	"       baocao rules show RULESET\n\n"
	"list   the rulesets of the rules directory: directive, when each "
	"is in force,\n       what it replaces and supersedes\n"
	"check  loads and lints a rules directory (default: --rules) "
	"without a database;\n       exit 1 on errors, warnings do not "
	"change the exit code; the rules'\n       memory cap and time "
	"limit count what their registrations keep and do\n"
	"show   a ruleset's directive, periods, unit kinds, levels and "
	"roles\n");

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
			json_array_append_new(arr, bc_directive_json(c->rb, rs));
			continue;
		}
		char from[BC_DATE_BUF], to[BC_DATE_BUF] = "", issued[BC_DATE_BUF] = "";
		bc_date end = bc_rulebook_in_force_to(c->rb, rs);
		bc_date_format_dmy(d->in_force_from, from);
		if (end != BC_DATE_NONE)
			bc_date_format_dmy(end, to);
		if (d->issued != BC_DATE_NONE)
			bc_date_format_dmy(d->issued, issued);
		printf("%s\n  %s\n  ", rs->id, d->title);
		if (*issued)
			printf(_("directive %s of %s\n"), d->reference, issued);
		else
			printf(_("directive %s\n"), d->reference);
		if (d->replaces)
			printf(_("  replaces %s\n"), d->replaces);
		if (d->supersedes)
			printf(_("  supersedes ruleset %s\n"), d->supersedes);
		if (*to)
			printf(_("  governs periods whose data window ends from "
				 "%s to %s\n"),
			       from, to);
		else
			printf(_("  governs periods whose data window ends from "
				 "%s on\n"),
			       from);
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
					  "file", cli_json_str(dg->file), "line",
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
	char loaded[64], errs[64], warns[64];
	snprintf(loaded, sizeof loaded,
		 P_("%zu ruleset loaded", "%zu rulesets loaded", n), n);
	snprintf(errs, sizeof errs, P_("%zu error", "%zu errors", errors),
		 errors);
	snprintf(warns, sizeof warns,
		 P_("%zu warning", "%zu warnings", warnings), warnings);
	fprintf(stderr, _("rules check: %s, %s, %s\n"), loaded, errs, warns);
	return errors || rc != BC_OK ? EXIT_REJECTED : EXIT_OK;
}

static void day_print(const char *what, bc_dayrule r)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%02d/%02d/Y", r.day, r.month);
	if (r.year_offset)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%+d",
			 r.year_offset);
	printf("%s ", what);
	cli_col(stdout, buf, 10, false);
}

static void field_print(const bc_field *f, const char *indent)
{
	fputs(indent, stdout);
	cli_col(stdout, f->id, 22, false);
	putchar(' ');
	cli_col(stdout, bc_ftype_name(f->type), 6, false);
	putchar(' ');
	cli_col(stdout, f->agg != BC_AGG_NONE ? bc_agg_name(f->agg) : "", 10,
		false);
	printf(" %s", f->label);
	if (f->unit)
		printf(" (%s)", f->unit);
	if (f->level)
		printf(_(" [level %s only]"), f->level);
	if (f->required)
		fputs(_(" [required]"), stdout);
	if (f->n_values) {
		printf(" {");
		for (size_t i = 0; i < f->n_values; i++) {
			printf("%s%s", i ? ", " : "", f->values[i]);
			if (strcmp(f->value_labels[i], f->values[i]))
				printf(" \"%s\"", f->value_labels[i]);
		}
		printf("}");
	}
	printf("\n");
	for (size_t i = 0; i < f->n_columns; i++)
		field_print(&f->columns[i], "        ");
	for (size_t i = 0; i < f->n_row_checks; i++)
		printf("        %s %s\n", _("check"), f->row_checks[i].text);
}

/* a, or b when not first, in a column as wide as the wider of the two:
 * words whose width depends on the reader's language. */
static void one_of(const char *a, const char *b, bool first)
{
	size_t wa = bc_utf8_width(a), wb = bc_utf8_width(b);
	cli_col(stdout, first ? a : b, (int)(wa > wb ? wa : wb), false);
}

/* A form's check: "check" or "warn", the field and the text. */
static void check_print(const bc_check *c)
{
	fputs("    ", stdout);
	one_of(_("check"), _("warn"), c->severity == BC_ERROR);
	printf(" %s%s%s\n", c->field ? c->field : "", c->field ? " " : "",
	       c->text);
}

static void forms_print(const bc_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_forms; i++) {
		const bc_form *f = &rs->forms[i];
		printf(_("\nform %s — %s — %s"), f->id, f->name, f->title);
		if (f->section)
			printf(_(" (section %s)"), f->section);
		if (f->owner)
			printf(" — %s", f->owner);
		printf("\n");
		for (size_t k = 0; k < f->n_fields; k++)
			field_print(&f->fields[k], "    ");
		for (size_t k = 0; k < f->n_checks; k++)
			check_print(&f->checks[k]);
		for (size_t k = 0; k < f->n_indicators; k++) {
			const bc_indicator *x = &f->indicators[k];
			char num[512], den[512];
			bc_expr_text(&x->num, num, sizeof num);
			bc_expr_text(&x->den, den, sizeof den);
			if (x->rows >= 0)
				printf(_("    indicator %s = rows of %s matching "
					 "/ all rows — %s\n"),
				       x->id, f->fields[x->rows].id, x->label);
			else
				printf(_("    indicator %s = (%s) / (%s) × 100 — "
					 "%s\n"),
				       x->id, num, den, x->label);
		}
	}
}

static void outline_print(const bc_ruleset *rs)
{
	fputs(_("\noutline:\n"), stdout);
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
	fputs(_("\nresponsibilities:\n"), stdout);
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		printf("  %s ", u->role ? _("role") : _("kind"));
		if (u->role)
			printf("%s", u->role);
		for (size_t k = 0; k < u->n_kinds; k++)
			printf("%s%s", k ? ", " : "", u->kinds[k]);
		printf(":");
		for (size_t k = 0; k < u->n_parts; k++)
			printf(" %s", u->parts[k]);
		if (u->n_sections) {
			fputs(_("  sections"), stdout);
			for (size_t k = 0; k < u->n_sections; k++)
				printf(" %s", u->sections[k]);
		}
		printf("\n");
	}
}

/* A line of a list of ids with their labels. */
static void labelled(const char *id, const char *label)
{
	fputs("  ", stdout);
	cli_col(stdout, id, 12, false);
	printf(" %s\n", label);
}

static void ruleset_print(const bc_rulebook *rb, const bc_ruleset *rs)
{
	const bc_directive *d = &rs->directive;
	printf("%s — %s\n", rs->id, d->title);
	printf(_("directive %s"), d->reference);
	if (d->issuer)
		printf(", %s", d->issuer);
	printf("\n");
	if (d->replaces)
		printf(_("replaces %s\n"), d->replaces);
	if (d->reading)
		printf(_("deadlines: %s\n"), d->reading);
	fputs(_("\nperiods (Y is the period's year):\n"), stdout);
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		if (p->adhoc) {
			fputs("  ", stdout);
			cli_col(stdout, p->code, 4, false);
			printf(_(" %s — window, deadline and forms given when "
				 "created\n"),
			       p->label);
			continue;
		}
		if (p->derived) {
			fputs("  ", stdout);
			cli_col(stdout, p->code, 4, false);
			printf(_(" %s — computed as %s, nothing is sent for "
				 "it\n"),
			       p->label, p->derived);
			continue;
		}
		fputs("  ", stdout);
		cli_col(stdout, p->code, 4, false);
		putchar(' ');
		day_print(_("window"), p->from);
		day_print(_("to"), p->to);
		day_print(_(" units due"), p->unit_due);
		day_print(_("compiled by"), p->compile_due);
		putchar(' ');
		one_of(_("may be advanced"), _("fixed"), p->advance);
		printf("  %s\n", p->label);
	}
	fputs(_("\nlevels:\n"), stdout);
	for (size_t i = 0; i < rs->n_levels; i++)
		labelled(rs->levels[i].id, rs->levels[i].label);
	fputs(_("\nunit kinds:\n"), stdout);
	for (size_t i = 0; i < rs->n_kinds; i++) {
		fputs("  ", stdout);
		cli_col(stdout, rs->kinds[i].id, 12, false);
		putchar(' ');
		cli_col(stdout, rs->kinds[i].label, 32, false);
		printf(_(" level %s\n"),
		       rs->kinds[i].level ? rs->kinds[i].level
					  : _("— (collects, does not report)"));
	}
	fputs(_("\nroles:\n"), stdout);
	for (size_t i = 0; i < rs->n_roles; i++)
		labelled(rs->roles[i].id, rs->roles[i].label);
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
		fprintf(stderr,
			_("baocao: no ruleset '%s' in %s (see 'baocao rules "
			  "list')\n"),
			id, c->rules_dir);
		return EXIT_USAGE;
	}
	if (c->json)
		cli_print_json(bc_ruleset_json(c->rb, rs));
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
	if (npos)
		return cli_usage_error(usage, _("bad use of 'rules %s'"),
				       pos[0]);
	return cli_usage_error(usage, _("rules: say list, check or show"));
}

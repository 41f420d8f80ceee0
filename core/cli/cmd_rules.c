/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "mem.h"
#include "ruleset_diff.h"
#include "ruleset_json.h"
#include "scaffold.h"
#include "template.h"
#include "text.h"

#include <string.h>
#include <sys/stat.h>

static const char *const usage = N_(
	"usage: baocao rules list\n"
	"       baocao rules check [DIR]\n"
	"       baocao rules show RULESET\n"
	"       baocao rules diff A B\n"
	"       baocao rules new ID --from RULESET\n\n"
	"list   the rulesets of the rules directory: directive, when each "
	"is in force,\n       what it replaces and supersedes\n"
	"check  loads and lints a rules directory (default: --rules) "
	"without a database;\n       exit 1 on errors, warnings do not "
	"change the exit code; the rules'\n       memory cap and time "
	"limit count what their registrations keep and do\n"
	"show   a ruleset's directive, periods, unit kinds, levels and "
	"roles\n"
	"diff   what changed from ruleset A to ruleset B: periods, forms, "
	"fields and\n       their checks, the outline, who owes what; exit "
	"0 whether or not they\n       differ.  A and B are each a ruleset "
	"of the rules directory, a ruleset\n       directory (a path with "
	"a '/') or ID@HASH, a version the database\n       keeps (ID@ "
	"lists them)\n"
	"new    a new directive ID in the rules directory, a copy of "
	"RULESET (named\n       as diff names one) with its directive{} "
	"to fill in: 'rules check' then\n       lists what is left; never "
	"written over anything\n");

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
	json_t *stale = cli_rules_stale(c);
	if (c->json)
		cli_print_json(json_pack("{s:o, s:o}", "rulesets", arr,
					 "periods_to_move", stale));
	else
		json_decref(arr), json_decref(stale);
	return EXIT_OK;
}

static int rules_check(bc_cli *c, const char *dir)
{
	bc_rulebook *rb = NULL;
	bc_err rc = bc_rulebook_load(dir ? dir : c->rules_dir, NULL, &rb,
				     &c->diags);
	if (rb) {
		bc_rulebook_check(rb, &c->diags);
		for (size_t i = 0; i < rb->n; i++) {
			bc_ruleset_lint(rb->v[i], &c->diags);
			bc_template_lint(rb->v[i], &c->diags);
		}
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

/* What an item was called under earlier rules, "a, b", into buf. */
static const char *was_text(char *const *was, size_t n, char buf[512])
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < 512; i++)
		o += (size_t)snprintf(buf + o, 512 - o, "%s%s", i ? ", " : "",
				      was[i]);
	return buf;
}

static void due_print(const char *what, const bc_due *d)
{
	char buf[BC_DUE_BUF];
	bc_due_text(d, buf);
	printf("%s ", what);
	cli_col(stdout, buf, 10, false);
	if (strlen(buf) >= 10) /* "+5wd after window": past its column */
		putchar(' ');
}

/* The kinds' and levels' own unit deadlines of p, a line each. */
static void dues_for_print(const bc_ruleset *rs, const bc_period_type *p)
{
	for (size_t i = 0; i < p->n_unit_due_for; i++) {
		const bc_due_for *f = &p->unit_due_for[i];
		char buf[BC_DUE_BUF];
		bc_due_text(&f->due, buf);
		fputs("       ", stdout);
		if (f->kind) {
			const bc_unit_kind *k = bc_ruleset_kind(rs, f->kind);
			printf(_("units of kind %s (%s) due %s"),
			       k ? k->label : f->kind, f->kind, buf);
		} else {
			const bc_level *l = bc_ruleset_level(rs, f->level);
			printf(_("units of level %s (%s) due %s"),
			       l ? l->label : f->level, f->level, buf);
		}
		putchar('\n');
	}
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
	char was[512];
	if (f->n_renamed_from)
		printf(_(" [renamed from %s]"),
		       was_text(f->renamed_from, f->n_renamed_from, was));
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
		char was[512];
		if (f->n_renamed_from)
			printf(_(" (renamed from %s)"),
			       was_text(f->renamed_from, f->n_renamed_from,
					was));
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
		/* The summary's sentences as written, placeholders and all. */
		for (size_t k = 0; k < x->n_summary; k++)
			printf("  %*s  = %s\n", 2 * depth, "", x->summary[k]);
		/* And those of a unit's own report. */
		for (size_t k = 0; k < x->n_unit_summary; k++)
			printf("  %*s  ~ %s\n", 2 * depth, "",
			       x->unit_summary[k]);
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
		due_print(_(" units due"), &p->unit_due);
		due_print(_("compiled by"), &p->compile_due);
		putchar(' ');
		one_of(_("may be advanced"), _("fixed"), p->advance);
		printf("  %s\n", p->label);
		dues_for_print(rs, p);
	}
	fputs(_("\nlevels:\n"), stdout);
	for (size_t i = 0; i < rs->n_levels; i++) {
		const bc_level *lv = &rs->levels[i];
		fputs("  ", stdout);
		cli_col(stdout, lv->id, 12, false);
		printf(" %s", lv->label);
		char was[512];
		if (lv->n_was)
			printf(_(" (was %s)"), was_text(lv->was, lv->n_was, was));
		putchar('\n');
	}
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

/* ---- rules diff ------------------------------------------------------------ */

/* A ruleset a `rules diff` argument names; own is set when it was
 * loaded for the diff alone, and freed with it. */
typedef struct side {
	const char *arg;
	const bc_ruleset *rs;
	bc_ruleset *own;
} side;

/* Why ID@HASH names no one version, and the versions the database
 * keeps, to name one of them. */
static void versions_print(bc_cli *c, const char *arg, const char *id,
			   const char *prefix, size_t hits,
			   const bc_rsversion *v, size_t n)
{
	if (!n) {
		fprintf(stderr,
			_("baocao: %s: the database keeps no version of ruleset "
			  "'%s'\n"),
			arg, id);
		return;
	}
	if (!*prefix)
		fprintf(stderr, _("baocao: %s: name one of the versions the "
				  "database keeps, as ID@HASH:\n"),
			arg);
	else if (!hits)
		fprintf(stderr, _("baocao: %s: no version the database keeps "
				  "has a hash beginning so; it keeps:\n"),
			arg);
	else
		fprintf(stderr, _("baocao: %s: the hashes of several versions "
				  "begin so; give more of it:\n"),
			arg);
	for (size_t i = 0; i < n; i++) {
		char at[BC_TIME_DMY_BUF];
		bc_time_format_dmy(v[i].recorded_at, c->tz_offset, at);
		fprintf(stderr, _("  %s@%.12s  recorded %s\n"), id, v[i].hash,
			at);
	}
}

/* The version the database keeps of ruleset id whose hash begins with
 * prefix, loaded from the sources it keeps. */
static bc_err stored_load(bc_cli *c, const char *id, const char *hash,
			  bc_ruleset **out)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_err rc = bc_store_ruleset_sources(c->st, id, hash, &src, &c->diags);
	if (rc == BC_OK)
		rc = bc_ruleset_load(id, &src, NULL, out, &c->diags);
	bc_srcset_free(&src);
	if (rc == BC_OK && strcmp((*out)->hash, hash) != 0) {
		bc_diags_add(&c->diags, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("the sources of ruleset %s kept in the database "
				"do not match their recorded hash %.12s…"),
			     id, hash);
		bc_ruleset_free(*out);
		*out = NULL;
		rc = BC_ERR_DB;
	}
	return rc;
}

/* ID@HASH: a version the database keeps. */
static int stored_side(bc_cli *c, side *s, const char *at)
{
	char *id = bc_strndup(s->arg, (size_t)(at - s->arg));
	const char *prefix = at + 1;
	bc_rsversion *v = NULL;
	size_t n = 0, hits = 0, k = 0;
	bc_err rc = id ? BC_OK : BC_ERR_NOMEM;
	if (rc == BC_OK && !c->st)
		rc = bc_store_open(c->db_path, BC_OPEN_READ, &c->st, &c->diags);
	if (rc == BC_OK)
		rc = bc_store_ruleset_versions(c->st, id, &v, &n, &c->diags);
	size_t len = strlen(prefix);
	for (size_t i = 0; rc == BC_OK && len && i < n; i++)
		if (!strncmp(v[i].hash, prefix, len) && hits++ == 0)
			k = i;
	int r = EXIT_OK;
	if (rc == BC_OK && hits != 1) {
		versions_print(c, s->arg, id, prefix, hits, v, n);
		r = EXIT_USAGE;
	} else if (rc == BC_OK) {
		rc = stored_load(c, id, v[k].hash, &s->own);
		s->rs = s->own;
	}
	bc_free(v);
	bc_free(id);
	return rc != BC_OK ? cli_finish(c, rc) : r;
}

/* A ruleset directory named by its path: its last name is its id. */
static int dir_side(bc_cli *c, side *s)
{
	char *dir = bc_strdup(s->arg);
	if (!dir)
		return cli_finish(c, BC_ERR_NOMEM);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	const char *slash = strrchr(dir, '/');
	const char *id = slash && slash[1] ? slash + 1 : dir;
	bc_err rc = bc_ruleset_load_dir(id, dir, NULL, &s->own, &c->diags);
	bc_free(dir);
	s->rs = s->own;
	return rc == BC_OK ? EXIT_OK : cli_finish(c, rc);
}

/* A ruleset of the rules directory, loaded alone: one beside it that
 * does not load stops nothing. */
static int id_side(bc_cli *c, side *s)
{
	struct stat st;
	char *entry = bc_sprintf("%s/%s/ruleset.lua", c->rules_dir, s->arg);
	bool there = entry && stat(entry, &st) == 0 && S_ISREG(st.st_mode);
	bc_free(entry);
	if (!there) {
		fprintf(stderr,
			_("baocao: no ruleset '%s' in %s (see 'baocao rules "
			  "list')\n"),
			s->arg, c->rules_dir);
		return EXIT_USAGE;
	}
	char *dir = bc_sprintf("%s/%s", c->rules_dir, s->arg);
	bc_err rc = dir ? bc_ruleset_load_dir(s->arg, dir, NULL, &s->own,
					      &c->diags)
			: BC_ERR_NOMEM;
	bc_free(dir);
	s->rs = s->own;
	return rc == BC_OK ? EXIT_OK : cli_finish(c, rc);
}

/* What an argument naming a ruleset to compare or begin from names:
 * ID@HASH a version the database keeps, a path (with a '/') a ruleset
 * directory, else a ruleset of the rules directory. */
static int side_load(bc_cli *c, side *s)
{
	const char *at = strchr(s->arg, '@');
	if (at)
		return stored_side(c, s, at);
	if (strchr(s->arg, '/'))
		return dir_side(c, s);
	return id_side(c, s);
}

/* A value as a person reads it, cut to fit a line: a date dd/mm/yyyy,
 * yes or no, a list's items, "—" for none. */
static void value_text(json_t *v, char *out, size_t n)
{
	char *dump = NULL;
	const char *s = NULL;
	char day[BC_DATE_BUF];
	bc_date d;
	if (json_is_null(v))
		s = "—";
	else if (json_is_boolean(v))
		s = json_is_true(v) ? _("yes") : _("no");
	else if (json_is_string(v) && bc_date_parse(json_string_value(v), &d))
		bc_date_format_dmy(d, day), s = day;
	else if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_array(v) && json_array_size(v) &&
		 json_is_string(json_array_get(v, 0))) {
		json_t *e;
		size_t i, o = 0;
		char list[1024] = "";
		json_array_foreach(v, i, e)
		{
			if (o < sizeof list)
				o += (size_t)snprintf(
					list + o, sizeof list - o, "%s%s",
					i ? ", " : "",
					json_is_string(e) ? json_string_value(e)
							  : "…");
		}
		cli_cut(list, 60, out, n);
		return;
	} else
		s = dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	/* One line: a text's line breaks shown as the rules write them. */
	char one[1024];
	size_t o = 0;
	for (const char *p = s ? s : ""; *p && o + 3 < sizeof one; p++) {
		if (*p == '\n') {
			one[o++] = '\\';
			one[o++] = 'n';
		} else {
			one[o++] = *p;
		}
	}
	one[o] = '\0';
	cli_cut(one, 60, out, n);
	free(dump);
}

/* "label (id)", or the id alone when it is its own label. */
static void named(char *out, size_t n, const char *label, const char *id)
{
	if (!label || !id || !strcmp(label, id))
		snprintf(out, n, "%s", id ? id : label ? label : "");
	else
		snprintf(out, n, "%s (%s)", label, id);
}

/* What a change is about, as people read it: labels and names, the id
 * after them. */
static void subject(const bc_change *ch, char *out, size_t n)
{
	char a[512], b[512];
	switch (ch->what) {
	case BC_CW_COLUMN:
		named(a, sizeof a, ch->column->label, ch->column->id);
		snprintf(out, n, "%s › %s", ch->field->label, a);
		return;
	case BC_CW_CHOICE:
		named(a, sizeof a, ch->label, ch->id);
		snprintf(out, n, _("%s › choice %s"),
			 (ch->column ? ch->column : ch->field)->label, a);
		return;
	case BC_CW_CHECK:
		if (ch->field)
			snprintf(out, n, _("%s › check %s"), ch->field->label,
				 ch->id);
		else
			snprintf(out, n, _("check %s"), ch->id);
		return;
	case BC_CW_INDICATOR:
		named(a, sizeof a, ch->label, ch->id);
		snprintf(out, n, _("indicator %s"), a);
		return;
	case BC_CW_CARRY:
		named(a, sizeof a, ch->label, ch->id);
		snprintf(out, n, _("%s › carried from the period before"), a);
		return;
	case BC_CW_SECTION:
		snprintf(out, n, "%s %s", ch->id, ch->label ? ch->label : "");
		return;
	case BC_CW_OWED_PART:
	case BC_CW_OWED_SECTION:
		named(a, sizeof a, ch->who_label, ch->kind ? ch->kind : ch->role);
		if (ch->what == BC_CW_OWED_PART)
			named(b, sizeof b, ch->label, ch->id);
		else
			snprintf(b, sizeof b, _("section %s %s"), ch->id,
				 ch->label);
		snprintf(out, n, _("%s owes %s"), a, b);
		return;
	case BC_CW_DIRECTIVE:
		snprintf(out, n, "%s", "");
		return;
	case BC_CW_FORM:
		named(a, sizeof a, ch->form->title, ch->form->id);
		snprintf(out, n, "%s — %s", ch->form->name, a);
		return;
	default:
		named(out, n, ch->label, ch->id);
	}
}

/* The heading a change is listed under: a kind of thing, or its form. */
static void heading(const bc_change *ch, char *out, size_t n)
{
	static const char *const group[BC_CW_N] = {
		[BC_CW_DIRECTIVE] = N_("Directive"),
		[BC_CW_PERIOD_TYPE] = N_("Periods"),
		[BC_CW_LEVEL] = N_("Levels"),
		[BC_CW_UNIT_KIND] = N_("Unit kinds"),
		[BC_CW_ROLE] = N_("Roles"),
		[BC_CW_CHANNEL] = N_("Channels"),
		[BC_CW_SECTION] = N_("Outline"),
		[BC_CW_OWED_PART] = N_("Responsibilities"),
		[BC_CW_OWED_SECTION] = N_("Responsibilities"),
		[BC_CW_WORDING] = N_("Wording"),
	};
	if (group[ch->what])
		snprintf(out, n, "%s", _(group[ch->what]));
	else if (ch->what == BC_CW_FORM && ch->op != BC_CH_CHANGED &&
		 ch->op != BC_CH_RENAMED)
		snprintf(out, n, "%s", _("Forms"));
	else
		snprintf(out, n, _("Form %s — %s (%s)"), ch->form->name,
			 ch->form->title, ch->form->id);
}

static const char marker[] = {[BC_CH_ADDED] = '+', [BC_CH_REMOVED] = '-',
			      [BC_CH_CHANGED] = '~', [BC_CH_RENAMED] = '~'};

/* A field or column added: its type, and how it adds up. */
static void field_brief(const bc_change *ch)
{
	json_t *v = ch->after, *agg = json_object_get(v, "agg");
	printf(": %s", json_string_value(json_object_get(v, "type")));
	if (agg)
		printf(", %s", json_string_value(agg));
}

static void change_print(const bc_change *ch)
{
	char what[1200], before[256], after[256];
	subject(ch, what, sizeof what);
	printf("  %c %s", marker[ch->op], what);
	if (ch->op == BC_CH_ADDED &&
	    (ch->what == BC_CW_FIELD || ch->what == BC_CW_COLUMN))
		field_brief(ch);
	if (ch->op == BC_CH_RENAMED)
		printf(_(": renamed from %s"), json_string_value(ch->before));
	if (ch->op == BC_CH_CHANGED) {
		value_text(ch->before, before, sizeof before);
		value_text(ch->after, after, sizeof after);
		if (ch->what == BC_CW_WORDING) {
			if (json_is_null(ch->before))
				snprintf(before, sizeof before, "%s",
					 _("(baocao's own words)"));
			if (json_is_null(ch->after))
				snprintf(after, sizeof after, "%s",
					 _("(baocao's own words)"));
		}
		printf("%s%s: %s → %s", *what && ch->key ? ": " : "",
		       ch->key ? ch->key : "", before, after);
	}
	putchar('\n');
}

/* The changes under their headings: a form's under the form, a form
 * added or removed under the forms. */
static void diff_print(const bc_rsdiff *d, const side *a, const side *b)
{
	char head[1200], last[1200] = "";
	if (d->n)
		printf(P_("%s → %s: %zu change\n", "%s → %s: %zu changes\n",
			  d->n),
		       a->arg, b->arg, d->n);
	else
		printf(_("%s → %s: no changes\n"), a->arg, b->arg);
	for (size_t i = 0; i < d->n; i++) {
		const bc_change *ch = &d->v[i];
		heading(ch, head, sizeof head);
		if (strcmp(head, last))
			printf("\n%s\n", head);
		snprintf(last, sizeof last, "%s", head);
		change_print(ch);
	}
}

static int rules_diff(bc_cli *c, const char *arg_a, const char *arg_b)
{
	side a = {arg_a, NULL, NULL}, b = {arg_b, NULL, NULL};
	int r = side_load(c, &a);
	if (r == EXIT_OK)
		r = side_load(c, &b);
	bc_rsdiff d;
	bc_err rc = BC_OK;
	if (r == EXIT_OK && (rc = bc_ruleset_diff(a.rs, b.rs, &d)) == BC_OK) {
		if (c->json)
			cli_print_json(bc_rsdiff_json(&d));
		else
			diff_print(&d, &a, &b);
	}
	if (r == EXIT_OK)
		bc_rsdiff_free(&d);
	bc_ruleset_free(a.own);
	bc_ruleset_free(b.own);
	return r != EXIT_OK ? r : cli_finish(c, rc);
}

/* ---- rules new ------------------------------------------------------------- */

static void made_print(bc_cli *c, const bc_scaffold *m, const side *from)
{
	char fill[256] = "";
	size_t o = 0;
	for (const char *const *k = bc_scaffold_to_fill; *k; k++)
		o += (size_t)snprintf(fill + o, sizeof fill - o, "%s%s",
				      o ? ", " : "", *k);
	printf(P_("made %s, a copy of %s (%zu file)\n",
		  "made %s, a copy of %s (%zu files)\n", m->n_files),
	       m->dir, from->arg, m->n_files);
	printf(_("to fill in, in its directive{} (%s:%d): %s\n"), m->entry,
	       m->line, fill);
	printf(_("then check it: baocao rules check %s\n"), c->rules_dir);
	fprintf(stderr, _("baocao: until it is filled in, the rules directory "
			  "does not load: commands that read the rules stop, "
			  "saying what is left\n"));
}

static json_t *made_json(const bc_scaffold *m, const char *id,
			 const side *from)
{
	json_t *fill = json_array();
	for (const char *const *k = bc_scaffold_to_fill; fill && *k; k++)
		json_array_append_new(fill, json_string(*k));
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:{s:s, s:i}, s:o}",
			 "ruleset", id, "from", from->rs->id, "from_hash",
			 from->rs->hash, "dir", m->dir, "files",
			 (json_int_t)m->n_files, "directive", "file",
			 m->entry, "line", m->line, "to_fill", fill);
}

static int rules_new(bc_cli *c, const char *id, const char *from)
{
	if (!from)
		return cli_usage_error(usage, _("rules new: say which ruleset "
						"it begins from: --from "
						"RULESET"));
	if (!bc_ruleset_id_ok(id))
		return cli_usage_error(usage,
				       _("rules new: '%s' cannot name a "
					 "ruleset: lower-case letters, digits, "
					 "'-' and '_', a letter or a digit "
					 "first, at most 64"),
				       id);
	side src = {from, NULL, NULL};
	int r = side_load(c, &src);
	if (r != EXIT_OK)
		return r;
	bc_scaffold m;
	bc_err rc = bc_ruleset_scaffold(src.rs, c->rules_dir, id, &m,
					&c->diags);
	if (rc == BC_OK && c->json)
		cli_print_json(made_json(&m, id, &src));
	else if (rc == BC_OK)
		made_print(c, &m, &src);
	bc_scaffold_free(&m);
	bc_ruleset_free(src.own);
	return cli_finish(c, rc);
}

int cmd_rules(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--from", .takes_arg = true}, {0}};
	const char *pos[3];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 3, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (opts[0].set && (npos < 1 || strcmp(pos[0], "new")))
		return cli_usage_error(usage, _("rules: --from goes with "
						"'rules new'"));
	if (npos == 1 && strcmp(pos[0], "list") == 0)
		return rules_list(c);
	if (npos >= 1 && strcmp(pos[0], "check") == 0)
		return rules_check(c, npos == 2 ? pos[1] : NULL);
	if (npos == 2 && strcmp(pos[0], "show") == 0)
		return rules_show(c, pos[1]);
	if (npos == 3 && strcmp(pos[0], "diff") == 0)
		return rules_diff(c, pos[1], pos[2]);
	if (npos == 2 && strcmp(pos[0], "new") == 0)
		return rules_new(c, pos[1], opts[0].value);
	if (npos)
		return cli_usage_error(usage, _("bad use of 'rules %s'"),
				       pos[0]);
	return cli_usage_error(usage,
			       _("rules: say list, check, show, diff or new"));
}

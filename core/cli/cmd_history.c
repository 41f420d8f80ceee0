/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "history.h"
#include "i18n.h"
#include "import.h"
#include "jsonout.h"
#include "mem.h"
#include "period.h"
#include "validate.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao history UNIT PERIOD [FORM]\n"
	"       baocao history UNIT --field FORM.FIELD [PERIOD]\n\n"
	"Every revision the unit sent for the period (of one form, or the\n"
	"part 'report'): when and how it came, who signed it, the source\n"
	"file and its SHA-256, its warnings, and what changed from the\n"
	"revision before.  The revision in force is marked.  UNIT is the\n"
	"unit's code or its name.  FORM is a form of the period's ruleset\n"
	"(bm1) or report; a FORM it does not have is a usage error that\n"
	"lists them.\n\n"
	"  --field FORM.FIELD  the unit's value of that field in every\n"
	"                      period recorded up to PERIOD (default: all),\n"
	"                      the field as the rules of PERIOD (or of the\n"
	"                      latest period) name it, followed through the\n"
	"                      renames of earlier rules\n");

/* The district's word on r: its void (or null) and its reviews. */
static json_t *said_json(const bc_revision_info *r, int offset, json_t **rv)
{
	char at[BC_TIME_BUF];
	*rv = json_array();
	for (size_t i = 0; i < r->n_reviews; i++) {
		const bc_review_info *w = &r->reviews[i];
		bc_time_format(w->at, offset, at);
		json_array_append_new(
			*rv, json_pack("{s:s, s:s, s:s, s:s}", "verdict",
				       w->returned ? "return" : "accept", "at",
				       at, "by", w->actor, "reason", w->reason));
	}
	if (!r->void_reason)
		return json_null();
	bc_time_format(r->voided_at, offset, at);
	return json_pack("{s:s, s:s, s:s}", "at", at, "by", r->void_actor,
			 "reason", r->void_reason);
}

/* Times are shown in the time zone of the command line (+07:00), not
 * in each file's own offset. */
static json_t *revision_json(const bc_revision_info *r, int offset)
{
	char at[BC_TIME_BUF], imp[BC_TIME_BUF];
	bc_time_format(r->received_at, offset, at);
	bc_time_format(r->imported_at, offset, imp);
	json_t *w = json_array(), *ch = json_array();
	for (size_t i = 0; i < r->n_warnings; i++)
		json_array_append_new(w, json_string(r->warnings[i]));
	for (size_t i = 0; i < r->n_changes; i++)
		json_array_append_new(
			ch, json_pack("{s:s, s:o, s:o}", "field",
				      r->changes[i].field, "from",
				      cli_json_str(r->changes[i].from), "to",
				      cli_json_str(r->changes[i].to)));
	char as[BC_TIME_BUF];
	bc_time_format(r->received_as, offset, as);
	json_t *fix = r->correction ? json_pack("{s:s, s:s}", "received_as", as,
						"reason", r->correction)
				    : json_null();
	json_t *reviews, *gone = said_json(r, offset, &reviews);
	return json_pack("{s:s, s:i, s:s, s:o, s:s, s:{s:s, s:s, s:o}, s:s, s:s,"
			 " s:s, s:s, s:b, s:b, s:b, s:o, s:o, s:o, s:o}",
			 "part", r->part, "revision", r->number,
			 "received_at", at, "corrected", fix,
			 "channel", r->channel,
			 "signed_by", "name", r->signer_name, "title",
			 r->signer_title, "date", cli_json_str(r->signed_date),
			 "file", r->file, "sha256", r->sha256, "imported_at",
			 imp, "imported_by", r->actor, "estimated",
			 r->estimated, "complete", r->complete, "in_force",
			 r->in_force, "warnings", w, "changes", ch, "void", gone,
			 "reviews", reviews);
}

/* How a revision came, as people call the channel: its label in the
 * rules; a file handed over is the program's own channel. */
static const char *channel_name(const bc_ruleset *rs, const char *id)
{
	const bc_channel *ch = bc_ruleset_channel(rs, id);
	if (ch)
		return ch->label;
	return strcmp(id, BC_CHANNEL_FILE) ? id : _("a file handed over");
}

/* The field of form a change names ("hs_tiep_nhan", "van_ban.ghi_chu",
 * "van_ban[2].ngay": a table's column), or NULL (a report's section). */
static const bc_field *changed_field(const bc_form *f, const char *key)
{
	size_t n = strcspn(key, "[.");
	const bc_field *t = NULL;
	for (size_t i = 0; f && !t && i < f->n_fields; i++)
		if (!strncmp(f->fields[i].id, key, n) && !f->fields[i].id[n])
			t = &f->fields[i];
	const char *col = strchr(key + n, '.');
	if (!t || !col)
		return t;
	int k = bc_field_index(t->columns, t->n_columns, col + 1);
	return k < 0 ? NULL : &t->columns[k];
}

/* A value as text shows it: a date dd/mm/yyyy, "—" for none. */
static const char *shown(const bc_field *f, const char *v, char *buf)
{
	bc_date d;
	if (!v)
		return "—";
	if (f && f->type == BC_T_DATE && bc_date_parse(v, &d)) {
		bc_date_format_dmy(d, buf);
		return buf;
	}
	return v;
}

static void change_print(const bc_form *form, const bc_change *c)
{
	const bc_field *f = changed_field(form, c->field);
	char from[BC_DATE_BUF], to[BC_DATE_BUF];
	fputs("    ", stdout);
	if (f && !strchr(c->field, '.'))
		printf("%s (%s)", f->label, c->field);
	else
		fputs(c->field, stdout);
	printf(": %s → %s\n", shown(f, c->from, from), shown(f, c->to, to));
}

/* A stored warning (English, as kept) in the reader's language where the
 * revision's own data tell it again: the late one, from the time it was
 * imported with and the period's deadline (buf[n] holds it then); one
 * that says nothing but its words ("figures flagged as estimates") is a
 * message of the catalogue itself; others stay as stored. */
static const char *warning_text(const bc_period *p, const bc_unit *u,
				const bc_revision_info *r, size_t i, char *buf,
				size_t n)
{
	bc_time at = r->correction ? r->received_as : r->received_at;
	bc_date due = bc_period_unit_due(p, u->kind, NULL);
	if (bc_late_warning_text(r->warnings[i], at,
				 p->rs->directive.utc_offset, due, buf, n))
		return buf;
	return *r->warnings[i] ? _(r->warnings[i]) : r->warnings[i];
}

/* The district's word on r, oldest first: its reviews, its void. */
static void said_print(const bc_revision_info *r, int offset)
{
	char at[BC_TIME_BUF];
	for (size_t i = 0; i < r->n_reviews; i++) {
		const bc_review_info *w = &r->reviews[i];
		bc_time_format_dmy(w->at, offset, at);
		if (w->returned)
			printf(_("    returned to the unit %s by %s: %s\n"), at,
			       w->actor, w->reason);
		else if (*w->reason)
			printf(_("    accepted %s by %s: %s\n"), at, w->actor,
			       w->reason);
		else
			printf(_("    accepted %s by %s\n"), at, w->actor);
	}
	if (!r->void_reason)
		return;
	bc_time_format_dmy(r->voided_at, offset, at);
	printf(_("    void since %s, by %s: %s\n"), at, r->void_actor,
	       r->void_reason);
}

static void revision_print(const bc_period *p, const bc_unit *u,
			   const bc_revision_info *r, int offset)
{
	const bc_ruleset *rs = p->rs;
	char at[BC_TIME_BUF];
	bc_time_format_dmy(r->received_at, offset, at);
	printf(r->in_force ? _("%s (%s) r%d, in force: received %s by %s, "
			       "signed by %s (%s)\n")
			   : _("%s (%s) r%d: received %s by %s, signed by %s "
			       "(%s)\n"),
	       bc_ruleset_part_name(rs, r->part), r->part, r->number, at,
	       channel_name(rs, r->channel), r->signer_name, r->signer_title);
	printf(_("    file %s  sha256 %.16s…"), r->file, r->sha256);
	printf("%s%s\n", r->estimated ? _("  estimated") : "",
	       r->complete ? "" : _("  incomplete"));
	if (r->correction) {
		char as[BC_TIME_BUF];
		bc_time_format_dmy(r->received_as, offset, as);
		printf(_("    receipt time corrected (imported as %s): %s\n"),
		       as, r->correction);
	}
	said_print(r, offset);
	const bc_form *form = bc_ruleset_form(rs, r->part);
	for (size_t i = 0; i < r->n_changes; i++)
		change_print(form, &r->changes[i]);
	char buf[1024];
	for (size_t i = 0; i < r->n_warnings; i++)
		printf(_("    warning: %s\n"),
		       warning_text(p, u, r, i, buf, sizeof buf));
}

static void history_print(const bc_history *h, const bc_unit *u,
			  const bc_period *p, const char *form, int offset)
{
	if (!h->n) {
		if (form)
			fprintf(stderr, _("no revision of %s from %s (%s) for %s\n"),
				bc_ruleset_part_name(p->rs, form), u->name,
				u->code, p->code);
		else
			fprintf(stderr, _("no revision from %s (%s) for %s\n"),
				u->name, u->code, p->code);
		return;
	}
	printf("%s (%s), %s (%s)\n\n", u->name, u->code, p->label, p->code);
	for (size_t i = 0; i < h->n; i++)
		revision_print(p, u, &h->v[i], offset);
}

/* Prints the history of the unit and period of the command line. */
static bc_err show(bc_cli *c, const bc_unit *u, const bc_period *p,
		   const char *form)
{
	bc_history h;
	bc_err rc = bc_history_get(c->st, u->code, p->code, form, &h,
				   &c->diags);
	if (rc == BC_OK && c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < h.n; i++)
			json_array_append_new(a, revision_json(&h.v[i], c->tz_offset));
		cli_print_json(json_pack("{s:s, s:s, s:o}", "unit", h.unit,
					 "period", h.period, "revisions", a));
	} else if (rc == BC_OK) {
		history_print(&h, u, p, form, c->tz_offset);
	}
	bc_history_free(&h);
	return rc;
}

/* A value of a field's history as text shows it: a number with the
 * reader's decimal sign, a choice by its label, a date dd/mm/yyyy. */
static void point_text(const bc_field_point *pt, char *buf, size_t n)
{
	const bc_form *f = pt->rs && pt->form ? bc_ruleset_form(pt->rs, pt->form)
					      : NULL;
	int k = f ? bc_field_index(f->fields, f->n_fields, pt->field) : -1;
	const bc_field *fd = k >= 0 ? &f->fields[k] : NULL;
	char dmy[BC_DATE_BUF];
	if (pt->is_num && fd && fd->type == BC_T_BOOL)
		snprintf(buf, n, "%s", pt->num.v ? _("yes") : _("no"));
	else if (pt->is_num) {
		char d[BC_DEC_BUF];
		bc_dec_local(pt->num, d);
		snprintf(buf, n, "%s", d);
	} else if (fd && fd->type == BC_T_ENUM)
		snprintf(buf, n, "%s", bc_field_value_label(fd, pt->text));
	else
		snprintf(buf, n, "%s", shown(fd, pt->text, dmy));
}

static json_t *point_json(const bc_field_point *pt)
{
	json_t *v = pt->is_num ? bc_json_dec(pt->num)
		    : pt->text ? json_string(pt->text)
			       : json_null();
	return json_pack("{s:s, s:o, s:o, s:o, s:b, s:o}", "period",
			 pt->period, "ruleset",
			 cli_json_str(pt->rs ? pt->rs->id : NULL), "form",
			 cli_json_str(pt->form), "field",
			 cli_json_str(pt->field), "sent", pt->sent, "value", v);
}

static void field_history_print(const bc_field_history *h, const bc_unit *u,
				const char *form, const char *field)
{
	printf("%s (%s), %s.%s\n\n", u->name, u->code, form, field);
	char value[1024];
	for (size_t i = 0; i < h->n; i++) {
		const bc_field_point *pt = &h->v[i];
		fputs("  ", stdout);
		cli_col(stdout, pt->period, 10, false);
		putchar(' ');
		if (!pt->field)
			printf(_("no such field under %s"),
			       pt->rs ? pt->rs->id : "—");
		else if (!pt->sent)
			fputs(_("not sent"), stdout);
		else if (!pt->has)
			fputs(_("not reported"), stdout);
		else {
			point_text(pt, value, sizeof value);
			cli_col(stdout, value, 12, true);
		}
		if (pt->field && (strcmp(pt->form, form) ||
				  strcmp(pt->field, field)))
			printf(_("  (then %s.%s, ruleset %s)"), pt->form,
			       pt->field, pt->rs->id);
		putchar('\n');
	}
}

/* history UNIT --field FORM.FIELD [PERIOD] */
static int field_history(bc_cli *c, const char *unit, const char *which,
			 const char *period, const char *use)
{
	char form[64], *dot = strchr(which, '.');
	if (!dot || dot == which || !dot[1] || (size_t)(dot - which) >= sizeof form)
		return cli_usage_error(use, _("--field: say FORM.FIELD "
					      "(dvc.ho_so_nhan)"));
	snprintf(form, sizeof form, "%.*s", (int)(dot - which), which);
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_unit u;
	int r = cli_unit_arg(c, unit, &u);
	if (r != EXIT_OK)
		return r;
	bc_field_history h;
	rc = bc_history_field(c->st, c->rb, u.id, period, form, dot + 1, &h,
			      &c->diags);
	if (rc == BC_OK && c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < h.n; i++)
			json_array_append_new(a, point_json(&h.v[i]));
		cli_print_json(json_pack("{s:s, s:s, s:s, s:o}", "unit",
					 u.code, "form", form, "field",
					 dot + 1, "periods", a));
	} else if (rc == BC_OK) {
		field_history_print(&h, &u, form, dot + 1);
	}
	bc_field_history_free(&h);
	bc_unit_free(&u);
	return cli_finish(c, rc);
}

int cmd_history(bc_cli *c, int argc, char **argv)
{
	const char *pos[3];
	const char *use = _(usage);
	cli_opt opts[] = {{.name = "--field", .takes_arg = true},
			  {.name = NULL}};
	int npos, r = cli_parse(c, argc, argv, opts, pos, 3, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (opts[0].set && (npos < 1 || npos > 2))
		return cli_usage_error(use, _("history --field: which unit "
					      "(and up to which period)?"));
	if (opts[0].set)
		return field_history(c, pos[0], opts[0].value,
				     npos == 2 ? pos[1] : NULL, use);
	if (npos < 2)
		return cli_usage_error(use, _("history: which unit and period?"));
	bc_err rc = cli_open(c, false);
	/* The period must be one the rules know, and the form one of its
	 * ruleset (exit 2 otherwise). */
	bc_period p;
	if (rc == BC_OK)
		rc = bc_period_get(c->st, c->rb, pos[1], &p, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	const char *form = npos == 3 ? pos[2] : NULL;
	if (form && !bc_ruleset_part(p.rs, form)) {
		char *parts = bc_ruleset_parts_text(p.rs);
		r = cli_usage_error(use, _("%s is no form of %s (ruleset %s); "
					   "its forms are %s"),
				    form, p.code, p.rs->id,
				    parts ? parts : "(out of memory)");
		bc_free(parts);
		bc_period_free(&p);
		return r;
	}
	bc_unit u;
	r = cli_unit_arg(c, pos[0], &u);
	if (r == EXIT_OK) {
		r = cli_finish(c, show(c, &u, &p, form));
		bc_unit_free(&u);
	}
	bc_period_free(&p);
	return r;
}

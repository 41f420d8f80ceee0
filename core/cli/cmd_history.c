/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "history.h"
#include "mem.h"
#include "period.h"

static const char usage[] =
	"usage: baocao history UNIT PERIOD [FORM]\n\n"
	"Every revision the unit sent for the period (of one form, or the\n"
	"part 'report'): when and how it came, who signed it, the source\n"
	"file and its SHA-256, its warnings, and what changed from the\n"
	"revision before.  The revision in force is marked.  FORM is a form\n"
	"of the period's ruleset (bm1) or report; a FORM it does not have is\n"
	"a usage error that lists them.\n";

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
	return json_pack("{s:s, s:i, s:s, s:o, s:s, s:{s:s, s:s, s:o}, s:s, s:s,"
			 " s:s, s:s, s:b, s:b, s:b, s:o, s:o}",
			 "part", r->part, "revision", r->number,
			 "received_at", at, "corrected", fix,
			 "channel", r->channel,
			 "signed_by", "name", r->signer_name, "title",
			 r->signer_title, "date", cli_json_str(r->signed_date),
			 "file", r->file, "sha256", r->sha256, "imported_at",
			 imp, "imported_by", r->actor, "estimated",
			 r->estimated, "complete", r->complete, "in_force",
			 r->in_force, "warnings", w, "changes", ch);
}

static void revision_print(const bc_revision_info *r, int offset)
{
	char at[BC_TIME_BUF];
	bc_time_format(r->received_at, offset, at);
	printf("%s r%d%s  received %s by %s  signed %s (%s)\n", r->part,
	       r->number, r->in_force ? " (in force)" : "", at, r->channel,
	       r->signer_name, r->signer_title);
	printf("    file %s  sha256 %.16s…%s%s\n", r->file, r->sha256,
	       r->estimated ? "  estimated" : "",
	       r->complete ? "" : "  incomplete");
	if (r->correction) {
		char as[BC_TIME_BUF];
		bc_time_format(r->received_as, offset, as);
		printf("    receipt time corrected (imported as %s): %s\n", as,
		       r->correction);
	}
	for (size_t i = 0; i < r->n_changes; i++) {
		const bc_change *c = &r->changes[i];
		fputs("    ", stdout);
		cli_col(stdout, c->field, 32, false);
		printf(" %s → %s\n", c->from ? c->from : "—",
		       c->to ? c->to : "—");
	}
	for (size_t i = 0; i < r->n_warnings; i++)
		printf("    warning: %s\n", r->warnings[i]);
}

int cmd_history(bc_cli *c, int argc, char **argv)
{
	const char *pos[3];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 3, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos < 2)
		return cli_usage_error(usage, "history: which unit and period?");
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
		r = cli_usage_error(usage, "%s is no form of %s (ruleset %s); "
					   "its forms are %s",
				    form, p.code, p.rs->id,
				    parts ? parts : "(out of memory)");
		bc_free(parts);
		bc_period_free(&p);
		return r;
	}
	bc_history h;
	rc = bc_history_get(c->st, pos[0], p.code, form, &h, &c->diags);
	bc_period_free(&p);
	if (rc == BC_OK && c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < h.n; i++)
			json_array_append_new(a, revision_json(&h.v[i], c->tz_offset));
		cli_print_json(json_pack("{s:s, s:s, s:o}", "unit", h.unit,
					 "period", h.period, "revisions", a));
	} else if (rc == BC_OK) {
		for (size_t i = 0; i < h.n; i++)
			revision_print(&h.v[i], c->tz_offset);
		if (!h.n)
			fprintf(stderr, "no revision of %s%s%s for %s\n",
				pos[0], form ? " " : "", form ? form : "",
				h.period);
	}
	bc_history_free(&h);
	return cli_finish(c, rc);
}

/* SPDX-License-Identifier: MIT */
#include "dbcheck.h"
#include "cli.h"
#include "i18n.h"
#include "mem.h"

static const char *const usage = N_(
	"usage: baocao check\n\n"
	"Checks the database and lists every problem it finds; it changes\n"
	"nothing and may run while others import:\n"
	"  - SQLite's integrity_check and foreign_key_check;\n"
	"  - its tables, indexes and triggers are those baocao makes, none\n"
	"    missing, changed or added (the triggers keep revisions and the\n"
	"    audit log as written);\n"
	"  - the audit log's hash chain is whole: no entry changed, removed\n"
	"    or put in;\n"
	"  - each recorded ruleset's sources still give its SHA-256;\n"
	"  - each submission has its import in the audit log; each revision\n"
	"    belongs to its submission's unit and period, and the revisions\n"
	"    of a unit, period and form are numbered 1 to n;\n"
	"  - each value belongs to a revision that is there;\n"
	"  - each unit's code is one 'units import' accepts.\n\n"
	"Exit 0 when all is well; 1 with the problems (then restore the\n"
	"database from a backup: 'baocao restore --help'); 3 when it cannot\n"
	"be opened at all.\n");

static json_t *problems_json(const bc_diags *d)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(
			a, json_pack("{s:s?, s:s}", "check", d->v[i].loc,
				     "message", d->v[i].msg ? d->v[i].msg : ""));
	return a;
}

static void report(bc_cli *c, const bc_check_counts *n, int schema)
{
	char what[256];
	size_t errors = c->diags.errors;
	if (c->json) {
		cli_print_json(json_pack(
			"{s:s, s:b, s:o, s:o, s:o}", "db", c->db_path, "ok",
			errors == 0, "schema",
			schema >= 0 ? json_integer(schema) : json_null(),
			"counts", cli_counts_json(n), "problems",
			problems_json(&c->diags)));
		return;
	}
	cli_counts_text(n, what, sizeof what);
	if (errors)
		printf(P_("%s: %zu problem found\n", "%s: %zu problems found\n",
			  errors),
		       c->db_path, errors);
	else
		printf(_("%s: ok: schema %d; %s; the audit chain is whole\n"),
		       c->db_path, schema, what);
}

int cmd_check(bc_cli *c, int argc, char **argv)
{
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 0, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	/* Not counted unless the file opens. */
	bc_check_counts n = {-1, -1, -1, -1, -1, -1, -1};
	bc_err rc = bc_store_open(c->db_path, BC_OPEN_READ, &c->st, &c->diags);
	/* A file too damaged to open is a finding, not a failure. */
	bool found = rc == BC_ERR_DAMAGED;
	if (rc == BC_OK)
		rc = bc_check_database(c->st, &n, &c->diags);
	if (rc != BC_OK && !found)
		return cli_finish(c, rc);
	/* Said in the reader's language, but --json stays English. */
	if (c->damaged && c->diags.errors == 0)
		bc_diags_add(&c->diags, BC_ERROR, c->db_path, 0, NULL, NULL,
			     c->json ? "SQLite met damage while reading it: %s"
				     : _("SQLite met damage while reading it: "
					 "%s"),
			     c->damage_msg);
	c->damage_reported = true;
	report(c, &n, c->st ? bc_store_schema_version(c->st) : -1);
	bool ok = c->diags.errors == 0;
	cli_flush_diags(c);
	return ok ? EXIT_OK : EXIT_REJECTED;
}

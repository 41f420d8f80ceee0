/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"

static const char *const usage = N_(
	"usage: baocao init\n\n"
	"Creates the database if it is missing (running it again is "
	"harmless),\nupgrades its schema, and records every ruleset of the "
	"rules directory.\nThe rules are loaded first: if they cannot be, "
	"nothing is created.  A new\ndatabase appears only complete; none is "
	"made beside a journal file\n(DB-wal) left without its database.\n");

int cmd_init(bc_cli *c, int argc, char **argv)
{
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 0, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	/* The rules first: an init refused for them creates nothing. */
	bc_err rc = cli_load_rules(c);
	if (rc == BC_OK)
		rc = cli_open_store(c, true);
	if (rc == BC_OK)
		rc = bc_store_begin(c->st, &c->diags);
	if (rc == BC_OK) {
		for (size_t i = 0; i < c->rb->n && rc == BC_OK; i++)
			rc = bc_store_record_ruleset(c->st, c->rb->v[i], NULL,
						     &c->diags);
		rc = rc == BC_OK ? bc_store_commit(c->st, &c->diags)
				 : (bc_store_rollback(c->st), rc);
	}
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (c->json) {
		json_t *rs = json_array();
		for (size_t i = 0; i < c->rb->n; i++)
			json_array_append_new(rs, json_string(c->rb->v[i]->id));
		cli_print_json(json_pack("{s:s, s:i, s:o}", "db", c->db_path,
					 "schema",
					 bc_store_schema_version(c->st),
					 "rulesets", rs));
	} else {
		fprintf(stderr,
			P_("%s: schema %d, %zu ruleset:",
			   "%s: schema %d, %zu rulesets:", c->rb->n),
			c->db_path, bc_store_schema_version(c->st), c->rb->n);
		for (size_t i = 0; i < c->rb->n; i++)
			fprintf(stderr, " %s", c->rb->v[i]->id);
		fputc('\n', stderr);
	}
	return EXIT_OK;
}

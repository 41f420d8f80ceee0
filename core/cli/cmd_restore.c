/* SPDX-License-Identifier: MIT */
#include "backup.h"
#include "cli.h"
#include "i18n.h"
#include "mem.h"

#include <time.h>

static const char *const usage = N_(
	"usage: baocao restore BACKUP\n\n"
	"Puts the database (--db, $BAOCAO_DB or ./baocao.db) back from a\n"
	"backup that 'baocao backup' wrote.  The backup is checked first as\n"
	"'baocao check' does; one with any problem, or that is no baocao\n"
	"database, is refused (exit 1) and nothing changes.  The database\n"
	"that was there, if any, is not deleted: it is renamed, with its\n"
	"journal file, to DB.before-restore-YYYY-MM-DDTHH-MM-SSZ (UTC).\n"
	"The restored database holds what the backup holds: what was\n"
	"imported after the backup must be imported again.\n\n"
	"Stop every other baocao using the database first.  Never copy a\n"
	"backup over the database by hand: SQLite would apply the old\n"
	"database's journal (DB-wal) to the copy.\n");

int cmd_restore(bc_cli *c, int argc, char **argv)
{
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(usage,
				       _("restore: give the BACKUP file"));
	char *kept = NULL, what[256];
	bc_check_counts n;
	bc_err rc = bc_backup_restore(pos[0], c->db_path,
				      c->clock ? c->clock : (bc_time)time(NULL),
				      &kept, &n, &c->diags);
	/* Damage met in the backup is the backup's, said as its problem. */
	c->damage_reported = true;
	if (rc != BC_OK) {
		if (rc == BC_ERR_INVALID)
			bc_diags_add(&c->diags, BC_ERROR, pos[0], 0, NULL, NULL,
				     _("not restored: the database is as it "
				       "was"));
		return cli_finish(c, rc);
	}
	cli_counts_text(&n, what, sizeof what);
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s?, s:o}", "db",
					 c->db_path, "restored_from", pos[0],
					 "kept", kept, "counts",
					 cli_counts_json(&n)));
	else if (kept)
		fprintf(stderr,
			_("%s: restored from %s (%s); the database that was "
			  "there is kept as %s\n"),
			c->db_path, pos[0], what, kept);
	else
		fprintf(stderr, _("%s: restored from %s (%s)\n"), c->db_path,
			pos[0], what);
	bc_free(kept);
	return EXIT_OK;
}

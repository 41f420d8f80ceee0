/* SPDX-License-Identifier: MIT */
#include "backup.h"
#include "cli.h"
#include "i18n.h"

#include <sys/stat.h>

static const char *const usage = N_(
	"usage: baocao backup FILE\n\n"
	"Writes a copy of the database to FILE, a new file: a single SQLite\n"
	"file holding everything (units, periods, every revision, the audit\n"
	"log, the rules each period was run with).  The copy is one state of\n"
	"the database even while others import; it is written under a\n"
	"temporary name beside FILE, checked with SQLite's quick_check, and\n"
	"appears as FILE only complete.  A backup never replaces a file: if\n"
	"FILE exists it is refused (exit 3); give each backup a new name,\n"
	"such as the date.  A damaged database is not copied (exit 3).\n\n"
	"Keep backups on another disk or machine.  'baocao restore FILE' puts\n"
	"the database back from one.\n");

int cmd_backup(bc_cli *c, int argc, char **argv)
{
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, NULL, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(usage,
				       _("backup: give the FILE to write"));
	bc_err rc = bc_store_open(c->db_path, BC_OPEN_READ, &c->st, &c->diags);
	if (rc == BC_OK && c->damaged)
		bc_store_set_damaged(c->st);
	if (rc == BC_OK)
		rc = bc_backup_write(c->st, pos[0], &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	struct stat sb;
	long long size = stat(pos[0], &sb) == 0 ? (long long)sb.st_size : -1;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:I}", "db", c->db_path,
					 "backup", pos[0], "bytes",
					 (json_int_t)size));
	else
		fprintf(stderr,
			P_("%s: backup of %s written (%lld byte)\n",
			   "%s: backup of %s written (%lld bytes)\n", size),
			pos[0], c->db_path, size);
	return EXIT_OK;
}

/* SPDX-License-Identifier: MIT */
/* baocao: periodic administrative-reform reporting of a district. */
#include "bc_config.h"
#include "cli.h"
#include "dbfile.h"
#include "i18n.h"
#include "mem.h"

#include <limits.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* docs/cli.md: timestamps without an offset are Vietnam time. */
#define DEFAULT_OFFSET "+07:00"

static const struct command {
	const char *name;
	int (*run)(bc_cli *c, int argc, char **argv);
	const char *summary;
} commands[] = {
	{"init", cmd_init, N_("create the database, record the rulesets")},
	{"rules", cmd_rules, N_("list, check or show rulesets")},
	{"units", cmd_units, N_("import or list the reporting units")},
	{"period", cmd_period,
	 N_("show periods, the calendar, advance a deadline, add ad-hoc")},
	{"import", cmd_import,
	 N_("import submission files (Excel .xlsx, JSON, CSV)")},
	{"status", cmd_status, N_("who has reported for a period, on time or not")},
	{"remind", cmd_remind,
	 N_("who still owes a period's report: messages, a letter, e-mail")},
	{"history", cmd_history, N_("every revision a unit sent for a period")},
	{"revision", cmd_revision,
	 N_("correct a stored revision's receipt time, or void it")},
	{"review", cmd_review, N_("return parts to a unit, or accept them")},
	{"aggregate", cmd_aggregate, N_("district figures of a period")},
	{"export", cmd_export, N_("write a period's figures: xlsx, csv, json, plugins")},
	{"rank", cmd_rank, N_("a year's scores and ranks, the council's points")},
	{"template", cmd_template, N_("the Excel workbook a unit fills in")},
	{"report", cmd_report, N_("the report of a period as a Word document")},
	{"check", cmd_check, N_("check the database: sound, whole, as baocao wrote it")},
	{"backup", cmd_backup, N_("copy the database into a new file, safely")},
	{"restore", cmd_restore, N_("put the database back from a backup")},
	/* Internal, for the shell's completion: no summary, listed in no
	 * usage, and last, after those that are. */
	{"complete", cmd_complete, NULL},
	{NULL, NULL, NULL},
};

const char *cli_command_name(size_t i)
{
	for (const struct command *c = commands; c->name; c++)
		if (c->summary && i-- == 0)
			return c->name;
	return NULL;
}

static void usage(FILE *f)
{
	fputs(_("usage: baocao [--db PATH] [--rules DIR] [--json] COMMAND "
		"[ARGS]\n"
		"       baocao --help | --version | COMMAND --help\n\n"
		"commands:\n"),
	      f);
	/* one column for the summaries, as wide as the longest name */
	int w = 0;
	for (const struct command *c = commands; c->name; c++)
		w = (int)strlen(c->name) > w ? (int)strlen(c->name) : w;
	for (const struct command *c = commands; c->name && c->summary; c++) {
		fputs("  ", f);
		cli_col(f, c->name, w, false);
		fprintf(f, " %s\n", _(c->summary));
	}
	fputs(_("\nThe database is --db, else $BAOCAO_DB, else ./baocao.db.\n"
		"The rules are --rules, else $BAOCAO_RULES, else the rules "
		"shipped with baocao.\n"
		"Exit codes: 0 success, 1 input rejected, 2 usage error, "
		"3 environment error.\n"),
	      f);
}

/* The shipped rules: the source tree's when run from the build tree. */
static const char *default_rules(char *buf, size_t n)
{
	snprintf(buf, n, "%s/rules",
		 cli_in_build_tree() ? BC_SOURCE_ROOT : BC_DATA_DIR);
	return buf;
}

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

/* The account running baocao, for what it records as done by whom when
 * neither $BAOCAO_USER nor $USER says (a service, cron, su). */
static const char *os_user(void)
{
	const struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "unknown";
}

static int setup(bc_cli *c, char *rules_buf, size_t n)
{
	const char *off = env_or("BAOCAO_TZ", DEFAULT_OFFSET);
	if (!bc_offset_parse(off, &c->tz_offset)) {
		fprintf(stderr, _("baocao: $BAOCAO_TZ '%s' is not an offset "
				"such as +07:00\n"), off);
		return EXIT_USAGE;
	}
	const char *now = getenv("BAOCAO_NOW");
	if (now && *now &&
	    !bc_time_parse_any(now, c->tz_offset, &c->clock, NULL)) {
		fprintf(stderr, _("baocao: $BAOCAO_NOW '%s' is not a timestamp\n"),
			now);
		return EXIT_USAGE;
	}
	c->db_path = c->db_path ? c->db_path : env_or("BAOCAO_DB", "baocao.db");
	c->rules_dir = c->rules_dir ? c->rules_dir
				    : env_or("BAOCAO_RULES",
					     default_rules(rules_buf, n));
	c->actor = env_or("BAOCAO_USER", env_or("USER", os_user()));
	return EXIT_OK;
}

/* SQLite's error log: damage it meets anywhere, even where a read took
 * an error for "no more rows", stops every write of this run. */
static void sqlite_log(void *arg, int code, const char *msg)
{
	bc_cli *c = arg;
	if (!bc_dbfile_damage_code(code))
		return;
	if (!atomic_exchange(&c->damaged, true))
		snprintf(c->damage_msg, sizeof c->damage_msg, "%s", msg);
	if (c->st)
		bc_store_set_damaged(c->st);
}

/* A command that met damage, and did not report it as its finding,
 * fails: what it read or printed may be cut short. */
static int damage_exit(bc_cli *c, int rc)
{
	if (!c->damaged || c->damage_reported || rc == EXIT_ENV)
		return rc;
	fprintf(stderr, "%s: %s (SQLite: %s)\n", c->db_path,
		BC_DBFILE_DAMAGED, c->damage_msg);
	return EXIT_ENV;
}

static int run(int argc, char **argv)
{
	bc_cli c = {.diags = BC_DIAGS_INIT};
	/* Before anything of SQLite runs, as sqlite3_config requires. */
	sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, &c);
	/* Debian's SQLite has no lookaside: every small allocation of a
	 * statement takes the memory-statistics mutex, which the export's
	 * and the aggregate's readers on other threads then wait on (13% of
	 * a national export's reading).  Nothing here reads the
	 * statistics. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	char rules_buf[PATH_MAX + 16];
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("baocao %s\n", BC_VERSION);
			return EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			c.json = true;
		} else if ((strcmp(a, "--db") == 0 || strcmp(a, "--rules") == 0) &&
			   i + 1 < argc) {
			*(a[2] == 'd' ? &c.db_path : &c.rules_dir) = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c.db_path = a + 5;
		} else if (strncmp(a, "--rules=", 8) == 0) {
			c.rules_dir = a + 8;
		} else {
			fprintf(stderr, _("baocao: unknown option '%s'\n\n"), a);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const struct command *cmd = commands;
	while (cmd->name && strcmp(cmd->name, argv[i]) != 0)
		cmd++;
	if (!cmd->name) {
		fprintf(stderr, _("baocao: unknown command '%s'\n\n"), argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	int rc = setup(&c, rules_buf, sizeof rules_buf);
	if (rc == EXIT_OK)
		rc = cmd->run(&c, argc - i - 1, argv + i + 1);
	cli_flush_diags(&c);
	rc = damage_exit(&c, rc);
	bc_rulebook_free(c.rb);
	bc_store_close(c.st);
	return rc;
}

int main(int argc, char **argv)
{
	bc_i18n_init(cli_in_build_tree() ? BC_BUILD_LOCALE_DIR : BC_LOCALE_DIR);
	cli_textout_begin();
	return cli_textout_end(run(argc, argv));
}

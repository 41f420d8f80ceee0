/* SPDX-License-Identifier: MIT */
/*
 * What the shell's completion offers (data/bash-completion/baocao), from
 * the program itself, like git's --list-cmds: one value a line on stdout,
 * quickly, and never a word on stderr nor a failing exit: a database or
 * rules that cannot be read offer nothing, for the terminal the user
 * types in is no place for errors.  Internal: no --help of its own, in
 * no usage; baocao(1) describes it.
 */
#include "cli.h"
#include "export.h"
#include "formats.h"
#include "import.h"
#include "mem.h"
#include "period.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Every command's own options, beside --json and --help which all take;
 * the e2e test holds them to each command's --help. */
static const struct {
	const char *cmd, *opts;
} options[] = {
	{"rules", "--from"},
	{"period", "--due --doc --from --to --compile-due --forms --apply "
		   "--force"},
	{"import", "--received-at --channel --dry-run"},
	{"status", "--as-of --since"},
	{"remind", "--as-of --format --letter --number --date --signer "
		   "--signer-title --send --apply --sendmail --from"},
	{"revision", "--revision --received-at --reason --file --by"},
	{"review", "--reason --by"},
	{"aggregate", "--compare --by --rows"},
	{"history", "--field"},
	{"export", "--format -o --as-of --date --plugins --fixed-time --unit "
		   "--signer --signer-title --forms"},
	{"template", "--unit --period -o --all --dir --fixed-time"},
	{"report", "-o --unit --number --date --signer"},
	{"units", "--as-of --all"},
	{"rank", "--unit --as-of --format -o --by"},
};

static void words(const char *list)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, " ");
		printf("%.*s\n", (int)n, p);
		p += n + strspn(p + n, " ");
	}
}

static void command_options(const char *cmd)
{
	if (!cmd) {
		words("--db --rules --json --help --version");
		return;
	}
	for (size_t i = 0; i < sizeof options / sizeof *options; i++)
		if (!strcmp(options[i].cmd, cmd))
			words(options[i].opts);
	words("--json --help");
}

/* Prints s unless it is among the first n of seen (a few dozen ids:
 * rulesets share their forms and channels). */
static void once(const char *s, const char **seen, size_t *n, size_t max)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(seen[i], s))
			return;
	if (*n < max)
		seen[(*n)++] = s;
	puts(s);
}

enum { SEEN_MAX = 512 };

/* The ids the rules declare of one kind, across rulesets. */
static void rule_ids(bc_cli *c, const char *what)
{
	if (cli_load_rules(c) != BC_OK)
		return;
	const char *seen[SEEN_MAX];
	size_t n = 0;
	if (!strcmp(what, "forms"))
		once(BC_PART_REPORT, seen, &n, SEEN_MAX);
	if (!strcmp(what, "channels"))
		once(BC_CHANNEL_FILE, seen, &n, SEEN_MAX);
	for (size_t i = 0; i < c->rb->n; i++) {
		const bc_ruleset *rs = c->rb->v[i];
		if (!strcmp(what, "rulesets"))
			once(rs->id, seen, &n, SEEN_MAX);
		for (size_t j = 0; !strcmp(what, "forms") && j < rs->n_forms; j++)
			once(rs->forms[j].id, seen, &n, SEEN_MAX);
		for (size_t j = 0; !strcmp(what, "channels") &&
				   j < rs->n_channels; j++)
			once(rs->channels[j].id, seen, &n, SEEN_MAX);
		for (size_t j = 0; !strcmp(what, "kinds") && j < rs->n_kinds; j++)
			once(rs->kinds[j].id, seen, &n, SEEN_MAX);
	}
}

/* The database as it is, if there is one: nothing created, nothing
 * migrated. */
static bool store(bc_cli *c)
{
	return c->st || bc_store_open(c->db_path, BC_OPEN_READ, &c->st,
				      &c->diags) == BC_OK;
}

static void units(bc_cli *c)
{
	bc_unit_list ul;
	if (!store(c) || bc_units_all_versions(c->st, &ul, &c->diags) != BC_OK)
		return;
	/* Every code, of a unit past or present: one line each. */
	for (size_t i = 0; i < ul.n; i++)
		if (!i || strcmp(ul.v[i].code, ul.v[i - 1].code))
			puts(ul.v[i].code);
	bc_unit_list_free(&ul);
}

/* The periods of last year, this year and next, with the ad-hoc ones
 * the database holds: what a district works on. */
static void periods(bc_cli *c)
{
	if (cli_load_rules(c) != BC_OK)
		return;
	bc_time now = c->clock ? c->clock : (bc_time)time(NULL);
	int year, month, day;
	bc_date_to_ymd(bc_time_date(now, c->tz_offset), &year, &month, &day);
	bc_store *st = store(c) ? c->st : NULL;
	for (int y = year - 1; y <= year + 1; y++) {
		bc_period *v;
		size_t n;
		if (bc_period_calendar(st, c->rb, y, &v, &n, &c->diags) != BC_OK)
			continue;
		for (size_t i = 0; i < n; i++)
			puts(v[i].code);
		bc_period_list_free(v, n);
	}
}

static void formats(const char *plugins)
{
	char *path = cli_plugin_path(plugins);
	char **names;
	size_t n;
	if (path && bc_export_formats(path, &names, &n) == BC_OK)
		for (size_t i = 0; i < n; i++)
			puts(names[i]);
	bc_export_formats_free(names, n);
	bc_free(path);
}

int cmd_complete(bc_cli *c, int argc, char **argv)
{
	const char *what = argc > 0 ? argv[0] : "", *arg = argc > 1 ? argv[1]
								     : NULL;
	if (!strcmp(what, "commands")) {
		const char *name;
		for (size_t i = 0; (name = cli_command_name(i)); i++)
			puts(name);
	} else if (!strcmp(what, "options")) {
		command_options(arg);
	} else if (!strcmp(what, "units")) {
		units(c);
	} else if (!strcmp(what, "periods")) {
		periods(c);
	} else if (!strcmp(what, "formats")) {
		formats(arg);
	} else {
		rule_ids(c, what);
	}
	/* Silent, whatever went wrong. */
	bc_diags_free(&c->diags);
	c->diags = (bc_diags)BC_DIAGS_INIT;
	c->damage_reported = true;
	return EXIT_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * What every command shares: the context built from the global options,
 * option parsing, and the only place that prints diagnostics and decides
 * exit codes.
 */
#ifndef BC_CLI_H
#define BC_CLI_H

#include "dbcheck.h"
#include "error.h"
#include "period.h"
#include "rulebook.h"
#include "status.h"
#include "store.h"
#include "unit.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit codes of docs/cli.md. */
enum {
	EXIT_OK = 0,
	EXIT_REJECTED = 1,
	EXIT_USAGE = 2,
	EXIT_ENV = 3,
};

typedef struct bc_cli {
	const char *db_path;
	const char *rules_dir;
	bool json;
	int tz_offset; /* minutes east of UTC for times given without one */
	const char *actor;
	bc_time clock; /* fixed "now" from $BAOCAO_NOW, or 0 */
	bc_store *st;
	bc_rulebook *rb;
	bc_diags diags;
	/* SQLite reported damage (its error log, set up by main), with its
	 * first message; a command that reports it itself (check) says so
	 * in damage_reported, else main does, with exit 3.  Atomic: the log
	 * is called on the thread that met the damage, which may be one of
	 * an export's or an aggregate's (their twins); the message is
	 * written by the first, and read after they are joined. */
	_Atomic bool damaged;
	bool damage_reported;
	char damage_msg[256];
} bc_cli;

typedef struct cli_opt {
	const char *name; /* "--due" */
	bool takes_arg;
	const char *value; /* set by cli_parse */
	bool set;
} cli_opt;

/* Parses a command's arguments: options of opts (NULL-name terminated),
 * --json and --help anywhere, the rest into pos[] (at most max_pos).
 * Returns -1 after printing a usage error, 1 after printing help, 0. */
int cli_parse(bc_cli *c, int argc, char **argv, cli_opt *opts,
	      const char **pos, int max_pos, int *npos, const char *usage);
/* Prints msg and the usage to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* True when this program runs from its build directory (then the
 * source tree's rules and the built plugins are the shipped ones). */
bool cli_in_build_tree(void);
/* Where exporter plugins are looked for, in order: opt (--plugins),
 * $BAOCAO_PLUGIN_PATH, the build tree's plugins when run from it, the
 * installed plugin directory.  The caller frees it (bc_free); NULL when
 * memory runs out. */
char *cli_plugin_path(const char *opt);
/* The name of the i-th command a person types (internal ones left
 * out), NULL past the last. */
const char *cli_command_name(size_t i);
/* Opens the database (creating it if create) into c->st. */
bc_err cli_open_store(bc_cli *c, bool create);
/* Loads the rules directory into c->rb. */
bc_err cli_load_rules(bc_cli *c);
/* Both, as most commands need: the store, then the rules. */
bc_err cli_open(bc_cli *c, bool create);

/* Orders the diagnostics by file and line. */
void cli_sort_diags(bc_cli *c);
/* Drops the warnings (of an input refused for its errors). */
void cli_drop_warnings(bc_cli *c);
/* Prints and clears the collected diagnostics (stderr), more than
 * BC_DIAGS_ALIKE alike ones once with their count. */
void cli_flush_diags(bc_cli *c);
/* Prints the diagnostics and maps err to an exit code. */
int cli_finish(bc_cli *c, bc_err err);
/* The exit code for err. */
int cli_exit_code(bc_err err);

/* From here on stdout and stderr show control characters escaped
 * (\u001b), all but the line feed: what a command prints can hold a
 * unit's, a signer's or a rules file's text, and a terminal runs escape
 * codes (textout.c). */
void cli_textout_begin(void);
/* Flushes stdout; a write that failed there (a full disk, a closed
 * pipe) is said, and turns rc into EXIT_ENV if it was EXIT_OK. */
int cli_textout_end(int rc);

/* What a database holds (bc_check_counts), as JSON and as a line. */
json_t *cli_counts_json(const bc_check_counts *n);
void cli_counts_text(const bc_check_counts *n, char *buf, size_t size);

/* The layout of every --json output (jsonout.h's writer): one line, keys
 * in their order, reals to 15 significant digits. */
#define CLI_JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
/* Prints v as one line of JSON on stdout and releases it. */
void cli_print_json(json_t *v);
/* A JSON string of s, or null for NULL. */
json_t *cli_json_str(const char *s);
/* The diagnostics of d of severity sev, each a line in English (the
 * same in every locale). */
json_t *cli_diags_json(const bc_diags *d, bc_severity sev);
/* Each problem of d by its ids, beside its text in English: what a
 * program reads, the same in every locale (docs/cli.md, import). */
json_t *cli_problems_json(const bc_diags *d);

/* A unit's state as text shows it; --json keeps bc_state_name's ids. */
const char *cli_state_text(bc_state s);

/* Prints s in a column width terminal columns wide: padded after s, or
 * before it when right; a longer s is printed whole.  Widths are as a
 * terminal shows the text (bc_utf8_width), not bytes: every table the
 * CLI prints lines up with Vietnamese in it. */
void cli_col(FILE *f, const char *s, int width, bool right);
/* s cut to at most width terminal columns, "…" marking a cut (a space
 * before it dropped), into out[n]: a label that fits a table's column. */
void cli_cut(const char *s, int width, char *out, size_t n);
/* A number's text in buf[n] with the decimal sign of the reader's
 * language in place of its '.' ("-2,8" in Vietnamese): text output
 * only, JSON keeps '.'. */
void cli_decimal_sign(char *buf, size_t n);

/* A unit as a person reads it, into buf: "code (name)" from the open
 * database, the code alone when it holds no such unit.  Returns buf. */
const char *cli_unit_text(bc_cli *c, const char *code, char *buf, size_t n);
/* Prints on stderr ": " and the parts a submission made ("pl1b r1,
 * report r1", the ids --json gives) as people call them: "Phụ lục 1B
 * (revision 1), …"; by their ids when the period's rules cannot be had. */
void cli_parts_print(bc_cli *c, const char *period, const char *parts);
/* The same into f. */
void cli_parts_fprint(bc_cli *c, FILE *f, const char *period,
		      const char *parts);
/* The same into f, the parts named by the rules rs. */
void cli_parts_write(FILE *f, const bc_ruleset *rs, const char *parts);

/* Parses a date argument; prints a usage error if malformed. */
bool cli_date_arg(const char *usage, const char *opt, const char *s,
		  bc_date *out);

/* The unit arg names, by its code or its name as people type it, into
 * *out (freed with bc_unit_free): EXIT_OK, or the exit code after
 * saying why on stderr (2 when no unit or several bear it, listing the
 * closest or those).  The store must be open. */
int cli_unit_arg(bc_cli *c, const char *arg, bc_unit *out);

/* The commands. */
int cmd_aggregate(bc_cli *c, int argc, char **argv);
int cmd_backup(bc_cli *c, int argc, char **argv);
int cmd_check(bc_cli *c, int argc, char **argv);
int cmd_complete(bc_cli *c, int argc, char **argv);
int cmd_restore(bc_cli *c, int argc, char **argv);
int cmd_export(bc_cli *c, int argc, char **argv);
int cmd_history(bc_cli *c, int argc, char **argv);
int cmd_revision(bc_cli *c, int argc, char **argv);
int cmd_review(bc_cli *c, int argc, char **argv);
int cmd_import(bc_cli *c, int argc, char **argv);
int cmd_init(bc_cli *c, int argc, char **argv);
int cmd_rules(bc_cli *c, int argc, char **argv);
int cmd_remind(bc_cli *c, int argc, char **argv);
int cmd_report(bc_cli *c, int argc, char **argv);
int cmd_status(bc_cli *c, int argc, char **argv);
int cmd_template(bc_cli *c, int argc, char **argv);
int cmd_units(bc_cli *c, int argc, char **argv);
int cmd_period(bc_cli *c, int argc, char **argv);
int cmd_rank(bc_cli *c, int argc, char **argv);
/* period rules (cmd_period_rules.c), which cmd_period hands its
 * arguments to. */
int cli_period_rules(bc_cli *c, int argc, char **argv);

/* What is said of a period whose recorded rules are no longer those in
 * force for it (cmd_period_rules.c).  On stderr, a warning naming the
 * command that moves recorded period p, when it is such a period. */
void cli_rules_note(bc_cli *c, const bc_period *p);
/* p's moves to other rules: printed as lines after its own, or, into
 * the object j of --json, "ruleset_moves" (when there are any) and
 * "ruleset_in_force" (when it is not p's ruleset). */
bc_err cli_rules_moves(bc_cli *c, const bc_period *p, json_t *j);
/* The recorded periods of the database (if there is one) whose rules
 * are no longer those in force for them, as the JSON array rules list
 * gives; without --json each is also a warning on stderr.  Needs the
 * rules loaded. */
json_t *cli_rules_stale(bc_cli *c);

#endif

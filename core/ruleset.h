/* SPDX-License-Identifier: MIT */
/*
 * One ruleset: the Lua rules of one directive, loaded in a sandbox into a
 * plain catalogue.
 *
 * A ruleset's files only register things: directive{…}, level{…},
 * unit_kind{…}, role{…}, period_type{…}.  Each registration is checked
 * as it runs (unknown keys, wrong types, duplicates are errors at the
 * caller's file:line) and copied into the structs below, which the rest
 * of the program reads and never changes.
 */
#ifndef BC_RULESET_H
#define BC_RULESET_H

#include "date.h"
#include "digest.h"
#include "error.h"
#include "sandbox.h"
#include "srcset.h"

#include <stdbool.h>

/* A day of the year relative to a period's year: "28/02/Y", "10/12/Y-1". */
typedef struct bc_dayrule {
	int day, month, year_offset;
} bc_dayrule;

/* Where a registration was made, for messages. */
typedef struct bc_origin {
	char *file;
	int line;
} bc_origin;

typedef struct bc_directive {
	char *title, *reference, *issuer, *replaces, *supersedes, *reading;
	bc_date issued;
	bc_date in_force_from, in_force_to; /* to: BC_DATE_NONE when open */
	bool deadline_inclusive; /* due date counts as on time */
	int utc_offset;          /* minutes east of UTC deadlines are read in */
	bc_origin at;
} bc_directive;

typedef struct bc_period_type {
	char *code;  /* "Q1"; for ad-hoc types the prefix ("DX") */
	char *label; /* "Quý I năm {year}", "… số {n} năm {year}" */
	bool adhoc;  /* window, deadlines and forms given at creation */
	bool advance; /* unit deadline may be moved earlier by a document */
	bc_dayrule from, to, unit_due, compile_due;
	bc_origin at;
} bc_period_type;

typedef struct bc_level {
	char *id, *label;
	bc_origin at;
} bc_level;

typedef struct bc_unit_kind {
	char *id, *label;
	char *level; /* NULL: a unit of this kind collects, it does not report */
	bc_origin at;
} bc_unit_kind;

typedef struct bc_role {
	char *id, *label;
	bc_origin at;
} bc_role;

typedef struct bc_ruleset {
	char *id; /* the directory name, equal to directive{id=…} */
	char hash[BC_SHA256_HEX];
	bc_directive directive;
	bc_period_type *ptypes;
	size_t n_ptypes;
	bc_level *levels;
	size_t n_levels;
	bc_unit_kind *kinds;
	size_t n_kinds;
	bc_role *roles;
	size_t n_roles;
	bc_srcset src;     /* the files it was loaded from */
	bc_sandbox *lua;   /* kept for the functions rules declare */
} bc_ruleset;

/*
 * Loads the ruleset id from src, which it takes over (src is left empty,
 * also on failure).  Every problem is reported in d with file:line.
 * On success *out is freed with bc_ruleset_free.
 */
bc_err bc_ruleset_load(const char *id, bc_srcset *src, const bc_limits *lim,
		       bc_ruleset **out, bc_diags *d);
/* Reads directory dir (named id inside a rules directory) and loads it. */
bc_err bc_ruleset_load_dir(const char *id, const char *dir,
			   const bc_limits *lim, bc_ruleset **out,
			   bc_diags *d);
void bc_ruleset_free(bc_ruleset *rs);

/* The period type for a type token of a period code: "Q1" itself, or
 * "DX3" for an ad-hoc type "DX" with *adhoc_no = 3.  NULL when none. */
const bc_period_type *bc_ruleset_period_type(const bc_ruleset *rs,
					     const char *token, int *adhoc_no);
const bc_unit_kind *bc_ruleset_kind(const bc_ruleset *rs, const char *id);
const bc_role *bc_ruleset_role(const bc_ruleset *rs, const char *id);
const bc_level *bc_ruleset_level(const bc_ruleset *rs, const char *id);

/* The date rule r falls on in year (a day past the month's end, such as
 * 29/02 in a common year, is the month's last day). */
bc_date bc_dayrule_date(bc_dayrule r, int year);
/* "28/02/Y", "10/12/Y-1" into r; false when malformed. */
bool bc_dayrule_parse(const char *s, bc_dayrule *r);

/* Findings that do not stop the rules from loading (a unit deadline
 * before its window's end, …), added to d as warnings. */
void bc_ruleset_lint(const bc_ruleset *rs, bc_diags *d);

#endif

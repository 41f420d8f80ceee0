/* SPDX-License-Identifier: MIT */
/*
 * Reporting units: departments, communes, the district above them …
 * Kinds and roles are whatever the rules declare; the core only keeps the
 * tree (each unit's parent) and checks it stays a tree.
 */
#ifndef BC_UNIT_H
#define BC_UNIT_H

#include "date.h"
#include "error.h"
#include "rulebook.h"
#include "store.h"

#include <stdint.h>

/*
 * A unit is a code with versions: each version holds what the unit was
 * (name, kind, parent, roles) from valid_from to valid_to, both days
 * included, either end open (BC_DATE_NONE).  Versions of one code never
 * overlap, and none is ever deleted.  A period sees every unit as of the
 * last day of its data window (bc_period.to), the day that picks its
 * ruleset, so one period sees one world.
 */
typedef struct bc_unit {
	int64_t id; /* the unit's (its code's), the same in every version */
	char *code, *name, *kind;
	char *parent; /* the parent's code, or NULL */
	char **roles;
	size_t n_roles;
	int depth; /* 0 for a root, in bc_units_as_of's order */
	bc_date valid_from, valid_to; /* BC_DATE_NONE: open */
	/* The units this version was formed from (a merged commune's first
	 * version names the communes merged into it), codes in order. */
	char **predecessors;
	size_t n_predecessors;
	/* Whom its reminders go to, as the units CSV gives them (a person,
	 * a phone, one e-mail address); NULL when it gives none. */
	char *person, *phone, *email;
} bc_unit;

/* Whether version u is in force on day. */
bool bc_unit_in_force(const bc_unit *u, bc_date day);

/* The one way SQL asks for the version in force on a day: the condition
 * that version row V (an alias of unit_version) holds on DAY (an SQL
 * expression giving an ISO date, a parameter usually).  Versions never
 * overlap, so a unit has at most one row that holds. */
#define BC_UNIT_IN_FORCE(V, DAY)                                          \
	"(" V ".valid_from IS NULL OR " V ".valid_from <= " DAY ") AND ("    \
	V ".valid_to IS NULL OR " V ".valid_to >= " DAY ")"

typedef struct bc_unit_list {
	bc_unit *v;
	size_t n, cap;
} bc_unit_list;

typedef struct bc_units_import_result {
	size_t added, updated, unchanged;
} bc_units_import_result;

/*
 * Imports a units CSV (header code,name,kind,roles,parent, and optional
 * valid_from,valid_to,predecessors and the contact's person,phone,email,
 * in any order) all or nothing.  A row
 * is a version, known by its code and valid_from: the same again updates
 * it; a later valid_from makes a new version and closes the one before
 * it the day before (when it was open); a row without valid_from names
 * the code's only version.  Every bad line is reported in d (bad code,
 * duplicate version, empty name, unknown kind or role, bad dates,
 * versions that overlap, a parent that does not exist over the
 * version's days, a predecessor that does not exist the day before, a
 * cycle of parents or predecessors, an e-mail address that is none, a
 * phone with letters in it) and then nothing is stored.  A file without
 * the contact's columns leaves the contacts stored as they are.  The
 * counts are of versions.
 */
bc_err bc_units_import(bc_store *st, const bc_rulebook *rb, const char *path,
		       bc_units_import_result *res, bc_diags *d);

/* The rule of a unit's code, which makes it safe in a file name: a-z,
 * 0-9 and '-' (ASCII), at most BC_UNIT_CODE_MAX bytes. */
#define BC_UNIT_CODE_MAX 64
bool bc_unit_code_ok(const char *code);

/* The version of the unit with this code in force on day into out:
 * BC_ERR_NOT_FOUND, saying nothing, when the code is unknown or has no
 * version then (bc_unit_versions says when it had).  Free out with
 * bc_unit_free. */
bc_err bc_unit_get_as_of(bc_store *st, const char *code, bc_date day,
			 bc_unit *out, bc_diags *d);
/* The unit's latest version (the one valid last), for naming a unit
 * apart from any period; BC_ERR_NOT_FOUND for an unknown code. */
bc_err bc_unit_latest(bc_store *st, const char *code, bc_unit *out,
		      bc_diags *d);
void bc_unit_free(bc_unit *u);

/* Why code has no version on day, the day period (its code) sees, into
 * out in both languages: the code is unknown, or when it existed ("tan-ky:
 * no such unit in 2025-Y; it existed from 01/01/2020 to 30/06/2025").
 * BC_ERR_NOT_FOUND when the code is unknown, BC_OK when it is known. */
bc_err bc_unit_absent(bc_store *st, const char *code, const char *period,
		      bc_date day, bc_said *out, bc_diags *d);

/* What a unit argument names, as a person gives it: the unit whose code
 * it is, else the one whose name (in any of its versions) it is as
 * people type it (NFC or NFD, any letter case: bc_text_same_name); each
 * unit in its latest version. */
typedef struct bc_unit_lookup {
	bc_unit unit;      /* the unit named, when one is */
	/* When none is: the units closest to the argument by code or by
	 * name, closest first (empty when none is near); when several bear
	 * the name (ambiguous), those. */
	bc_unit_list near;
	bool ambiguous;
} bc_unit_lookup;

/* At most this many units are offered as the closest. */
#define BC_UNIT_NEAR_MAX 5

/* Finds the unit arg names into out: BC_OK with out->unit, or
 * BC_ERR_NOT_FOUND with out->near (the caller says so: the library
 * prints nothing).  Free out with bc_unit_lookup_free, also after an
 * error. */
bc_err bc_unit_lookup_get(bc_store *st, const char *arg, bc_unit_lookup *out,
			  bc_diags *d);
void bc_unit_lookup_free(bc_unit_lookup *l);

/* The units in force on day, each in its version then, parents before
 * their children (siblings in the order their codes were first
 * imported); a unit whose parent has no version that day is a root. */
bc_err bc_units_as_of(bc_store *st, bc_date day, bc_unit_list *out,
		      bc_diags *d);
/* Every version of the code, in date order (BC_ERR_NOT_FOUND, saying
 * nothing, for an unknown code). */
bc_err bc_unit_versions(bc_store *st, const char *code, bc_unit_list *out,
			bc_diags *d);
/* Every version of every unit: units in the order their codes were
 * first imported, each unit's versions in date order (depth 0). */
bc_err bc_units_all_versions(bc_store *st, bc_unit_list *out, bc_diags *d);
void bc_unit_list_free(bc_unit_list *l);

/*
 * Lineage: whose figures a unit continues.  For a unit on day (this
 * period's) and an earlier day (the period compared with), the units of
 * the earlier day whose figures it continues: itself if it existed then,
 * and the predecessors named by its versions that began after earlier,
 * followed back the same way to earlier.  Split is set when one of them
 * flows into more than one unit on day (it was divided, or gave part of
 * itself to another while going on): its figures cannot be laid on one
 * unit, so comparing through it is refused.
 */
typedef struct bc_lineage {
	int64_t id;   /* the unit on day */
	char *code;
	char **from;  /* codes of the units on earlier, sorted */
	int64_t *from_ids; /* their ids, in the same order */
	size_t n_from;
	bool split;
} bc_lineage;

typedef struct bc_lineage_map {
	bc_lineage *v; /* one per unit in force on day, by id */
	size_t n;
} bc_lineage_map;

/* The lineage of the unit with code on day (BC_ERR_NOT_FOUND, saying
 * nothing, when it has no version then) into out; free with
 * bc_lineage_free. */
bc_err bc_unit_lineage(bc_store *st, const char *code, bc_date day,
		       bc_date earlier, bc_lineage *out, bc_diags *d);
void bc_lineage_free(bc_lineage *l);
/* The lineage of every unit in force on day at once (a few queries,
 * whatever the number of units); free with bc_lineage_map_free. */
bc_err bc_units_lineage(bc_store *st, bc_date day, bc_date earlier,
			bc_lineage_map *out, bc_diags *d);
/* The entry of unit id in m, or NULL. */
const bc_lineage *bc_lineage_find(const bc_lineage_map *m, int64_t id);
void bc_lineage_map_free(bc_lineage_map *m);

#endif

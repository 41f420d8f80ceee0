/* SPDX-License-Identifier: MIT */
/*
 * Reporting units: departments, communes, the district above them …
 * Kinds and roles are whatever the rules declare; the core only keeps the
 * tree (each unit's parent) and checks it stays a tree.
 */
#ifndef BC_UNIT_H
#define BC_UNIT_H

#include "error.h"
#include "rulebook.h"
#include "store.h"

#include <stdint.h>

typedef struct bc_unit {
	int64_t id;
	char *code, *name, *kind;
	char *parent; /* the parent's code, or NULL */
	char **roles;
	size_t n_roles;
	int depth; /* 0 for a root, in bc_units_list's order */
} bc_unit;

typedef struct bc_unit_list {
	bc_unit *v;
	size_t n, cap;
} bc_unit_list;

typedef struct bc_units_import_result {
	size_t added, updated, unchanged;
} bc_units_import_result;

/*
 * Imports a units CSV (header code,name,kind,roles,parent, in any order)
 * as an upsert by code, all or nothing: every bad line is reported in d
 * (bad code, duplicate code, empty name, unknown kind or role, unknown
 * parent, a cycle of parents) and then nothing is stored.
 */
bc_err bc_units_import(bc_store *st, const bc_rulebook *rb, const char *path,
		       bc_units_import_result *res, bc_diags *d);

/* The rule of a unit's code, which makes it safe in a file name: a-z,
 * 0-9 and '-' (ASCII), at most 64 bytes. */
bool bc_unit_code_ok(const char *code);

/* The unit with this code (BC_ERR_NOT_FOUND if none); free with
 * bc_unit_free. */
bc_err bc_unit_get(bc_store *st, const char *code, bc_unit *out,
		   bc_diags *d);
void bc_unit_free(bc_unit *u);

/* What a unit argument names, as a person gives it: the unit whose code
 * it is, else the one whose name it is as people type it (NFC or NFD,
 * any letter case: bc_text_same_name). */
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

/* Every unit, parents before their children (siblings in the order they
 * were first imported). */
bc_err bc_units_list(bc_store *st, bc_unit_list *out, bc_diags *d);
void bc_unit_list_free(bc_unit_list *l);

#endif

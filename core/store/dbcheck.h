/* SPDX-License-Identifier: MIT */
/*
 * Checking a stored database: that SQLite finds it sound, and that it
 * holds what baocao writes and nothing else.  It only reads.
 */
#ifndef BC_DBCHECK_H
#define BC_DBCHECK_H

#include "error.h"
#include "store.h"

#include <stdint.h>

/* What the database holds, for the report of a check; -1 for what could
 * not be counted. */
typedef struct bc_check_counts {
	int64_t units, periods, submissions, revisions, values, audit,
		rulesets;
} bc_check_counts;

/*
 * Runs every check and lists every problem in d, one error each, its loc
 * naming what it is about ("integrity", "audit entry 12", "ruleset
 * cchc-1131"):
 *  - SQLite's integrity_check and foreign_key_check;
 *  - the tables, indexes and triggers are those baocao's migrations make
 *    for the database's schema version, none missing, changed or added
 *    (the triggers are what keeps revisions and the audit log as
 *    written);
 *  - the audit log's hash chain is whole (bc_store_audit_check);
 *  - each recorded ruleset's sources give its SHA-256;
 *  - each submission was imported (has its entry in the audit log); each
 *    revision belongs to its submission's unit and period; the revisions
 *    of a unit, period and part are numbered 1 to n;
 *  - each unit's code follows the rule of 'units import'.
 * A check that cannot read what it needs says so as a problem, and the
 * others still run.  Returns BC_OK (problems or not) unless memory ran
 * out.
 */
bc_err bc_check_database(bc_store *st, bc_check_counts *counts,
			 bc_diags *d);

#endif

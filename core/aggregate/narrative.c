/* SPDX-License-Identifier: MIT */
#include "narrative.h"
#include "formats.h"
#include "i18n.h"
#include "mem.h"
#include "revision.h"

#include <sqlite3.h>
#include <stdint.h>

struct bc_narrative {
	bc_store *st;
	size_t count;
};

static const char SCHEMA[] =
	"DROP TABLE IF EXISTS temp.nar_unit;"
	"DROP TABLE IF EXISTS temp.nar_rev;"
	"CREATE TEMP TABLE nar_unit (unit_id INTEGER PRIMARY KEY, ord INTEGER);"
	"CREATE TEMP TABLE nar_rev (ord INTEGER PRIMARY KEY, rev INTEGER);";

static const char DROP[] = "DROP TABLE IF EXISTS temp.nar_unit;"
			   "DROP TABLE IF EXISTS temp.nar_rev;";

/* The revision in force of each unit's report, as aggregate.c and
 * status.c choose it (revision.h): the latest receipt (corrected, if it
 * was), ties to the higher number, among those standing (not void)
 * received by ?2; none when that one was returned.  Grouped with
 * max(BC_LATEST_KEY), as in_force.h's LATEST_OF_EACH. */
static const char IN_FORCE[] =
	"INSERT INTO nar_rev SELECT u.ord, r.id FROM ("
	" SELECT r.id, r.unit_id, r.returned, max(" BC_LATEST_KEY("r") ")"
	" FROM " BC_STANDING " r WHERE r.period_id = ?1"
	" AND r.part = '" BC_PART_REPORT "' AND r.received_at <= ?2"
	" GROUP BY r.unit_id) r"
	" JOIN nar_unit u ON u.unit_id = r.unit_id WHERE NOT r.returned";

static bc_err fail(bc_narrative *n, bc_diags *d)
{
	return bc_store_fail(n->st, d, N_("reading the units' reports"));
}

/* The list's units with their places in it. */
static bc_err list_units(bc_narrative *n, const bc_unit_list *ul,
			 bc_diags *d)
{
	sqlite3 *db = bc_store_db(n->st);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO nar_unit VALUES (?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return fail(n, d);
	bc_err rc = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < ul->n; i++) {
		sqlite3_bind_int64(s, 1, ul->v[i].id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = fail(n, d);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Which report revision is in force for each unit of the list. */
static bc_err in_force(bc_narrative *n, const bc_period *p, bc_time until,
		       bc_diags *d)
{
	sqlite3 *db = bc_store_db(n->st);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, IN_FORCE, -1, &s, NULL) != SQLITE_OK)
		return fail(n, d);
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, until ? until : INT64_MAX);
	bc_err rc = sqlite3_step(s) == SQLITE_DONE ? BC_OK : fail(n, d);
	sqlite3_finalize(s);
	if (rc == BC_OK)
		n->count = (size_t)sqlite3_changes(db);
	return rc;
}

bc_err bc_narrative_open(bc_store *st, const bc_period *p, bc_time until,
			 const bc_unit_list *ul, bc_narrative **out,
			 bc_diags *d)
{
	bc_narrative *n = bc_calloc(1, sizeof *n);
	if (!n)
		return BC_ERR_NOMEM;
	n->st = st;
	bc_err rc = sqlite3_exec(bc_store_db(st), SCHEMA, NULL, NULL, NULL) ==
				    SQLITE_OK
			    ? BC_OK
			    : fail(n, d);
	if (rc == BC_OK)
		rc = list_units(n, ul, d);
	if (rc == BC_OK)
		rc = in_force(n, p, until, d);
	if (rc != BC_OK) {
		bc_narrative_close(n);
		return rc;
	}
	*out = n;
	return BC_OK;
}

size_t bc_narrative_count(const bc_narrative *n)
{
	return n->count;
}

bc_err bc_narrative_section(bc_narrative *n, const char *section,
			    bc_err (*each)(void *ud, size_t i,
					   const char *text),
			    void *ud, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(
		n->st, "SELECT r.ord, v.txt FROM nar_rev r JOIN value v"
		       " ON v.revision_id = r.rev AND v.field = ?1"
		       " AND v.row = 0 AND v.col = ''"
		       " WHERE v.txt IS NOT NULL ORDER BY r.ord");
	if (!s)
		return fail(n, d);
	sqlite3_bind_text(s, 1, section, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	int step = SQLITE_DONE;
	while (rc == BC_OK && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = each(ud, (size_t)sqlite3_column_int64(s, 0),
			  (const char *)sqlite3_column_text(s, 1));
	if (rc == BC_OK && step != SQLITE_DONE)
		rc = fail(n, d);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

void bc_narrative_close(bc_narrative *n)
{
	if (!n)
		return;
	sqlite3_exec(bc_store_db(n->st), DROP, NULL, NULL, NULL);
	bc_free(n);
}

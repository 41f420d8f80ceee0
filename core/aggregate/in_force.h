/* SPDX-License-Identifier: MIT */
/*
 * The SQL of the revisions in force, private to core/aggregate: the
 * aggregate and the feed (feed.h) read the same rows.
 */
#ifndef BC_IN_FORCE_H
#define BC_IN_FORCE_H

#include "revision.h"
#include "unit.h"

/* The revision in force of each (unit, part): latest receipt, then the
 * higher number, among those standing and received by ?9 (a number of
 * its own: the queries number their other parameters from 1); its
 * values count unless it was returned (COUNTS, of the rows numbered k
 * in LATEST order). */
#define LATEST BC_LATEST("r")
#define UNTIL 9
#define RECEIVED " AND r.received_at <= ?9"
#define COUNTS " r.k = 1 AND NOT r.returned"
/* The same for every (unit, part) at once, grouped by them with
 * max(BC_LATEST_KEY) (revision.h): the row kept is the latest; it
 * counts unless returned. */
#define LATEST_OF_EACH                                                        \
	", max(" BC_LATEST_KEY("r") ")"
#define EACH_COUNTS " GROUP BY r.unit_id, r.part) r WHERE NOT r.returned"

/* A revision's unit (u) in the version its period sees (uv), on day ?8:
 * a unit that does not exist then reports nothing in that period.  J
 * is the join (feed.c's CROSS JOIN fixes the order). */
#define UNIT_THEN_J(J)                                                        \
	" " J " unit u ON u.id = r.unit_id " J " unit_version uv"             \
	" ON uv.unit_id = u.id AND " BC_UNIT_IN_FORCE("uv", "?8")
#define UNIT_THEN UNIT_THEN_J("JOIN")

/* The revisions of form ?2 of period ?1 received by ?9, those in
 * force with k = 1, with their unit (u, uv). */
#define FORM_IN_FORCE                                                         \
	"(SELECT r.id, r.unit_id, r.returned, row_number() OVER ("            \
	" PARTITION BY r.unit_id " LATEST ") AS k"                            \
	" FROM " BC_STANDING " r WHERE r.period_id = ?1 AND r.part = ?2"      \
	RECEIVED ") r" UNIT_THEN

/* Each unit's own values in force of form ?2 (period ?1, received by
 * ?9, units of day ?8): code, kind, field, num, cents, txt. */
#define FORM_VALUES                                                           \
	"SELECT u.code, uv.kind, v.field, v.num, v.cents, v.txt FROM "        \
	FORM_IN_FORCE " JOIN value v ON v.revision_id = r.id AND v.row = 0"   \
	" AND v.col = '' WHERE" COUNTS

/* The cells of table ?3 of form ?2 in force, as FORM_VALUES: code,
 * kind, column, length of the text. */
#define TABLE_SHAPE                                                           \
	"SELECT u.code, uv.kind, v.col, length(v.txt) FROM " FORM_IN_FORCE    \
	" JOIN value v ON v.revision_id = r.id AND v.field = ?3"              \
	" AND v.row > 0 WHERE" COUNTS

#endif

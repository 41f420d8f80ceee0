/* SPDX-License-Identifier: MIT */
/*
 * A year's scores as JSON (rank --json, docs/cli.md "Ranking"): ids,
 * numbers and ISO dates, the same in every language; each criterion with
 * the data that explains it (the periods and their states, the value,
 * numerator and denominator and where they came from, the band, the
 * council's entry and its batch).
 */
#ifndef BC_RANK_JSON_H
#define BC_RANK_JSON_H

#include "jsonout.h"
#include "rank.h"

#include <jansson.h>

/* The whole, written into w: year, as_of, provisional, scheme, periods,
 * the assessment batches counted, and groups each with its parts,
 * criteria and units in rank order, a unit at a time (a country's
 * units are ~600 MB as one tree).  BC_ERR_NOMEM, the document left
 * unclosed, when memory ran out; a failed write (bc_jw_error) stops it,
 * closed or not. */
bc_err bc_rank_write(bc_jw *w, const bc_rank *r);
/* One unit: code, name, rank, total, class, parts, criteria.  A new
 * reference; NULL when memory ran out. */
json_t *bc_rank_unit_json(const bc_rank *r, const bc_rank_unit *u);

#endif

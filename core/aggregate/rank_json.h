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

#include "rank.h"

#include <jansson.h>

/* The whole: year, as_of, provisional, scheme, periods, the assessment
 * batches counted, and groups each with its parts, criteria and units
 * in rank order.  A new reference; NULL when memory ran out. */
json_t *bc_rank_json(const bc_rank *r);
/* One unit: code, name, rank, total, class, parts, criteria.  A new
 * reference; NULL when memory ran out. */
json_t *bc_rank_unit_json(const bc_rank *r, const bc_rank_unit *u);

#endif

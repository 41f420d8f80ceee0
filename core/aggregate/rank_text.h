/* SPDX-License-Identifier: MIT */
/*
 * A year's scores as a person reads them, in the reader's language: each
 * criterion's points with the numbers they came from ("Tỷ lệ hồ sơ giải
 * quyết đúng hạn 97,2 % (1 204 / 1 238), 2023-Y, ≥ 95 → 1,5 / 2"),
 * numbers as Vietnamese write them (bc_num_text).  The criteria's,
 * fields' and indicators' words are the rules'; the rest baocao's own
 * (gettext).  What the text, csv and xlsx outputs share.
 */
#ifndef BC_RANK_TEXT_H
#define BC_RANK_TEXT_H

#include "rank.h"

#include <stddef.h>

/* Room for one criterion's explanation. */
#define BC_RANK_TEXT_MAX 1024

/* What criterion k of u scored and why, ending "→ points / max", into
 * out[n]. */
void bc_rank_explain(const bc_rank *r, const bc_rank_unit *u, size_t k,
		     char *out, size_t n);
/* The numbers alone, without the criterion's title and the points: "97,2
 * % (1 204 / 1 238), 2023-Y, ≥ 95" (a table's column of its own). */
void bc_rank_detail(const bc_rank *r, const bc_rank_unit *u, size_t k,
		    char *out, size_t n);
/* A unit's state in a period as people say it ("on time"). */
const char *bc_rank_state_text(bc_pstate s);
/* The class of u as people read it, or "" below every class. */
const char *bc_rank_class_text(const bc_rank_unit *u);

#endif

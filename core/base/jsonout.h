/* SPDX-License-Identifier: MIT */
/*
 * Exact numbers in jansson trees, and JSON text with them.
 *
 * jansson keeps a number as a 64-bit integer or a double, and a double
 * cannot hold 99999999999999.99.  An exact decimal that is not whole is
 * therefore a node of its own in a tree (a string that begins with a
 * NUL byte: no text read from a file or the database holds one, and
 * jansson keeps its length), which bc_json_dump writes as a bare number
 * with its digits.  Everything that reads numbers from a tree the
 * aggregate or the export built reads them through these functions, so
 * that it sees the exact decimal; anything else sees an empty string,
 * never a wrong number.
 */
#ifndef BC_JSONOUT_H
#define BC_JSONOUT_H

#include "decimal.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* d in a tree: an integer when whole, else an exact decimal.  New
 * reference; NULL when memory runs out. */
json_t *bc_json_dec(bc_dec d);

/* True for an integer, a real or an exact decimal. */
bool bc_json_is_num(const json_t *v);
/* v as an exact decimal: integers and exact decimals as they are, reals
 * by the shortest decimal that reads back as them.  False when v is no
 * number. */
bool bc_json_get_dec(const json_t *v, bc_dec *out);
/* v as the nearest double (0 when it is no number). */
double bc_json_num_value(const json_t *v);
/* The text of a number as a JSON document has it ("12345678901234.56",
 * "12.5", "3", a real as JSON_REAL_PRECISION(15) writes it); false, and
 * buf empty, when v is no number. */
bool bc_json_num_text(const json_t *v, char *buf, size_t n);

/*
 * Writes v as json_dump_callback would with flags (JSON_INDENT,
 * JSON_COMPACT, JSON_REAL_PRECISION and JSON_ENCODE_ANY; keys in the
 * tree's order), exact decimals as bare numbers; 0, or -1 when v cannot
 * be written or cb fails.
 */
int bc_json_dump(const json_t *v, size_t flags, json_dump_callback_t cb,
		 void *ud);
/* The same into a new string the caller frees with bc_free; NULL when
 * memory runs out. */
char *bc_json_dumps(const json_t *v, size_t flags);
/* The same into f; 0, or -1 when writing fails. */
int bc_json_dumpf(const json_t *v, size_t flags, FILE *f);

#endif

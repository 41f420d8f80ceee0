/* SPDX-License-Identifier: MIT */
/*
 * RFC 4180 CSV through libcsv, with what libcsv leaves to its caller:
 * a UTF-8 check naming the line of a bad byte, a leading BOM skipped, and
 * the line each record starts on (records may span lines inside quotes).
 */
#ifndef BC_CSV_PARSE_H
#define BC_CSV_PARSE_H

#include "error.h"

#include <stddef.h>

#define BC_CSV_MAX_FIELDS 4096

/* Called once per record with its first line and its fields (each
 * NUL-terminated, valid until the call returns).  A non-zero return
 * stops reading. */
typedef int (*bc_csv_row_fn)(void *ud, int line, size_t n,
			     char *const *fields);

/* Parses buf as CSV.  Problems are reported in d against file name;
 * BC_ERR_INVALID for malformed CSV or text that is not UTF-8. */
bc_err bc_csv_parse(const char *name, const char *buf, size_t len,
		    bc_csv_row_fn fn, void *ud, bc_diags *d);

/* Drops the white space around a field's text, in place: what a person
 * types around a comma is no part of the value. */
void bc_csv_trim(char *field);

#endif

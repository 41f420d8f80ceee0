/* SPDX-License-Identifier: MIT */
/* The reader of long-form CSV submissions (docs/formats.md). */
#ifndef BC_CSV_READ_H
#define BC_CSV_READ_H

#include "submission.h"

/* Reads a long-form CSV (unit,period,form,field,value): one submission
 * per (unit, period), in order of first appearance. */
bc_err bc_csv_read_submissions(const char *name, const char *buf,
			       size_t len, bc_submissions *out, bc_diags *d);

#endif

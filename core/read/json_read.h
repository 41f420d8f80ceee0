/* SPDX-License-Identifier: MIT */
/* The reader of JSON submissions (docs/formats.md). */
#ifndef BC_JSON_READ_H
#define BC_JSON_READ_H

#include "submission.h"

/* Reads a JSON submission (docs/formats.md) from buf.  Problems go to d
 * against file name, with lines. */
bc_err bc_json_read(const char *name, const char *buf, size_t len,
		    bc_submissions *out, bc_diags *d);

#endif

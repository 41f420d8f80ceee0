/* SPDX-License-Identifier: MIT */
/* Text utilities: UTF-8 validity and reading whole files. */
#ifndef BC_TEXT_H
#define BC_TEXT_H

#include "error.h"

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * no NUL); otherwise *bad is the offset of the first bad byte. */
bool bc_utf8_valid(const char *s, size_t len, size_t *bad);
/* The 1-based line holding offset off of s. */
int bc_line_of(const char *s, size_t off);

/* Reads the file at path, at most max bytes, into *buf (NUL-terminated,
 * freed with bc_free).  Over max is BC_ERR_LIMIT; errors name the file. */
bc_err bc_file_read(const char *path, size_t max, char **buf, size_t *len,
		    bc_diags *d);

#endif

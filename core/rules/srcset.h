/* SPDX-License-Identifier: MIT */
/*
 * A set of source files held in memory: the Lua files of one ruleset.
 *
 * Rules are read into memory once, whether from a directory or from the
 * database (where a period's governing rules are kept), so the sandbox
 * never touches the file system and the content hash covers exactly
 * what runs.
 */
#ifndef BC_SRCSET_H
#define BC_SRCSET_H

#include "digest.h"
#include "error.h"

#include <stddef.h>

typedef struct bc_srcfile {
	char *path; /* relative to the ruleset directory, '/' separated */
	char *text; /* NUL-terminated; len excludes the terminator */
	size_t len;
} bc_srcfile;

typedef struct bc_srcset {
	bc_srcfile *v; /* sorted by path once complete */
	size_t n, cap;
} bc_srcset;

#define BC_SRCSET_INIT {0}

/* Limits that keep a hostile directory from exhausting memory. */
#define BC_SRC_MAX_FILE (1u << 20)
#define BC_SRC_MAX_FILES 512

/* Reads every regular *.lua file below dir (symbolic links inside it are
 * skipped).  Problems are reported in d with the file's path. */
bc_err bc_srcset_read_dir(bc_srcset *s, const char *dir, bc_diags *d);
/* The same for root/sub, the files' paths beginning "sub/". */
bc_err bc_srcset_read_under(bc_srcset *s, const char *root, const char *sub,
			    bc_diags *d);

/* The folder of a rules directory whose files every ruleset of it may
 * include, as "_common/NAME.lua": no ruleset, and no ruleset's own
 * folder name. */
#define BC_SRC_COMMON "_common"
/* Whether path is one of those shared files ("_common/…"). */
bool bc_srcset_common(const char *path);
/* Adds a copy of text under path; BC_ERR_SYNTAX for a path that is
 * absolute, has a ".." or empty component, or is already present;
 * BC_ERR_LIMIT past the limits above, wherever the files come from (a
 * directory, the database). */
bc_err bc_srcset_add(bc_srcset *s, const char *path, const char *text,
		     size_t len);
/* The file at path, or NULL.  The set must have been sorted. */
const bc_srcfile *bc_srcset_find(const bc_srcset *s, const char *path);
/* Sorts by path; call once all files are added. */
void bc_srcset_sort(bc_srcset *s);
/* SHA-256 over every (path, content) pair in path order. */
void bc_srcset_hash(const bc_srcset *s, char out[BC_SHA256_HEX]);
/* True when path is a clean relative path as bc_srcset_add accepts it. */
bool bc_srcset_path_ok(const char *path);
void bc_srcset_free(bc_srcset *s);

#endif

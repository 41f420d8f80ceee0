/* SPDX-License-Identifier: MIT */
/*
 * Output files: what `-o PATH` (and each file of `template --dir`) writes,
 * whole or not at all, without replacing what PATH is.
 *
 * The content is written into a temporary file, then put at PATH once
 * complete and flushed to the disk:
 *  - PATH "-" is standard output;
 *  - a symbolic link is followed: its target is written, the link stays;
 *  - a regular file, or no file, is replaced by renaming the temporary
 *    file over it, which keeps its mode (and, run as root, its owner);
 *  - a regular file with other hard links, a FIFO or a character device
 *    (/dev/null, /dev/stdout, a terminal) is written into, since a rename
 *    would put a new file in its place;
 *  - a directory, a block device or a socket is refused.
 * The temporary file is PATH.tmp-XXXXXX beside the file renamed over, or
 * $TMPDIR/baocao.tmp-XXXXXX when the output is written into; it is locked
 * while in use.  Those a killed run left (that name, ours, unlocked and an
 * hour old) are removed when the next one is made there.
 *
 * Every failure is one diagnostic naming PATH; BC_ERR_IO.
 */
#ifndef BC_OUTFILE_H
#define BC_OUTFILE_H

#include "error.h"

#include <stdbool.h>

typedef struct bc_outfile bc_outfile;

/* How messages name the output at path: "standard output" for "-"
 * (static, or path itself). */
const char *bc_outfile_name(const char *path);

/* Makes the temporary file for path.  *o is freed by bc_outfile_close. */
bc_err bc_outfile_open(const char *path, bc_outfile **o, bc_diags *d);
/* The temporary file, for writers that open it by name (borrowed). */
const char *bc_outfile_tmp(const bc_outfile *o);
/* Its directory: where a writer's own scratch files go (borrowed). */
const char *bc_outfile_dir(const bc_outfile *o);
/* A write into the temporary file failed with errnum: said once, naming
 * the output, and the output will not be put in place. */
void bc_outfile_fail(bc_outfile *o, int errnum, bc_diags *d);
bool bc_outfile_failed(const bc_outfile *o);
/* When rc is BC_OK and no write failed, puts the content at the path;
 * always removes the temporary file and frees o (NULL is fine).  Returns
 * rc, or BC_ERR_IO when a write failed. */
bc_err bc_outfile_close(bc_outfile *o, bc_err rc, bc_diags *d);

/* path with the symbolic links of its last component followed, as the
 * kernel follows them: a link's relative target is read from the link's
 * directory; a link to nothing yet gives what it names.  Allocated (the
 * caller frees it); NULL, errno set, past 40 links or on error. */
char *bc_path_follow(const char *path);

/* The directory of path, "." for a bare name (allocated). */
char *bc_path_dir(const char *path);
/* Flushes dir's entries to the disk, so that a rename in it lasts a
 * power cut; best effort. */
void bc_dir_sync(const char *dir);

/* For files that are made by name, not written through a bc_outfile (a
 * database): an empty file path.tmp-XXXXXX beside path, with a new
 * file's mode (0666 less the umask), after sweeping the stale ones there.  *tmp is allocated; the caller renames or
 * removes the file. */
bc_err bc_outfile_tmp_beside(const char *path, char **tmp, bc_diags *d);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The files of one import read ahead: a thread of the read-ahead's own
 * reads, hashes, tells apart and parses each file in turn
 * (bc_import_read_file) while the caller checks and stores the one
 * before (bc_import_finish), so that an import of many files keeps two
 * cores busy.  The reads come back in the order of the files, each with
 * its own error and problems, whatever became of the others: a file that
 * cannot be read, or whose reading ran out of memory, is that file's
 * (its rc), said when the caller reaches it.
 *
 * What is held is bounded: at most lim.files files read ahead of the one
 * the caller has, and a file is read ahead only while it and the files
 * held (the caller's included) stay within lim.bytes of file.  A file
 * alone is read whatever its size.
 */
#ifndef BC_READAHEAD_H
#define BC_READAHEAD_H

#include "import.h"

typedef struct bc_readahead bc_readahead;

typedef struct bc_readahead_limits {
	size_t files; /* read ahead of the caller's, at most; 0 is 1 */
	size_t bytes; /* of the files held, the caller's included */
} bc_readahead_limits;

/* A file read takes some 2.3 times its size (a CSV of 10 MB: 23 MB),
 * besides what checking and storing it take.  Half a file at the limit
 * keeps an import's peak within some 30 MB of what it is on one thread
 * (which, for a file at the limit, is some 160 MB).  Files of a few MB
 * or less (a province's CSV, any JSON) are read up to four ahead: the
 * reading thread, which waits whenever it is that far ahead, then reads
 * two or three in a row (readahead.c). */
#define BC_READAHEAD_FILES 4
#define BC_READAHEAD_BYTES (BC_IMPORT_MAX_FILE / 2)

/* Starts reading paths[0..n) (borrowed: they outlive *ra) within lim
 * (NULL: BC_READAHEAD_FILES and BC_READAHEAD_BYTES).  With two files or
 * more, on a thread, if the system gives one; otherwise each file is
 * read on the caller's thread when it is asked for.  BC_ERR_NOMEM, *ra
 * NULL, when memory runs out.  Free *ra with bc_readahead_free. */
bc_err bc_readahead_start(const char *const *paths, size_t n,
			  const bc_readahead_limits *lim, bc_readahead **ra);

/* The read of the next file, in order, once it is read: NULL after the
 * last.  It is ra's, valid until the next call or bc_readahead_free,
 * and the caller may take from it (bc_import_finish takes its
 * diagnostics): asking for the next says the caller is done with it. */
bc_import_read *bc_readahead_next(bc_readahead *ra);

/* Stops reading (a file being read is finished first), joins the
 * thread and frees every read, whether or not all were asked for; NULL
 * is nothing. */
void bc_readahead_free(bc_readahead *ra);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * A zip archive written member after member, each member's data
 * deflated a block at a time on every core.
 *
 * Why: libxlsxwriter deflates a workbook's parts in workbook_close, one
 * after another on one thread, once everything else is done; a national
 * workbook's 240 MB of XML took ~2.6 s of its ~6 s there.  Here a
 * member's data is cut into blocks of BC_ZIPW_BLOCK bytes.  Each block
 * is deflated on its own, primed with the 32 KB before it (so it finds
 * the same matches as one stream would, almost) and ended on a byte
 * boundary by a sync flush; one after another they are one deflate
 * stream, as pigz makes them.  The archive depends on the data, the
 * names and the levels only: the same bytes whatever the threads.
 *
 * One thread (the caller) opens, adds members and closes; the writer
 * deflates blocks on threads of its own and, instead of waiting, on the
 * caller's.  It writes the archive in order as blocks finish: a
 * member's local header before its first block, its CRC and sizes
 * filled in after its last; the central directory at the close.
 * Archives of 4 GB or 65,535 members and more (ZIP64) are refused.
 *
 * A call that fails leaves errno saying why, for the caller's message:
 * the failed write's for BC_ERR_IO, ENOMEM for BC_ERR_NOMEM, EFBIG for
 * BC_ERR_LIMIT.
 */
#ifndef BC_ZIPWRITE_H
#define BC_ZIPWRITE_H

#include "error.h"

#include <stdint.h>

/* The bytes of a member deflated as one block (the last may be less). */
#define BC_ZIPW_BLOCK (1024 * 1024)

typedef struct bc_zipw bc_zipw;

/* What a member's headers say, and how it is deflated. */
typedef struct bc_zipw_member {
	const char *name;    /* its path in the archive, copied */
	uint16_t dos_time;   /* MS-DOS time and date of the headers */
	uint16_t dos_date;
	uint16_t flags;      /* the general-purpose bits (no encryption,
				no data descriptor) */
	uint16_t made_by;    /* "version made by" */
	uint16_t internal_attr;
	uint32_t external_attr;
	int level;           /* zlib's: 0-9 or Z_DEFAULT_COMPRESSION */
	int window_bits;     /* zlib's for raw deflate: -15 to -9 */
	int mem_level;       /* zlib's: 1-9 */
	int strategy;        /* zlib's */
} bc_zipw_member;

/* Creates (or empties) the archive at path and starts up to threads - 1
 * threads to deflate on (threads 0 or 1: the caller's alone; when the
 * system refuses one, fewer).  NULL, with *err, when the file cannot be
 * made (BC_ERR_IO, errno kept) or memory runs out. */
bc_zipw *bc_zipw_open(const char *path, unsigned threads, bc_err *err);

/* Starts a member, ending the one open first.  BC_ERR_SYNTAX for
 * parameters outside those above; a member refused leaves the archive
 * as it was. */
bc_err bc_zipw_begin(bc_zipw *z, const bc_zipw_member *m);
/* Adds n bytes of data to the member open. */
bc_err bc_zipw_write(bc_zipw *z, const void *data, size_t n);
/* Ends the member open (none: BC_OK).  Its bytes may still be being
 * deflated: an error of theirs comes back from a later call. */
bc_err bc_zipw_end(bc_zipw *z);

/* The first error z has met, or BC_OK.  Once there is one, every call
 * returns it and writes nothing more. */
bc_err bc_zipw_error(const bc_zipw *z);

/* Ends the member open, writes what is left and the central directory
 * (with comment, or none), closes the file and frees z, whatever
 * happens; the first error met, or BC_OK.  NULL: BC_OK. */
bc_err bc_zipw_close(bc_zipw *z, const char *comment);
/* Stops the threads, closes the file as it is and frees z (NULL:
 * none): an archive given up, which its maker removes or writes
 * again. */
void bc_zipw_abandon(bc_zipw *z);

#endif

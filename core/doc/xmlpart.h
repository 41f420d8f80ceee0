/* SPDX-License-Identifier: MIT */
/*
 * What the writers of zipped XML formats (docx.c, odt.c) share: an XML
 * writer over libxml2's xmlTextWriter whose first failure sticks, the
 * package (a zip through libzip, written as outfile.h writes: whole or
 * not at all), and the width of a line of bold text, for rules drawn as
 * long as a line.  Internal to core/doc.
 */
#ifndef BC_DOC_XMLPART_H
#define BC_DOC_XMLPART_H

#include "doc.h"
#include "error.h"

#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stddef.h>

/* Lengths in twentieths of a point (twips): A4 and the margins of
 * Nghị định 30 (top and bottom 20 mm, left 30 mm, right 15 mm), the page
 * number 10 mm from the top edge. */
enum {
	BC_TW_PAGE_SHORT = 11906,
	BC_TW_PAGE_LONG = 16838,
	BC_TW_MARGIN_TOP = 1134,
	BC_TW_MARGIN_BOTTOM = 1134,
	BC_TW_MARGIN_LEFT = 1701,
	BC_TW_MARGIN_RIGHT = 850,
	BC_TW_MARGIN_HEADER = 567,
	/* The header block and the signer's table reach 5 mm into either
	 * side margin, so that the national title fits on one line. */
	BC_TW_FRAME_OUT = 284,
	BC_TW_CELL_MARGIN = 108,
	/* The first-line indent of the body, 1.27 cm. */
	BC_TW_INDENT = 720,
};

/* A paragraph style: sizes in half-points (0: the default's), lengths
 * in twips. */
typedef struct bc_pstyle {
	const char *id, *name;
	int size;
	unsigned emph; /* BC_DOC_BOLD | BC_DOC_ITALIC */
	const char *jc;
	int first, left;     /* first-line and left indent */
	int before, after;   /* space around */
	bool keep;           /* kept with the next paragraph */
	int outline;         /* outline level from 1, 0 for none */
} bc_pstyle;

/* The width between the margins of a page so turned; the two columns
 * of the header block and of the signer's table (40 % and 60 % of the
 * text's width and what they reach into the margins). */
long bc_tw_text_width(bc_doc_orient o);
void bc_tw_frame_cols(long w[2]);

/* The styles every paragraph of a document names, by id. */
extern const bc_pstyle bc_pstyles[];
extern const size_t bc_n_pstyles;

/* A part being written: every call after the first failure does
 * nothing, and bad says so. */
typedef struct bc_xw {
	xmlTextWriterPtr w;
	bool bad;
} bc_xw;

void bc_xw_open(bc_xw *x, const char *name);
void bc_xw_close(bc_xw *x);
void bc_xw_attr(bc_xw *x, const char *name, const char *v);
void bc_xw_attr_n(bc_xw *x, const char *name, long v);
/* s[0..n), escaped. */
void bc_xw_text_n(bc_xw *x, const char *s, size_t n);
void bc_xw_text(bc_xw *x, const char *s);
/* <name>s</name> */
void bc_xw_el_text(bc_xw *x, const char *name, const char *s);

/* Writes a part's elements from doc. */
typedef void bc_xw_part(bc_xw *x, const bc_doc *doc);

typedef struct bc_xpkg bc_xpkg;

/* Puts the parts add (called once) adds into the zip at path; the
 * result as bc_docx_write's (docx.h). */
bc_err bc_xpkg_write(const bc_doc *doc, const char *path, bc_diags *d,
		     void (*add)(bc_xpkg *p));
/* A part written by fn into memory. */
void bc_xpkg_part(bc_xpkg *p, const char *name, bc_xw_part *fn);
/* A part as long as the document, written by fn through a scratch file
 * beside the output (unlinked at once: nothing is left if the run is
 * killed). */
void bc_xpkg_stream(bc_xpkg *p, const char *name, bc_xw_part *fn);
/* A part of the n static bytes at s, stored uncompressed (an .odt's
 * mimetype). */
void bc_xpkg_stored(bc_xpkg *p, const char *name, const char *s, size_t n);

/* The width of s set in Times New Roman Bold at size half-points, in
 * twips; the widest of l's lines. */
long bc_doc_bold_width(const char *s, int size);
long bc_doc_widest(const bc_doc_lines *l, int size);

#endif

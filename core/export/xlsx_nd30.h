/* SPDX-License-Identifier: MIT */
/*
 * Nghị định 30/2020/NĐ-CP on a worksheet: the frame of a document
 * (doc/frame.h) set on a sheet of a workbook, for every writer of
 * workbooks (the district's export, the units' templates).  The header
 * block as two groups of merged columns, the issuing body (under the
 * body above it) and the number at the left, the national title, the
 * motto and the place and date at the right; the document's type and
 * title across; the signer block at the right with "Nơi nhận" at the
 * left.  Its cell formats (fonts, sizes, bold, italic, the lines under
 * the body and the motto) are made here, once per workbook, so that
 * every sheet of every workbook sets the frame alike; the words are the
 * frame's, never changed here.
 */
#ifndef BC_XLSX_ND30_H
#define BC_XLSX_ND30_H

#include "frame.h"
#include "xlsx_write.h"

/* What a sheet's header block shows besides the bodies, the national
 * title and motto (bc_xbook.header). */
enum {
	BC_XND_NUMBER = 1 << 0, /* "Số: …" under the issuing body */
	BC_XND_DATE = 1 << 1,   /* the place and date under the motto */
};

/* The frame's formats into b->nd30 (a failure recorded in b).  Called
 * by bc_xbook_formats. */
void bc_xnd30_formats(bc_xbook *b);

/* The header block of b's frame (bc_xbook.frame), what b->header says
 * of the number and the date, then a blank row.  code (or NULL) at the
 * top right above it, a form's code. */
void bc_xnd30_header(bc_xsheet *s, const char *code);
/* The frame's type and title lines across the sheet, its addressees
 * under them; nothing for a frame that has none. */
void bc_xnd30_title(bc_xsheet *s);
/* The frame's signer block at the right (authority, title, room for
 * the signature, name); at the left its recipients when recipients,
 * else who drew the table (the rules' sheet.drawn_by). */
void bc_xnd30_signer(bc_xsheet *s, bool recipients);

/* A sheet's heading: the header block, then the sheet's title in
 * capitals, sub (or NULL) under it, the period and its window. */
void bc_xsheet_heading(bc_xsheet *s, const char *title, const char *sub,
		       const char *code);
/* The sheet's title in capitals, sub (or NULL) under it, the period
 * and its window (the rest of a heading). */
void bc_xsheet_titles(bc_xsheet *s, const char *title, const char *sub);
/* Where the one who drew the table and the head of the office sign
 * (the rules' sheet.* words), under the date written as date_words: a
 * table a unit fills, before it is a document of its own. */
void bc_xsheet_signature(bc_xsheet *s, const char *date_words);

#endif

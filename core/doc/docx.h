/* SPDX-License-Identifier: MIT */
/*
 * A document (doc.h) as a Word file (.docx, Office Open XML), set as
 * Nghị định 30/2020 sets an administrative document: A4, Times New Roman
 * 14 pt, its margins, the header block as a table without borders with
 * the short rules under the issuing body and the motto, the title, the
 * body, the signer and "Nơi nhận" side by side at the end, page numbers
 * centred at the top from the second page.  Styles carry the fonts and
 * sizes, so a drafter who changes "Body" changes every paragraph.
 *
 * The package is written with libzip and every part with libxml2's
 * xmlTextWriter; the whole body streams through a scratch file, not
 * memory.
 */
#ifndef BC_DOC_DOCX_H
#define BC_DOC_DOCX_H

#include "doc.h"
#include "error.h"

/* Writes doc to path as outfile.h writes any output: whole or not at
 * all.  A document with a building error (bc_doc_error) is refused with
 * that error and nothing written; a failure to write is one diagnostic
 * in d naming path, BC_ERR_IO (BC_ERR_NOMEM when memory ran out). */
bc_err bc_docx_write(const bc_doc *doc, const char *path, bc_diags *d);

#endif

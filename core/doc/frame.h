/* SPDX-License-Identifier: MIT */
/*
 * The frame of an official document under Nghị định 30/2020/NĐ-CP
 * (Phụ lục I): what surrounds the body of a report or a letter, whatever
 * writes it (a .docx, a workbook's sheet, a web page).  The header block
 * (issuing body and number on the left, the national motto and the place
 * and date on the right), the document's type and summary under it, the
 * signer block and the recipients.  The frame holds finished text only:
 * which words a directive uses is the rules' (rules/<id>/, the document
 * words), which a district uses is its units' data and the command line;
 * how each element is set (capitals, bold, italic, sizes, lines under
 * the body and the motto) is the writer's, from nd30.md.  A writer never
 * adds or changes a word of the frame.
 *
 * Every string is owned by the frame and freed by bc_doc_frame_free; a
 * NULL or "" string is an element the document does not have (a unit
 * with no parent body, a report without "Kính gửi", an unsigned draft).
 */
#ifndef BC_DOC_FRAME_H
#define BC_DOC_FRAME_H

#include <stddef.h>

/* Lines of text, each owned by the list. */
typedef struct bc_doc_lines {
	char **line;
	size_t n;
} bc_doc_lines;

typedef struct bc_doc_frame {
	/* Header block, left column.  parent: the body above the issuer,
	 * upright, not bold ("UBND HUYỆN TÂN KỲ" over a department); body:
	 * the issuing body, bold, one line each ("ỦY BAN NHÂN DÂN",
	 * "HUYỆN TÂN KỲ"), a short rule drawn under its last line. */
	char *parent;
	bc_doc_lines body;
	/* "Số: 45/BC-UBND", or "Số:      /BC-UBND" with the number left
	 * for the clerk to write in. */
	char *number;
	/* A letter's summary under the number ("V/v đôn đốc báo cáo …");
	 * NULL for a document with a title. */
	char *about;
	/* Header block, right column: the national title and motto
	 * (base/vndoc.h's words), then the place and date, italic
	 * ("Tân Kỳ, ngày 04 tháng 3 năm 2023"). */
	char *nation, *motto;
	char *place_date;
	/* The document's type ("BÁO CÁO") and its summary lines under it
	 * ("Kết quả công tác cải cách hành chính quý I năm 2023"); none
	 * for a letter. */
	char *type;
	bc_doc_lines title;
	/* A letter's addressees ("Kính gửi:" and who), each a line. */
	bc_doc_lines to;
	/* Signer block: the authority lines ("TM. ỦY BAN NHÂN DÂN",
	 * "KT. CHỦ TỊCH"), the signer's title ("PHÓ CHỦ TỊCH"), the name
	 * under the space for the signature. */
	bc_doc_lines authority;
	char *signer_title;
	char *signer_name;
	/* "Nơi nhận:" and its lines ("- Như trên;", …, "- Lưu: VT, NV."). */
	char *recipients_head;
	bc_doc_lines recipients;
} bc_doc_frame;

/* Frees every string of f and its lists, and zeroes f; f itself is the
 * caller's.  NULL does nothing. */
void bc_doc_frame_free(bc_doc_frame *f);

/* Appends a copy of s to l; false when out of memory (l unchanged). */
_Bool bc_doc_lines_add(bc_doc_lines *l, const char *s);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The wording every Vietnamese administrative document shares, whatever
 * the directive: the national title and motto of Nghị định 30/2020/NĐ-CP,
 * "Có"/"Không" for yes and no, the head of a table's numbering column and
 * of its unit of measure, the total row, and dates and times as a
 * document writes them ("Ngày 04 tháng 3 năm 2023", "09:00 ngày
 * 05/03/2023").  What a directive words its own way (titles, signers,
 * instructions) is the rules' (rules/<id>/wording.lua, rules/wording.h);
 * this module is the one place of the C sources that writes Vietnamese.
 */
#ifndef BC_VNDOC_H
#define BC_VNDOC_H

#include "date.h"

#include <stdbool.h>
#include <stddef.h>

/* The words, each a static string. */
typedef enum bc_vnword {
	BC_VN_NATION, /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (Quốc hiệu) */
	BC_VN_MOTTO,  /* "Độc lập - Tự do - Hạnh phúc" (tiêu ngữ) */
	BC_VN_YES,    /* "Có" */
	BC_VN_NO,     /* "Không" */
	BC_VN_SEQ,    /* "STT": the head of a numbering column */
	BC_VN_UOM,    /* "Đơn vị tính": the head of a unit-of-measure column */
	BC_VN_TOTAL,  /* "Tổng cộng": a table's total row or column */
	BC_VN_DATE,   /* "Ngày": a date's unit of measure */
	BC_VN_TIME,   /* "{time} ngày {date}": a moment, "09:00 ngày
		       * 05/03/2023" */
	BC_VN_NUMBER, /* "Số: {number}": a document's number */
	BC_VN_TO,     /* "Kính gửi:": a letter's addressees follow */
	BC_VN_RECIPIENTS, /* "Nơi nhận:": who receives copies */
	BC_VN_N
} bc_vnword;

/* The word w; "" for none. */
const char *bc_vndoc_word(bc_vnword w);
/* The name of w as the report model gives it to exporters
 * ("document.nation"): "nation", "motto", …  */
const char *bc_vndoc_key(bc_vnword w);

/* {"Có", "Không", NULL}: a yes/no cell's choices.  Static. */
const char *const *bc_vndoc_yes_no(void);
/* The number format of a cell that holds a yes/no as 1/0 (so that sums
 * count it) and shows "Có" or "Không". */
const char *bc_vndoc_bool_format(void);
/* Whether s is "Có" (true) or "Không" (false), in any letter case; false
 * for anything else, *v left alone. */
bool bc_vndoc_bool_parse(const char *s, bool *v);

/* Where a document is dated, as Nghị định 30 writes it: "Ngày 04 tháng
 * 3 năm 2023" (a day below 10 and the months 1 and 2 with a leading 0),
 * or dots to write the day in by hand for BC_DATE_NONE.  Into out[n]. */
void bc_vndoc_date(bc_date d, char *out, size_t n);
/* Where and when a document is issued, as its header writes it: "Tân
 * Kỳ, ngày 04 tháng 3 năm 2023" (the same leading zeros; "ngày" in
 * lower case), dots to write the date in by hand for BC_DATE_NONE;
 * without place, "ngày …" alone.  Into out[n]. */
void bc_vndoc_place_date(const char *place, bc_date d, char *out, size_t n);

#endif

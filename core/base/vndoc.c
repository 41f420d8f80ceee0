/* SPDX-License-Identifier: MIT */
#include "vndoc.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

#define YES "Có"
#define NO "Không"

static const struct {
	const char *key, *text;
} WORDS[BC_VN_N] = {
	[BC_VN_NATION] = {"nation", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	[BC_VN_MOTTO] = {"motto", "Độc lập - Tự do - Hạnh phúc"},
	[BC_VN_YES] = {"yes", YES},
	[BC_VN_NO] = {"no", NO},
	[BC_VN_SEQ] = {"seq", "STT"},
	[BC_VN_UOM] = {"uom", "Đơn vị tính"},
	[BC_VN_TOTAL] = {"total", "Tổng cộng"},
	[BC_VN_DATE] = {"date", "Ngày"},
	[BC_VN_TIME] = {"time", "{time} ngày {date}"},
	[BC_VN_NUMBER] = {"number_line", "Số: {number}"},
	[BC_VN_TO] = {"to_head", "Kính gửi:"},
	[BC_VN_RECIPIENTS] = {"recipients_head", "Nơi nhận:"},
};

const char *bc_vndoc_word(bc_vnword w)
{
	return w < BC_VN_N ? WORDS[w].text : "";
}

const char *bc_vndoc_key(bc_vnword w)
{
	return w < BC_VN_N ? WORDS[w].key : "";
}

const char *const *bc_vndoc_yes_no(void)
{
	static const char *const v[] = {YES, NO, NULL};
	return v;
}

const char *bc_vndoc_bool_format(void)
{
	return "\"" YES "\";;\"" NO "\"";
}

/* s in capitals equals word in capitals. */
static bool same_word(const char *s, const char *word)
{
	char a[16], b[16];
	if (strlen(s) >= sizeof a)
		return false;
	bc_utf8_upper(s, a, sizeof a);
	bc_utf8_upper(word, b, sizeof b);
	return strcmp(a, b) == 0;
}

bool bc_vndoc_bool_parse(const char *s, bool *v)
{
	if (!s)
		return false;
	if (same_word(s, WORDS[BC_VN_YES].text))
		*v = true;
	else if (same_word(s, WORDS[BC_VN_NO].text))
		*v = false;
	else
		return false;
	return true;
}

void bc_vndoc_date(bc_date d, char *out, size_t n)
{
	int y, m, day;
	if (d == BC_DATE_NONE) {
		snprintf(out, n, "Ngày ..... tháng ..... năm ......");
		return;
	}
	bc_date_to_ymd(d, &y, &m, &day);
	snprintf(out, n, m < 3 ? "Ngày %02d tháng %02d năm %04d"
			       : "Ngày %02d tháng %d năm %04d",
		 day, m, y);
}

void bc_vndoc_place_date(const char *place, bc_date d, char *out, size_t n)
{
	char when[64];
	int y, m, day;
	if (d == BC_DATE_NONE)
		snprintf(when, sizeof when, "ngày ..... tháng ..... năm ......");
	else {
		bc_date_to_ymd(d, &y, &m, &day);
		snprintf(when, sizeof when,
			 m < 3 ? "ngày %02d tháng %02d năm %04d"
			       : "ngày %02d tháng %d năm %04d",
			 day, m, y);
	}
	if (place && *place)
		snprintf(out, n, "%s, %s", place, when);
	else
		snprintf(out, n, "%s", when);
}

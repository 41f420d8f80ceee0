/* SPDX-License-Identifier: MIT */
#include "xlsx_sheet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 31

void bc_xlsx_sheet_name(const char *id, const char *title, char *out,
			size_t n)
{
	char full[512];
	snprintf(full, sizeof full, "%s%s%s", id, *title ? " " : "", title);
	for (char *p = full; *p; p++)
		if (strchr("[]:*?/\\'", *p))
			*p = '-';
	size_t chars = 0, cut = 0, space = 0;
	for (size_t i = 0; full[i]; i++) {
		if (((unsigned char)full[i] & 0xC0) == 0x80)
			continue;
		if (++chars > NAME_MAX_CHARS) {
			cut = space ? space : i;
			break;
		}
		if (full[i] == ' ')
			space = i;
	}
	if (cut)
		full[cut] = '\0';
	for (size_t l = strlen(full); l && strchr(" ,;-.", full[l - 1]); l--)
		full[l - 1] = '\0';
	snprintf(out, n, "%s", full);
}

lxw_format *bc_xlsx_format(lxw_workbook *wb, const char *font, unsigned flags,
			   double pt, const char *num, lxw_color_t fill)
{
	lxw_format *f = workbook_add_format(wb);
	if (!f)
		return NULL;
	format_set_font_name(f, font);
	format_set_font_size(f, pt);
	if (flags & BC_XF_BOLD)
		format_set_bold(f);
	if (flags & BC_XF_ITALIC)
		format_set_italic(f);
	if (flags & BC_XF_UNDER)
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
	if (flags & BC_XF_BORDER)
		format_set_border(f, LXW_BORDER_THIN);
	if (flags & BC_XF_CENTER)
		format_set_align(f, LXW_ALIGN_CENTER);
	if (flags & BC_XF_RIGHT)
		format_set_align(f, LXW_ALIGN_RIGHT);
	if (flags & BC_XF_VCENTER)
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (flags & BC_XF_TOP)
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (flags & BC_XF_WRAP)
		format_set_text_wrap(f);
	if (flags & BC_XF_INDENT)
		format_set_indent(f, 1);
	if (flags & BC_XF_UNLOCKED)
		format_set_unlocked(f);
	if (fill)
		format_set_bg_color(f, fill);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static bool same_num(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

size_t bc_xf_spec_first(const bc_xf_spec *v, size_t i)
{
	size_t k = 0;
	while (k < i && (v[k].fl != v[i].fl || v[k].pt != v[i].pt ||
			 !same_num(v[k].num, v[i].num)))
		k++;
	return k;
}

/* glibc's stderr is a variable (its manual says so): pointed at a sink
 * for the call, set back at once. */
lxw_error bc_xlsx_close(lxw_workbook *wb, int *errnum)
{
	char *said = NULL;
	size_t n = 0;
	FILE *saved = stderr, *sink = open_memstream(&said, &n);
	if (sink)
		stderr = sink;
	errno = 0;
	lxw_error e = workbook_close(wb);
	*errnum = errno;
	stderr = saved;
	if (sink)
		fclose(sink);
	free(said); /* the C library's, not ours */
	return e;
}

bool bc_xlsx_io_error(lxw_error e)
{
	return e >= LXW_ERROR_CREATING_XLSX_FILE && e <= LXW_ERROR_ZIP_CLOSE;
}

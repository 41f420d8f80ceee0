/* SPDX-License-Identifier: MIT */
#include "xlsx_sheet.h"

#include <stdio.h>
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

/* SPDX-License-Identifier: MIT */
#include "mailaddr.h"

#include <string.h>

/* atext of RFC 5322: letters, digits and these. */
static bool atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* Atoms of ok() joined by single dots, none empty: s[0..n). */
static bool dotted(const char *s, size_t n, bool (*ok)(unsigned char),
		   size_t atom_max, size_t *atoms)
{
	size_t len = 0;
	*atoms = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (!len)
				return false;
			len = 0;
			++*atoms;
		} else if (!ok(c) || ++len > atom_max) {
			return false;
		}
	}
	return len > 0;
}

/* A domain's label neither begins nor ends with a hyphen. */
static bool hyphens_inside(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '-' && (i == 0 || i + 1 == n || s[i - 1] == '.' ||
				    s[i + 1] == '.'))
			return false;
	return true;
}

bool bc_mail_address_ok(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (!at || strlen(s) > BC_MAIL_ADDRESS_MAX)
		return false;
	size_t local = (size_t)(at - s), domain = strlen(at + 1), labels;
	return local <= 64 && dotted(s, local, atext, 64, &labels) &&
	       dotted(at + 1, domain, label_char, 63, &labels) &&
	       labels >= 2 && hyphens_inside(at + 1, domain);
}

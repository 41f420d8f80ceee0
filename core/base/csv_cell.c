/* SPDX-License-Identifier: MIT */
#include "csv_cell.h"

#include <ctype.h>
#include <string.h>

/* What a spreadsheet starts a formula with (OWASP, CSV Injection). */
static bool formula_lead(char c)
{
	return c && strchr("=+-@\t\r", c);
}

static const char *digits(const char *s)
{
	const char *p = s;
	while (isdigit((unsigned char)*p))
		p++;
	return p > s ? p : NULL;
}

/* [+-]digits[.digits][e[+-]digits]: what a spreadsheet reads as a
 * number, and what the export writes numbers as. */
static bool number(const char *s)
{
	s += *s == '+' || *s == '-';
	if (!(s = digits(s)))
		return false;
	if (*s == '.' && !(s = digits(s + 1)))
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		s += *s == '+' || *s == '-';
		if (!(s = digits(s)))
			return false;
	}
	return !*s;
}

bool bc_csv_cell_guarded(const char *text)
{
	return formula_lead(text[strspn(text, "'")]) && !number(text);
}

const char *bc_csv_cell_text(const char *cell)
{
	if (*cell != '\'')
		return cell; /* nearly every cell: no strspn */
	size_t n = strspn(cell, "'");
	return n && formula_lead(cell[n]) ? cell + 1 : cell;
}

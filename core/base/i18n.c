/* SPDX-License-Identifier: MIT */
#include "i18n.h"

#include <locale.h>

void bc_i18n_init(const char *localedir)
{
	setlocale(LC_MESSAGES, "");
	bindtextdomain(BC_TEXT_DOMAIN, localedir);
	/* The catalogue's UTF-8 goes out as it is, whatever LC_CTYPE says:
	 * every output of baocao is UTF-8. */
	bind_textdomain_codeset(BC_TEXT_DOMAIN, "UTF-8");
}

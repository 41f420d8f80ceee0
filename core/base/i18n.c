/* SPDX-License-Identifier: MIT */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The locale the environment asks messages in, as setlocale reads it:
 * LC_ALL, else LC_MESSAGES, else LANG; NULL when none is set. */
static const char *asked_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static int is_c_locale(const char *name)
{
	return !strcmp(name, "C") || !strcmp(name, "POSIX") ||
	       !strncmp(name, "C.", 2);
}

/*
 * A locale the machine has not generated (LANG=vi_VN.UTF-8 on a server
 * set up in English) makes setlocale fail and leaves messages in "C",
 * where gettext ignores every language: the clerk who asked for
 * Vietnamese would read English.  The language is in the name all the
 * same, so messages take the C.UTF-8 locale, which glibc always has, and
 * the asked name as LANGUAGE, which gettext honours outside plain "C"
 * (it finds vi in vi_VN.UTF-8).  A LANGUAGE already set stays.
 */
static void fall_back(void)
{
	const char *want = asked_locale();
	if (!want || is_c_locale(want) || !setlocale(LC_MESSAGES, "C.UTF-8"))
		return;
	const char *language = getenv("LANGUAGE");
	if (!language || !*language)
		setenv("LANGUAGE", want, 1);
}

void bc_i18n_init(const char *localedir)
{
	if (!setlocale(LC_MESSAGES, ""))
		fall_back();
	bindtextdomain(BC_TEXT_DOMAIN, localedir);
	/* The catalogue's UTF-8 goes out as it is, whatever LC_CTYPE says:
	 * every output of baocao is UTF-8. */
	bind_textdomain_codeset(BC_TEXT_DOMAIN, "UTF-8");
}

/* SPDX-License-Identifier: MIT */
/*
 * Messages in the reader's language, the GNU way: the sources are in
 * English, po/<lang>.po holds each translation, gettext picks one at run
 * time from LANGUAGE, LC_ALL, LC_MESSAGES and LANG.
 *
 * Every string a person reads goes through _(), or P_() when it counts
 * something (Vietnamese has one plural form, English two), or C_() when
 * the same English word is translated differently in different places.  N_() marks a
 * string kept in a table: it is translated with _() where it is printed.
 * The domain is named in every call (dgettext), so that the library
 * speaks baocao's catalogue even inside a host that has its own.
 * JSON output never goes through these: it stays ids and ISO dates.
 */
#ifndef BC_I18N_H
#define BC_I18N_H

#include <libintl.h>

#define BC_TEXT_DOMAIN "baocao"

#define _(s) dgettext(BC_TEXT_DOMAIN, s)
#define N_(s) (s)
#define P_(one, many, n) \
	dngettext(BC_TEXT_DOMAIN, one, many, (unsigned long)(n))
/* A word whose translation depends on where it stands: C_("column",
 * "unit") is a table's heading, P_("unit", "units", n) a count.  The
 * catalogue keys it "context\004word", as pgettext does. */
#define C_(ctx, s) bc_pgettext(ctx "\004" s, s)

static inline const char *bc_pgettext(const char *key, const char *s)
{
	const char *t = dgettext(BC_TEXT_DOMAIN, key);
	return t == key ? s : t;
}

/*
 * Takes the language of messages from the environment and binds the
 * catalogue found under localedir (<localedir>/<lang>/LC_MESSAGES/
 * baocao.mo).  Only LC_MESSAGES changes: numbers, character classes and
 * collation stay those of the C locale, which every output relies on.
 * A locale asked for but not generated on the machine still gives its
 * language (LC_MESSAGES becomes C.UTF-8, LANGUAGE the name asked for,
 * unless LANGUAGE is set); LC_ALL=C or LANGUAGE=en gives English.
 * Called once, by the program's main, before any message.
 */
void bc_i18n_init(const char *localedir);

#endif

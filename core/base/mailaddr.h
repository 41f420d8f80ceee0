/* SPDX-License-Identifier: MIT */
/*
 * An e-mail address as a unit's contact gives it and a mail header
 * carries it: one addr-spec of RFC 5322 in its plain, dot-atom form
 * (local@domain), ASCII, no display name, no comment, no quoted local
 * part.  Anything else — a space, a second address, a line break that
 * would start a header of its own — is refused, so an address read from
 * a file can go into a header as it is.
 */
#ifndef BC_MAILADDR_H
#define BC_MAILADDR_H

#include <stdbool.h>

/* The longest address SMTP carries (RFC 5321: 254 octets in a path). */
#define BC_MAIL_ADDRESS_MAX 254

/* True when s is such an address: a local part of at most 64 atext
 * characters and single dots between them, '@', a domain of at least
 * two labels (letters, digits and inner hyphens, each at most 63). */
bool bc_mail_address_ok(const char *s);

#endif

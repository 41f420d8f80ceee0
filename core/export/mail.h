/* SPDX-License-Identifier: MIT */
/*
 * A message handed to the system's mail program: the sendmail
 * interface (/usr/sbin/sendmail -t, msmtp -t …), which reads a whole
 * message on its standard input and takes its recipients from the
 * headers.  The program is run without a shell, its words split on
 * spaces (a path and options the person configured, never text of the
 * data); what the data says (names, subject, body) only ever goes into
 * the message, encoded (RFC 2047 words in headers, base64 in the body),
 * so no text of a unit's can add a header or a recipient.
 */
#ifndef BC_MAIL_H
#define BC_MAIL_H

#include "date.h"
#include "error.h"

typedef struct bc_mail {
	const char *from;     /* an address, or NULL: the program's own */
	const char *to;	      /* one address (bc_mail_address_ok) */
	const char *to_name;  /* shown beside it, or NULL */
	const char *subject, *body; /* UTF-8 */
	bc_time date;
} bc_mail;

/* The program a message goes to unless told: sendmail's usual path. */
#define BC_MAIL_PROGRAM "/usr/sbin/sendmail -t"

/* The message as text (headers, a blank line, the body), lines ended by
 * '\n' as sendmail reads them locally; a new string (bc_free), or NULL
 * when out of memory or when to or from is not an address. */
char *bc_mail_text(const bc_mail *m);

/* Runs program (its words separated by spaces; the first found on
 * PATH unless it holds a '/') with text on its standard input and its
 * standard output sent to standard error.  BC_OK when it exits 0; else
 * BC_ERR_IO, said in d with its exit status or why it could not run. */
bc_err bc_mail_run(const char *program, const char *text, bc_diags *d);

#endif

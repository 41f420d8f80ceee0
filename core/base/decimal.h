/* SPDX-License-Identifier: MIT */
/*
 * Exact decimal numbers: the forms' counts, amounts of money (two
 * decimals) and percentages, read from text without passing through a
 * binary double, added and compared exactly, written with their digits.
 *
 * A double keeps 15 significant digits for sure and no more:
 * 12345678901234.56 becomes …234.560546875, and 99999999999999.99 the
 * same double as 99999999999999.98.  A bc_dec is v × 10^-scale with v a
 * 64-bit integer: any number of up to 18 digits.  Money is a bc_dec of
 * scale 2 (whole hundredths); a count, of scale 0.
 */
#ifndef BC_DECIMAL_H
#define BC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bc_dec {
	int64_t v;
	int scale; /* decimals: 0 … BC_DEC_SCALE_MAX */
} bc_dec;

#define BC_DEC_SCALE_MAX 18
/* Room for any bc_dec as text, plain or as Vietnamese write it. */
#define BC_DEC_BUF 64

typedef enum bc_dec_read {
	BC_DEC_OK,
	BC_DEC_NOT_NUMBER, /* not a number as the formats write one */
	BC_DEC_TOO_LONG,   /* more digits than 18, or decimals past 18 */
} bc_dec_read;

/* A whole number. */
bc_dec bc_dec_int(int64_t v);

/* Reads s whole: an optional '-', digits, optionally '.' and digits;
 * with exponent also an exponent ("1.5e3", as JSON and spreadsheets
 * write numbers).  Exact, with no rounding: zeros after the last
 * significant decimal do not count ("12.50" is 12.5, of scale 1). */
bc_dec_read bc_dec_parse(const char *s, bool exponent, bc_dec *out);

/* d with exactly scale decimals (hundredths: 2), when that changes no
 * digit and fits; false otherwise. */
bool bc_dec_rescale(bc_dec d, int scale, bc_dec *out);

/* a + b and a - b exactly; false when the result does not fit. */
bool bc_dec_add(bc_dec a, bc_dec b, bc_dec *out);
bool bc_dec_sub(bc_dec a, bc_dec b, bc_dec *out);

/* -1, 0 or 1 as a < b, a == b, a > b; exact whatever the scales. */
int bc_dec_cmp(bc_dec a, bc_dec b);

/* The digits v has, leading and trailing zeros of the number aside:
 * 12345678901234.56 has 16, 1200 has 2, 0.05 has 1. */
int bc_dec_digits(bc_dec d);

/* The nearest double. */
double bc_dec_double(bc_dec d);

/* The shortest decimal that reads back as x (12.34 for the double of
 * 12.34, 12345678901234.56 for its double): what a number stored as a
 * double was written as, when it had 15 significant digits or fewer, or
 * 16 or 17 that the double still tells apart.  False for NaN, infinities
 * and numbers beyond 18 digits. */
bool bc_dec_from_double(double x, bc_dec *out);

/* Plain text with the digits needed: "12345678901234.56", "12.5",
 * "-3". */
void bc_dec_text(bc_dec d, char buf[BC_DEC_BUF]);
/* Plain text with exactly decimals decimals ("12.50"), rounded half away
 * from zero when d has more. */
void bc_dec_text_fixed(bc_dec d, int decimals, char buf[BC_DEC_BUF]);
/* As Vietnamese write it: thousands apart by spaces, a decimal comma,
 * the digits needed ("12 345 678 901 234,56", "12,5"). */
void bc_dec_local(bc_dec d, char buf[BC_DEC_BUF]);

#endif

/* SPDX-License-Identifier: MIT */
#include "decimal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int64_t POW10[BC_DEC_SCALE_MAX + 1] = {
	1,
	10,
	100,
	1000,
	10000,
	100000,
	1000000,
	10000000,
	100000000,
	1000000000,
	10000000000,
	100000000000,
	1000000000000,
	10000000000000,
	100000000000000,
	1000000000000000,
	10000000000000000,
	100000000000000000,
	1000000000000000000,
};

bc_dec bc_dec_int(int64_t v)
{
	return (bc_dec){v, 0};
}

/* v × 10^k into *out; false when it does not fit. */
static bool shift(int64_t v, long k, int64_t *out)
{
	if (v == 0 || k == 0) {
		*out = v;
		return true;
	}
	return k <= BC_DEC_SCALE_MAX &&
	       !__builtin_mul_overflow(v, POW10[k], out);
}

/* The digits of a number being read: v so far, and the zeros read since
 * its last digit that is not one (not yet multiplied in, so that
 * "1.000…0" of any length reads, and "0.000…01" fails only when its
 * decimals run past 18). */
typedef struct reading {
	int64_t v;
	long zeros;
	bool overflow;
} reading;

static void take(reading *r, const char *from, const char *to)
{
	for (const char *p = from; p < to; p++) {
		if (*p == '0') {
			r->zeros += r->v != 0;
			continue;
		}
		int64_t m;
		r->overflow |= !shift(r->v, r->zeros + 1, &m) ||
			       __builtin_add_overflow(m, *p - '0', &r->v);
		r->zeros = 0;
	}
}

static const char *digits(const char *p)
{
	while (isdigit((unsigned char)*p))
		p++;
	return p;
}

/* An exponent at *pp ("e-3"); false when malformed.  Beyond ±100000 it
 * is clamped: such a number does not fit whichever way. */
static bool exponent_at(const char **pp, long *e)
{
	const char *p = *pp + 1;
	bool neg = *p == '-';
	p += *p == '-' || *p == '+';
	const char *end = digits(p);
	if (end == p)
		return false;
	*e = 0;
	for (; p < end; p++)
		if (*e < 100000)
			*e = *e * 10 + (*p - '0');
	*e = neg ? -*e : *e;
	*pp = end;
	return true;
}

bc_dec_read bc_dec_parse(const char *s, bool exponent, bc_dec *out)
{
	const char *p = s + (*s == '-');
	const char *int_end = digits(p), *frac = int_end, *frac_end = int_end;
	long e = 0;
	if (int_end == p)
		return BC_DEC_NOT_NUMBER;
	if (*int_end == '.') {
		frac = int_end + 1;
		frac_end = digits(frac);
		if (frac_end == frac)
			return BC_DEC_NOT_NUMBER;
	}
	const char *end = frac_end;
	if (exponent && (*end == 'e' || *end == 'E') && !exponent_at(&end, &e))
		return BC_DEC_NOT_NUMBER;
	if (*end)
		return BC_DEC_NOT_NUMBER;
	reading r = {0};
	take(&r, p, int_end);
	take(&r, frac, frac_end);
	long scale = (long)(frac_end - frac) - e - r.zeros;
	if (r.v == 0) {
		*out = bc_dec_int(0);
		return BC_DEC_OK;
	}
	if (r.overflow || scale > BC_DEC_SCALE_MAX ||
	    (scale < 0 && !shift(r.v, -scale, &r.v)))
		return BC_DEC_TOO_LONG;
	*out = (bc_dec){*s == '-' ? -r.v : r.v, scale < 0 ? 0 : (int)scale};
	return BC_DEC_OK;
}

bool bc_dec_rescale(bc_dec d, int scale, bc_dec *out)
{
	if (scale < 0 || scale > BC_DEC_SCALE_MAX)
		return false;
	if (scale >= d.scale) {
		out->scale = scale;
		return shift(d.v, scale - d.scale, &out->v);
	}
	int64_t div = POW10[d.scale - scale];
	if (d.v % div)
		return false;
	*out = (bc_dec){d.v / div, scale};
	return true;
}

bool bc_dec_add(bc_dec a, bc_dec b, bc_dec *out)
{
	int s = a.scale > b.scale ? a.scale : b.scale;
	bc_dec x, y;
	if (!bc_dec_rescale(a, s, &x) || !bc_dec_rescale(b, s, &y))
		return false;
	out->scale = s;
	return !__builtin_add_overflow(x.v, y.v, &out->v);
}

bool bc_dec_sub(bc_dec a, bc_dec b, bc_dec *out)
{
	if (b.v == INT64_MIN)
		return false;
	b.v = -b.v;
	return bc_dec_add(a, b, out);
}

int bc_dec_cmp(bc_dec a, bc_dec b)
{
	/* Whole parts first (truncated towards zero), then what remains, at
	 * one scale: a remainder is below 10^18 at any scale up to 18, so
	 * nothing here can overflow. */
	int64_t ia = a.v / POW10[a.scale], ib = b.v / POW10[b.scale];
	if (ia != ib)
		return ia < ib ? -1 : 1;
	int s = a.scale > b.scale ? a.scale : b.scale;
	int64_t fa = a.v % POW10[a.scale] * POW10[s - a.scale];
	int64_t fb = b.v % POW10[b.scale] * POW10[s - b.scale];
	return (fa > fb) - (fa < fb);
}

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

int bc_dec_digits(bc_dec d)
{
	uint64_t m = magnitude(d.v);
	int n = 0;
	while (m && m % 10 == 0)
		m /= 10;
	for (; m; m /= 10)
		n++;
	return n;
}

double bc_dec_double(bc_dec d)
{
	/* Both exact, so the quotient is rounded once: the nearest. */
	if (magnitude(d.v) <= (1ull << 53))
		return (double)d.v / (double)POW10[d.scale];
	char buf[BC_DEC_BUF];
	bc_dec_text(d, buf);
	return strtod(buf, NULL);
}

bool bc_dec_from_double(double x, bc_dec *out)
{
	if (!isfinite(x))
		return false;
	/* Whole numbers a double holds exactly, which counts are: as they
	 * are, without printing them. */
	if (x == trunc(x) && fabs(x) <= 9007199254740992.0) {
		*out = bc_dec_int((int64_t)x);
		return true;
	}
	char buf[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return bc_dec_parse(buf, true, out) == BC_DEC_OK;
}

/* |d|'s whole part and its decimals (scale of them, leading zeros kept,
 * trailing ones dropped; "" for none) as text. */
static void parts(bc_dec d, char whole[24], char frac[24])
{
	uint64_t m = magnitude(d.v), p = (uint64_t)POW10[d.scale];
	snprintf(whole, 24, "%llu", (unsigned long long)(m / p));
	snprintf(frac, 24, "%0*llu", d.scale, (unsigned long long)(m % p));
	size_t n = d.scale ? strlen(frac) : 0;
	while (n && frac[n - 1] == '0')
		n--;
	frac[n] = '\0';
}

void bc_dec_text(bc_dec d, char buf[BC_DEC_BUF])
{
	char whole[24], frac[24];
	parts(d, whole, frac);
	snprintf(buf, BC_DEC_BUF, "%s%s%s%s", d.v < 0 ? "-" : "", whole,
		 *frac ? "." : "", frac);
}

void bc_dec_text_fixed(bc_dec d, int decimals, char buf[BC_DEC_BUF])
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > BC_DEC_SCALE_MAX)
		decimals = BC_DEC_SCALE_MAX;
	uint64_t m = magnitude(d.v), whole, frac;
	if (d.scale > decimals) {
		uint64_t div = (uint64_t)POW10[d.scale - decimals],
			 r = m % div, p = (uint64_t)POW10[decimals];
		m = m / div + (r >= div - r);
		whole = m / p;
		frac = m % p;
	} else {
		/* Whole and decimals apart: m × 10^k could overflow. */
		uint64_t p = (uint64_t)POW10[d.scale];
		whole = m / p;
		frac = m % p * (uint64_t)POW10[decimals - d.scale];
	}
	int o = snprintf(buf, BC_DEC_BUF, "%s%llu",
			 d.v < 0 && (whole || frac) ? "-" : "",
			 (unsigned long long)whole);
	if (decimals)
		snprintf(buf + o, BC_DEC_BUF - (size_t)o, ".%0*llu", decimals,
			 (unsigned long long)frac);
}

void bc_dec_local(bc_dec d, char buf[BC_DEC_BUF])
{
	char whole[24], frac[24];
	size_t o = 0, len;
	parts(d, whole, frac);
	len = strlen(whole);
	if (d.v < 0)
		buf[o++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = whole[i];
	}
	snprintf(buf + o, BC_DEC_BUF - o, "%s%s", *frac ? "," : "", frac);
}

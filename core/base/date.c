/* SPDX-License-Identifier: MIT */
#include "date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bc_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int bc_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && bc_is_leap(y) ? 29 : days[m - 1];
}

bool bc_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && d >= 1 && d <= bc_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: eras of 400 years starting in March,
 * so the leap day is the last day of the shifted year. */
bc_date bc_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void bc_date_to_ymd(bc_date z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parses "YYYY-MM-DD" at the start of s. */
static bool date_prefix(const char *s, bc_date *out)
{
	int y, m, d;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || !bc_ymd_valid(y, m, d))
		return false;
	*out = bc_date_from_ymd(y, m, d);
	return true;
}

bool bc_date_parse(const char *s, bc_date *out)
{
	return s && strlen(s) == 10 && date_prefix(s, out);
}

void bc_date_format(bc_date d, char out[BC_DATE_BUF])
{
	int y, m, day;
	bc_date_to_ymd(d, &y, &m, &day);
	snprintf(out, BC_DATE_BUF, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)day % 100u);
}

/* One or two digits, then sep; advances *s past both. */
static bool small_number(const char **s, char sep, int *out)
{
	const char *p = *s;
	int n = 0, digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 2; p++, digits++)
		n = n * 10 + (*p - '0');
	if (!digits || *p != sep)
		return false;
	*out = n;
	*s = p + 1;
	return true;
}

bool bc_date_parse_any(const char *s, bc_date *out)
{
	if (bc_date_parse(s, out))
		return true;
	int d, m, y = 0;
	if (!s || !small_number(&s, '/', &d) || !small_number(&s, '/', &m) ||
	    strlen(s) != 4)
		return false;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1 || !bc_ymd_valid(y, m, d))
		return false;
	*out = bc_date_from_ymd(y, m, d);
	return true;
}

void bc_date_format_dmy(bc_date d, char out[BC_DATE_BUF])
{
	int y, m, day;
	bc_date_to_ymd(d, &y, &m, &day);
	snprintf(out, BC_DATE_BUF, "%02u/%02u/%04u", (unsigned)day % 100u,
		 (unsigned)m % 100u, (unsigned)y % 10000u);
}

bool bc_date_from_serial(const char *text, bool date1904, bc_date *out)
{
	char *end;
	double v = strtod(text, &end);
	if (*end || v < 1 || v > 2958465)
		return false;
	long days = (long)v;
	if (date1904)
		*out = bc_date_from_ymd(1904, 1, 1) + (bc_date)days;
	else if (days == 60)
		return false;
	else
		*out = bc_date_from_ymd(1899, 12, days < 60 ? 31 : 30) +
		       (bc_date)days;
	return true;
}

int bc_date_weekday(bc_date d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)((d % 7 + 7 + 3) % 7);
}

json_t *bc_date_json(bc_date d)
{
	char buf[BC_DATE_BUF];
	if (d == BC_DATE_NONE)
		return json_null();
	bc_date_format(d, buf);
	return json_string(buf);
}

bool bc_offset_parse(const char *s, int *minutes)
{
	int h, m;
	if (!s)
		return false;
	if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0) {
		*minutes = 0;
		return true;
	}
	if (s[0] != '+' && s[0] != '-')
		return false;
	if (!digits(s + 1, 2, &h))
		return false;
	const char *p = s + 3;
	if (*p == ':')
		p++;
	if (!digits(p, 2, &m) || p[2] != '\0' || h > 14 || m > 59)
		return false;
	*minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
	return true;
}

bool bc_time_parse(const char *s, int default_offset, bc_time *out,
		   int *offset_out)
{
	bc_date d;
	if (!s || strlen(s) < 10 || !date_prefix(s, &d))
		return false;
	const char *p = s + 10;
	int hh = 0, mm = 0, ss = 0, off = default_offset;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mm))
			return false;
		p += 5;
		if (*p == ':') {
			if (!digits(p + 1, 2, &ss))
				return false;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				if (*p < '0' || *p > '9')
					return false;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		/* 24:00 is not accepted: one spelling per instant. */
		if (hh > 23 || mm > 59 || ss > 59)
			return false;
		if (*p && !bc_offset_parse(p, &off))
			return false;
	} else if (*p) {
		return false;
	}
	*out = (bc_time)d * 86400 + hh * 3600 + mm * 60 + ss - off * 60;
	if (offset_out)
		*offset_out = off;
	return true;
}

static int64_t floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

void bc_time_format_dmy(bc_time t, int offset, char out[BC_TIME_DMY_BUF])
{
	char day[BC_DATE_BUF];
	int64_t local = t + offset * 60;
	bc_date d = (bc_date)floordiv(local, 86400);
	int64_t sec = local - (int64_t)d * 86400;
	bc_date_format_dmy(d, day);
	snprintf(out, BC_TIME_DMY_BUF, "%.10s %02u:%02u", day,
		 (unsigned)(sec / 3600) % 24u, (unsigned)(sec / 60 % 60) % 60u);
}

bc_date bc_time_date(bc_time t, int offset)
{
	return (bc_date)floordiv(t + offset * 60, 86400);
}

bc_time bc_date_start(bc_date d, int offset)
{
	return (bc_time)d * 86400 - offset * 60;
}

bool bc_time_parse_any(const char *s, int default_offset, bc_time *out,
		       int *offset_out)
{
	if (bc_time_parse(s, default_offset, out, offset_out))
		return true;
	/* The date typed day first, then the rest read as ISO's. */
	char day[16], iso[64];
	size_t n = s ? strcspn(s, " ") : 0;
	bc_date d;
	if (!n || n >= sizeof day || strlen(s + n) >= sizeof iso - 16)
		return false;
	memcpy(day, s, n);
	day[n] = '\0';
	if (!strchr(day, '/') || !bc_date_parse_any(day, &d))
		return false;
	bc_date_format(d, iso);
	snprintf(iso + 10, sizeof iso - 10, "%s", s + n);
	return bc_time_parse(iso, default_offset, out, offset_out);
}

void bc_time_format(bc_time t, int offset, char out[BC_TIME_BUF])
{
	char day[BC_DATE_BUF];
	int64_t local = t + offset * 60;
	bc_date d = (bc_date)floordiv(local, 86400);
	int64_t sec = local - (int64_t)d * 86400;
	int a = offset < 0 ? -offset : offset;
	bc_date_format(d, day);
	snprintf(out, BC_TIME_BUF, "%.10sT%02u:%02u:%02u%c%02u:%02u", day,
		 (unsigned)(sec / 3600) % 24u, (unsigned)(sec / 60 % 60) % 60u,
		 (unsigned)(sec % 60) % 60u, offset < 0 ? '-' : '+',
		 (unsigned)(a / 60) % 24u, (unsigned)(a % 60) % 60u);
}

/* SPDX-License-Identifier: MIT */
/*
 * Civil dates and timestamps with explicit UTC offsets.
 *
 * Everything is integer arithmetic on the proleptic Gregorian calendar:
 * no mktime, no TZ, no local-time traps.  A timestamp is seconds since
 * 1970-01-01T00:00:00Z; the offset it was written with is kept only for
 * display.  Which offset a deadline is judged in is the rules' business.
 */
#ifndef BC_DATE_H
#define BC_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t bc_date; /* days since 1970-01-01 */
typedef int64_t bc_time; /* seconds since 1970-01-01T00:00:00Z */

#define BC_DATE_NONE INT32_MIN
#define BC_DATE_BUF 11 /* "YYYY-MM-DD" and the terminator */
#define BC_TIME_BUF 26 /* "YYYY-MM-DDTHH:MM:SS+HH:MM" and the terminator */

bool bc_is_leap(int year);
/* Days in the month (1-12) of year; 0 for a bad month. */
int bc_days_in_month(int year, int month);
bool bc_ymd_valid(int year, int month, int day);
/* The date of a valid year-month-day (years 1..9999). */
bc_date bc_date_from_ymd(int year, int month, int day);
void bc_date_to_ymd(bc_date d, int *year, int *month, int *day);
/* Strict "YYYY-MM-DD"; false for anything else, including 2023-02-29. */
bool bc_date_parse(const char *s, bc_date *out);
void bc_date_format(bc_date d, char out[BC_DATE_BUF]);
/*
 * A date as a person types it: "dd/mm/yyyy", the way every Vietnamese
 * office writes one (a one-digit day or month is fine: 5/1/2023), or ISO
 * "YYYY-MM-DD".  Day first, always: 03/10/2023 is 3 October.
 */
bool bc_date_parse_any(const char *s, bc_date *out);
/* "dd/mm/yyyy": the date as text output shows it to a person; JSON and
 * files keep bc_date_format's ISO. */
void bc_date_format_dmy(bc_date d, char out[BC_DATE_BUF]);
/* A spreadsheet's date serial ("44985", as Excel stores a day in a
 * cell), in the workbook's 1900 or (date1904) 1904 date system: the
 * day, or false for text that is no serial of a day.  The 1900 system
 * counts a 29 February 1900 that never was; its 60 is no day. */
bool bc_date_from_serial(const char *text, bool date1904, bc_date *out);
/* Day of week, 0 = Monday ... 6 = Sunday. */
int bc_date_weekday(bc_date d);
/* d as JSON, as every JSON view writes a date: "YYYY-MM-DD", or null for
 * BC_DATE_NONE.  A new reference (jansson's json_t). */
struct json_t *bc_date_json(bc_date d);

/* "+07:00", "-05:30", "+0700" or "Z" into minutes east of UTC. */
bool bc_offset_parse(const char *s, int *minutes);
/*
 * An ISO 8601 timestamp: "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM",
 * with ":SS" and a fraction optional, 'T' or one space between date and
 * time, and an offset ("Z", "+07:00") or none, in which case
 * default_offset (minutes east of UTC) applies.  *offset_out, when not
 * NULL, receives the offset used.
 */
bool bc_time_parse(const char *s, int default_offset, bc_time *out,
		   int *offset_out);
/*
 * A timestamp as a person types it: as bc_time_parse reads, or the date
 * dd/mm/yyyy (bc_date_parse_any), alone (midnight) or followed by one
 * space and what bc_time_parse reads after a date: "26/02/2023 09:30",
 * "26/02/2023 09:30:15", "26/02/2023 09:30+07:00".
 */
bool bc_time_parse_any(const char *s, int default_offset, bc_time *out,
		       int *offset_out);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" of t seen at offset minutes east of UTC. */
void bc_time_format(bc_time t, int offset, char out[BC_TIME_BUF]);
#define BC_TIME_DMY_BUF 17 /* "dd/mm/yyyy HH:MM" and the terminator */
/* "dd/mm/yyyy HH:MM" of t seen at offset: a timestamp as text output
 * shows it to a person (to the minute, in the offset's local time); JSON
 * keeps bc_time_format's ISO. */
void bc_time_format_dmy(bc_time t, int offset, char out[BC_TIME_DMY_BUF]);
/* The civil date at t seen at offset. */
bc_date bc_time_date(bc_time t, int offset);
/* The first second of date d at offset. */
bc_time bc_date_start(bc_date d, int offset);

#endif

/* SPDX-License-Identifier: MIT */
#include "workday.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static int cmp_holiday(const void *a, const void *b)
{
	const bc_holiday *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

static int cmp_makeup(const void *a, const void *b)
{
	const bc_makeup *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int year_of(bc_date d)
{
	int y, m, day;
	bc_date_to_ymd(d, &y, &m, &day);
	return y;
}

void bc_workcal_init(bc_workcal *c, bc_holiday *h, size_t nh, bc_makeup *m,
		     size_t nm)
{
	memset(c, 0, sizeof *c);
	if (nh > 1)
		qsort(h, nh, sizeof *h, cmp_holiday);
	if (nm > 1)
		qsort(m, nm, sizeof *m, cmp_makeup);
	c->holidays = h;
	c->n_holidays = nh;
	c->makeups = m;
	c->n_makeups = nm;
	for (size_t i = 0; i < nh; i++)
		for (int y = year_of(h[i].from); y <= year_of(h[i].to); y++)
			if (y >= 0 && y < BC_WORKCAL_YEARS)
				c->years[y / 8] |= (uint8_t)(1u << (y % 8));
}

bool bc_workcal_knows(const bc_workcal *c, int year)
{
	return year >= 0 && year < BC_WORKCAL_YEARS &&
	       (c->years[year / 8] >> (year % 8) & 1u);
}

/* The holiday d falls in, or NULL: the last one starting on or before
 * d, as holidays do not overlap. */
static const bc_holiday *holiday_of(const bc_workcal *c, bc_date d)
{
	size_t lo = 0, hi = c->n_holidays;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->holidays[mid].from <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && c->holidays[lo - 1].to >= d ? &c->holidays[lo - 1]
						 : NULL;
}

static const bc_makeup *makeup_of(const bc_workcal *c, bc_date d)
{
	bc_makeup key = {.day = d};
	return c->n_makeups ? bsearch(&key, c->makeups, c->n_makeups,
				      sizeof key, cmp_makeup)
			    : NULL;
}

bc_daykind bc_workcal_day(const bc_workcal *c, bc_date d, const char **label)
{
	const char *dummy;
	if (!label)
		label = &dummy;
	*label = NULL;
	if (!bc_workcal_knows(c, year_of(d)))
		return BC_DAY_UNKNOWN;
	const bc_holiday *h = holiday_of(c, d);
	if (h) {
		*label = h->label;
		return h->undecided ? BC_DAY_UNDECIDED : BC_DAY_HOLIDAY;
	}
	const bc_makeup *m = makeup_of(c, d);
	if (m) {
		*label = m->label;
		return BC_DAY_MAKEUP;
	}
	return bc_date_weekday(d) >= 5 ? BC_DAY_WEEKEND : BC_DAY_WORKING;
}

bool bc_daykind_works(bc_daykind k)
{
	return k == BC_DAY_WORKING || k == BC_DAY_MAKEUP;
}

bc_daykind bc_workcal_add(const bc_workcal *c, bc_date after, int n,
			  bc_date *out)
{
	bc_date d = after;
	for (int counted = 0; counted < n;) {
		bc_daykind k = bc_workcal_day(c, ++d, NULL);
		if (k == BC_DAY_UNKNOWN || k == BC_DAY_UNDECIDED) {
			*out = d;
			return k;
		}
		counted += bc_daykind_works(k);
	}
	*out = d;
	return BC_DAY_WORKING;
}

bc_err bc_workcal_runs(const bc_workcal *c, bc_date after, bc_date due,
		       bc_dayrun **out, size_t *n)
{
	size_t cap = 0;
	int counted = 0;
	*out = NULL;
	*n = 0;
	for (bc_date d = after + 1; d <= due; d++) {
		const char *label;
		bc_daykind k = bc_workcal_day(c, d, &label);
		bool works = bc_daykind_works(k);
		counted += works;
		bc_dayrun *last = *n ? &(*out)[*n - 1] : NULL;
		if (last && last->kind == k && last->label == label &&
		    last->to == d - 1) {
			last->to = d;
			last->last = works ? counted : 0;
			continue;
		}
		if (bc_grow((void **)out, &cap, *n + 1, sizeof **out) < 0) {
			bc_free(*out);
			*out = NULL;
			*n = 0;
			return BC_ERR_NOMEM;
		}
		(*out)[(*n)++] = (bc_dayrun){d, d, k, label, works ? counted : 0,
					     works ? counted : 0};
	}
	return BC_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * Scoring schemes: the criteria a district follows, assesses and ranks its
 * units on every year, declared in the rules like forms and checked when
 * they load (docs/rules.md, "Scoring schemes").
 *
 *   scheme    { id, title, max, years, period, decimals, groups, classes }
 *   part      { scheme, group, id, title, max }
 *   criterion { scheme, group, part, id, title, max, kind, … }
 *
 * A scheme scores each group of units (the unit kinds scored together:
 * departments apart from communes) on its own parts and criteria; the
 * parts of each group add up to the scheme's max, the criteria of a part
 * to the part's.  A part or criterion that names no scheme is of the
 * scheme declared last before it; one that names no group, of its
 * scheme's only group.
 *
 * Everything here lives in the ruleset's arena and is read only once the
 * ruleset has loaded: every pointer below is borrowed from the ruleset
 * and valid until bc_ruleset_free.  The evaluation is aggregate/score.h.
 */
#ifndef BC_SCHEME_H
#define BC_SCHEME_H

#include "ruleset.h"

#include <stdbool.h>
#include <stddef.h>

/* The kinds of criterion. */
typedef enum bc_crit_kind {
	/* Reporting discipline: points for each period of the year the
	 * unit owed, by its state in that period (bc_pstate). */
	BC_CRIT_DISCIPLINE,
	/* A field or an indicator of the unit's own figures, scored by
	 * bands or proportionally between two bounds. */
	BC_CRIT_FIGURE,
	/* Points the district's assessment council gives. */
	BC_CRIT_ASSESSED,
	/* A field the unit submits (its own points), which an assessed
	 * entry of the council overrides. */
	BC_CRIT_SELF,
	BC_CRIT_N
} bc_crit_kind;

/* A unit's state in one period it had to report for. */
typedef enum bc_pstate {
	BC_PSTATE_ON_TIME,  /* complete, received by the deadline */
	BC_PSTATE_LATE,     /* complete, received after it */
	BC_PSTATE_PARTIAL,  /* some of the parts it owed, not all */
	BC_PSTATE_MISSING,  /* nothing received */
	BC_PSTATE_RETURNED, /* sent back to the unit to be done again */
	/* The states below are not scored: the period is left out of the
	 * unit's periods, and the explanation counts it. */
	BC_PSTATE_NOT_OWED, /* the unit did not exist then, or owed nothing */
	BC_PSTATE_PENDING,  /* not yet due on the day scored (--as-of) */
	BC_PSTATE_N
} bc_pstate;
#define BC_PSTATE_SCORED BC_PSTATE_NOT_OWED /* the states that score */

/* How a figure is scored. */
typedef enum bc_scoring {
	BC_SCORING_BANDS,        /* the first band the value meets */
	BC_SCORING_PROPORTIONAL, /* linear between from and to, clamped */
} bc_scoring;

/* A band: value op bound → points.  A list is all ">=" and ">" with
 * bounds falling, or all "<=" and "<" with bounds rising; points never
 * rise from one band to the next.  BC_GE, BC_GT, BC_LE, BC_LT only. */
typedef struct bc_band {
	bc_relop op;
	double bound, points;
} bc_band;

/* A classification band: a total of at least min (in points of the
 * scheme's max) is of this class.  Classes are declared best first,
 * with min falling. */
typedef struct bc_score_class {
	char *id, *label; /* "tot", "Tốt" */
	double min;
} bc_score_class;

typedef struct bc_score_part bc_score_part;
typedef struct bc_criterion bc_criterion;

/* The unit kinds scored together, on their own parts and criteria. */
typedef struct bc_score_group {
	char *id, *label;
	char **kinds; /* unit kinds of the ruleset; none is in two groups */
	size_t n_kinds;
	/* Its parts in the order declared, and its criteria part by part
	 * (in the order declared within a part): the order of a unit's
	 * scores (aggregate/score.h). */
	const bc_score_part **parts;
	size_t n_parts;
	const bc_criterion **criteria;
	size_t n_criteria;
} bc_score_group;

typedef struct bc_scheme {
	char *id, *title;
	double max;       /* what the parts of each group add up to */
	int year_from;    /* the years it scores; 0: from the ruleset's first */
	int year_to;      /* 0: open */
	/* The period type whose figures a figure criterion reads when it
	 * names none: the year's report ("Y").  Regular, never derived. */
	const bc_period_type *period;
	int decimals;     /* points are rounded to this many (0–3; 2) */
	bc_score_group *groups;
	size_t n_groups;
	bc_score_class *classes; /* best first */
	size_t n_classes;
	bc_origin at;
	char *period_code; /* period as the rules wrote it, or NULL */
} bc_scheme;

struct bc_score_part {
	char *id, *title;
	double max; /* its criteria add up to it */
	const bc_scheme *scheme;
	const bc_score_group *group;
	size_t index; /* in group->parts */
	bc_origin at;
	/* scheme (the one declared before it when left out) and group as
	 * the rules wrote them, or NULL */
	char *scheme_id, *group_id;
};

struct bc_criterion {
	char *id, *title; /* "1.3", "Thực hiện chế độ báo cáo CCHC" */
	double max;
	bc_crit_kind kind;
	const bc_scheme *scheme;
	const bc_score_group *group;
	const bc_score_part *part;
	size_t index; /* in group->criteria */
	/* discipline: the points of a period in each scored state (each at
	 * most max; the criterion's points are their mean over the periods
	 * the unit owed), and the period types it counts, regular ones,
	 * every one that is reported when the rules name none. */
	double state_points[BC_PSTATE_SCORED];
	const bc_period_type **periods;
	size_t n_periods;
	/* figure, self: the form and its field, or (figure only) one of the
	 * form's indicators (field NULL), read from the report of period
	 * (the scheme's when the criterion names none). */
	const bc_form *form;
	const bc_field *field;
	const bc_indicator *indicator;
	const bc_period_type *period;
	/* figure: how it is scored */
	bc_scoring scoring;
	bc_band *bands; /* in the order they are tried */
	size_t n_bands;
	double from, to; /* proportional: 0 points at from, max at to (from
			  * may be above to: lower is better) */
	bc_origin at;
	/* The names as the rules wrote them (NULL when left out), which
	 * the pointers above resolve once the rules have loaded. */
	char *scheme_id, *group_id, *part_id;
	char *form_id, *field_id, *indicator_id, *period_code;
	char **period_codes;
	size_t n_period_codes;
	/* figure of an indicator: what it scores when the indicator's
	 * denominator is 0, nothing to measure (if_none = …: no late
	 * dossier to apologise for is full marks); 0 when not said */
	bool has_if_none;
	double if_none;
};

/* The scheme of rs that scores year, or NULL.  No two schemes of a
 * ruleset score the same year (refused at load). */
const bc_scheme *bc_scheme_for_year(const bc_ruleset *rs, int year);
/* The scheme of rs with this id, or NULL. */
const bc_scheme *bc_scheme_find(const bc_ruleset *rs, const char *id);
/* The group of s that scores units of kind, or NULL (units of that kind
 * are not scored). */
const bc_score_group *bc_scheme_group(const bc_scheme *s, const char *kind);
/* The criterion of g with this id, or NULL. */
const bc_criterion *bc_scheme_criterion(const bc_score_group *g,
					const char *id);
/* The class of s a total falls in, or NULL when below every class. */
const bc_score_class *bc_scheme_class(const bc_scheme *s, double total);

/* "discipline", "figure", "assessed", "self": the rules' words. */
const char *bc_crit_kind_name(bc_crit_kind k);
/* "on_time", "late", "partial", "missing", "returned", "not_owed",
 * "pending": the ids JSON and the rules use. */
const char *bc_pstate_name(bc_pstate s);

#endif

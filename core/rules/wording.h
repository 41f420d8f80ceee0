/* SPDX-License-Identifier: MIT */
/*
 * The words of a ruleset's documents: what its templates, its workbook
 * and its reports say around the figures (titles, signers, instructions,
 * headings), registered with wording{…} in the rules
 * (rules/<id>/wording.lua; docs/rules.md, "Wording").  A key the rules do
 * not word is said in baocao's own words: English, translated through
 * gettext like every message.  The wording every Vietnamese document
 * shares whatever the directive (the national title, Có/Không, dates) is
 * base/vndoc.h's, not the rules'.
 *
 * A text may hold placeholders, {name}, filled where it is used; which
 * names a key takes are those of its default, and the loader refuses
 * any other at the rule's file:line.
 */
#ifndef BC_WORDING_H
#define BC_WORDING_H

#include <stdbool.h>
#include <stddef.h>

struct bc_ruleset;
struct json_t;

typedef enum bc_wkey {
	BC_W_SHEET_PERIOD,
	BC_W_SHEET_WINDOW,
	BC_W_SHEET_DRAWN_BY,
	BC_W_SHEET_DRAWN_BY_NOTE,
	BC_W_SHEET_HEAD,
	BC_W_SHEET_HEAD_NOTE,
	BC_W_TEMPLATE_TITLE,
	BC_W_TEMPLATE_SUBTITLE,
	BC_W_TEMPLATE_DIRECTIVE_REFERENCE,
	BC_W_TEMPLATE_DIRECTIVE_ISSUED,
	BC_W_TEMPLATE_DIRECTIVE_ISSUER,
	BC_W_TEMPLATE_COVER_SHEET,
	BC_W_TEMPLATE_REPORT_SHEET,
	BC_W_TEMPLATE_UNIT_KEY,
	BC_W_TEMPLATE_CODED,
	BC_W_TEMPLATE_PERIOD_KEY,
	BC_W_TEMPLATE_WINDOW_KEY,
	BC_W_TEMPLATE_WINDOW,
	BC_W_TEMPLATE_DUE_KEY,
	BC_W_TEMPLATE_DUE,
	BC_W_TEMPLATE_DUE_ADVANCED,
	BC_W_TEMPLATE_RECIPIENT_KEY,
	BC_W_TEMPLATE_SEND_KEY,
	BC_W_TEMPLATE_SEND,
	BC_W_TEMPLATE_SEND_VIA,
	BC_W_TEMPLATE_PARTS_HEAD,
	BC_W_TEMPLATE_PARTS_SHEET,
	BC_W_TEMPLATE_PARTS_CONTENT,
	BC_W_TEMPLATE_PART_FORM,
	BC_W_TEMPLATE_PART_REPORT,
	BC_W_TEMPLATE_PART_REPORT_REQUIRED,
	BC_W_TEMPLATE_SIGNER_HEAD,
	BC_W_TEMPLATE_SIGNER_NAME_KEY,
	BC_W_TEMPLATE_SIGNER_TITLE_KEY,
	BC_W_TEMPLATE_SIGNED_DATE_KEY,
	BC_W_TEMPLATE_ESTIMATED_KEY,
	BC_W_TEMPLATE_SIGNER_NAME,
	BC_W_TEMPLATE_SIGNER_TITLE,
	BC_W_TEMPLATE_SIGNED_DATE,
	BC_W_TEMPLATE_ESTIMATED,
	BC_W_TEMPLATE_HOWTO_HEAD,
	BC_W_TEMPLATE_HOWTO,
	BC_W_TEMPLATE_HINT_INT,
	BC_W_TEMPLATE_HINT_MONEY,
	BC_W_TEMPLATE_HINT_PCT,
	BC_W_TEMPLATE_HINT_DATE,
	BC_W_TEMPLATE_HINT_BOOL,
	BC_W_TEMPLATE_HINT_ENUM,
	BC_W_TEMPLATE_HINT_UNIT,
	BC_W_TEMPLATE_HINT_EXAMPLE,
	BC_W_TEMPLATE_HINT_REQUIRED,
	BC_W_TEMPLATE_INVALID,
	BC_W_TEMPLATE_FORM_CODE,
	BC_W_TEMPLATE_CONTENT,
	BC_W_TEMPLATE_VALUE,
	BC_W_TEMPLATE_CHECK,
	BC_W_TEMPLATE_WARNING,
	BC_W_TEMPLATE_CROSS_CHECKS,
	BC_W_TEMPLATE_REQUIRED_NOTE,
	BC_W_TEMPLATE_REPORT_TITLE,
	BC_W_TEMPLATE_REPORT_HOWTO,
	BC_W_TEMPLATE_SECTION,
	BC_W_TEMPLATE_HEADING,
	BC_W_TEMPLATE_TEXT,
	BC_W_TEMPLATE_GUIDANCE,
	BC_W_EXPORT_UNIT,
	BC_W_EXPORT_NOT_REPORTED,
	BC_W_EXPORT_INDICATORS,
	BC_W_EXPORT_ESTIMATED_NOTE,
	BC_W_EXPORT_NONE,
	BC_W_EXPORT_CHANGE,
	BC_W_EXPORT_THIS_PERIOD,
	BC_W_EXPORT_LAST_YEAR,
	BC_W_EXPORT_INDICATORS_SHEET,
	BC_W_EXPORT_INDICATORS_TITLE,
	BC_W_EXPORT_INDICATORS_NOTE,
	BC_W_EXPORT_ON_TIME,
	BC_W_EXPORT_LATE,
	BC_W_EXPORT_PARTIAL,
	BC_W_EXPORT_MISSING,
	BC_W_EXPORT_COUNT_EXPECTED,
	BC_W_EXPORT_COUNT_COMPLETE,
	BC_W_EXPORT_COUNT_ON_TIME,
	BC_W_EXPORT_COUNT_LATE,
	BC_W_EXPORT_COUNT_PARTIAL,
	BC_W_EXPORT_COUNT_MISSING,
	BC_W_EXPORT_COUNT_REPORTING_RATE,
	BC_W_EXPORT_COUNT_ON_TIME_RATE,
	BC_W_EXPORT_STATUS_CONTENT,
	BC_W_EXPORT_STATUS_COUNT,
	BC_W_EXPORT_REPORT_PART,
	BC_W_EXPORT_STATUS_SHEET,
	BC_W_EXPORT_STATUS_TITLE,
	BC_W_EXPORT_STATUS_DUE,
	BC_W_EXPORT_STATUS_OWN_DUE,
	BC_W_EXPORT_STATUS_UNIT_DUE,
	BC_W_EXPORT_STATUS_OWED,
	BC_W_EXPORT_STATUS_SENT,
	BC_W_EXPORT_STATUS_AT,
	BC_W_EXPORT_STATUS_STATE,
	BC_W_EXPORT_STATUS_MISSING,
	BC_W_EXPORT_CHART_SHEET,
	BC_W_EXPORT_CHART_TITLE,
	BC_W_EXPORT_RATES_SHEET,
	BC_W_EXPORT_RATES_TITLE,
	BC_W_EXPORT_RATES_NOTE,
	BC_W_HTML_DOC_TITLE,
	BC_W_HTML_TITLE,
	BC_W_HTML_WINDOW,
	BC_W_HTML_DUE,
	BC_W_HTML_ON_TIME,
	BC_W_HTML_LATE,
	BC_W_HTML_PARTIAL,
	BC_W_HTML_MISSING,
	BC_W_HTML_REPORT_PART,
	BC_W_HTML_SENT_AT,
	BC_W_HTML_STATUS_HEAD,
	BC_W_HTML_AS_OF,
	BC_W_HTML_CARD_EXPECTED,
	BC_W_HTML_CARD_ON_TIME,
	BC_W_HTML_CARD_LATE,
	BC_W_HTML_CARD_PARTIAL,
	BC_W_HTML_CARD_MISSING,
	BC_W_HTML_CARD_REPORTING_RATE,
	BC_W_HTML_CARD_ON_TIME_RATE,
	BC_W_HTML_STATES,
	BC_W_HTML_LATE_HEAD,
	BC_W_HTML_UNIT,
	BC_W_HTML_STATE,
	BC_W_HTML_NOTE,
	BC_W_HTML_LACKING,
	BC_W_HTML_ALL_ON_TIME,
	BC_W_HTML_KEY_HEAD,
	BC_W_HTML_FORM,
	BC_W_HTML_INDICATOR,
	BC_W_HTML_THIS_PERIOD_PCT,
	BC_W_HTML_LAST_YEAR_PCT,
	BC_W_HTML_CHANGE_PP,
	BC_W_HTML_THIS_PERIOD,
	BC_W_HTML_LAST_YEAR,
	BC_W_HTML_NO_FIGURES,
	BC_W_HTML_BY_LEVEL,
	BC_W_HTML_BY_UNIT,
	BC_W_HTML_AT_OR_ABOVE,
	BC_W_HTML_BELOW,
	BC_W_HTML_REFERENCE,
	BC_W_HTML_NO_DATA,
	BC_W_HTML_INDICATOR_NOTE,
	BC_W_HTML_FIELD,
	BC_W_HTML_CHANGE_PCT,
	BC_W_HTML_UOM_UNITS,
	BC_W_HTML_UOM_ROWS,
	BC_W_HTML_FORM_HEADING,
	BC_W_HTML_OWNER,
	BC_W_HTML_UNITS_REPORTED,
	BC_W_HTML_FORM_EMPTY,
	BC_W_HTML_FORM_MISSING,
	BC_W_HTML_FORMS_HEAD,
	BC_W_HTML_ESTIMATED,
	BC_W_HTML_FOOTER,
	BC_W_SUMMARY_UP,
	BC_W_SUMMARY_DOWN,
	BC_W_SUMMARY_UP_PLAIN,
	BC_W_SUMMARY_DOWN_PLAIN,
	BC_W_SUMMARY_SAME,
	BC_W_SUMMARY_NO_PREVIOUS,
	BC_W_SUMMARY_POINTS,
	BC_W_REPORT_OPENING,
	BC_W_REPORT_NO_TEXT,
	BC_W_REPORT_NO_REPORTS,
	BC_W_REPORT_OWN_NO_TEXT,
	BC_W_REPORT_OWN_NO_REPORT,
	BC_W_REPORT_ANNEX,
	BC_W_REPORT_FIGURES,
	BC_W_REPORT_TABLE_TITLE,
	BC_W_REPORT_NO_ROWS,
	BC_W_REMIND_SUBJECT,
	BC_W_REMIND_AHEAD,
	BC_W_REMIND_TODAY,
	BC_W_REMIND_OVERDUE,
	BC_W_REMIND_LATE,
	BC_W_REMIND_RETURNED,
	BC_W_REMIND_LETTER_INTRO,
	BC_W_REMIND_LETTER_UNIT,
	BC_W_REMIND_LETTER_CLOSING,
	BC_W_N
} bc_wkey;

/* What the rules worded: each key's text (lines of a list joined by
 * '\n'), NULL for a key left to the default. */
typedef struct bc_wording {
	char *text[BC_W_N];
} bc_wording;

/* "template.title": the key as the rules write it (group.name). */
const char *bc_wkey_name(bc_wkey k);
/* The key of that name, or BC_W_N. */
bc_wkey bc_wkey_find(const char *name);
/* k's text for rs: the rules' own, else the default in the reader's
 * language.  Static or the ruleset's: valid while rs is. */
const char *bc_word(const struct bc_ruleset *rs, bc_wkey k);

/* A placeholder's value. */
typedef struct bc_slot {
	const char *name, *value;
} bc_slot;
#define BC_SLOTS(...)                                                          \
	(const bc_slot[]){__VA_ARGS__},                                        \
		sizeof((const bc_slot[]){__VA_ARGS__}) / sizeof(bc_slot)

/* text with each {name} among slot[0..n_slot) replaced by its value (a
 * NULL value by nothing), into out[n] (cut at a character's boundary
 * when it does not fit); other braces stay as written. */
void bc_wording_fill(const char *text, const bc_slot *slot, size_t n_slot,
		     char *out, size_t n);
/* Whether text holds a placeholder found in neither a nor b (NULL for
 * none), texts that hold those it may: the first such into bad[n]. */
bool bc_wording_stray_slot(const char *text, const char *a, const char *b,
			   char *bad, size_t n);
/* bc_word(rs, k), filled. */
void bc_word_fill(const struct bc_ruleset *rs, bc_wkey k, char *out,
		  size_t n, const bc_slot *slot, size_t n_slot);

/* The wording as JSON, groups of keys ({"template": {"title": …}}): the
 * rules' own (resolved false: what `rules show --json` shows, the same in
 * every language), or every key's text as bc_word gives it (what
 * exporters read).  New reference; NULL when out of memory. */
struct json_t *bc_wording_json(const struct bc_ruleset *rs, int resolved);

#endif

/* SPDX-License-Identifier: MIT */
#include "wording.h"
#include "i18n.h"
#include "jsonset.h"
#include "ruleset.h"
#include "ruleset_lua.h"

#include <jansson.h>
#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

/* Every key with its default: baocao's own words, English, translated
 * where they are used.  The placeholders of a default, and those of
 * more, are those a rule's text may use. */
static const struct {
	const char *key, *dflt, *more;
} KEYS[BC_W_N] = {
	[BC_W_SHEET_PERIOD] = {"sheet.period",
		N_("Reporting period: {period}")},
	[BC_W_SHEET_WINDOW] = {"sheet.window",
		N_("(From {from} to {to})")},
	[BC_W_SHEET_DRAWN_BY] = {"sheet.drawn_by",
		N_("PREPARED BY")},
	[BC_W_SHEET_DRAWN_BY_NOTE] = {"sheet.drawn_by_note",
		N_("(Signature and full name)")},
	[BC_W_SHEET_HEAD] = {"sheet.head",
		N_("HEAD OF THE OFFICE")},
	[BC_W_SHEET_HEAD_NOTE] = {"sheet.head_note",
		N_("(Signature and seal)")},
	[BC_W_TEMPLATE_TITLE] = {"template.title",
		N_("Report forms")},
	[BC_W_TEMPLATE_SUBTITLE] = {"template.subtitle",
		N_("(Under {directive})")},
	[BC_W_TEMPLATE_DIRECTIVE_REFERENCE] = {"template.directive_reference",
		N_("{title} - {reference}")},
	[BC_W_TEMPLATE_DIRECTIVE_ISSUED] = {"template.directive_issued",
		N_("{directive} of {date}")},
	[BC_W_TEMPLATE_DIRECTIVE_ISSUER] = {"template.directive_issuer",
		N_("{directive} by {issuer}")},
	[BC_W_TEMPLATE_COVER_SHEET] = {"template.cover_sheet",
		N_("Cover")},
	[BC_W_TEMPLATE_REPORT_SHEET] = {"template.report_sheet",
		N_("Report")},
	[BC_W_TEMPLATE_UNIT_KEY] = {"template.unit_key",
		N_("Reporting unit:")},
	[BC_W_TEMPLATE_CODED] = {"template.coded",
		N_("{name} (code {code})")},
	[BC_W_TEMPLATE_PERIOD_KEY] = {"template.period_key",
		N_("Reporting period:")},
	[BC_W_TEMPLATE_WINDOW_KEY] = {"template.window_key",
		N_("Data period:")},
	[BC_W_TEMPLATE_WINDOW] = {"template.window",
		N_("From {from} to {to}")},
	[BC_W_TEMPLATE_DUE_KEY] = {"template.due_key",
		N_("Report due:")},
	[BC_W_TEMPLATE_DUE] = {"template.due",
		N_("{date}")},
	[BC_W_TEMPLATE_DUE_ADVANCED] = {"template.due_advanced",
		N_("{date} (under {doc})")},
	[BC_W_TEMPLATE_RECIPIENT_KEY] = {"template.recipient_key",
		N_("Send to:")},
	[BC_W_TEMPLATE_SEND_KEY] = {"template.send_key",
		N_("How to send:")},
	[BC_W_TEMPLATE_SEND] = {"template.send",
		N_("Send back this very Excel file.")},
	[BC_W_TEMPLATE_SEND_VIA] = {"template.send_via",
		N_("Send back this very Excel file through: {channels}.")},
	[BC_W_TEMPLATE_PARTS_HEAD] = {"template.parts_head",
		N_("I. PARTS TO REPORT")},
	[BC_W_TEMPLATE_PARTS_SHEET] = {"template.parts_sheet",
		N_("Sheet")},
	[BC_W_TEMPLATE_PARTS_CONTENT] = {"template.parts_content",
		N_("Content")},
	[BC_W_TEMPLATE_PART_FORM] = {"template.part_form",
		N_("{title} (form {id})"), "{name}"},
	[BC_W_TEMPLATE_PART_REPORT] = {"template.part_report",
		N_("Report along the outline")},
	[BC_W_TEMPLATE_PART_REPORT_REQUIRED] = {"template.part_report_required",
		N_("Report along the outline; required sections: {sections}")},
	[BC_W_TEMPLATE_SIGNER_HEAD] = {"template.signer_head",
		N_("II. WHO SIGNS THE REPORT (HEAD OF THE UNIT)")},
	[BC_W_TEMPLATE_SIGNER_NAME_KEY] = {"template.signer_name_key",
		N_("Full name:")},
	[BC_W_TEMPLATE_SIGNER_TITLE_KEY] = {"template.signer_title_key",
		N_("Position:")},
	[BC_W_TEMPLATE_SIGNED_DATE_KEY] = {"template.signed_date_key",
		N_("Signed on:")},
	[BC_W_TEMPLATE_ESTIMATED_KEY] = {"template.estimated_key",
		N_("Estimated figures:")},
	[BC_W_TEMPLATE_SIGNER_NAME] = {"template.signer_name",
		N_("Full name of who signs the report")},
	[BC_W_TEMPLATE_SIGNER_TITLE] = {"template.signer_title",
		N_("Position of who signs the report")},
	[BC_W_TEMPLATE_SIGNED_DATE] = {"template.signed_date",
		N_("Day the report is signed")},
	[BC_W_TEMPLATE_ESTIMATED] = {"template.estimated",
		N_("Choose {yes} if the figures of the last days of the period are estimates")},
	[BC_W_TEMPLATE_HOWTO_HEAD] = {"template.howto_head",
		N_("III. HOW TO FILL IT IN")},
	[BC_W_TEMPLATE_HOWTO] = {"template.howto",
		N_("1. Type only into the yellow cells; the others are locked. Do not add, delete or rename sheets, nor insert or delete rows or columns: the program reads each figure from its very cell.\n2. An empty figure is not reported, unlike the number 0: a figure of 0 is typed 0. Numbers are typed in digits, without words.\n3. Dates are typed day/month/year (dd/mm/yyyy). A cell with a list takes one of its values.\n4. Tables: one line per item; an empty line does not count; with no item, leave the whole table empty. A column marked (*) is filled on every line that has content.\n5. The \"Check\" column of each form lists the conditions the figures must meet, where [n] is the figure on the line numbered n of the form; a report that does not meet them is sent back.\n6. The report along the outline: write into the cell of each section; a section marked (*) must have content, in itself or in a section below it.")},
	[BC_W_TEMPLATE_HINT_INT] = {"template.hint_int",
		N_("A whole number, not negative.")},
	[BC_W_TEMPLATE_HINT_MONEY] = {"template.hint_money",
		N_("A number, not negative, at most 2 decimals.")},
	[BC_W_TEMPLATE_HINT_PCT] = {"template.hint_pct",
		N_("A number from 0 to 100.")},
	[BC_W_TEMPLATE_HINT_DATE] = {"template.hint_date",
		N_("A date, day/month/year (dd/mm/yyyy).")},
	[BC_W_TEMPLATE_HINT_BOOL] = {"template.hint_bool",
		N_("Choose {yes} or {no}.")},
	[BC_W_TEMPLATE_HINT_ENUM] = {"template.hint_enum",
		N_("Choose a value from the list.")},
	[BC_W_TEMPLATE_HINT_UNIT] = {"template.hint_unit",
		N_("Unit: {unit}.")},
	[BC_W_TEMPLATE_HINT_EXAMPLE] = {"template.hint_example",
		N_("For example: {example}.")},
	[BC_W_TEMPLATE_HINT_REQUIRED] = {"template.hint_required",
		N_("Required.")},
	[BC_W_TEMPLATE_INVALID] = {"template.invalid",
		N_("Invalid value")},
	[BC_W_TEMPLATE_FORM_CODE] = {"template.form_code",
		N_("Form: {id}"), "{name}"},
	[BC_W_TEMPLATE_CONTENT] = {"template.content",
		N_("Item")},
	[BC_W_TEMPLATE_VALUE] = {"template.value",
		N_("Figure")},
	[BC_W_TEMPLATE_CHECK] = {"template.check",
		N_("Check")},
	[BC_W_TEMPLATE_WARNING] = {"template.warning",
		N_("{check} (warning)")},
	[BC_W_TEMPLATE_CROSS_CHECKS] = {"template.cross_checks",
		N_("Conditions between lines:")},
	[BC_W_TEMPLATE_REQUIRED_NOTE] = {"template.required_note",
		N_("(*) Fill in on every line that has content.")},
	[BC_W_TEMPLATE_REPORT_TITLE] = {"template.report_title",
		N_("Report contents")},
	[BC_W_TEMPLATE_REPORT_HOWTO] = {"template.report_howto",
		N_("Write into column (3), one cell per section; leave a section with nothing to say empty. A section marked (*) must have content, in itself or in a section below it.")},
	[BC_W_TEMPLATE_SECTION] = {"template.section",
		N_("Section")},
	[BC_W_TEMPLATE_HEADING] = {"template.heading",
		N_("Heading")},
	[BC_W_TEMPLATE_TEXT] = {"template.text",
		N_("Report contents")},
	[BC_W_TEMPLATE_GUIDANCE] = {"template.guidance",
		N_("Guidance")},
	[BC_W_EXPORT_UNIT] = {"export.unit",
		N_("Unit")},
	[BC_W_EXPORT_NOT_REPORTED] = {"export.not_reported",
		N_("Not reported")},
	[BC_W_EXPORT_INDICATORS] = {"export.indicators",
		N_("Indicators (%)")},
	[BC_W_EXPORT_ESTIMATED_NOTE] = {"export.estimated_note",
		N_("(*) Units with estimated figures.")},
	[BC_W_EXPORT_NONE] = {"export.none",
		N_("None")},
	[BC_W_EXPORT_CHANGE] = {"export.change",
		N_("Up (+), down (-) against the same period last year (points of %)")},
	[BC_W_EXPORT_THIS_PERIOD] = {"export.this_period",
		N_("Reporting period")},
	[BC_W_EXPORT_LAST_YEAR] = {"export.last_year",
		N_("Same period last year")},
	[BC_W_EXPORT_INDICATORS_SHEET] = {"export.indicators_sheet",
		N_("Indicators")},
	[BC_W_EXPORT_INDICATORS_TITLE] = {"export.indicators_title",
		N_("The indicators together")},
	[BC_W_EXPORT_INDICATORS_NOTE] = {"export.indicators_note",
		N_("A level's indicator counts the units that reported every figure it needs.")},
	[BC_W_EXPORT_ON_TIME] = {"export.on_time",
		N_("On time")},
	[BC_W_EXPORT_LATE] = {"export.late",
		N_("Late")},
	[BC_W_EXPORT_PARTIAL] = {"export.partial",
		N_("Incomplete")},
	[BC_W_EXPORT_MISSING] = {"export.missing",
		N_("Not sent")},
	[BC_W_EXPORT_COUNT_EXPECTED] = {"export.count_expected",
		N_("Units that owe a report")},
	[BC_W_EXPORT_COUNT_COMPLETE] = {"export.count_complete",
		N_("Units that sent everything")},
	[BC_W_EXPORT_COUNT_ON_TIME] = {"export.count_on_time",
		N_("- of which on time")},
	[BC_W_EXPORT_COUNT_LATE] = {"export.count_late",
		N_("- of which late")},
	[BC_W_EXPORT_COUNT_PARTIAL] = {"export.count_partial",
		N_("Units that sent part")},
	[BC_W_EXPORT_COUNT_MISSING] = {"export.count_missing",
		N_("Units that sent nothing")},
	[BC_W_EXPORT_COUNT_REPORTING_RATE] = {"export.count_reporting_rate",
		N_("Share of units that sent everything (%)")},
	[BC_W_EXPORT_COUNT_ON_TIME_RATE] = {"export.count_on_time_rate",
		N_("Share of units on time (%)")},
	[BC_W_EXPORT_STATUS_CONTENT] = {"export.status_content",
		N_("Item")},
	[BC_W_EXPORT_STATUS_COUNT] = {"export.status_count",
		N_("Number")},
	[BC_W_EXPORT_REPORT_PART] = {"export.report_part",
		N_("report")},
	[BC_W_EXPORT_STATUS_SHEET] = {"export.status_sheet",
		N_("Reporting")},
	[BC_W_EXPORT_STATUS_TITLE] = {"export.status_title",
		N_("How the units reported")},
	[BC_W_EXPORT_STATUS_DUE] = {"export.status_due",
		N_("Reports due: {due}. Figures up to {as_of}.")},
	[BC_W_EXPORT_STATUS_OWN_DUE] = {"export.status_own_due",
		N_("Each unit's report is due on the day in its row. Figures "
		   "up to {as_of}.")},
	[BC_W_EXPORT_STATUS_UNIT_DUE] = {"export.status_unit_due",
		N_("Due")},
	[BC_W_EXPORT_STATUS_OWED] = {"export.status_owed",
		N_("Parts owed")},
	[BC_W_EXPORT_STATUS_SENT] = {"export.status_sent",
		N_("Parts sent")},
	[BC_W_EXPORT_STATUS_AT] = {"export.status_at",
		N_("Sent at")},
	[BC_W_EXPORT_STATUS_STATE] = {"export.status_state",
		N_("State")},
	[BC_W_EXPORT_STATUS_MISSING] = {"export.status_missing",
		N_("Parts missing")},
	[BC_W_EXPORT_CHART_SHEET] = {"export.chart_sheet",
		N_("Charts")},
	[BC_W_EXPORT_CHART_TITLE] = {"export.chart_title",
		N_("The indicators unit by unit, as charts")},
	[BC_W_EXPORT_RATES_SHEET] = {"export.rates_sheet",
		N_("Indicators by unit")},
	[BC_W_EXPORT_RATES_TITLE] = {"export.rates_title",
		N_("Main indicators - {level}")},
	[BC_W_EXPORT_RATES_NOTE] = {"export.rates_note",
		N_("A unit's share is empty when the unit has not reported every figure it needs.")},
	[BC_W_HTML_DOC_TITLE] = {"html.doc_title",
		N_("Administrative reform report")},
	[BC_W_HTML_TITLE] = {"html.title",
		N_("Report on the results of administrative reform")},
	[BC_W_HTML_WINDOW] = {"html.window",
		N_("Figures from {from} to {to}")},
	[BC_W_HTML_DUE] = {"html.due",
		N_("Units' reports due: {date}")},
	[BC_W_HTML_ON_TIME] = {"html.on_time",
		N_("On time")},
	[BC_W_HTML_LATE] = {"html.late",
		N_("Late")},
	[BC_W_HTML_PARTIAL] = {"html.partial",
		N_("Sent part")},
	[BC_W_HTML_MISSING] = {"html.missing",
		N_("Not sent")},
	[BC_W_HTML_REPORT_PART] = {"html.report_part",
		N_("the written report")},
	[BC_W_HTML_SENT_AT] = {"html.sent_at",
		N_("Sent at {time}")},
	[BC_W_HTML_STATUS_HEAD] = {"html.status_head",
		N_("I. How the units reported")},
	[BC_W_HTML_AS_OF] = {"html.as_of",
		N_("Up to {date}.")},
	[BC_W_HTML_CARD_EXPECTED] = {"html.card_expected",
		N_("Units owing a report")},
	[BC_W_HTML_CARD_ON_TIME] = {"html.card_on_time",
		N_("Sent everything, on time")},
	[BC_W_HTML_CARD_LATE] = {"html.card_late",
		N_("Sent everything, late")},
	[BC_W_HTML_CARD_PARTIAL] = {"html.card_partial",
		N_("Sent part")},
	[BC_W_HTML_CARD_MISSING] = {"html.card_missing",
		N_("Not sent")},
	[BC_W_HTML_CARD_REPORTING_RATE] = {"html.card_reporting_rate",
		N_("Share that sent everything")},
	[BC_W_HTML_CARD_ON_TIME_RATE] = {"html.card_on_time_rate",
		N_("Share on time")},
	[BC_W_HTML_STATES] = {"html.states",
		N_("Units by state")},
	[BC_W_HTML_LATE_HEAD] = {"html.late_head",
		N_("Units that sent part, or late")},
	[BC_W_HTML_UNIT] = {"html.unit",
		N_("Unit")},
	[BC_W_HTML_STATE] = {"html.state",
		N_("State")},
	[BC_W_HTML_NOTE] = {"html.note",
		N_("Note")},
	[BC_W_HTML_LACKING] = {"html.lacking",
		N_("Lacks {parts}")},
	[BC_W_HTML_ALL_ON_TIME] = {"html.all_on_time",
		N_("Every unit sent everything on time.")},
	[BC_W_HTML_KEY_HEAD] = {"html.key_head",
		N_("II. The main indicators")},
	[BC_W_HTML_FORM] = {"html.form",
		N_("Form")},
	[BC_W_HTML_INDICATOR] = {"html.indicator",
		N_("Indicator")},
	[BC_W_HTML_THIS_PERIOD_PCT] = {"html.this_period_pct",
		N_("This period (%)")},
	[BC_W_HTML_LAST_YEAR_PCT] = {"html.last_year_pct",
		N_("Same period last year (%)")},
	[BC_W_HTML_CHANGE_PP] = {"html.change_pp",
		N_("Change (points of %)")},
	[BC_W_HTML_THIS_PERIOD] = {"html.this_period",
		N_("This period")},
	[BC_W_HTML_LAST_YEAR] = {"html.last_year",
		N_("Same period last year")},
	[BC_W_HTML_NO_FIGURES] = {"html.no_figures",
		N_("no figures")},
	[BC_W_HTML_BY_LEVEL] = {"html.by_level",
		N_("(%, by level)")},
	[BC_W_HTML_BY_UNIT] = {"html.by_unit",
		N_("(%; {level}, unit by unit)")},
	[BC_W_HTML_AT_OR_ABOVE] = {"html.at_or_above",
		N_("At or above the level's")},
	[BC_W_HTML_BELOW] = {"html.below",
		N_("Below the level's")},
	[BC_W_HTML_REFERENCE] = {"html.reference",
		N_("{level} as a whole: {value}%")},
	[BC_W_HTML_NO_DATA] = {"html.no_data",
		N_("No figures: {units}")},
	[BC_W_HTML_INDICATOR_NOTE] = {"html.indicator_note",
		N_("Indicators (%); changes in points of per cent")},
	[BC_W_HTML_FIELD] = {"html.field",
		N_("Measure")},
	[BC_W_HTML_CHANGE_PCT] = {"html.change_pct",
		N_("Change against the same period (%)")},
	[BC_W_HTML_UOM_UNITS] = {"html.uom_units",
		N_("units")},
	[BC_W_HTML_UOM_ROWS] = {"html.uom_rows",
		N_("rows")},
	[BC_W_HTML_FORM_HEADING] = {"html.form_heading",
		N_("Form {code}. {title}"), "{name}"},
	[BC_W_HTML_OWNER] = {"html.owner",
		N_("Compiled by: {owner}.")},
	[BC_W_HTML_UNITS_REPORTED] = {"html.units_reported",
		N_("Units that reported: {counts}.")},
	[BC_W_HTML_FORM_EMPTY] = {"html.form_empty",
		N_("No figures of this form, this period nor the same period last year.")},
	[BC_W_HTML_FORM_MISSING] = {"html.form_missing",
		N_("Units that did not send this form: {units}.")},
	[BC_W_HTML_FORMS_HEAD] = {"html.forms_head",
		N_("III. Form by form")},
	[BC_W_HTML_ESTIMATED] = {"html.estimated",
		N_("Units that reported estimates: {units}.")},
	[BC_W_HTML_FOOTER] = {"html.footer",
		N_("Compiled from the units' reports under the ruleset {ruleset}, made at {time}. Last year's figures are of the same period; “–” is no figure.")},
	/* A figure's change in a section's summary (rules/summary.h):
	 * {amount} the difference with its unit, {pct} the change in
	 * percent; _plain when there is no percent (an indicator, whose
	 * amount is in points, or last year's figure 0). */
	[BC_W_SUMMARY_UP] = {"summary.up",
		N_("up {amount} ({pct}) on the same period last year")},
	[BC_W_SUMMARY_DOWN] = {"summary.down",
		N_("down {amount} ({pct}) on the same period last year")},
	[BC_W_SUMMARY_UP_PLAIN] = {"summary.up_plain",
		N_("up {amount} on the same period last year")},
	[BC_W_SUMMARY_DOWN_PLAIN] = {"summary.down_plain",
		N_("down {amount} on the same period last year")},
	[BC_W_SUMMARY_SAME] = {"summary.same",
		N_("the same as in the same period last year")},
	[BC_W_SUMMARY_NO_PREVIOUS] = {"summary.no_previous",
		N_("with no figure of the same period last year to compare")},
	[BC_W_SUMMARY_POINTS] = {"summary.points",
		N_("percentage points")},
	/* The report of a period (baocao report): the sentence before its
	 * outline ({reference}, {issued}, {issuer}: the directive's;
	 * {unit}: who reports; {period}: the period as a sentence names
	 * it), what a section no unit wrote on says, the heads of its
	 * appendices. */
	[BC_W_REPORT_OPENING] = {"report.opening",
		N_("Under {reference} of {issued} by {issuer}, {unit} reports on {period} as follows:")},
	[BC_W_REPORT_NO_TEXT] = {"report.no_text",
		N_("No unit has reported on this section.")},
	[BC_W_REPORT_NO_REPORTS] = {"report.no_reports",
		N_("No unit has sent its report for {period}.")},
	[BC_W_REPORT_OWN_NO_TEXT] = {"report.own_no_text",
		N_("The unit has written nothing on this section.")},
	[BC_W_REPORT_OWN_NO_REPORT] = {"report.own_no_report",
		N_("{unit} has not sent its report for {period}.")},
	[BC_W_REPORT_ANNEX] = {"report.annex",
		N_("APPENDICES")},
	[BC_W_REPORT_FIGURES] = {"report.figures",
		N_("(Figures of {period}, as of {date})")},
	[BC_W_REPORT_TABLE_TITLE] = {"report.table_title",
		N_("{name}: {title}")},
	[BC_W_REPORT_NO_ROWS] = {"report.no_rows",
		N_("No unit has listed anything.")},
	/* baocao remind: a unit's message (by e-mail, or pasted into a
	 * chat), whose parts are still owed by a deadline ahead, today or
	 * past, or which sent everything late; and the body of the
	 * reminder letter. */
	[BC_W_REMIND_SUBJECT] = {"remind.subject",
		N_("Reminder: the report for {period}"), "{unit}"},
	[BC_W_REMIND_AHEAD] = {"remind.ahead",
		N_("To {unit}: please send {parts} of the report for {period} by {due} ({days} days left).{returned} Thank you."),
		"{as_of}"},
	[BC_W_REMIND_TODAY] = {"remind.today",
		N_("To {unit}: {parts} of the report for {period} are due today, {due}; please send them today.{returned} Thank you."),
		"{as_of}, {days}"},
	[BC_W_REMIND_OVERDUE] = {"remind.overdue",
		N_("To {unit}: {parts} of the report for {period} were due on {due} and have not arrived as of {as_of} ({days} days overdue); please send them at once.{returned} Thank you.")},
	[BC_W_REMIND_LATE] = {"remind.late",
		N_("To {unit}: your report for {period} arrived complete on {sent}, {days} days after the deadline of {due}; please keep to the deadline next time. Thank you."),
		"{as_of}"},
	[BC_W_REMIND_RETURNED] = {"remind.returned",
		N_(" {part} was sent back to you on {date}: {reason}.")},
	[BC_W_REMIND_LETTER_INTRO] = {"remind.letter_intro",
		N_("The units' reports for {period} were due on {due}. As of {as_of}, the units below have not sent all they owe:"),
		"{title}, {reference}, {issued}, {issuer}"},
	[BC_W_REMIND_LETTER_UNIT] = {"remind.letter_unit",
		N_("{unit}: {parts}."), "{due}"},
	[BC_W_REMIND_LETTER_CLOSING] = {"remind.letter_closing",
		N_("The heads of the units above are asked to send what they owe without delay."),
		"{period}, {due}, {as_of}, {title}, {reference}, {issued}, {issuer}"},
};

const char *bc_wkey_name(bc_wkey k)
{
	return k < BC_W_N ? KEYS[k].key : "";
}

bc_wkey bc_wkey_find(const char *name)
{
	for (size_t k = 0; k < BC_W_N; k++)
		if (!strcmp(KEYS[k].key, name))
			return (bc_wkey)k;
	return BC_W_N;
}

const char *bc_word(const bc_ruleset *rs, bc_wkey k)
{
	if (k >= BC_W_N)
		return "";
	if (rs && rs->wording.text[k])
		return rs->wording.text[k];
	return _(KEYS[k].dflt);
}

/* The length of the placeholder name at s ("{name}", s past the '{'),
 * 0 when s does not begin one. */
static size_t slot_len(const char *s)
{
	size_t i = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
	return i && s[i] == '}' ? i : 0;
}

/* Appends len bytes of s to out[n] at *o, never cutting a character. */
static void append(char *out, size_t n, size_t *o, const char *s, size_t len)
{
	if (*o + 1 >= n)
		return;
	if (len > n - 1 - *o) {
		len = n - 1 - *o;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = '\0';
}

void bc_wording_fill(const char *text, const bc_slot *slot, size_t n_slot,
		     char *out, size_t n)
{
	size_t o = 0;
	if (!n)
		return;
	out[0] = '\0';
	for (const char *s = text; *s;) {
		const char *b = strchr(s, '{');
		if (!b) {
			append(out, n, &o, s, strlen(s));
			break;
		}
		append(out, n, &o, s, (size_t)(b - s) + 1);
		s = b + 1;
		size_t len = slot_len(s);
		for (size_t i = 0; len && i < n_slot; i++)
			if (strlen(slot[i].name) == len &&
			    !strncmp(slot[i].name, s, len)) {
				o--; /* the '{' */
				out[o] = '\0';
				if (slot[i].value)
					append(out, n, &o, slot[i].value,
					       strlen(slot[i].value));
				s += len + 1;
				break;
			}
	}
}

void bc_word_fill(const bc_ruleset *rs, bc_wkey k, char *out, size_t n,
		  const bc_slot *slot, size_t n_slot)
{
	bc_wording_fill(bc_word(rs, k), slot, n_slot, out, n);
}

/* ---- the rules' wording{} ---------------------------------------------- */

/* The placeholders k takes, "{date}, {doc}" or "none", into out[n]. */
static void slots_of(bc_wkey k, char *out, size_t n)
{
	char all[512];
	size_t o = 0;
	snprintf(all, sizeof all, "%s%s", KEYS[k].dflt,
		 KEYS[k].more ? KEYS[k].more : "");
	snprintf(out, n, "none");
	for (const char *s = strchr(all, '{'); s && o < n;
	     s = strchr(s + 1, '{')) {
		size_t len = slot_len(s + 1);
		char ph[40];
		snprintf(ph, sizeof ph, "{%.*s}", (int)len, s + 1);
		if (len && len + 3 <= sizeof ph && strstr(all, ph) == s)
			o += (size_t)snprintf(out + o, n - o, "%s%s",
					      o ? ", " : "", ph);
	}
}

bool bc_wording_stray_slot(const char *text, const char *a, const char *b,
			   char *bad, size_t n)
{
	for (const char *s = strchr(text, '{'); s; s = strchr(s + 1, '{')) {
		size_t len = slot_len(s + 1);
		char name[40];
		if (!len || len + 3 > sizeof name)
			continue;
		snprintf(name, sizeof name, "{%.*s}", (int)len, s + 1);
		if (!strstr(a, name) && !(b && strstr(b, name))) {
			snprintf(bad, n, "%s", name);
			return true;
		}
	}
	return false;
}

/* Each placeholder of text must be one of the default of k. */
static void check_slots(lua_State *L, bc_wkey k, const char *text)
{
	char name[40], takes[256];
	if (!bc_wording_stray_slot(text, KEYS[k].dflt, KEYS[k].more, name,
				   sizeof name))
		return;
	slots_of(k, takes, sizeof takes);
	luaL_error(L, "wording{}: %s has no placeholder %s (it takes: %s)",
		   KEYS[k].key, name, takes);
}

char *bc_rl_text(lua_State *L, const char *reg, const char *key)
{
	if (lua_type(L, -1) == LUA_TSTRING)
		return bc_rl_dup(L, lua_tostring(L, -1));
	if (!lua_istable(L, -1))
		luaL_error(L, "%s: %s must be a text or a list of texts", reg,
			   key);
	luaL_Buffer b;
	lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
	int t = lua_gettop(L);
	luaL_buffinit(L, &b);
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_rawgeti(L, t, i) != LUA_TSTRING)
			luaL_error(L, "%s: %s: line %d is not a text", reg, key,
				   (int)i);
		lua_pop(L, 1);
		if (i > 1)
			luaL_addchar(&b, '\n');
		lua_rawgeti(L, t, i);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	char *s = bc_rl_dup(L, lua_tostring(L, -1));
	lua_pop(L, 1);
	return s;
}

/* The keys of one group ("template"), the table at the top. */
static void read_group(lua_State *L, bc_wording *w, const char *group)
{
	int t = lua_gettop(L);
	if (!lua_istable(L, t))
		luaL_error(L, "wording{}: '%s' must be a table of texts", group);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		char key[96];
		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "wording{}: the keys of '%s' must be names",
				   group);
		snprintf(key, sizeof key, "%s.%s", group, lua_tostring(L, -2));
		bc_wkey k = bc_wkey_find(key);
		if (k == BC_W_N)
			luaL_error(L, "wording{}: unknown key '%s' (docs/rules.md "
				      "lists the keys)",
				   key);
		if (w->text[k])
			luaL_error(L, "wording{}: %s is worded twice", key);
		char *text = bc_rl_text(L, "wording{}", key);
		check_slots(L, k, text);
		w->text[k] = text;
		lua_pop(L, 1);
	}
}

/* wording{ group = { key = "text", … }, … }: may be called more than
 * once (a file per document, say), each key worded once. */
int bc_rl_wording(lua_State *L)
{
	static const char *const groups[] = {"sheet", "template", "export",
					     "html", "summary", "report", "remind", NULL};
	bc_wording *w = &bc_rl_rs_of(L)->wording;
	bc_rl_check_keys(L, 1, "wording{}", groups);
	for (const char *const *g = groups; *g; g++) {
		if (lua_getfield(L, 1, *g) != LUA_TNIL)
			read_group(L, w, *g);
		lua_pop(L, 1);
	}
	return 0;
}

/* ---- as JSON ------------------------------------------------------------- */

json_t *bc_wording_json(const bc_ruleset *rs, int resolved)
{
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, json_object());
	for (size_t k = 0; o && k < BC_W_N; k++) {
		const char *text = resolved ? bc_word(rs, (bc_wkey)k)
					    : rs->wording.text[k];
		const char *dot = strchr(KEYS[k].key, '.');
		char group[32];
		if (!text)
			continue;
		snprintf(group, sizeof group, "%.*s", (int)(dot - KEYS[k].key),
			 KEYS[k].key);
		json_t *g = json_object_get(o, group);
		if (!g)
			g = bc_json_set(&e, o, group,
					bc_json_made(&e, json_object()));
		if (g)
			bc_json_set(&e, g, dot + 1,
				    bc_json_made(&e, json_string(text)));
	}
	return bc_json_whole(o, e);
}

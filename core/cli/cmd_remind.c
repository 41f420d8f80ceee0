/* SPDX-License-Identifier: MIT */
/*
 * baocao remind: who still owes what for a period, with a message for
 * each in the rules' words; as text, CSV or JSON, as a reminder letter,
 * or handed to the mail program.
 */
#include "cli.h"
#include "csv_cell.h"
#include "i18n.h"
#include "mail.h"
#include "mailaddr.h"
#include "mem.h"
#include "remind.h"
#include "remind_letter.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao remind PERIOD [--as-of DATE] [--format text|csv|json]\n"
	"                            [--letter FILE.docx [--number N]\n"
	"                             [--date DATE] [--signer NAME]\n"
	"                             [--signer-title TITLE]]\n"
	"                            [--send [--apply] [--sendmail PROGRAM]\n"
	"                                    [--from ADDRESS]]\n\n"
	"Every unit that still owes something for PERIOD as of the end of\n"
	"DATE (default: today) — nothing sent, some parts, parts sent back\n"
	"to it — and every unit that sent everything but after its\n"
	"deadline: what it still owes, its deadline, the days left or\n"
	"overdue, its contact, and a message in the rules' words, ready to\n"
	"paste into Zalo or an e-mail.  DATE is dd/mm/yyyy or YYYY-MM-DD.\n\n"
	"  --format F     text (default), csv (a row per unit) or json\n"
	"  --letter FILE  write the reminder letter instead (an official\n"
	"                 letter in the Decree 30/2020 layout, .docx) to the\n"
	"                 units that owe, from the district, in the rules'\n"
	"                 words; its number (\"12\" or \"12/UBND-NV\"), date,\n"
	"                 signer and title as given, else left for the clerk\n"
	"  --send         the message of each unit with an e-mail address,\n"
	"                 as it would be mailed: a dry run, nothing sent\n"
	"  --apply        with --send, hand each to the mail program; each\n"
	"                 one it takes is kept in the database (who, when,\n"
	"                 to whom, what) and in the audit\n"
	"  --sendmail P   the mail program and its options, run without a\n"
	"                 shell, the message on its input, recipients from\n"
	"                 its headers (default: $BAOCAO_SENDMAIL, else\n"
	"                 \"/usr/sbin/sendmail -t\"; \"msmtp -t\" works)\n"
	"  --from ADDR    the sender's address (default: $BAOCAO_MAIL_FROM,\n"
	"                 else the mail program's own)\n"
	"Exit 0; 1 when a unit's address is not one (the others are sent);\n"
	"3 when the mail program fails or cannot run.\n");

enum {
	O_AS_OF,
	O_FORMAT,
	O_LETTER,
	O_NUMBER,
	O_DATE,
	O_SIGNER,
	O_TITLE,
	O_SEND,
	O_APPLY,
	O_SENDMAIL,
	O_FROM
};

/* ---- the list ------------------------------------------------------------ */

/* How r stands against its deadline, as text says it. */
static void days_text(const bc_reminder *r, char *out, size_t n)
{
	int d = r->days < 0 ? -r->days : r->days;
	if (r->why == BC_REMIND_LATE)
		snprintf(out, n, P_("sent %d day late", "sent %d days late", d),
			 d);
	else if (r->why == BC_REMIND_OVERDUE)
		snprintf(out, n, P_("%d day overdue", "%d days overdue", d), d);
	else if (d)
		snprintf(out, n, P_("%d day left", "%d days left", d), d);
	else
		snprintf(out, n, "%s", _("due today"));
}

/* The contact's texts that are there, ", " between, into out[n]. */
static void contact_text(const bc_unit *u, char *out, size_t n)
{
	const char *said[] = {u->person, u->phone, u->email};
	size_t o = 0;
	out[0] = '\0';
	for (size_t k = 0; k < 3 && o < n; k++)
		if (said[k])
			o += (size_t)snprintf(out + o, n - o, "%s%s",
					      o ? ", " : "", said[k]);
}

static void print_text(const bc_remind *rm)
{
	const bc_status *s = &rm->status;
	char asof[BC_DATE_BUF], due[BC_DATE_BUF], line[4096];
	bc_date_format_dmy(s->as_of, asof);
	printf(P_("%s — %s, as of %s: %zu unit to remind\n",
		  "%s — %s, as of %s: %zu units to remind\n", rm->n),
	       s->period.code, s->period.label, asof, rm->n);
	for (size_t i = 0; i < rm->n; i++) {
		const bc_reminder *r = &rm->v[i];
		bc_date_format_dmy(r->last_day, due);
		days_text(r, line, sizeof line);
		printf("\n%s  %s — %s; ", r->u->unit.code, r->u->unit.name,
		       cli_state_text(r->u->state));
		printf(_("due %s: %s\n"), due, line);
		if (r->n_owes) {
			bc_remind_parts(rm, r, line, sizeof line);
			printf(_("  still owes: %s\n"), line);
		}
		contact_text(&r->u->unit, line, sizeof line);
		if (*line)
			printf("  %s%s\n", _("contact: "), line);
		printf("  %s\n", r->message);
	}
}

static void csv_field(const char *s, bool last)
{
	const char *lead = bc_csv_cell_guarded(s ? s : "") ? "'" : "";
	putchar('"');
	printf("%s", lead);
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	printf("\"%s", last ? "\n" : ",");
}

static void print_csv(const bc_remind *rm)
{
	static const char *const head[] = {
		"code", "unit", "state", "reason", "still_owes", "due",
		"days", "person", "phone", "email", "subject", "message"};
	const size_t n = sizeof head / sizeof *head;
	for (size_t k = 0; k < n; k++)
		csv_field(head[k], k + 1 == n);
	for (size_t i = 0; i < rm->n; i++) {
		const bc_reminder *r = &rm->v[i];
		const bc_unit *u = &r->u->unit;
		char parts[2048], due[BC_DATE_BUF], days[16];
		bc_remind_parts(rm, r, parts, sizeof parts);
		bc_date_format(r->last_day, due);
		snprintf(days, sizeof days, "%d", r->days);
		const char *row[] = {u->code, u->name,
				     bc_state_name(r->u->state),
				     bc_remind_why_name(r->why), parts, due,
				     days, u->person, u->phone, u->email,
				     r->subject, r->message};
		for (size_t k = 0; k < n; k++)
			csv_field(row[k], k + 1 == n);
	}
}

/* The parts of r sent back to its unit: which revision, when, why. */
static json_t *returned_json(const bc_remind *rm, const bc_reminder *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->u->owed.n_parts; k++) {
		const bc_part_status *ps = &r->u->parts[k];
		char at[BC_TIME_BUF];
		if (!ps->returned)
			continue;
		bc_time_format(ps->reviewed_at,
			       rm->status.period.rs->directive.utc_offset, at);
		json_array_append_new(
			a, json_pack("{s:s, s:i, s:s, s:s}", "part", ps->part,
				     "revision", ps->returned, "at", at,
				     "reason", ps->review_reason));
	}
	return a;
}

static json_t *reminder_json(const bc_remind *rm, const bc_reminder *r)
{
	const bc_unit *u = &r->u->unit;
	json_t *owes = json_array();
	for (size_t k = 0; k < r->n_owes; k++)
		json_array_append_new(owes, json_string(r->owes[k]));
	return json_pack(
		"{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:o, s:o, s:o, "
		"s:s, s:s}",
		"unit", u->code, "name", u->name, "state",
		bc_state_name(r->u->state), "reason", bc_remind_why_name(r->why),
		"still_owes", owes, "returned", returned_json(rm, r), "due", bc_date_json(r->last_day), "days",
		r->days, "sent", bc_date_json(r->sent), "person",
		cli_json_str(u->person), "phone", cli_json_str(u->phone),
		"email", cli_json_str(u->email), "subject", r->subject,
		"message", r->message);
}

static json_t *remind_json(const bc_remind *rm)
{
	json_t *units = json_array();
	for (size_t i = 0; i < rm->n; i++)
		json_array_append_new(units, reminder_json(rm, &rm->v[i]));
	return json_pack("{s:s, s:s, s:o, s:o}", "period",
			 rm->status.period.code, "label", rm->status.period.label,
			 "as_of", bc_date_json(rm->status.as_of), "units", units);
}

/* ---- sending --------------------------------------------------------- */

typedef struct sending {
	const char *program, *from;
	bool apply;
	size_t sent, failed, bad, none;
	json_t *log; /* --json: what each message became */
} sending;

/* One unit's message: said (dry run) or handed to the program and
 * kept. */
static void send_one(bc_cli *c, bc_remind *rm, const bc_reminder *r,
		     sending *sd)
{
	const bc_unit *u = &r->u->unit;
	if (!u->email) {
		sd->none++;
		return;
	}
	if (!bc_mail_address_ok(u->email)) {
		bc_diags_add(&c->diags, BC_ERROR, NULL, 0, NULL, "email",
			     N_("%s: '%s' is not an e-mail address: not sent "
				"('baocao units import' a corrected contact)"),
			     u->code, u->email);
		sd->bad++;
		return;
	}
	bc_mail m = {.from = sd->from, .to = u->email, .to_name = u->name,
		     .subject = r->subject, .body = r->message,
		     .date = bc_store_now(c->st)};
	char *text = bc_mail_text(&m);
	bc_err rc = text ? BC_OK : BC_ERR_NOMEM;
	if (rc == BC_OK && sd->apply)
		rc = bc_mail_run(sd->program, text, &c->diags);
	if (rc == BC_OK && sd->apply)
		rc = bc_remind_record(c->st, rm, r, u->email, sd->program,
				      &c->diags);
	bc_free(text);
	rc == BC_OK ? sd->sent++ : sd->failed++;
	if (sd->log)
		json_array_append_new(
			sd->log, json_pack("{s:s, s:s, s:s, s:b}", "unit",
					   u->code, "to", u->email, "subject",
					   r->subject, "sent",
					   sd->apply && rc == BC_OK));
	else if (!sd->apply)
		printf(_("To: %s <%s>\nSubject: %s\n\n%s\n\n"), u->name,
		       u->email, r->subject, r->message);
	else if (rc == BC_OK)
		fprintf(stderr, _("sent: %s <%s>\n"), u->name, u->email);
}

static void send_summary(const sending *sd)
{
	if (!sd->apply)
		fprintf(stderr,
			P_("dry run: %zu message would go to '%s'; nothing "
			   "sent (--apply sends it)\n",
			   "dry run: %zu messages would go to '%s'; nothing "
			   "sent (--apply sends them)\n",
			   sd->sent),
			sd->sent, sd->program);
	else
		fprintf(stderr, P_("%zu message sent through '%s'\n",
				   "%zu messages sent through '%s'\n", sd->sent),
			sd->sent, sd->program);
	if (sd->none)
		fprintf(stderr,
			P_("%zu unit has no e-mail address: remind it by phone "
			   "or paste its message\n",
			   "%zu units have no e-mail address: remind them by "
			   "phone or paste their messages\n",
			   sd->none),
			sd->none);
}

static int send_all(bc_cli *c, bc_remind *rm, const cli_opt *opts)
{
	const char *env = getenv("BAOCAO_SENDMAIL"),
		   *from = getenv("BAOCAO_MAIL_FROM");
	sending sd = {.apply = opts[O_APPLY].set,
		      .program = opts[O_SENDMAIL].set ? opts[O_SENDMAIL].value
			      : env && *env	      ? env
						      : BC_MAIL_PROGRAM,
		      .from = opts[O_FROM].set ? opts[O_FROM].value
			      : from && *from  ? from
					       : NULL,
		      .log = c->json ? json_array() : NULL};
	if (sd.from && !bc_mail_address_ok(sd.from))
		return cli_usage_error(_(usage),
				       _("--from: '%s' is not an e-mail address"),
				       sd.from);
	for (size_t i = 0; i < rm->n; i++)
		send_one(c, rm, &rm->v[i], &sd);
	if (sd.log)
		cli_print_json(json_pack("{s:s, s:b, s:s, s:o, s:i, s:i}",
					 "period", rm->status.period.code,
					 "dry_run", !sd.apply, "program",
					 sd.program, "messages", sd.log,
					 "no_address", (int)sd.none,
					 "bad_address", (int)sd.bad));
	else
		send_summary(&sd);
	if (sd.failed)
		return cli_finish(c, BC_ERR_IO);
	return cli_finish(c, sd.bad ? BC_ERR_INVALID : BC_OK);
}

/* ---- the letter ------------------------------------------------------------ */

static int write_letter(bc_cli *c, const bc_remind *rm,
			const bc_doc_overrides *o, const char *path)
{
	bc_err rc = bc_remind_letter(c->st, rm, o, path, &c->diags);
	size_t owing = 0;
	for (size_t i = 0; i < rm->n; i++)
		owing += rm->v[i].n_owes > 0;
	if (rc == BC_OK && c->json)
		cli_print_json(json_pack("{s:s, s:s, s:i}", "period",
					 rm->status.period.code, "letter", path,
					 (int)owing));
	else if (rc == BC_OK)
		fprintf(stderr,
			P_("%s: the reminder letter to %zu unit\n",
			   "%s: the reminder letter to %zu units\n", owing),
			path, owing);
	return cli_finish(c, rc);
}

/* ---- the command -------------------------------------------------------- */

static int show(bc_cli *c, const bc_remind *rm, const char *format)
{
	if (c->json || !strcmp(format, "json"))
		cli_print_json(remind_json(rm));
	else if (!strcmp(format, "csv"))
		print_csv(rm);
	else
		print_text(rm);
	return cli_finish(c, BC_OK);
}

int cmd_remind(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {[O_AS_OF] = {.name = "--as-of", .takes_arg = true},
			  [O_FORMAT] = {.name = "--format", .takes_arg = true},
			  [O_LETTER] = {.name = "--letter", .takes_arg = true},
			  [O_NUMBER] = {.name = "--number", .takes_arg = true},
			  [O_DATE] = {.name = "--date", .takes_arg = true},
			  [O_SIGNER] = {.name = "--signer", .takes_arg = true},
			  [O_TITLE] = {.name = "--signer-title",
				       .takes_arg = true},
			  [O_SEND] = {.name = "--send"},
			  [O_APPLY] = {.name = "--apply"},
			  [O_SENDMAIL] = {.name = "--sendmail",
					  .takes_arg = true},
			  [O_FROM] = {.name = "--from", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1], *use = _(usage);
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(use, _("remind: which period?"));
	const char *format = opts[O_FORMAT].set ? opts[O_FORMAT].value : "text";
	if (strcmp(format, "text") && strcmp(format, "csv") &&
	    strcmp(format, "json"))
		return cli_usage_error(use, _("--format: text, csv or json, "
					      "not '%s'"),
				       format);
	if ((opts[O_APPLY].set || opts[O_SENDMAIL].set || opts[O_FROM].set) &&
	    !opts[O_SEND].set)
		return cli_usage_error(use, _("--apply, --sendmail and --from "
					      "go with --send"));
	if ((opts[O_NUMBER].set || opts[O_DATE].set || opts[O_SIGNER].set ||
	     opts[O_TITLE].set) &&
	    !opts[O_LETTER].set)
		return cli_usage_error(use, _("--number, --date, --signer and "
					      "--signer-title go with --letter"));
	if (opts[O_LETTER].set && opts[O_SEND].set)
		return cli_usage_error(use, _("--letter or --send, not both"));
	bc_doc_overrides letter = {
		.number = opts[O_NUMBER].value, .date = BC_DATE_NONE,
		.signer_name = opts[O_SIGNER].value,
		.signer_title = opts[O_TITLE].value};
	if (opts[O_DATE].set &&
	    !cli_date_arg(use, "--date", opts[O_DATE].value, &letter.date))
		return EXIT_USAGE;
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date as_of = bc_time_date(c->clock ? c->clock : bc_store_now(c->st),
				     c->tz_offset);
	if (opts[O_AS_OF].set &&
	    !cli_date_arg(use, "--as-of", opts[O_AS_OF].value, &as_of))
		return EXIT_USAGE;
	bc_remind rm;
	rc = bc_remind_get(c->st, c->rb, pos[0], as_of, &rm, &c->diags);
	if (rc == BC_OK && opts[O_LETTER].set)
		r = write_letter(c, &rm, &letter, opts[O_LETTER].value);
	else if (rc == BC_OK && opts[O_SEND].set)
		r = send_all(c, &rm, opts);
	else if (rc == BC_OK)
		r = show(c, &rm, format);
	else
		r = cli_finish(c, rc);
	bc_remind_free(&rm);
	return r;
}

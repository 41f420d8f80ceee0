/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "status.h"
#include "status_json.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: baocao status PERIOD [--as-of DATE]\n\n"
	"Who has reported for PERIOD, counting what was received up to the\n"
	"end of DATE in Vietnam time (default: today): for every unit that\n"
	"owes something, the parts received (revision in force, first\n"
	"receipt, on time or not) and missing, and its state: on_time,\n"
	"late, partial or missing.  Timeliness is judged on each part's\n"
	"first receipt against the unit deadline in force now.\n";

static const char *state_vi(bc_state s)
{
	static const char *const names[] = {"đúng hạn", "trễ hạn", "thiếu",
					    "chưa gửi"};
	return names[s];
}

/* s in a column of width, and at least one space after it. */
static void print_padded(const char *s, int width)
{
	cli_col(stdout, s, width - 1, false);
	putchar(' ');
}

static void status_print(const bc_status *s)
{
	char due[BC_DATE_BUF], asof[BC_DATE_BUF];
	bc_date_format(s->period.unit_due, due);
	bc_date_format(s->as_of, asof);
	printf("%s — %s: due %s, as of %s\n\n", s->period.code,
	       s->period.label, due, asof);
	print_padded("unit", 42);
	print_padded("state", 10);
	printf("%-9s %s\n", "received", "missing");
	for (size_t i = 0; i < s->n; i++) {
		const bc_unit_status *u = &s->units[i];
		char missing[256] = "";
		size_t got = 0;
		for (size_t k = 0; k < u->owed.n_parts; k++) {
			if (u->parts[k].revision) {
				got++;
				continue;
			}
			strncat(missing, missing[0] ? " " : "",
				sizeof missing - strlen(missing) - 1);
			strncat(missing, u->parts[k].part,
				sizeof missing - strlen(missing) - 1);
		}
		print_padded(u->unit.name, 42);
		print_padded(state_vi(u->state), 10);
		printf("%zu/%-7zu %s\n", got, u->owed.n_parts, missing);
	}
	size_t n = s->n;
	printf("\n%zu expected: %zu complete (%zu on time, %zu late), "
	       "%zu partial, %zu missing",
	       n, s->complete, s->on_time, s->late, s->partial, s->missing);
	if (n)
		printf("; reporting rate %.1f%%, on-time rate %.1f%%",
		       100.0 * (double)s->complete / (double)n,
		       100.0 * (double)s->on_time / (double)n);
	printf("\n");
}

/* What cli_print_json prints of bc_status_json(s, true), a unit at a
 * time: "units" is its last member, and a country's units are ~100 MB
 * as one JSON tree. */
static void print_json(const bc_status *s)
{
	const size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
	json_t *head = bc_status_json(s, false);
	char *text = head ? json_dumps(head, flags) : NULL;
	json_decref(head);
	if (!text) {
		fputs("baocao: out of memory\n", stderr);
		return;
	}
	/* text ends with its closing brace, which now follows the units. */
	fwrite(text, 1, strlen(text) - 1, stdout);
	free(text);
	fputs(", \"units\": [", stdout);
	for (size_t i = 0; i < s->n; i++) {
		json_t *u = bc_status_unit_json(s, i);
		if (i)
			fputs(", ", stdout);
		/* A failed write is said once, at the end (textout.c). */
		if (!u)
			fputs("baocao: out of memory\n", stderr);
		else
			json_dumpf(u, stdout, flags);
		json_decref(u);
	}
	fputs("]}\n", stdout);
}

int cmd_status(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--as-of", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(usage, "status: which period?");
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date as_of = bc_time_date(c->clock ? c->clock : bc_store_now(c->st),
				     c->tz_offset);
	if (opts[0].set && !cli_date_arg(usage, "--as-of", opts[0].value, &as_of))
		return EXIT_USAGE;
	bc_status s;
	rc = bc_status_get(c->st, c->rb, pos[0], as_of, &s, &c->diags);
	if (rc == BC_OK) {
		if (c->json)
			print_json(&s);
		else
			status_print(&s);
	}
	bc_status_free(&s);
	return cli_finish(c, rc);
}

/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the text templates of section summaries (summary.c,
 * summary_render.c): any bytes, parsed as a sentence; what parses is
 * resolved against a small ruleset (a form with every kind of figure,
 * two levels), and what resolves is filled from an aggregate with odd
 * figures (nulls, a zero denominator, huge and negative numbers, last
 * year missing here and there).  Nothing may crash, leak or write
 * "nan" or "inf".  Built by scripts/fuzz with libFuzzer for long runs;
 * linked with driver.c for the short, deterministic run of the suite.
 */
#include "mem.h"
#include "ruleset.h"
#include "summary.h"
#include "summary_render.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char RULES[] =
	"directive { id = 'fz', title = 'T', reference = 'R',\n"
	"  in_force = { from = '2023-01-01' },\n"
	"  deadline = { inclusive = true, utc_offset = '+07:00' } }\n"
	"level { id = 'huyen', label = 'H' }\n"
	"level { id = 'xa', label = 'X' }\n"
	"period_type { code = 'Q1', label = 'Q {year}',\n"
	"  window = { from = '01/01/Y', to = '31/03/Y' },\n"
	"  unit_due = '05/04/Y', compile_due = '10/04/Y' }\n"
	"form { id = 'f', title = 'F', fields = {\n"
	"  { 'a', 'A', 'int', 'sum' }, { 'm', 'M', 'money', 'sum' },\n"
	"  { 'p', 'P', 'pct', 'snap' }, { 'b', 'B', 'bool', 'count_true' },\n"
	"  { 'x', 'X', 'int', 'snap', level = 'xa' },\n"
	"  { 's', 'S', 'text', 'list' },\n"
	"  { 't', 'T', 'table', 'count_by', count_by = 'k', columns = {\n"
	"    { 'k', 'K', 'enum', values = { 'u', 'v' } } } } },\n"
	"  indicators = { { 'r', 'R', num = 'a', den = 'x' } } }\n";

static const char AGG[] =
	"{\"forms\": {\"f\": {\"units\": {\"huyen\": 2, \"xa\": 3},"
	" \"fields\": {"
	"  \"a\": {\"huyen\": 1234567, \"xa\": null, \"total\": 1234567,"
	"        \"previous\": {\"huyen\": 0, \"xa\": 5, \"total\": 0}},"
	"  \"m\": {\"huyen\": -0.005, \"xa\": 1e17, \"total\": 1e300,"
	"        \"previous\": {\"total\": 3.14}},"
	"  \"p\": {\"huyen\": 99.99, \"total\": 99.99},"
	"  \"b\": {\"huyen\": 0, \"xa\": 3, \"total\": 3,"
	"        \"previous\": {\"huyen\": null}},"
	"  \"t\": {\"huyen\": {\"u\": 2}, \"xa\": {\"v\": 1}, \"total\": "
	"{\"u\": 2, \"v\": 1}, \"previous\": {\"total\": 7}}},"
	" \"indicators\": {\"r\": {\"huyen\": null, \"xa\": 0.0, \"total\": null,"
	"  \"previous\": {\"total\": 12.5}}}}},"
	" \"missing_units\": {\"f\": [\"a\", \"b\"]}}";

static bc_ruleset *rules(void)
{
	static bc_ruleset *rs;
	if (rs)
		return rs;
	bc_srcset src = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	if (bc_srcset_add(&src, "ruleset.lua", RULES, strlen(RULES)) != BC_OK ||
	    bc_ruleset_load("fz", &src, NULL, &rs, &d) != BC_OK)
		abort();
	bc_diags_free(&d);
	return rs;
}

static void ignore(void *ud, const char *msg)
{
	(void)ud;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *agg;
	bc_ruleset *rs = rules();
	if (!agg && !(agg = json_loads(AGG, 0, NULL)))
		abort();
	char *text = bc_strndup((const char *)data, size);
	if (!text)
		return 0;
	bc_arena a = {0};
	bc_summary s;
	char err[256], *out = NULL;
	if (bc_summary_parse(text, &a, &s, err, sizeof err) &&
	    bc_summary_resolve(&s, rs, ignore, NULL) == 0 &&
	    bc_summary_render(rs, &s, agg, &out) == BC_OK) {
		/* The sentence's own words may say them; a figure never. */
		if ((strstr(out, "nan") && !strstr(text, "nan")) ||
		    (strstr(out, "inf") && !strstr(text, "inf")))
			abort();
		bc_free(out);
	}
	bc_arena_free(&a);
	bc_free(text);
	return 0;
}

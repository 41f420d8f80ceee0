/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the rules loader: any bytes, read as the Lua files of a
 * ruleset named "fz" and loaded in the sandbox under small limits; what
 * loads is then read as the program reads it (lint, the JSON catalogue,
 * period-type tokens, every column's pattern on a few texts).
 *
 * The input is ruleset.lua up to a line "--@ PATH", which starts the file
 * PATH (for include), and so on: one file is plain Lua, and the markers
 * are Lua comments.  Built by scripts/fuzz with libFuzzer for long runs;
 * linked with driver.c for the short, deterministic run of the suite.
 */
#include "ruleset.h"
#include "ruleset_json.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small enough that an input stops quickly, large enough for the shipped
 * rules (a few MiB, a few hundred thousand instructions). */
static const bc_limits limits = {16u << 20, 5000000u, 2.0};

#define MARK "\n--@ "

/* The first MARK in [p, end), or NULL. */
static const char *find_mark(const char *p, const char *end)
{
	size_t n = strlen(MARK);
	for (; (size_t)(end - p) >= n; p++) {
		p = memchr(p, '\n', (size_t)(end - p) - n + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, MARK, n))
			return p;
	}
	return NULL;
}

/* Splits the input into files; false when a path is refused (the set
 * would refuse it too, which is not what is fuzzed here). */
static bool split(const char *p, const char *end, bc_srcset *src)
{
	const char *path = "ruleset.lua";
	size_t plen = strlen(path);
	for (;;) {
		const char *m = find_mark(p, end);
		const char *stop = m ? m + 1 : end;
		char name[256];
		if (plen >= sizeof name)
			return false;
		memcpy(name, path, plen);
		name[plen] = '\0';
		if (bc_srcset_add(src, name, p, (size_t)(stop - p)) != BC_OK)
			return false;
		if (!m)
			return true;
		path = m + strlen(MARK);
		const char *nl = memchr(path, '\n', (size_t)(end - path));
		plen = (size_t)((nl ? nl : end) - path);
		p = nl ? nl + 1 : end;
	}
}

static void read_back(bc_ruleset *rs)
{
	static const char *const texts[] = {"", "12/KH-UBND", "abc",
					    "2023-01-10 \xc4\x90"};
	static const char *const tokens[] = {"Q1", "DX3", "DX0", "Y", "X12345"};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset_lint(rs, &d);
	json_decref(bc_catalogue_json(rs));
	int n;
	for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++)
		bc_ruleset_period_type(rs, tokens[i], &n);
	bc_budget b = {0, 0};
	for (size_t i = 0; i < rs->n_forms; i++)
		for (size_t k = 0; k < rs->forms[i].n_fields; k++) {
			const bc_field *t = &rs->forms[i].fields[k];
			bc_ruleset_form(rs, rs->forms[i].id);
			for (size_t c = 0; c < t->n_columns; c++)
				for (size_t x = 0; t->columns[c].pattern &&
						   x < sizeof texts / sizeof *texts;
				     x++) {
					bool m;
					bc_ruleset_match(rs, &t->columns[c],
							 texts[x], &b, &m, &d);
				}
		}
	bc_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bc_srcset src = BC_SRCSET_INIT;
	const char *p = (const char *)data;
	if (!split(p, p + size, &src)) {
		bc_srcset_free(&src);
		return 0;
	}
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	if (bc_ruleset_load("fz", &src, &limits, &rs, &d) == BC_OK) {
		read_back(rs);
		bc_ruleset_free(rs);
	}
	bc_srcset_free(&src);
	bc_diags_free(&d);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for conditions (cond.c): any bytes, read as a condition
 * with and without a field of its own, and as a sum; names resolved
 * against a few fields, evaluated, explained.  A parse must not take more
 * memory than bc_cond_parse_max promises (the loader charges that much
 * to the rules before parsing): a broken promise aborts.
 * Built by scripts/fuzz with libFuzzer for long runs; linked with
 * driver.c for the short, deterministic run of the test suite.
 */
#include "cond.h"
#include "mem.h"
#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"a", "b", "hs_tiep_nhan", "x_1", "ngay"};
#define N_NAMES (sizeof names / sizeof *names)

static int resolve(void *ud, const char *name)
{
	(void)ud;
	for (size_t i = 0; i < N_NAMES; i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}

/* Values from the input's first bytes, some fields not reported, some
 * near the most 18 digits hold. */
static bool value(void *ud, int ref, bc_dec *v)
{
	const uint8_t *seed = ud;
	if (seed[ref] % 7 == 0)
		return false;
	*v = (bc_dec){(int64_t)seed[ref] * (seed[ref] % 5 ? 100025 :
					    INT64_MAX / 256) - 9000000,
		      seed[ref] % 3};
	return true;
}

static bool show(void *ud, int ref, bc_dec v, char *buf, size_t n)
{
	(void)ud;
	if (ref != 4 || n < 2)
		return false;
	buf[0] = v.v > 0 ? '+' : '-';
	buf[1] = '\0';
	return true;
}

static void within_promise(const bc_cond *c, size_t len)
{
	if (bc_cond_bytes(c) > bc_cond_parse_max(len))
		abort();
}

static void one_condition(const char *text, size_t len, const char *self,
			  const uint8_t *seed)
{
	bc_cond c;
	char err[256];
	const char *bad;
	if (bc_cond_parse(text, self, &c, err, sizeof err)) {
		within_promise(&c, len);
		if (bc_cond_resolve(&c, resolve, NULL, &bad)) {
			bc_cond_eval(&c, value, (void *)seed);
			bc_explain how = {.value = value, .show = show,
					  .ud = (void *)seed, .self = 0};
			char *why = bc_cond_explain(&c, &how);
			bc_free(why);
		}
		bc_cond_free(&c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = bc_strndup((const char *)data, size);
	if (!text)
		return 0;
	size_t len = strlen(text); /* a NUL ends what C reads */
	uint8_t seed[N_NAMES] = {0};
	memcpy(seed, data, size < N_NAMES ? size : N_NAMES);
	one_condition(text, len, NULL, seed);
	one_condition(text, len, "hs_tiep_nhan", seed);
	bc_expr e;
	char err[256], buf[512];
	const char *bad;
	if (bc_expr_parse(text, &e, err, sizeof err)) {
		bc_cond wrap = {.lhs = e};
		within_promise(&wrap, len);
		bc_dec v;
		if (bc_expr_resolve(&e, resolve, NULL, &bad))
			bc_expr_eval(&e, value, seed, &v);
		bc_expr_text(&e, buf, sizeof buf);
		bc_expr_free(&e);
	}
	double d = (double)len * -1.005;
	if (size >= sizeof d)
		memcpy(&d, data, sizeof d); /* infinities and NaNs too */
	bc_num_text(d, buf, sizeof buf);
	bc_free(text);
	return 0;
}

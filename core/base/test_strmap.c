/* SPDX-License-Identifier: MIT */
/*
 * The map from names to positions that keeps registrations linear: every
 * key found again, a second add of a key refused with the first one's
 * position, prefixes looked up by length, growth announced before it is
 * taken.
 */
#include "test.h"

#include "strmap.h"

#define MANY 100000

static char **names(size_t n)
{
	char **v = malloc(n * sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < n; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "f%zu", i);
		v[i] = strdup(buf);
	}
	return v;
}

static void drop(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void many_keys_found(void **state)
{
	char **v = names(MANY);
	bc_strmap m = BC_STRMAP_INIT;
	for (size_t i = 0; i < MANY; i++)
		assert_int_equal(bc_strmap_add(&m, v[i], i, NULL), 1);
	for (size_t i = 0; i < MANY; i++) {
		size_t got = MANY;
		assert_true(bc_strmap_get(&m, v[i], &got));
		assert_int_equal(got, i);
	}
	size_t got;
	assert_false(bc_strmap_get(&m, "f", &got));
	assert_false(bc_strmap_get(&m, "f100000", &got));
	assert_false(bc_strmap_get(&m, "", &got));
	bc_strmap_free(&m);
	drop(v, MANY);
}

static void second_add_keeps_first(void **state)
{
	bc_strmap m = BC_STRMAP_INIT;
	size_t old = 99;
	assert_int_equal(bc_strmap_add(&m, "bm1", 0, &old), 1);
	assert_int_equal(old, 99);
	char other[] = "bm1"; /* equal text, another pointer */
	assert_int_equal(bc_strmap_add(&m, other, 7, &old), 0);
	assert_int_equal(old, 0);
	assert_int_equal(bc_strmap_add(&m, other, 7, NULL), 0);
	size_t got;
	assert_true(bc_strmap_get(&m, "bm1", &got));
	assert_int_equal(got, 0);
	bc_strmap_free(&m);
}

static void prefix_lookup(void **state)
{
	/* "A.II.4" finds its parent "A.II" without a copy. */
	bc_strmap m = BC_STRMAP_INIT;
	assert_int_equal(bc_strmap_add(&m, "A.II", 3, NULL), 1);
	assert_int_equal(bc_strmap_add(&m, "A", 1, NULL), 1);
	size_t got = 0;
	assert_true(bc_strmap_getn(&m, "A.II.4", 4, &got));
	assert_int_equal(got, 3);
	assert_true(bc_strmap_getn(&m, "A.II.4", 1, &got));
	assert_int_equal(got, 1);
	assert_false(bc_strmap_getn(&m, "A.II.4", 3, &got));
	assert_false(bc_strmap_getn(&m, "A.II.4", 6, &got));
	bc_strmap_free(&m);
}

static void growth_announced(void **state)
{
	/* What an add will take is known before it takes it: the loader
	 * charges it against the rules' memory first. */
	char **v = names(1000);
	bc_strmap m = BC_STRMAP_INIT;
	size_t last = 0;
	for (size_t i = 0; i < 1000; i++) {
		size_t g = bc_strmap_growth(&m);
		size_t cap = m.cap;
		assert_int_equal(bc_strmap_add(&m, v[i], i, NULL), 1);
		assert_true((g > 0) == (m.cap != cap));
		if (g) {
			/* What it announced is what it holds now. */
			assert_int_equal(bc_strmap_bytes(&m), g);
			last = g;
		}
	}
	assert_true(m.cap >= 2000);
	assert_true(last >= 2000 * sizeof(void *));
	/* Half full at most: a lookup ends at a free slot soon. */
	assert_true(2 * m.n <= m.cap);
	bc_strmap_free(&m);
	assert_int_equal(bc_strmap_bytes(&m), 0);
	drop(v, 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_keys_found),
		cmocka_unit_test(second_add_keeps_first),
		cmocka_unit_test(prefix_lookup),
		cmocka_unit_test(growth_announced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

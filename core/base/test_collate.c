/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "collate.h"

/* The orders to check are in tests/data/collate-order.txt, a section per
 * test below, a line per order (the file says how they are written). */

static bool same_key(const char *a, const char *b)
{
	char *ka = bc_collate_key(a), *kb = bc_collate_key(b);
	assert_non_null(ka);
	assert_non_null(kb);
	bool same = strcmp(ka, kb) == 0;
	bc_free(ka);
	bc_free(kb);
	return same;
}

static bool key_below(const char *a, const char *b)
{
	char *ka = bc_collate_key(a), *kb = bc_collate_key(b);
	assert_non_null(ka);
	assert_non_null(kb);
	bool below = strcmp(ka, kb) < 0;
	bc_free(ka);
	bc_free(kb);
	return below;
}

/* Fails unless a and b stand in relation rel ('<', '=', '~' or '!' for
 * ≠),
 * through bc_collate and through strcmp of the keys. */
static void related(const char *a, char rel, const char *b, const char *at)
{
	int x = bc_collate(a, b), y = bc_collate(b, a);
	if (rel == '<' && (x >= 0 || y <= 0))
		fail_msg("%s: '%s' does not sort before '%s'", at, a, b);
	if (rel == '<' && !key_below(a, b))
		fail_msg("%s: the key of '%s' is not below that of '%s'", at,
			 a, b);
	if (rel == '=' && (x != 0 || y != 0 || !same_key(a, b)))
		fail_msg("%s: '%s' and '%s' sort apart", at, a, b);
	if (rel == '~' && !same_key(a, b))
		fail_msg("%s: '%s' and '%s' have different keys", at, a, b);
	if (rel == '!' && (x == 0 || (x < 0) != (y > 0) || same_key(a, b)))
		fail_msg("%s: '%s' and '%s' do not sort apart", at, a, b);
}

/* The first relation in s: its place, its length in *len, its kind in
 * *rel; NULL when there is none. */
static const char *next_relation(const char *s, size_t *len, char *rel)
{
	static const struct {
		const char *text;
		char rel;
	} ops[] = {{" < ", '<'}, {" = ", '='}, {" ~ ", '~'},
		 {" ≠ ", '!'}};
	const char *first = NULL;
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		const char *at = strstr(s, ops[i].text);
		if (at && (!first || at < first)) {
			first = at;
			*len = strlen(ops[i].text);
			*rel = ops[i].rel;
		}
	}
	return first;
}

/* One name of a line, its escapes read and its quotes taken off. */
static char *name_of(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s++, n -= 2;
	return test_unescape(s, n);
}

/* Checks one line: names joined by relations. */
static void check_line(const char *line, size_t n, const char *at)
{
	char *text = strndup(line, n), *prev = NULL, *first = NULL;
	assert_non_null(text);
	bool all_before = true;
	size_t names = 0;
	char rel = 0;
	for (const char *p = text;;) {
		size_t len = 0;
		char next = 0;
		const char *op = next_relation(p, &len, &next);
		size_t cut = op ? (size_t)(op - p) : strlen(p);
		char *name = name_of(p, cut);
		names++;
		if (prev)
			related(prev, rel, name, at);
		if (!first)
			first = strdup(name);
		if (!op) {
			if (names < 2)
				fail_msg("%s: a name and no relation", at);
			/* Order is transitive: the first sorts before the last. */
			if (all_before && names > 2)
				related(first, '<', name, at);
			free(name);
			break;
		}
		free(prev);
		prev = name;
		rel = next;
		all_before = all_before && rel == '<';
		p = op + len;
	}
	free(prev);
	free(first);
	free(text);
}

/* Checks every line of a section of tests/data/collate-order.txt. */
static void check_section(const char *section)
{
	test_texts *tx = test_texts_load("collate-order.txt");
	const char *s = test_texts_get(tx, section);
	assert_true(*s);
	size_t lineno = 0;
	for (const char *p = s; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char at[80];
		snprintf(at, sizeof at, "[%s] line %zu", section, ++lineno);
		check_line(p, n, at);
		p += n + (end != NULL);
	}
	test_texts_free(tx);
}

static void the_alphabet(void **state)
{
	check_section("alphabet");
}

static void tones(void **state)
{
	check_section("tones");
}

static void names(void **state)
{
	check_section("names");
}

static void prefix_first(void **state)
{
	check_section("prefix-first");
}

static void case_after_tones(void **state)
{
	check_section("case-after-tones");
}

static void decomposed_like_composed(void **state)
{
	check_section("decomposed");
}

static void ascii_and_digits(void **state)
{
	check_section("ascii-and-digits");
}

/* Bad UTF-8 must not stop a sort or read past the string. */
static void invalid_bytes(void **state)
{
	const char *odd[] = {"\xC3", "a\xE1\xBA", "\x80x", "\xF0\x9F", "\xFF"};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		char *k = bc_collate_key(odd[i]);
		assert_non_null(k);
		bc_free(k);
		assert_int_equal(bc_collate(odd[i], odd[i]), 0);
	}
}

static int by_collate(const void *a, const void *b)
{
	return bc_collate(*(const char *const *)a, *(const char *const *)b);
}

/* The communes of Tân Kỳ, shuffled, come out as a district lists them
 * (tests/data/communes-tan-ky.txt, one a line). */
static void communes_of_tan_ky(void **state)
{
	char *text = test_fixture_read("communes-tan-ky.txt");
	const char *want[32], *v[32];
	size_t n = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (line[0] != '#') {
			assert_true(n < sizeof want / sizeof *want);
			want[n++] = line;
		}
	assert_int_equal(n, 21);
	/* Shuffled by a fixed step prime to 21: no two neighbours stay. */
	for (size_t i = 0; i < n; i++)
		v[i] = want[i * 8 % n];
	qsort(v, n, sizeof *v, by_collate);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_alphabet),
		cmocka_unit_test(tones),
		cmocka_unit_test(names),
		cmocka_unit_test(prefix_first),
		cmocka_unit_test(case_after_tones),
		cmocka_unit_test(decomposed_like_composed),
		cmocka_unit_test(ascii_and_digits),
		cmocka_unit_test(invalid_bytes),
		cmocka_unit_test(communes_of_tan_ky),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

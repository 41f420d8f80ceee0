/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "collate.h"

/* Fails unless every string of v sorts strictly before the next, both
 * through bc_collate and through strcmp of the keys. */
static void ascending(const char *const *v, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (bc_collate(v[i], v[i + 1]) >= 0)
			fail_msg("'%s' does not sort before '%s'", v[i],
				 v[i + 1]);
		if (bc_collate(v[i + 1], v[i]) <= 0)
			fail_msg("'%s' does not sort after '%s'", v[i + 1],
				 v[i]);
		char *a = bc_collate_key(v[i]), *b = bc_collate_key(v[i + 1]);
		assert_non_null(a);
		assert_non_null(b);
		bool ok = strcmp(a, b) < 0;
		bc_free(a);
		bc_free(b);
		if (!ok)
			fail_msg("the key of '%s' is not below that of '%s'",
				 v[i], v[i + 1]);
	}
	/* Order is transitive: the first sorts before the last. */
	if (n > 1 && bc_collate(v[0], v[n - 1]) >= 0)
		fail_msg("'%s' does not sort before '%s'", v[0], v[n - 1]);
}

#define ASCENDING(...)                                                        \
	do {                                                                  \
		const char *v_[] = {__VA_ARGS__};                             \
		ascending(v_, sizeof v_ / sizeof *v_);                        \
	} while (0)

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

static void the_alphabet(void **state)
{
	/* a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y */
	ASCENDING("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i",
		  "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t",
		  "u", "ư", "v", "x", "y");
	ASCENDING("A", "Ă", "Â", "B");
	ASCENDING("D", "Đ", "E");
	ASCENDING("O", "Ô", "Ơ", "P");
	ASCENDING("U", "Ư", "V");
	/* Letters decide before any tone: ằ is after every a. */
	ASCENDING("ạ", "ă", "ằ", "ầ", "b");
	ASCENDING("an", "ăa");
	ASCENDING("dz", "đa");
	ASCENDING("oz", "ôa", "ơa");
	ASCENDING("uz", "ưa");
}

static void tones(void **state)
{
	/* none, huyền, hỏi, ngã, sắc, nặng */
	ASCENDING("Tan", "Tàn", "Tản", "Tãn", "Tán", "Tạn");
	ASCENDING("a", "à", "ả", "ã", "á", "ạ");
	ASCENDING("ư", "ừ", "ử", "ữ", "ứ", "ự");
	ASCENDING("Y", "Ỳ", "Ỷ", "Ỹ", "Ý", "Ỵ");
	/* A tone counts only after every letter: Tạn < Tao. */
	ASCENDING("Tạn", "Tao");
	ASCENDING("Tán", "Tân");
	/* Tones are compared from the left. */
	ASCENDING("Tan Án", "Tàn An");
}

static void names(void **state)
{
	ASCENDING("Xã Dung", "Xã Đồng Văn");
	ASCENDING("Xã Dũng", "Xã Đa");
	ASCENDING("Xã Đồng Văn", "Xã Giai Xuân");
	ASCENDING("Xã Nghĩa Dũng", "Xã Nghĩa Đồng", "Xã Nghĩa Hành",
		  "Xã Nghĩa Hoàn", "Xã Nghĩa Hợp");
	ASCENDING("Xã Tân Hợp", "Xã Tân Hương", "Xã Tiên Kỳ");
}

static void prefix_first(void **state)
{
	ASCENDING("Tân", "Tân An");
	ASCENDING("Xã Tân", "Xã Tân An", "Xã Tân Hợp");
	ASCENDING("Tan", "Tan ", "Tana");
	/* Even when the longer name has no tones and the shorter one has. */
	ASCENDING("Tấn", "Tân An", "Tấn An");
	ASCENDING("", "a");
}

static void case_after_tones(void **state)
{
	/* Case decides only between names equal in letters and tones. */
	ASCENDING("Tan", "tàn");
	ASCENDING("tan", "Tàn");
	ASCENDING("tàn", "Tản");
	ASCENDING("a", "B");
	ASCENDING("A", "b");
	ASCENDING("đa", "Đb");
	int x = bc_collate("Tan", "tan"), y = bc_collate("tan", "Tan");
	assert_int_not_equal(x, 0);
	assert_true((x < 0) == (y > 0));
	x = bc_collate("Đồng", "đồng");
	assert_int_not_equal(x, 0);
	/* Same letters, tones and case: equal. */
	assert_int_equal(bc_collate("Xã Kỳ Sơn", "Xã Kỳ Sơn"), 0);
	assert_true(same_key("Tân", "Tân"));
	assert_false(same_key("Tân", "tân"));
}

/* Text pasted from some systems arrives decomposed (NFD): a base letter
 * followed by combining marks.  It must sort exactly like NFC. */
static void decomposed_like_composed(void **state)
{
	static const char *const pairs[][2] = {
		{"Tản", "Ta\u0309n"},
		{"Tàn", "Ta\u0300n"},
		{"Tạn", "Ta\u0323n"},
		{"Đồng", "\u0110o\u0302\u0300ng"},
		{"Hợp", "Ho\u031B\u0323p"},
		{"Hương", "Hu\u031Bo\u031Bng"},
		{"Ấp", "A\u0302\u0301p"},
		{"Tậy", "Ta\u0323\u0302y"},
		{"Ước", "U\u031Bo\u031B\u0301c"},
		{"Xã Nghĩa Hành", "Xa\u0303 Nghi\u0303a Ha\u0300nh"},
		{"Tăn", "Ta\u0306n"},
		{"Tên", "Te\u0302n"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (!same_key(pairs[i][0], pairs[i][1]))
			fail_msg("'%s' and its NFD form sort apart",
				 pairs[i][0]);
	/* And among composed names, in their place. */
	ASCENDING("Tan", "Ta\u0300n", "Tản", "Ta\u0303n", "Tán", "Ta\u0323n",
		  "Tao");
	ASCENDING("Xã Dung", "Xã \u0110o\u0302\u0300ng Văn", "Xã Giai");
	ASCENDING("Ho", "Ho\u031B", "Hp");
	ASCENDING("Tan", "Ta\u0306n", "Tân");
}

static void ascii_and_digits(void **state)
{
	ASCENDING("abc", "abd", "abda", "b");
	ASCENDING("0", "1", "2", "9", "a");
	ASCENDING("Tổ 1", "Tổ 2", "Tổ A");
	ASCENDING("Xã A", "XãA");
	ASCENDING("f", "g", "j", "k", "w", "x", "z");
	/* Every ASCII letter keeps its place among the others. */
	ASCENDING("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
		  "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x",
		  "y", "z");
	assert_int_equal(bc_collate("baocao", "baocao"), 0);
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

/* The communes of Tân Kỳ, shuffled, come out as a district lists them. */
static void communes_of_tan_ky(void **state)
{
	const char *v[] = {
		"Xã Tiên Kỳ",    "Xã Nghĩa Đồng", "Xã Tân An",     "Xã Kỳ Tân",
		"Xã Đồng Văn",   "Xã Nghĩa Hợp",  "Xã Tân Xuân",   "Xã Nghĩa Dũng",
		"Xã Hương Sơn",  "Xã Phú Sơn",    "Xã Nghĩa Hoàn", "Xã Tân Hương",
		"Xã Giai Xuân",  "Xã Kỳ Sơn",     "Xã Nghĩa Bình", "Xã Tân Long",
		"Xã Nghĩa Hành", "Xã Nghĩa Thái", "Xã Tân Phú",    "Xã Tân Hợp",
		"Xã Nghĩa Phúc",
	};
	const char *want[] = {
		"Xã Đồng Văn",   "Xã Giai Xuân",  "Xã Hương Sơn",  "Xã Kỳ Sơn",
		"Xã Kỳ Tân",     "Xã Nghĩa Bình", "Xã Nghĩa Dũng", "Xã Nghĩa Đồng",
		"Xã Nghĩa Hành", "Xã Nghĩa Hoàn", "Xã Nghĩa Hợp",  "Xã Nghĩa Phúc",
		"Xã Nghĩa Thái", "Xã Phú Sơn",    "Xã Tân An",     "Xã Tân Hợp",
		"Xã Tân Hương",  "Xã Tân Long",   "Xã Tân Phú",    "Xã Tân Xuân",
		"Xã Tiên Kỳ",
	};
	size_t n = sizeof v / sizeof *v;
	assert_int_equal(n, sizeof want / sizeof *want);
	qsort(v, n, sizeof *v, by_collate);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
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

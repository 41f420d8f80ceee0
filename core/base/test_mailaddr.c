/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "mailaddr.h"

static void addresses(void **state)
{
	(void)state;
	static const char *const good[] = {
		"vanthu@tanky.nghean.gov.vn", "a@b.vn", "ubnd.xa-ky-son@gmail.com",
		"x+tag@mail.example.org", "o'neil@example.com", NULL};
	static const char *const bad[] = {
		"", "@", "a@", "@b.vn", "a@b", "a b@c.vn", "a@b .vn",
		"a@b.vn\r\nBcc: x@y.vn", "a@b.vn, c@d.vn", "a@b.vn;c@d.vn",
		"<a@b.vn>", "Ann <a@b.vn>", "a..b@c.vn", ".a@c.vn", "a.@c.vn",
		"a@c..vn", "a@-c.vn", "a@c-.vn", "a@@c.vn", "a@c.vn.",
		"\"a b\"@c.vn", "t\u00fc@xa.vn", "a@x\u00fc.vn", "a@c_d.vn", NULL};
	for (size_t i = 0; good[i]; i++)
		if (!bc_mail_address_ok(good[i]))
			fail_msg("refused: %s", good[i]);
	for (size_t i = 0; bad[i]; i++)
		if (bc_mail_address_ok(bad[i]))
			fail_msg("accepted: %s", bad[i]);
	char longest[300];
	memset(longest, 'a', 64);
	strcpy(longest + 64, "@b.vn");
	assert_true(bc_mail_address_ok(longest));
	memset(longest, 'a', 65);
	strcpy(longest + 65, "@b.vn");
	assert_false(bc_mail_address_ok(longest));
	assert_false(bc_mail_address_ok(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(addresses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

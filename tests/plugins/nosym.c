/* SPDX-License-Identifier: MIT */
/* nosym: a shared object without baocao_exporter(), like a helper
 * library that happens to sit in a plugin directory.  The test copies it
 * beside a Lua exporter of the same name, which baocao must use instead. */
int baocao_test_not_an_exporter(void);

int baocao_test_not_an_exporter(void)
{
	return 42;
}

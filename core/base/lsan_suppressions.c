/* SPDX-License-Identifier: MIT */
/*
 * LeakSanitizer's suppressions, compiled into every executable of a build
 * with AddressSanitizer, so the same list holds for the tests, for the
 * acceptance checks and for anyone running a sanitized baocao by hand.
 * (A suppressions file named in LSAN_OPTIONS only reaches the runs that
 * set it.)  A build without the sanitizer compiles nothing here.
 *
 * libxlsxwriter before 1.1.6 copies a list validation's range formula
 * twice and keeps one copy (worksheet_data_validation_range; fixed
 * upstream in "Fix memory leak in list formula data validation",
 * 5c5b3046); Debian 12 ships 1.1.4.  A template whose choices go to
 * `_lists` (a label with a comma, or lists over 255 characters) loses a
 * few bytes per cell there, in the library.  The library is built without
 * frame pointers, so LeakSanitizer's stack stops at the copy: lxw_strdup,
 * whose copies only the library holds.  Remove this once the build
 * requires libxlsxwriter 1.1.6.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BC_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BC_LSAN 1
#endif

#ifdef BC_LSAN
/* The sanitizer's runtime calls these by name if the program defines
 * them; LSAN_OPTIONS still overrides the options. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

__attribute__((visibility("default"), used))
const char *__lsan_default_suppressions(void)
{
	return "leak:lxw_strdup\n";
}

/* A suppressed leak is the library's, known and listed above: its
 * statistics on stderr would only muddle what a command printed. */
__attribute__((visibility("default"), used))
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int bc_lsan_suppressions_unused;
#endif

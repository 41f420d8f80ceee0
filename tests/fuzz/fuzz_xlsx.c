/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the Excel reader: any bytes, read as a filled template.
 * Built by scripts/fuzz with libFuzzer for long runs; linked with
 * driver.c for the short, deterministic run of the test suite.
 */
#include "xlsx_read.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bc_submissions subs = {0};
	bc_diags d = BC_DIAGS_INIT;
	bc_xlsx_read("fuzz.xlsx", (const char *)data, size, &subs, &d);
	bc_submissions_free(&subs);
	bc_diags_free(&d);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the long-form CSV reader: any bytes, read as
 * submissions, and what it accepts checked against the shipped rules,
 * with the properties of fuzz_submit.h.  Built by scripts/fuzz with
 * libFuzzer for long runs; linked with driver.c for the short,
 * deterministic run of the suite.
 */
#include "fuzz_submit.h"
#include "csv_read.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_submit_one(bc_csv_read_submissions, data, size);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the JSON reader: any bytes, read as a submission, and
 * what it accepts checked against the shipped rules, with the properties
 * of fuzz_submit.h.  Built by scripts/fuzz with libFuzzer for long runs;
 * linked with driver.c for the short, deterministic run of the suite.
 */
#include "fuzz_submit.h"
#include "json_read.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_submit_one(bc_json_read, data, size);
	return 0;
}

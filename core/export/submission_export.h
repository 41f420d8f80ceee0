/* SPDX-License-Identifier: MIT */
/* The built-in submission exporter: the district's figures of a period
 * as the submission file the district itself sends to the level above
 * (docs/formats.md, "A district's submission to the level above"), which
 * a baocao whose rules make districts reporting units imports as any
 * unit's.  Who sends it comes through export.h's bc_export_sender. */
#ifndef BC_SUBMISSION_EXPORT_H
#define BC_SUBMISSION_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_submission_exporter;

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The map a template carries (docs/excel-templates.md), which template.c
 * writes and xlsx_read.c reads back: the hidden sheet `_fields` lists the
 * form, field, sheet and cell of every input cell, the hidden sheet
 * `_meta` the unit, period and ruleset the template was made for.
 */
#ifndef BC_TEMPLATE_MAP_H
#define BC_TEMPLATE_MAP_H

/* Bumped when the map changes meaning: a reader refuses a newer one. */
#define BC_TEMPLATE_VERSION 1

#define BC_MAP_FIELDS_SHEET "_fields"
#define BC_MAP_META_SHEET "_meta"
/* The heads of `_fields`' columns, in the order written. */
#define BC_MAP_HEADS {"form", "field", "sheet", "cell"}
/* The keys of `_meta`, each in column A with its value in B. */
#define BC_MAP_UNIT "unit"
#define BC_MAP_PERIOD "period"
#define BC_MAP_RULESET "ruleset"
#define BC_MAP_HASH "hash"
#define BC_MAP_VERSION "template_version"

#endif

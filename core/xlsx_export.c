/* SPDX-License-Identifier: MIT */
/*
 * The xlsx exporter: one sheet per form, a row per reporting unit and a
 * column per field, in the administrative style of Nghị định
 * 30/2020/NĐ-CP (Times New Roman, the issuing body at the left, the
 * national motto at the right).  Rows are written in order in
 * libxlsxwriter's constant_memory mode, so a national workbook needs
 * little memory.
 */
#include "export_host.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct book {
	lxw_workbook *wb;
	lxw_format *text, *bold, *title, *num, *head;
	json_t *model;
} book;

static void formats(book *b)
{
	b->text = workbook_add_format(b->wb);
	format_set_font_name(b->text, "Times New Roman");
	format_set_font_size(b->text, 12);
	b->bold = workbook_add_format(b->wb);
	format_set_font_name(b->bold, "Times New Roman");
	format_set_bold(b->bold);
	b->title = workbook_add_format(b->wb);
	format_set_font_name(b->title, "Times New Roman");
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	b->num = workbook_add_format(b->wb);
	format_set_font_name(b->num, "Times New Roman");
	format_set_num_format(b->num, "#,##0.##");
	b->head = workbook_add_format(b->wb);
	format_set_font_name(b->head, "Times New Roman");
	format_set_bold(b->head);
	format_set_text_wrap(b->head);
	format_set_border(b->head, LXW_BORDER_THIN);
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void form_sheet(book *b, json_t *form)
{
	const char *id = str(form, "id");
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, id);
	json_t *district = json_object_get(b->model, "district");
	json_t *period = json_object_get(b->model, "period");
	worksheet_write_string(ws, 0, 0, str(district, "name"), b->bold);
	worksheet_write_string(ws, 0, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			       b->bold);
	worksheet_write_string(ws, 1, 4, "Độc lập - Tự do - Hạnh phúc", b->bold);
	worksheet_write_string(ws, 3, 0, str(form, "title"), b->title);
	char line[256];
	snprintf(line, sizeof line, "%s (Từ ngày %s đến ngày %s)",
		 str(period, "label"),
		 str(json_object_get(period, "window"), "from"),
		 str(json_object_get(period, "window"), "to"));
	worksheet_write_string(ws, 4, 0, line, b->text);
	json_t *fields = json_object_get(form, "fields");
	worksheet_write_string(ws, 6, 0, "Đơn vị", b->head);
	size_t i;
	json_t *f;
	lxw_col_t c = 1;
	json_array_foreach(fields, i, f)
		worksheet_write_string(ws, 6, c++, str(f, "label"), b->head);
	json_t *values = json_object_get(
		json_object_get(json_object_get(b->model, "aggregate"), "values"),
		id);
	lxw_row_t r = 7;
	json_t *u;
	json_array_foreach(json_object_get(b->model, "units"), i, u) {
		json_t *mine = json_object_get(values, str(u, "code"));
		if (!mine)
			continue;
		worksheet_write_string(ws, r, 0, str(u, "name"), b->text);
		size_t k;
		c = 1;
		json_array_foreach(fields, k, f) {
			json_t *v = json_object_get(mine, str(f, "id"));
			if (json_is_number(v))
				worksheet_write_number(ws, r, c,
						       json_number_value(v),
						       b->num);
			else if (json_is_boolean(v))
				worksheet_write_boolean(ws, r, c, json_is_true(v),
							b->text);
			else if (json_is_string(v))
				worksheet_write_string(ws, r, c,
						       json_string_value(v),
						       b->text);
			c++;
		}
		r++;
	}
	json_t *agg = json_object_get(json_object_get(json_object_get(
		json_object_get(b->model, "aggregate"), "forms"), id), "fields");
	worksheet_write_string(ws, r, 0, "Tổng cộng", b->bold);
	c = 1;
	json_array_foreach(fields, i, f) {
		json_t *t = json_object_get(json_object_get(agg, str(f, "id")),
					    "total");
		if (json_is_number(t))
			worksheet_write_number(ws, r, c, json_number_value(t),
					       b->num);
		c++;
	}
}

static int run(bc_host *h, const bc_host_api *api)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	book b = {.model = bc_host_model(h)};
	b.wb = workbook_new_opt(bc_host_path(h), &opt);
	if (!b.wb) {
		api->error(h, "cannot create the workbook");
		return -1;
	}
	lxw_doc_properties props = {
		.title = "Báo cáo cải cách hành chính",
		.created = (time_t)bc_host_time(h),
	};
	workbook_set_properties(b.wb, &props);
	formats(&b);
	size_t i;
	json_t *form;
	json_array_foreach(json_object_get(b.model, "forms"), i, form)
		form_sheet(&b, form);
	lxw_error err = workbook_close(b.wb);
	if (err != LXW_NO_ERROR) {
		api->error(h, lxw_strerror(err));
		return -1;
	}
	return 0;
}

const bc_exporter bc_xlsx_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "xlsx",
	.description = "the official workbook (Excel)",
	.extension = "xlsx",
	.run = run,
};

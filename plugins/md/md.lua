-- SPDX-License-Identifier: MIT
--
-- md: the period in Markdown, short enough to paste into a message or a
-- wiki page: who reported, then per form the figures per level with the
-- total and the same period of the previous year, its indicators, and who
-- has not sent it.
--
-- A Lua exporter runs in the rules' sandbox: no io, no os, nothing but
-- write() for output and format_number() for numbers ("1 204", "12,5",
-- as the HTML report and the forms print them).
--
-- Declared with stream = true, it gets the lean model (no units' values,
-- rows or status) and reads the units' status one at a time through
-- each_status(): its memory stays flat however many units report.

-- The model is a read-only proxy.  Indexing a key the model lacks crashed
-- the host of baocao 0.1.0, so values that may be absent (a field's unit,
-- a level a form does not reach) are read from a plain copy made with
-- pairs(), which visits only what exists.
local function plain(p)
  local t = {}
  if p ~= nil then
    for k, v in pairs(p) do t[k] = v end
  end
  return t
end

-- Text of the model inside Markdown: characters that would start markup
-- (or end a table cell) are escaped, line breaks become spaces.
local function md(s)
  s = tostring(s or ""):gsub("[\r\n]+", " ")
  return (s:gsub("[\\`*_%[%]<>|#]", "\\%0"))
end

-- A number of the model: a Lua number, or the text of one with more
-- digits than a float keeps (99999999999999.99), which format_number()
-- writes as exactly.
local function num(v)
  if type(v) ~= "number" and
     not (type(v) == "string" and v:match("^%-?%d+%.?%d*$")) then
    return "–"
  end
  return format_number(v)
end

local function pct(v)
  if type(v) ~= "number" then return "–" end
  return format_number(v) .. "%"
end

local function change(v)
  if type(v) ~= "number" then return "–" end
  local s = format_number(v)
  if v > 0 and s ~= "0" then s = "+" .. s end
  return s
end

-- "2023-02-28" as "28/02/2023".
local function date(s)
  if type(s) ~= "string" then return "" end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return md(s) end
  return d .. "/" .. m .. "/" .. y
end

-- "2023-03-05T09:00:00+07:00" as "09:00 ngày 05/03/2023".
local function time(s)
  if type(s) ~= "string" then return "" end
  local hm = s:match("^%d%d%d%d%-%d%d%-%d%dT(%d%d:%d%d)")
  if not hm then return md(s) end
  return hm .. " ngày " .. date(s)
end

local STATE = {
  on_time = "đúng hạn",
  late = "trễ hạn",
  partial = "gửi chưa đủ",
  missing = "chưa gửi",
}

-- A part a unit owes, as people call it: the report, or a form by the
-- name its rules give ("Biểu số 03"); form_names maps id to name.
local function part_name(p, form_names)
  if p == "report" then return "báo cáo bằng văn bản" end
  return md(form_names[p] or tostring(p):upper())
end

local function row(cells)
  write("| ", table.concat(cells, " | "), " |\n")
end

local function run(model)
  local top = plain(model)
  local period = plain(top.period)
  local district = plain(top.district)
  local levels = {}
  for _, l in pairs(top.levels or {}) do
    local lv = plain(l)
    levels[#levels + 1] = { id = lv.id, label = lv.label or lv.id }
  end
  local names = {}
  for _, u in pairs(top.units or {}) do
    local x = plain(u)
    if x.code then names[x.code] = x.name or x.code end
  end
  local function unit_name(code) return md(names[code] or code) end
  local form_names = {}
  for _, f in pairs(top.forms or {}) do
    local x = plain(f)
    if x.id then form_names[x.id] = x.name end
  end

  -- Heading
  write("# Báo cáo công tác cải cách hành chính – ",
        md(period.label or period.period or ""), "\n\n")
  if district.name then write("**", md(district.name), "**") end
  local window = plain(period.window)
  if window.from and window.to then
    write(" · số liệu từ ", date(window.from), " đến ", date(window.to))
  end
  if period.unit_due then
    write(" · hạn đơn vị gửi báo cáo ", date(period.unit_due))
  end
  write("\n\n")

  -- Status
  local status = plain(top.status)
  local s = plain(status.summary)
  write("## Tình hình gửi báo cáo\n\n")
  if status.as_of then write("Tính đến ngày ", date(status.as_of), ".\n\n") end
  row({ "Phải báo cáo", "Gửi đủ, đúng hạn", "Gửi đủ, trễ hạn",
        "Gửi chưa đủ", "Chưa gửi", "Tỷ lệ gửi đủ", "Tỷ lệ đúng hạn" })
  row({ "---:", "---:", "---:", "---:", "---:", "---:", "---:" })
  row({ num(s.expected), num(s.on_time), num(s.late), num(s.partial),
        num(s.missing), pct(s.reporting_rate), pct(s.on_time_rate) })
  write("\n")
  local behind = {}
  for u in each_status() do
    local x = plain(u)
    if x.state and x.state ~= "on_time" then
      local line = "- " .. md(x.name or names[x.unit] or x.unit) .. ": "
                   .. md(STATE[x.state] or x.state)
      local miss = {}
      for _, p in pairs(x.missing or {}) do miss[#miss + 1] = part_name(p, form_names) end
      if #miss > 0 then line = line .. " (thiếu " .. table.concat(miss, ", ") .. ")" end
      behind[#behind + 1] = line
    end
  end
  if #behind > 0 then
    write("Đơn vị chưa gửi đủ hoặc gửi trễ hạn:\n\n", table.concat(behind, "\n"), "\n\n")
  end

  -- Forms
  local agg = plain(top.aggregate)
  local agg_forms = plain(agg.forms)
  local missing_units = plain(agg.missing_units)
  local head = { "Chỉ tiêu" }
  local align = { "---" }
  for _, l in ipairs(levels) do
    head[#head + 1] = md(l.label)
    align[#align + 1] = "---:"
  end
  for _, h in ipairs({ "Tổng cộng", "Cùng kỳ năm trước", "Tăng, giảm (%)" }) do
    head[#head + 1] = h
    align[#align + 1] = "---:"
  end

  -- The cells of one figure: each level, the total, last year, change.
  local function cells(label, o, sub, change_key)
    local x = plain(o)
    local prev = plain(x.previous)
    local function pick(v)
      if sub then return plain(v)[sub] end
      return v
    end
    local r = { label }
    for _, l in ipairs(levels) do r[#r + 1] = num(pick(x[l.id])) end
    r[#r + 1] = "**" .. num(pick(x.total)) .. "**"
    r[#r + 1] = num(pick(prev.total))
    r[#r + 1] = change_key and change(plain(x[change_key]).total) or "–"
    row(r)
  end

  for _, f in pairs(top.forms or {}) do
    local form = plain(f)
    local a = plain(agg_forms[form.id])
    local afields = plain(a.fields)
    local ainds = plain(a.indicators)
    write("## ", md(form.name or tostring(form.id):upper()), ". ", md(form.title or ""), "\n\n")
    local counted = {}
    local units = plain(a.units)
    for _, l in ipairs(levels) do
      if type(units[l.id]) == "number" then
        counted[#counted + 1] = md(l.label) .. " " .. num(units[l.id])
      end
    end
    if #counted > 0 then
      write("Số đơn vị đã báo cáo: ", table.concat(counted, ", "), ".\n\n")
    end
    row(head)
    row(align)
    for _, fd in pairs(form.fields or {}) do
      local field = plain(fd)
      local label = md(field.label or field.id)
      if field.unit then label = label .. " (" .. md(field.unit) .. ")" end
      local o = plain(afields[field.id])
      if o.method == "count_by" then
        -- A table counted by a column: a row per value of the column.
        -- Each value by its label (plugin ABI 1.1), as stored when the
        -- rules no longer list it.
        local by, shown = o.by, {}
        for _, c in pairs(field.columns or {}) do
          local col = plain(c)
          if col.id == o.by then
            by = col.label or col.id
            shown = plain(col.value_labels)
          end
        end
        local r = { label .. " (số dòng)" }
        for k = 2, #head do r[k] = "" end
        row(r)
        for cat in pairs(o.total or {}) do
          cells("· " .. md(by) .. ": " .. md(shown[cat] or cat), afields[field.id], cat, nil)
        end
      else
        cells(label, afields[field.id], nil, "change_pct")
      end
    end
    local inds = {}
    for _, i in pairs(form.indicators or {}) do inds[#inds + 1] = plain(i) end
    if #inds > 0 then
      write("\nChỉ số (%; tăng, giảm tính bằng điểm phần trăm):\n\n")
      local h = { "Chỉ số" }
      for k = 2, #head do h[k] = head[k] end
      h[#h] = "Tăng, giảm (điểm)"
      row(h)
      row(align)
      for _, ind in ipairs(inds) do
        cells(md(ind.label or ind.id), ainds[ind.id], nil, "change_pp")
      end
    end
    local miss = {}
    for _, code in pairs(missing_units[form.id] or {}) do
      miss[#miss + 1] = unit_name(code)
    end
    if #miss > 0 then
      write("\nĐơn vị chưa gửi biểu này: ", table.concat(miss, ", "), ".\n")
    end
    write("\n")
  end

  local est = {}
  for _, code in pairs(agg.estimated_units or {}) do est[#est + 1] = unit_name(code) end
  if #est > 0 then
    write("Đơn vị báo cáo số liệu ước tính: ", table.concat(est, ", "), ".\n\n")
  end
  write("---\n\nTổng hợp tự động từ báo cáo của các đơn vị")
  if top.ruleset then write(" theo bộ quy tắc ", md(top.ruleset)) end
  if top.generated_at then write(", lập lúc ", time(top.generated_at)) end
  write(". “–”: không có số liệu.\n")
end

exporter {
  name = "md",
  description = "a Markdown summary of the period, in Vietnamese",
  extension = "md",
  stream = true,
  run = run,
}

/* The files a record of the day takes its values from, read in the browser: the mirror of
 * src/iwe_pack/sources/record_csv.py (and of sources/text.py's read_text, and of Python's csv reader).
 *
 * Each function has the name of the Python one it mirrors, in camelCase, and reports the same problems with the
 * same file, line, row and column. Works in a browser (window.IWERecordCsv) and in Node (module.exports).
 */
(function (root) {
  "use strict";
  var S = typeof module !== "undefined" && module.exports ? require("./record-schema.js") : root.IWERecordSchema;
  var strip = S.strip, pyRepr = S.pyRepr;
  var FIELD_LIMIT = 131072;  // Python's csv.field_size_limit()

  // read_text: UTF-8 with a size limit; a byte order mark taken off. `bytes` is a Uint8Array.
  function badByte(bytes) {
    var i = 0, n = bytes.length;
    while (i < n) {
      var b = bytes[i];
      if (b < 0x80) { i++; continue; }
      var need, lo = 0x80, hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
      else return i;
      for (var k = 1; k <= need; k++) {
        var c = bytes[i + k];
        if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
      }
      i += need + 1;
    }
    return -1;
  }
  function readText(data, bytes, name, problems) {
    var most = data.fields.max_bytes;
    if (bytes.length > most) {
      problems.add(name, null, null, "file.too-big", { found: bytes.length.toLocaleString("en-GB"), allowed: most.toLocaleString("en-GB") });
      return null;
    }
    var bad = badByte(bytes);
    if (bad >= 0) {
      var line = 1;
      for (var i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
      problems.add(name, line, null, "file.not-utf8", { found: "0x" + bytes[bad].toString(16).padStart(2, "0") });
      return null;
    }
    var text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  // Python's csv.reader (the excel dialect, not strict) over io.StringIO(text, newline=""): yields each row's
  // cells and the number of lines read so far; throws {reason} as csv.Error.
  var START_RECORD = 0, START_FIELD = 1, IN_FIELD = 2, IN_QUOTED = 3, QUOTE_IN_QUOTED = 4, EAT_CRNL = 5, EOL = null;
  function reader(text, delimiter) {
    var lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) || [], at = 0, lineNum = 0;
    function next() {
      var fields = [], field = [], state = START_RECORD, started = false;
      function save() { fields.push(field.join("")); field = []; }
      function add(c) { if (field.length >= FIELD_LIMIT) throw { reason: "field larger than field limit (" + FIELD_LIMIT + ")" }; field.push(c); }
      function nl(c) { return c === "\n" || c === "\r"; }
      function one(c) {
        switch (state) {
          case START_RECORD:
            if (c === EOL) return;
            if (nl(c)) { state = EAT_CRNL; return; }
            state = START_FIELD;
          // falls through
          case START_FIELD:
            if (c === EOL || nl(c)) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
            else if (c === '"') state = IN_QUOTED;
            else if (c === delimiter) save();
            else { add(c); state = IN_FIELD; }
            return;
          case IN_FIELD:
            if (c === EOL || nl(c)) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
            else if (c === delimiter) { save(); state = START_FIELD; }
            else add(c);
            return;
          case IN_QUOTED:
            if (c === EOL) return;
            if (c === '"') state = QUOTE_IN_QUOTED;
            else add(c);
            return;
          case QUOTE_IN_QUOTED:
            if (c === '"') { add('"'); state = IN_QUOTED; }
            else if (c === delimiter) { save(); state = START_FIELD; }
            else if (c === EOL || nl(c)) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
            else { add(c); state = IN_FIELD; }
            return;
          case EAT_CRNL:
            if (nl(c)) return;
            if (c === EOL) { state = START_RECORD; return; }
            throw { reason: "new-line character seen in unquoted field - do you need to open the file with newline=''?" };
        }
      }
      do {
        if (at >= lines.length) {
          if (started && (field.length || state === IN_QUOTED)) { save(); break; }
          return null;
        }
        started = true;
        var line = lines[at++];
        lineNum++;
        for (var i = 0; i < line.length; i++) one(line[i]);
        one(EOL);
      } while (state !== START_RECORD);
      return fields;
    }
    return { next: next, lineNum: function () { return lineNum; } };
  }
  function nonBlank(cells) { return cells.some(function (c) { return strip(c); }); }

  // separator: the character between cells, or the characters it could be (an array)
  function separator(data, text) {
    var splits = {}, order = [];
    Object.keys(data.csv.separators).forEach(function (sep) {
      var r = reader(text, sep), counts = [], cells;
      try {
        for (var n = 0; n < data.csv.separator_rows + 1 && (cells = r.next()) !== null; n++) if (nonBlank(cells)) counts.push(cells.length);
      } catch (e) { return; }
      if (counts.length && counts[0] > 1) { splits[sep] = counts; order.push(sep); }
    });
    if (!order.length || (order.length === 1 && order[0] === ",")) return ",";
    if (order.length === 1) return order[0];
    var even = order.filter(function (sep) { return splits[sep].every(function (c) { return c === splits[sep][0]; }); });
    if (even.indexOf(",") >= 0 || (!even.length && "," in splits)) return ",";
    if (even.length === 1) return even[0];
    return even.length ? even : order;
  }

  function fmt(n) { return Number(n).toLocaleString("en-GB"); }

  // read_table: the header row and the rows that are not blank, each [row, line it starts on, cells]
  function readTable(data, text, name, problems, rowsAllowed, maxRows, limit) {
    maxRows = maxRows == null ? data.csv.max_rows : maxRows;
    var sep = separator(data, text);
    if (Array.isArray(sep)) {
      problems.add(name, 1, null, "record.csv-separator", { found: sep.map(function (s) { return data.csv.separators[s]; }).join(" or "),
        allowed: "a file with commas between cells (in Excel: Save as, CSV UTF-8 (Comma delimited))" });
      return null;
    }
    var r = reader(text, sep), rows = [], header = null, start = 1, cells;
    try {
      while ((cells = r.next()) !== null) {
        if (header === null) header = cells.map(strip);
        else if (nonBlank(cells)) {
          if (rows.length === maxRows) {
            problems.add(name, start, null, "record.csv-too-many-rows", { allowed: fmt(maxRows), limit: limit || "a scoring or timing file is far shorter" });
            return null;
          }
          rows.push([rows.length + 2, start, cells]);
        }
        start = r.lineNum() + 1;
      }
    } catch (e) {
      if (!e || e.reason === undefined) throw e;
      problems.add(name, start, null, "record.csv-bad-row", { row: rows.length + 2, reason: e.reason });
      return null;
    }
    if (!header || !header.some(function (h) { return h; })) { problems.add(name, 1, null, "record.csv-empty"); return null; }
    if (!rows.length) { problems.add(name, 1, null, "record.csv-no-rows", { allowed: rowsAllowed }); return null; }
    var count = function (c) { return header.filter(function (h) { return h === c; }).length; };
    var twice = header.filter(function (c, i) { return count(c) > 1 && header.indexOf(c) === i; }).sort(pyOrder);
    twice.forEach(function (col) { problems.add(name, 1, col, "record.csv-duplicate-column", { found: pyRepr(col), count: count(col) }); });
    var bad = false;
    rows.forEach(function (row) {
      if (row[2].length !== header.length) {
        problems.add(name, row[1], null, "record.csv-cell-count", { row: row[0], found: row[2].length, allowed: header.length });
        bad = true;
      }
    });
    return bad || twice.length ? null : { file: name, header: header, rows: rows, separator: sep };
  }
  // Python's order of texts (by code point)
  function pyOrder(a, b) { var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    return x.length - y.length; }

  function columns(table, required, what, layout, problems, exact) {
    var ok = true, missing = required.filter(function (c) { return table.header.indexOf(c) < 0; });
    if (missing.length) {
      problems.add(table.file, 1, null, "record.csv-missing-columns", { found: missing.map(pyRepr).join(", "), what: what,
        header: table.header.map(pyRepr).join(", "), allowed: layout });
      ok = false;
    }
    var extra = exact ? table.header.filter(function (c) { return required.indexOf(c) < 0; }) : [];
    if (extra.length) {
      problems.add(table.file, 1, null, "record.csv-unexpected-columns", { found: extra.map(pyRepr).join(", "), what: what,
        hint: S.didYouMean(extra[0], missing), allowed: layout });
      ok = false;
    }
    return ok;
  }

  // _cell: a cell as typed, without the ' a spreadsheet export puts before =, +, - or @
  function cell(text) {
    var t = strip(text);
    return t.charAt(0) === "'" ? t.replace(/'(?=[=+\-@\t\r])/, "") : t;
  }

  function readScores(data, text, name, problems) {
    var table = readTable(data, text, name, problems, "a row for each principle, as the scoring tool writes it");
    if (!table) return null;
    var layout = "principle_id,principle, a column for each group, then midpoint,agreed (as the scoring tool writes it)";
    if (!columns(table, data.csv.score_head.concat(data.csv.score_tail), "the scoring tool's file", layout, problems)) return null;
    var out = [], seen = {}, pidAt = table.header.indexOf("principle_id"), agreedAt = table.header.indexOf("agreed");
    table.rows.forEach(function (r) {
      var row = r[0], line = r[1], pid = cell(r[2][pidAt]), agreed = cell(r[2][agreedAt]);
      if (Object.prototype.hasOwnProperty.call(seen, pid)) {
        problems.add(table.file, line, "principle_id", "record.csv-duplicate-row", { row: row, found: pyRepr(pid), first: seen[pid] });
        return;
      }
      seen[pid] = row;
      var score = null, decimalComma = table.separator !== "," && /^[0-9]+,[0-9]+$/.test(agreed);
      if (agreed) {
        score = S.parseScore(data, decimalComma ? agreed.replace(/,/g, ".") : agreed);
        if (score === null) {
          problems.add(table.file, line, "agreed", "record.csv-bad-score", { row: row, found: pyRepr(agreed), allowed: data.fields.score.allowed });
          return;
        }
      }
      out.push({ principle_id: pid, score: score, ref: { file: table.file, line: line, field: "agreed", row: row } });
    });
    return out;
  }

  // datetime.strptime(text, "%Y-%m-%dT%H:%M"), or null
  function localTime(text) {
    var m = /^([0-9]{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])[Tt](2[0-3]|[0-1][0-9]|[0-9]):([0-5][0-9]|[0-9])$/.exec(text);
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
    var p = function (n) { return String(n).padStart(2, "0"); };
    return { date: String(y).padStart(4, "0") + "-" + p(mo) + "-" + p(d), text: String(y).padStart(4, "0") + "-" + p(mo) + "-" + p(d) + "T" + p(+m[4]) + ":" + p(+m[5]) };
  }

  function readTimes(data, text, name, problems) {
    var table = readTable(data, text, name, problems, "a row for each item of the agenda, as run mode writes it");
    if (!table) return null;
    var cols = data.csv.time_columns, layout = cols.join(",") + " (as run mode writes it)";
    if (!columns(table, cols, "run mode's timing file", layout, problems, true)) return null;
    if (table.header.join("\u0000") !== cols.join("\u0000")) {
      problems.add(table.file, 1, null, "record.csv-column-order", { found: table.header.join(","), allowed: layout });
      return null;
    }
    var out = [], seen = {}, M = data.fields.minutes;
    table.rows.forEach(function (r) {
      var row = r[0], line = r[1], c = {};
      cols.forEach(function (k, i) { c[k] = cell(r[2][i]); });
      var sid = c.section_id;
      if (!sid) return;
      if (Object.prototype.hasOwnProperty.call(seen, sid)) {
        problems.add(table.file, line, "section_id", "record.csv-duplicate-row", { row: row, found: pyRepr(sid), first: seen[sid] });
        return;
      }
      seen[sid] = row;
      var ok = true, actual = null;
      if (c.actual_minutes) {
        if (!/^[0-9]{1,9}$/.test(c.actual_minutes)) {
          problems.add(table.file, line, "actual_minutes", "record.csv-bad-minutes", { row: row, found: pyRepr(c.actual_minutes) });
          ok = false;
        } else if (parseInt(c.actual_minutes, 10) > M.max) {
          problems.add(table.file, line, "actual_minutes", "record.csv-minutes-too-long", { row: row, found: pyRepr(c.actual_minutes), allowed: M.allowed });
          ok = false;
        } else actual = parseInt(c.actual_minutes, 10);
      }
      var times = {};
      ["started", "ended"].forEach(function (col) {
        times[col] = null;
        if (c[col]) {
          times[col] = localTime(c[col]);
          if (!times[col]) { problems.add(table.file, line, col, "record.csv-bad-time", { row: row, found: pyRepr(c[col]) }); ok = false; }
        }
      });
      if (times.started && times.ended && times.ended.text < times.started.text) {
        problems.add(table.file, line, "ended", "record.csv-ends-before-start", { row: row, found: pyRepr(c.ended), started: pyRepr(c.started) });
        ok = false;
      }
      if (ok) out.push({ section_id: sid, actual: actual, started: times.started, ended: times.ended,
        ref: { file: table.file, line: line, field: "actual_minutes", row: row } });
    });
    return out;
  }

  // evaluation_columns: which column holds each answer (`source` is {file, columns, where}: `where` the record's file)
  function evaluationColumns(data, source, header, problems) {
    var fields = data.csv.evaluation_fields, where = source.where;
    if (source.columns == null) {
      var found = {};
      fields.forEach(function (f) { if (header.indexOf(f) >= 0) found[f] = f; });
      if (!Object.keys(found).length) {
        problems.add(where, null, "evaluation.from", "record.evaluation-no-columns", { found: header.map(pyRepr).join(", "), allowed: fields.join(", ") });
        return null;
      }
      return found;
    }
    var ok = true, mapped = {};
    Object.keys(source.columns).forEach(function (key) {
      var column = source.columns[key], field = "evaluation.columns." + key;
      if (Object.prototype.hasOwnProperty.call(mapped, column)) {
        problems.add(where, null, field, "record.column-mapped-twice", { found: pyRepr(column), other: mapped[column], first: null });
        ok = false;
        return;
      }
      mapped[column] = key;
      if (fields.indexOf(key) < 0) {
        problems.add(where, null, field, "record.unknown-answer-field", { found: pyRepr(key), hint: S.didYouMean(key, fields), allowed: fields.join(", ") });
        ok = false;
      } else if (header.indexOf(column) < 0) {
        var lower = [];
        header.forEach(function (h) { if (lower.indexOf(h.toLowerCase()) < 0) lower.push(h.toLowerCase()); });
        var near = S.didYouMean(column, header) || S.didYouMean(column.toLowerCase(), lower);
        problems.add(where, null, field, "record.column-not-in-file", { found: pyRepr(column), hint: near, csv_file: source.file,
          allowed: header.map(pyRepr).join(", ") });
        ok = false;
      }
    });
    return ok ? Object.assign({}, source.columns) : null;
  }

  function parseRating(text) {
    var m = /^([0-9]+)(?![0-9.,])/.exec(strip(text));
    return m && +m[1] >= 1 && +m[1] <= 5 ? +m[1] : null;
  }

  function readEvaluation(data, text, name, source, problems) {
    var C = data.csv, most = C.rows_allowed;
    var table = readTable(data, text, name, problems, "a row for each person who answered", most,
      "4 for each of the pack's " + data.attendees + " attendees, plus 20");
    if (!table) return null;
    var cols = evaluationColumns(data, source, table.header, problems);
    if (!cols) return null;
    var at = {};
    Object.keys(cols).forEach(function (f) { at[f] = table.header.indexOf(cols[f]); });
    var out = [];
    table.rows.forEach(function (r) {
      var row = r[0], line = r[1], cells = r[2], ratings = {}, texts = {}, ok = true;
      C.ratings.forEach(function (f) {
        if (!(f in at) || !strip(cells[at[f]])) return;
        var t = strip(cells[at[f]]), rating = parseRating(t);
        if (rating === null) {
          problems.add(table.file, line, cols[f], "record.csv-bad-rating", { row: row, found: pyRepr(t), allowed: C.rating_allowed });
          ok = false;
          return;
        }
        ratings[f] = rating;
      });
      C.texts.concat([C.name]).forEach(function (f) {
        var n = f in at ? Array.from(strip(cells[at[f]])).length : 0;
        if (n > C.max_answer) {
          problems.add(table.file, line, cols[f], "record.csv-answer-too-long", { row: row, found: fmt(n), allowed: fmt(C.max_answer) });
          ok = false;
        }
      });
      C.texts.forEach(function (f) { if (f in at && strip(cells[at[f]])) texts[f] = strip(cells[at[f]]); });
      var person = C.name in at ? strip(cells[at[C.name]]) : "";
      if (["anonymous", "anon"].indexOf(person.toLowerCase()) >= 0) person = "";
      if (ok) out.push({ ratings: ratings, texts: texts, name: person || null, row: row, line: line });
    });
    return { fields: C.evaluation_fields.filter(function (f) { return f in cols; }), responses: out, header: table.header };
  }

  var api = { readText: readText, reader: reader, separator: separator, readTable: readTable, cell: cell, readScores: readScores,
    readTimes: readTimes, evaluationColumns: evaluationColumns, parseRating: parseRating, readEvaluation: readEvaluation };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.IWERecordCsv = api;
})(typeof window !== "undefined" ? window : this);

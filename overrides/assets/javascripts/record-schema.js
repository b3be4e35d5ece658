/* The record of the day's schema in the browser: the mirror of src/iwe_pack/sources/record_schema.py (and of the
 * strict YAML reader's rules for the values the page writes, sources/typed_yaml.py), and the record's YAML writer.
 *
 * A record here is what the YAML file holds: an object whose values are the texts written (each written
 * double-quoted, so the reader sees exactly them), true or false for `smart`, lists and tables.
 * Every word and pattern comes from the page's data (src/iwe_pack/views/record_page.py).
 * tests/test_record_page.py checks the problems found here are those `iwe-pack check` finds.
 * Works in a browser (window.IWERecordSchema) and in Node (module.exports).
 */
(function (root) {
  "use strict";

  // --- words, as the engine fills them (diagnostics/record.py) ---
  function fill(template, values) {
    return template.replace(/\{(\w+)(!r)?\}/g, function (all, key, r) {
      if (!(key in values)) return all;
      var v = values[key] == null ? "None" : values[key];
      return r ? pyRepr(v) : String(v);
    });
  }
  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
  // Python's repr() of a text: quotes and escapes as Python writes them
  function pyRepr(s) {
    s = String(s);
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var cp = s.codePointAt(i), ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      if (ch === "\\") out += "\\\\";
      else if (ch === quote) out += "\\" + quote;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
        var hex = cp.toString(16);
        out += cp <= 0xff ? "\\x" + hex.padStart(2, "0") : cp <= 0xffff ? "\\u" + hex.padStart(4, "0") : "\\U" + hex.padStart(8, "0");
      } else out += ch;
    }
    return quote + out + quote;
  }
  // The spaces Python's str.strip() takes off (str.isspace), not the browser's trim(), which also takes U+FEFF
  var SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  function isSpace(ch) { return ch.length === 1 && SPACES.indexOf(ch) >= 0; }
  function strip(s) {
    s = String(s);
    var a = 0, b = s.length;
    while (a < b && isSpace(s[a])) a++;
    while (b > a && isSpace(s[b - 1])) b--;
    return s.slice(a, b);
  }

  // difflib.get_close_matches(found, choices, n=1, cutoff=0.6), as did_you_mean uses it
  function matched(a, b) {
    var b2j = {}, n = b.length;
    b.forEach(function (ch, j) { (b2j[ch] = b2j[ch] || []).push(j); });
    if (n >= 200) {
      var most = Math.floor(n / 100) + 1;
      Object.keys(b2j).forEach(function (ch) { if (b2j[ch].length > most) delete b2j[ch]; });
    }
    function longest(alo, ahi, blo, bhi) {
      var bi = alo, bj = blo, size = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, js = Object.prototype.hasOwnProperty.call(b2j, a[i]) ? b2j[a[i]] : [];
        for (var x = 0; x < js.length; x++) {
          var j = js[x];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
          if (k > size) { bi = i - k + 1; bj = j - k + 1; size = k; }
        }
        j2len = next;
      }
      while (bi > alo && bj > blo && a[bi - 1] === b[bj - 1]) { bi--; bj--; size++; }
      while (bi + size < ahi && bj + size < bhi && a[bi + size] === b[bj + size]) size++;
      return [bi, bj, size];
    }
    var queue = [[0, a.length, 0, b.length]], total = 0;
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]), i = m[0], j = m[1], k = m[2];
      if (k) {
        total += k;
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    return total;
  }
  function ratio(a, b) { var n = a.length + b.length; return n ? 2 * matched(a, b) / n : 1; }
  function didYouMean(found, choices) {
    var b = Array.from(String(found)), best = null;
    choices.forEach(function (x) {
      var r = ratio(Array.from(String(x)), b);
      if (r >= 0.6 && (!best || r > best[0] || (r === best[0] && String(x) > best[1]))) best = [r, String(x)];
    });
    return best ? " (did you mean " + pyRepr(best[1]) + "?)" : "";
  }

  // --- problems: as the engine's Collector keeps them ---
  function Problems(data) { this.data = data; this.list = []; }
  Problems.prototype.add = function (file, line, field, code, values) {
    values = values || {};
    var all = Object.assign({ found: null, allowed: null, hint: "" }, values);
    if (all.hint == null) all.hint = "";
    this.list.push({ code: code, file: file, line: line, field: field, values: all,
      message: fill(this.data.messages[code], all) });
  };

  // --- values (sources/schema.py PackDate, record_schema.py Score, typed_yaml.py) ---
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  // PackDate.parse: null, or [code, details]; `date` is the ISO date when it parses
  function parseDate(data, text) {
    var m = new RegExp(data.fields.date).exec(text);
    if (!m) return { problem: ["value.date-format", {}] };
    var y = +m[1], mo = +m[2], d = +m[3], years = data.fields.years;
    if (y < years[0] || y > years[1]) return { problem: ["value.date-year", { first: years[0], last: years[1] }] };
    if (mo < 1 || mo > 12) return { problem: ["value.no-such-month", {}] };
    if (y < 1 || d < 1 || d > daysIn(y, mo)) return { problem: ["value.no-such-day", { month: MONTHS[mo - 1] + " " + y, days: daysIn(y, mo) }] };
    return { date: String(y).padStart(4, "0") + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0") };
  }
  function parseScore(data, text) {
    var t = strip(text);
    if (!new RegExp(data.fields.score.pattern).test(t)) return null;
    var v = parseFloat(t);
    return v * 2 === Math.floor(v * 2) ? v : null;
  }

  // The converter for the values a record holds (typed_yaml.py Converter, record_schema.py RecordConverter)
  function Converter(data, problems, file) { this.data = data; this.p = problems; this.file = file; this.ok = true; }
  Converter.prototype.fail = function (path, code, values) { this.p.add(this.file, null, path || "(top level)", code, values); this.ok = false; return undefined; };
  Converter.prototype.text = function (value, path) {
    if (typeof value !== "string") return this.fail(path, "yaml.wrong-type", { found: "a list of keys and values", allowed: "some text" });
    var t = strip(value);
    if (!t) return this.fail(path, "yaml.empty-text");
    var bad = new RegExp(this.data.fields.control, "u").exec(t);
    if (bad) return this.fail(path, "yaml.control-character", { found: "U+" + bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0") });
    return t;
  };
  Converter.prototype.date = function (value, path) {
    var r = parseDate(this.data, strip(value));
    if (r.problem) return this.fail(path, r.problem[0], Object.assign({ found: pyRepr(value) }, r.problem[1]));
    return r.date;
  };
  Converter.prototype.score = function (value, path) {
    var v = parseScore(this.data, value);
    if (v === null) return this.fail(path, "record.bad-score", { found: pyRepr(value), allowed: this.data.fields.score.allowed });
    return v;
  };
  Converter.prototype.minutes = function (value, path) {
    var meta = this.data.fields.minutes, t = strip(value);
    if (/^[0-9]{1,9}$/.test(t)) {
      var n = parseInt(t, 10);
      if (n < meta.min || n > meta.max) return this.fail(path, "yaml.wrong-type", { found: n, allowed: meta.allowed });
      return n;
    }
    var shown = Array.from(value);
    return this.fail(path, "yaml.wrong-type", { found: pyRepr(shown.length <= 60 ? value : shown.slice(0, 57).join("") + "..."), allowed: meta.allowed });
  };
  Converter.prototype.table = function (value, path, one) {
    var out = {}, self = this;
    Object.keys(value).forEach(function (key) {
      if (!key) { self.fail(path, "yaml.plain-key"); return; }
      var v = one.call(self, value[key], path + "." + key);
      if (v !== undefined) out[key] = v;
    });
    return out;
  };
  Converter.prototype.from = function (value, path, keys) {
    var out = {}, self = this;
    Object.keys(value).forEach(function (key) {
      if (key === "from") out.file = self.text(value.from, path + ".from");
      else if (key === "columns") out.columns = self.table(value.columns, path + ".columns", self.text);
    });
    return out;
  };
  Converter.prototype.object = function (value, path, spec, missing) {
    var out = {}, self = this;
    Object.keys(spec).forEach(function (key) {
      if (value[key] === undefined || value[key] === null) {
        if (key in missing) self.fail(path + "." + key, "yaml.missing-key", { key: key, allowed: missing[key] });
        return;
      }
      var v = spec[key].call(self, value[key], path + "." + key);
      if (v !== undefined) out[key] = v;
    });
    return out;
  };
  Converter.prototype.list = function (value, path, one) {
    var self = this;
    return value.map(function (item, i) { return one.call(self, item, path + "." + (i + 1)); });
  };
  Converter.prototype.smart = function (value, path) {
    if (value === true || value === false) return value;
    return this.fail(path, "yaml.wrong-type", { found: pyRepr(value), allowed: "true or false" });
  };

  // load_record: the record's values, or null with the problems in `problems` (as RecordConverter reads the YAML)
  function loadRecord(data, rec, problems, file) {
    var c = new Converter(data, problems, file), out = {}, M = data.missing;
    var action = { what: c.text, by: c.date, smart: c.smart, who: c.text, principle: c.text };
    var governance = { group: c.text, meets: c.text, lead: c.text };
    var notNow = { what: c.text, why: c.text };
    if (rec.illustrative != null) out.illustrative = c.smart(rec.illustrative, "illustrative");
    if (rec.held != null) out.held = c.date(rec.held, "held");
    if (rec.scores != null) out.scores = "from" in rec.scores ? { from: c.from(rec.scores, "scores") } : c.table(rec.scores, "scores", c.score);
    if (rec.vision != null) out.vision = c.text(rec.vision, "vision");
    out.purpose = rec.purpose ? c.list(rec.purpose, "purpose", c.text) : [];
    out.actions = rec.actions ? c.list(rec.actions, "actions", function (a, p) { return this.object(a, p, action, M.action); }) : [];
    if (rec.governance != null) out.governance = c.object(rec.governance, "governance", governance, M.governance);
    if (rec.next_meeting != null) out.next_meeting = c.date(rec.next_meeting, "next_meeting");
    if (rec.next_meeting_note != null) out.next_meeting_note = c.text(rec.next_meeting_note, "next_meeting_note");
    out.not_now = rec.not_now ? c.list(rec.not_now, "not_now", function (n, p) { return this.object(n, p, notNow, M.not_now); }) : [];
    if (rec.minutes != null) out.minutes = "from" in rec.minutes ? { from: c.from(rec.minutes, "minutes") } : c.table(rec.minutes, "minutes", c.minutes);
    if (rec.evaluation != null) out.evaluation = c.from(rec.evaluation, "evaluation");
    return c.ok ? out : null;
  }

  // --- the YAML file: every text double-quoted, with each character YAML would read otherwise escaped ---
  function escapeChar(ch) {
    var cp = ch.codePointAt(0);
    if (ch === "\\" || ch === '"') return "\\" + ch;
    if ((cp >= 0x20 && cp <= 0x7e) || cp >= 0x10000) return ch;
    if (cp >= 0xa0 && cp <= 0xfffd && cp !== 0x2028 && cp !== 0x2029 && cp !== 0xfeff && (cp < 0xd800 || cp > 0xdfff)) return ch;
    return cp <= 0xff ? "\\x" + cp.toString(16).toUpperCase().padStart(2, "0") : "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
  }
  function q(s) { return '"' + Array.from(String(s)).map(escapeChar).join("") + '"'; }
  function scalar(v) { return v === true ? "true" : v === false ? "false" : q(v); }
  function writeObject(out, obj, indent, first) {
    Object.keys(obj).forEach(function (k, i) {
      var lead = i === 0 && first ? first : indent, v = obj[k];
      if (v === undefined || v === null) return;
      if (typeof v === "object" && !Array.isArray(v)) {
        out.push(lead + q(k) + ":");
        writeObject(out, v, indent + "  ");
      } else out.push(lead + q(k) + ": " + scalar(v));
    });
  }
  function toYaml(data, rec, heading) {
    var out = (heading || []).map(function (l) { return "# " + l.replace(/[^\x20-\x7e]/g, "?"); });
    var keys = ["illustrative", "held", "scores", "vision", "purpose", "actions", "governance", "next_meeting", "next_meeting_note", "not_now", "minutes", "evaluation"];
    var any = false;
    keys.forEach(function (k) {
      var v = rec[k];
      if (v === undefined || v === null || (Array.isArray(v) && !v.length)) return;
      any = true;
      if (Array.isArray(v)) {
        out.push(k + ":");
        v.forEach(function (item) {
          if (typeof item === "object") writeObject(out, item, "    ", "  - ");
          else out.push("  - " + scalar(item));
        });
      } else if (typeof v === "object") {
        out.push(k + ":");
        writeObject(out, v, "  ");
      } else out.push(k + ": " + scalar(v));
    });
    if (!any) out.push("{}");
    return out.join("\n") + "\n";
  }

  var api = { fill: fill, pyRepr: pyRepr, strip: strip, isSpace: isSpace, didYouMean: didYouMean, Problems: Problems,
    parseDate: parseDate, parseScore: parseScore, loadRecord: loadRecord, toYaml: toYaml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.IWERecordSchema = api;
})(typeof window !== "undefined" ? window : this);

/* Rules for a record of the day, beyond its types, in the browser: the mirror of src/iwe_pack/checks/records.py
 * (same function names, in camelCase). A value from the record and the same value from an imported file are
 * checked by the same rule; a reference with a row is a CSV file's (record.csv-*).
 * Works in a browser (window.IWERecordChecks) and in Node (module.exports).
 */
(function (root) {
  "use strict";
  var S = typeof module !== "undefined" && module.exports ? require("./record-schema.js") : root.IWERecordSchema;
  var pyRepr = S.pyRepr;

  function report(problems, ref, problem, values) {
    if (ref.row) problems.add(ref.file, ref.line, ref.field, "record.csv-" + problem, Object.assign({ row: ref.row }, values));
    else problems.add(ref.file, ref.line, ref.field, "record." + problem, values);
  }
  function number(score) { return Number.isInteger(score) ? String(score) : String(score); }

  // scores: [principle id, score or null, ref]; idRef: where each id was written (a CSV row's principle_id)
  function checkScores(data, scores, idRef, problems) {
    var ids = data.principles.map(function (p) { return p.id; }), low = data.score_range[0], high = data.score_range[1];
    scores.forEach(function (s) {
      var pid = s[0], score = s[1], ref = s[2];
      if (ids.indexOf(pid) < 0) {
        report(problems, Object.prototype.hasOwnProperty.call(idRef, pid) ? idRef[pid] : ref, "unknown-principle",
          { found: pyRepr(pid), hint: S.didYouMean(pid, ids), allowed: ids.join(", ") });
      } else if (score !== null && !(low <= score && score <= high)) {
        report(problems, ref, "bad-score", { found: pyRepr(number(score)), allowed: "a score from " + low + " to " + high + " in steps of 0.5, such as 2 or 2.5" });
      }
    });
  }

  function checkTimes(data, times, problems) {
    var ids = data.sections.map(function (s) { return s.id; });
    times.forEach(function (t) {
      if (ids.indexOf(t[0]) < 0) report(problems, t[1], "unknown-section", { found: pyRepr(t[0]), hint: S.didYouMean(t[0], ids), allowed: ids.join(", ") });
    });
  }

  // the next meeting and each action's due date are on or after the day (ISO dates compare as texts)
  function checkDates(record, day, whence, file, problems) {
    var dates = record.actions.map(function (a, i) { return [a.by, "actions." + (i + 1) + ".by", "an action's due date"]; });
    if (record.next_meeting != null) dates.push([record.next_meeting, "next_meeting", "the next meeting"]);
    dates.forEach(function (d) {
      if (d[0] < day) problems.add(file, null, d[1], "record.before-the-day", { found: pyRepr(d[0]), day: day, whence: whence, what: d[2] });
    });
  }

  // each time run mode wrote is on the day: times are [{date, text}, ref]
  function checkClock(times, day, whence, problems) {
    times.forEach(function (t) {
      if (t[0].date !== day) report(problems, t[1], "not-on-the-day", { found: pyRepr(t[0].text), day: day, whence: whence });
    });
  }

  // the characters of `text` the pack's font cannot show (sources/fonts.py missing): without the Unicode names,
  // which the browser does not know
  function missing(data, text) {
    if (!data.font || !data.font.length) return [];
    var lost = [];
    Array.from(text).forEach(function (ch) {
      var cp = ch.codePointAt(0);
      if (S.isSpace(ch) || lost.indexOf(ch) >= 0 || data.font.some(function (r) { return cp >= r[0] && cp <= r[1]; })) return;
      lost.push(ch);
    });
    return lost;
  }
  function describe(chars) {
    return chars.slice(0, 5).map(function (c) { return "'" + c + "' (U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + ")"; }).join(", ");
  }

  function texts(record) {
    var out = [];
    ["vision", "next_meeting_note"].forEach(function (k) { if (record[k]) out.push([record[k], k]); });
    record.purpose.forEach(function (p, i) { out.push([p, "purpose." + (i + 1)]); });
    record.actions.forEach(function (a, i) { ["what", "who"].forEach(function (k) { if (a[k]) out.push([a[k], "actions." + (i + 1) + "." + k]); }); });
    if (record.governance) ["group", "meets", "lead"].forEach(function (k) { if (record.governance[k]) out.push([record.governance[k], "governance." + k]); });
    record.not_now.forEach(function (n, i) { ["what", "why"].forEach(function (k) { out.push([n[k], "not_now." + (i + 1) + "." + k]); }); });
    return out;
  }

  // the record's own fields: actions have owners and name real principles; text can be printed
  function checkRecord(data, record, file, problems) {
    var ids = data.principles.map(function (p) { return p.id; });
    record.actions.forEach(function (a, i) {
      var at = "actions." + (i + 1) + ".";
      if (!a.who) problems.add(file, null, at + "who", "record.no-owner");
      if (a.principle != null && ids.indexOf(a.principle) < 0)
        problems.add(file, null, at + "principle", "record.unknown-principle", { found: pyRepr(a.principle), hint: S.didYouMean(a.principle, ids), allowed: ids.join(", ") });
    });
    texts(record).forEach(function (t) {
      var lost = missing(data, t[0]);
      if (lost.length) problems.add(file, null, t[1], "pack.font-cannot-print", { found: describe(lost) });
    });
  }

  var api = { report: report, checkScores: checkScores, checkTimes: checkTimes, checkDates: checkDates, checkClock: checkClock,
    checkRecord: checkRecord, missing: missing };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.IWERecordChecks = api;
})(typeof window !== "undefined" ? window : this);

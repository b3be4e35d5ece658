/* The record of the day read and checked in the browser: the mirror of read_record in src/iwe_pack/model/record.py.
 * `rec` is the record as its YAML file holds it (record-schema.js), `files` the files it names by `from:`
 * ({name: text}). Returns the problems `iwe-pack check` would give, and the record's values for the preview.
 * Works in a browser (window.IWERecordModel) and in Node (module.exports).
 */
(function (root) {
  "use strict";
  var node = typeof module !== "undefined" && module.exports;
  var S = node ? require("./record-schema.js") : root.IWERecordSchema;
  var C = node ? require("./record-csv.js") : root.IWERecordCsv;
  var K = node ? require("./record-checks.js") : root.IWERecordChecks;

  function fileText(data, files, name, problems) {
    var f = files[name];
    if (f == null) return null;
    if (typeof f === "string") return f.charCodeAt(0) === 0xfeff ? f.slice(1) : f;  // text already read
    return C.readText(data, f, name, problems);  // bytes
  }

  function scoresOf(data, rf, files, file, problems) {
    if (rf.scores == null) return {};
    var found, idRefs = {};
    if (rf.scores.from) {
      var name = rf.scores.from.file, text = fileText(data, files, name, problems);
      var rows = text === null ? null : C.readScores(data, text, name, problems);
      if (!rows) return {};
      found = rows.map(function (r) { return [r.principle_id, r.score, r.ref]; });
      rows.forEach(function (r) { idRefs[r.principle_id] = { file: r.ref.file, line: r.ref.line, field: "principle_id", row: r.ref.row }; });
    } else {
      found = Object.keys(rf.scores).map(function (pid) { return [pid, rf.scores[pid], { file: file, line: null, field: "scores." + pid }]; });
    }
    K.checkScores(data, found, idRefs, problems);
    var out = {};
    found.forEach(function (f) { out[f[0]] = f[1]; });
    return out;
  }

  function timesOf(data, rf, files, file, problems) {
    if (rf.minutes == null) return {};
    var out = {};
    if (rf.minutes.from) {
      var name = rf.minutes.from.file, text = fileText(data, files, name, problems);
      var rows = text === null ? null : C.readTimes(data, text, name, problems);
      if (!rows) return {};
      rows.forEach(function (r) { out[r.section_id] = [r.actual, r.ref, r.started, r.ended]; });
      K.checkTimes(data, rows.map(function (r) { return [r.section_id, { file: r.ref.file, line: r.ref.line, field: "section_id", row: r.ref.row }]; }), problems);
      return out;
    }
    var refs = Object.keys(rf.minutes).map(function (sid) { return [sid, { file: file, line: null, field: "minutes." + sid }]; });
    K.checkTimes(data, refs, problems);
    Object.keys(rf.minutes).forEach(function (sid) { out[sid] = [rf.minutes[sid], null, null, null]; });
    return out;
  }

  function evaluationOf(data, rf, files, file, problems) {
    if (rf.evaluation == null) return null;
    var name = rf.evaluation.file, text = fileText(data, files, name, problems);
    if (text === null) return null;
    return C.readEvaluation(data, text, name, { file: name, columns: rf.evaluation.columns, where: file }, problems);
  }

  // read_record: the record's values, or null, with every problem in `problems` (a Problems from record-schema.js)
  function readRecord(data, rec, files, file, problems) {
    var rf = S.loadRecord(data, rec, problems, file);
    if (!rf) return null;
    var n = problems.list.length;
    var day = rf.held ? rf.held : data.date, whence = rf.held ? "held: in the record" : "the pack's date";
    K.checkRecord(data, rf, file, problems);
    K.checkDates(rf, day, whence, file, problems);
    var scores = scoresOf(data, rf, files, file, problems);
    var times = timesOf(data, rf, files, file, problems);
    var clock = [];
    Object.keys(times).forEach(function (sid) {
      var t = times[sid], ref = t[1];
      [["started", t[2]], ["ended", t[3]]].forEach(function (c) {
        if (c[1]) clock.push([c[1], { file: ref.file, line: ref.line, field: c[0], row: ref.row }]);
      });
    });
    K.checkClock(clock, day, whence, problems);
    var evaluation = evaluationOf(data, rf, files, file, problems);
    if (problems.list.length > n) return null;
    return { held: day, record: rf, scores: scores, times: times, evaluation: evaluation };
  }

  var api = { readRecord: readRecord };
  if (node) module.exports = api;
  else root.IWERecordModel = api;
})(typeof window !== "undefined" ? window : this);

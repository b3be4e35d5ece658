/* JS-only helpers the mirrors share: Python's own library and small methods of the engine's classes (math.ceil, format_clock, _n, str.format, sorted, _section, dataclasses.replace, Setup.minutes_for, Setup.total).
 * tests/test_planner_mirror.py holds that these are the only functions of the mirrors with no twin in a model module.
 * Every number and word comes from `data` (src/iwe_pack/views/planner_data.py): nothing here is a second copy of
 * the rules. The page loads planner-base.js, planner-steps.js, planner.js, planner-advice.js and planner-plan.js in
 * that order; in Node, requiring planner-plan.js loads the others. tests/test_plan_page.py and test_big_room.py
 * plan thousands of packs with both engines and check they agree.
 */
(function (IWE) {
  "use strict";
  function ceil(a, b) { return Math.ceil(a / b); }
  function clock(m) { var h = Math.floor(m / 60), mi = m % 60; return (h < 10 ? "0" : "") + h + ":" + (mi < 10 ? "0" : "") + mi; }
  function nWord(n, word) { return n + " " + word + (n !== 1 ? "s" : ""); }
  function fill(template, values) {
    return template.replace(/\{(\w+)(!r)?\}/g, function (all, key, r) {
      if (!(key in values)) return all;
      return r ? "'" + values[key] + "'" : String(values[key]);
    });
  }
  function stableSort(items, key) {
    return items.map(function (x, i) { return [key(x), i, x]; }).sort(function (a, b) {
      var ka = a[0], kb = b[0];
      for (var j = 0; j < ka.length; j++) { if (ka[j] !== kb[j]) return ka[j] < kb[j] ? -1 : 1; }
      return a[1] - b[1];
    }).map(function (t) { return t[2]; });
  }
  function sectionById(data, id) { for (var i = 0; i < data.sections.length; i++) if (data.sections[i].id === id) return data.sections[i]; return null; }
  function copySetup(s, over) { var o = {}; for (var k in s) o[k] = s[k]; for (k in over || {}) o[k] = over[k]; return o; }
  function minutesOf(setup) { var o = {}; setup.minutes.forEach(function (p) { o[p[0]] = p[1]; }); return o; }
  function total(setup) { return setup.minutes.reduce(function (a, p) { return a + p[1]; }, 0) + setup.breaks.reduce(function (a, p) { return a + p[1]; }, 0); }

  IWE.base = { ceil: ceil, clock: clock, nWord: nWord, fill: fill, stableSort: stableSort, sectionById: sectionById, copySetup: copySetup, minutesOf: minutesOf, total: total };
})(typeof globalThis !== "undefined" ? (globalThis.IWE = globalThis.IWE || {}) : (window.IWE = window.IWE || {}));

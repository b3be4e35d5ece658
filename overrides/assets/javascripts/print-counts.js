/* The pages model in the browser: how many pages, and so sheets, each print-off of a plan takes.
 *
 * It mirrors src/iwe_pack/views/print_counts.py, function by function and with the same names. The pages of
 * each print-off that does not change with the plan were measured from the built PDFs; they come in the page's
 * data (data.print.pages), made at build time. tests/test_print_counts.py counts 1,000 plans with both and
 * checks they agree. Works in a browser (window.IWEPrintCounts) and in Node (module.exports).
 */
(function (root) {
  "use strict";

  // print_jobs.py sign_in_rows: a row for each person expected, and spares (a tenth of the room, at least three)
  function sign_in_rows(data, pack) {
    var s = data.print.sign_in;
    return pack.attendees + Math.max(s.least_spares, Math.ceil(pack.attendees / s.people_per_spare));
  }

  function sign_in_pages(rows, facts) {
    var s = facts.sign_in;
    return 1 + Math.max(0, Math.ceil((rows - s.first_page) / s.per_page));
  }

  function scoring_pages(principles, facts) {
    return Math.max(1, principles * facts.scoring.pages_per_principle);
  }

  // Each file of an item of planner.js's print list, as model/plan.py print_list makes them: [who it is for, copies]
  function files_of(item, layout, pack, plan) {
    if (layout === "scoring" && plan.shared && !item.send) return pack.groups.map(function (g) { return [g.name, 1]; });
    return [["", item.copies]];
  }

  function pages_of(item, layout, files, data, pack, plan) {
    var facts = data.print.pages;
    return files.map(function (f) {
      if (layout === "sign-in") return sign_in_pages(sign_in_rows(data, pack), facts);
      if (layout === "scoring") return scoring_pages(f[0] ? plan.allocation[f[0]].length : facts.principles, facts);
      return item.name in facts.fixed ? facts.fixed[item.name] : 1;
    });
  }

  // The print list's rows, as print_counts.py print_rows gives them: each print-off printed (not sent), with its
  // copies, the sheets its files' pages take (cards several to a sheet by the sheet; both sides for some) and its paper.
  function print_rows(data, pack, plan) {
    var facts = data.print.pages, seen = {}, out = [];
    plan.print_list.forEach(function (i) {
      var id = i.handout.id, h = facts.handouts[id], k = seen[id] || 0;
      seen[id] = k + 1;
      var part = (facts.parts[id] || [""])[k] || "";
      if (i.send) return;
      var row = { name: part ? id + "-" + part : id }, files = files_of(i, h.layout, pack, plan);
      var pages = pages_of(row, h.layout, files, data, pack, plan);
      var two = h.double_sided || !!part, sheets = 0;
      files.forEach(function (f, n) {
        var prints = Math.ceil(f[1] / i.handout.per_sheet);
        sheets += (two ? Math.ceil(pages[n] / 2) : pages[n]) * prints;
      });
      out.push({ item: row.name, copies: i.copies, sheets: sheets, paper: h.paper, sides: two ? "double-sided" : "single-sided",
                 title: i.handout.title, sections: i.sections, per_sheet: i.handout.per_sheet });
    });
    return out;
  }

  var api = { sign_in_rows: sign_in_rows, sign_in_pages: sign_in_pages, scoring_pages: scoring_pages, pages_of: pages_of,
              print_rows: print_rows };
  if (typeof module !== "undefined" && module.exports) module.exports = api; else root.IWEPrintCounts = api;
})(this);

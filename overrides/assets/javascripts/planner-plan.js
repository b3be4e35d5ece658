/* A place's plan for its day: the agenda with clock times, the matrix shared out, the print list.
 * The browser's mirror of src/iwe_pack/model/plan.py: each function has the Python function's name in camelCase (a
 * "_" helper without its underscore, a property as the class's field); tests/test_planner_mirror.py holds that.
 * Every number and word comes from `data` (src/iwe_pack/views/planner_data.py): nothing here is a second copy of
 * the rules. The page loads planner-base.js, planner-steps.js, planner.js, planner-advice.js and planner-plan.js in
 * that order; in Node, requiring planner-plan.js loads the others. tests/test_plan_page.py and test_big_room.py
 * plan thousands of packs with both engines and check they agree.
 */
if (typeof module !== "undefined" && typeof require === "function") require("./planner-advice.js");
(function (IWE) {
  "use strict";
  var ceil = IWE.base.ceil;
  var clock = IWE.base.clock;
  var fill = IWE.base.fill;
  var sectionById = IWE.base.sectionById;
  var minutesOf = IWE.base.minutesOf;
  var total = IWE.base.total;
  var people = IWE.planner.people;
  var evaluate = IWE.planner.evaluate;
  var autoMinutes = IWE.planner.autoMinutes;
  var joinWords = IWE.planner.joinWords;
  var recommend = IWE.planner.recommend;
  var advise = IWE.advice.advise;

  function defaultMinutes(s) { var middle = Math.floor((s.min + s.max) / 2); return Math.max(s.min, middle - middle % 5); }
  function parseClock(text) {
    var m = /^([0-9]{1,2})[:.]([0-9]{2})$/.exec(String(text));
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  }

  function allocate(data, groups, mode) {
    var ps = data.principles, out = {};
    if (mode === "whole" || groups.length <= 1) { groups.forEach(function (g) { out[g.name] = ps.slice(); }); return { shared: false, allocation: out }; }
    var n = ps.length, k = groups.length;
    if (k >= n) { groups.forEach(function (g, i) { out[g.name] = [ps[i % n]]; }); return { shared: true, allocation: out }; }
    var start = 0;
    groups.forEach(function (g, i) {
      var size = Math.floor(n / k) + (i < n % k ? 1 : 0);
      out[g.name] = ps.slice(start, start + size);
      start += size;
    });
    return { shared: true, allocation: out };
  }

  // The print-offs model/plan.py prints apart or a file a group (by the layouts of content/handouts.yml)
  var REFERENCE_PART = { handout: "maturity-matrix", copies: "per-facilitator", title: ": reference pages" };
  var PER_GROUP_FILES = "scoring-sheet";

  // The groups that need a table host (model/plan.py host_groups): those with no facilitator named, after each
  // facilitator not named for a group has taken one of them.
  function hostGroups(pack) {
    var named = {};
    pack.groups.forEach(function (g) { if (g.facilitator) named[g.facilitator] = true; });
    var free = pack.facilitators.filter(function (f) { return !named[f]; }).length;
    return pack.groups.filter(function (g) { return !g.facilitator; }).map(function (g) { return g.name; }).slice(free);
  }

  function printList(data, pack, steps, shared) {
    var counts = { "per-attendee": pack.attendees, "per-group": pack.groups.length, "per-facilitator": pack.facilitators.length,
                   "per-table-host": hostGroups(pack).length, "for-the-room": 1 };
    var online = pack.format === "virtual", used = {}, order = [], byId = {};
    data.handouts.forEach(function (h) { byId[h.id] = h; });
    function use(id) { if (!(id in used)) { used[id] = []; order.push(id); } }
    data.handouts.forEach(function (h) {
      if (h.in_place_packs && h.setting_up && !(online && h.online === "not-used")) { use(h.id); used[h.id] = [data.words["setting-up"]]; }
    });
    data.sections.forEach(function (s) {
      (steps[s.id] || []).forEach(function (p) {
        p.handouts.forEach(function (id) {
          if (byId[id] && byId[id].in_place_packs) {
            use(id);
            if (used[id].indexOf(s.title) < 0) used[id].push(s.title);
          }
        });
      });
    });
    var out = [];
    order.forEach(function (id) {
      var h = byId[id];
      if (online && h.online === "not-used") return;
      var send = online && h.online === "send-as-pdf";
      var copies = online && h.online === "facilitator" ? counts["per-facilitator"] : counts[h.copies];
      if (!copies) return;  // nobody to print it for (no table hosts)
      // a scoring sheet for each group of its own principles (model/plan.py print_list); before the PDFs are
      // counted, one page a file
      if (id === PER_GROUP_FILES && shared && !send) copies = pack.groups.length;
      out.push({ handout: h, copies: copies, sections: used[id], sheets: send ? 0 : Math.ceil(copies / h.per_sheet), send: send });
      // the matrix's reference pages are a print-off of their own, one for each facilitator (model/plan.py PARTS)
      if (id === REFERENCE_PART.handout) {
        var n = counts[REFERENCE_PART.copies];
        out.push({ handout: Object.assign({}, h, { title: h.title + REFERENCE_PART.title }), copies: n,
                   sections: used[id], sheets: send ? 0 : n, send: send });
      }
    });
    return out;
  }

  function setupOf(data, pack, chosen) {
    var breaks = (pack.breaks || []).map(function (b) { return [b.after, b.minutes]; });
    return {
      attendees: pack.attendees, groups: pack.groups.length, facilitators: pack.facilitators.length, format: pack.format,
      self_assessment: pack.self_assessment || "share",
      minutes: data.sections.map(function (s) { return [s.id, s.id in chosen ? chosen[s.id] : defaultMinutes(s)]; }),
      breaks: breaks, technical_host: !!pack.technical_host, start: parseClock(pack.start), workshops: 1,
      capacity: pack.capacity || null,
    };
  }

  // The fewest minutes a section can be cut to on the day (model/plan.py AgendaItem.least): its own minimum, and
  // never less than its steps need for these people
  function itemLeast(minutes, sectionMin, steps) {
    var need = steps.reduce(function (a, s) { return a + s.least; }, 0);
    return Math.min(minutes, Math.max(sectionMin, need));
  }

  function makePlan(data, pack) {
    var chosen = {};
    Object.keys(pack.minutes || {}).forEach(function (id) { if (sectionById(data, id)) chosen[id] = pack.minutes[id]; });
    var setup = autoMinutes(data, setupOf(data, pack, chosen), chosen);
    var evaluation = evaluate(data, setup);
    var rec = evaluation.problems.length ? recommend(data, setup) : null;
    var mins = minutesOf(setup), at = parseClock(pack.start), agenda = [];
    data.sections.forEach(function (s) {
      var timed = [], t = at;
      (evaluation.steps[s.id] || []).forEach(function (p) { timed.push({ start: t, clock: clock(t), minutes: p.minutes, least: p.least, title: p.title, do: p.do, say: p.say, handouts: p.handouts }); t += p.minutes; });
      agenda.push({ start: at, clock: clock(at), end: clock(at + mins[s.id]), minutes: mins[s.id], title: s.title, section: s.id, steps: timed,
                    least: itemLeast(mins[s.id], s.min, timed) });
      at += mins[s.id];
      (pack.breaks || []).forEach(function (b) {
        if (b.after === s.id) { agenda.push({ start: at, clock: clock(at), end: clock(at + b.minutes), minutes: b.minutes, title: b.title || data.words["break"], section: null, steps: [], least: b.minutes }); at += b.minutes; }
      });
    });
    var al = allocate(data, pack.groups, pack.self_assessment || "share");
    return {
      cuts: cuts(data, agenda),
      agenda: agenda, evaluation: evaluation, recommendation: rec, advice: advise(data, evaluation, rec),
      allocation: al.allocation, shared: al.shared, print_list: printList(data, pack, evaluation.steps, al.shared),
      hosts: hostGroups(pack), introductions: evaluation.shape.introductions, total: agenda.reduce(function (a, i) { return a + i.minutes; }, 0),
    };
  }

  /* For each section too short for its steps, which steps were cut to fit it and by how much (model/plan.py cuts). */
  function cuts(data, agenda) {
    var W = data.words, out = [];
    agenda.forEach(function (item) {
      var short = item.steps.filter(function (s) { return s.least > s.minutes; });
      if (!short.length) return;
      var parts = joinWords(short.map(function (s) { return fill(W["cut-step"], { step: s.title.toLowerCase(), minutes: s.minutes, least: s.least }); }));
      out.push(fill(W["cut-to-fit"], { title: item.title, minutes: item.minutes, parts: parts }));
    });
    return out;
  }

  /* The pack with a recommendation's change made (model/plan.py apply). */
  function apply(data, pack, rec) {
    var after = rec.after, out = JSON.parse(JSON.stringify(pack));
    out.groups = out.groups.slice(0, after.groups);
    for (var n = out.groups.length + 1; n <= after.groups; n++) out.groups.push({ name: "Group " + n });
    out.minutes = {};
    after.minutes.forEach(function (p) { out.minutes[p[0]] = p[1]; });
    out.breaks = after.breaks.map(function (b) { return { after: b[0], minutes: b[1], title: pack.format === "virtual" ? data.words["screen-break"] : data.words["break"] }; });
    out.technical_host = pack.technical_host || (after.technical_host ? data.words["to-be-named"] : "");
    out.attendees = after.attendees;
    out.self_assessment = after.self_assessment;
    return out;
  }

  IWE.plan = { defaultMinutes: defaultMinutes, parseClock: parseClock, allocate: allocate, hostGroups: hostGroups, printList: printList, setupOf: setupOf, itemLeast: itemLeast, makePlan: makePlan, cuts: cuts, apply: apply };
  // what the page (window.IWEPlanner) and the tests (module.exports) use
  var api = { makePlan: makePlan, apply: apply, hostGroups: hostGroups, evaluate: IWE.planner.evaluate, allocate: allocate,
              clock: IWE.base.clock, parseClock: parseClock, fill: IWE.base.fill, defaultMinutes: defaultMinutes };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") window.IWEPlanner = api;
})(typeof globalThis !== "undefined" ? (globalThis.IWE = globalThis.IWE || {}) : (window.IWE = window.IWE || {}));

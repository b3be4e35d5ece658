/* The planner: one consistent plan for the people coming, or one coherent change that makes it fit.
 * The browser's mirror of src/iwe_pack/model/planner.py: each function has the Python function's name in camelCase (a
 * "_" helper without its underscore, a property as the class's field); tests/test_planner_mirror.py holds that.
 * Every number and word comes from `data` (src/iwe_pack/views/planner_data.py): nothing here is a second copy of
 * the rules. The page loads planner-base.js, planner-steps.js, planner.js, planner-advice.js and planner-plan.js in
 * that order; in Node, requiring planner-plan.js loads the others. tests/test_plan_page.py and test_big_room.py
 * plan thousands of packs with both engines and check they agree.
 */
if (typeof module !== "undefined" && typeof require === "function") require("./planner-steps.js");
(function (IWE) {
  "use strict";
  var ceil = IWE.base.ceil;
  var nWord = IWE.base.nWord;
  var fill = IWE.base.fill;
  var stableSort = IWE.base.stableSort;
  var sectionById = IWE.base.sectionById;
  var copySetup = IWE.base.copySetup;
  var minutesOf = IWE.base.minutesOf;
  var total = IWE.base.total;
  var groupSize = IWE.steps.groupSize;
  var timingFor = IWE.steps.timingFor;
  var leastMinutes = IWE.steps.leastMinutes;
  var stepsFor = IWE.steps.stepsFor;
  var needed = IWE.steps.needed;
  var planSection = IWE.steps.planSection;

  // The most people one workshop can have: the advice's limit, or the venue's capacity where it holds fewer
  // (model/planner.py Setup.room_limit).
  function roomLimit(setup, rules) {
    var limit = setup.format === "virtual" ? rules.room_size.virtual : rules.room_size.in_person;
    return setup.capacity && setup.format !== "virtual" ? Math.min(limit, setup.capacity) : limit;
  }
  function shapeOf(setup, introductions) {
    return { attendees: setup.attendees, groups: setup.groups, format: setup.format, introductions: introductions, self_assessment: setup.self_assessment };
  }
  function principlesPerGroup(data, groups, mode) {
    var n = data.principles.length;
    return mode === "whole" || groups <= 1 ? n : ceil(n, groups);
  }
  function introductionsFor(data, setup) {
    var s = sectionById(data, "introductions");
    if (!s || !s.steps.length) return "whole-room";
    if (needed(s, shapeOf(setup, "whole-room")) <= minutesOf(setup)[s.id] || setup.groups < 2) return "whole-room";
    return "in-groups";
  }
  function people(setup) { return setup.attendees + " people in " + nWord(setup.groups, "group"); }
  function longestStretch(data, setup) {
    var longest = 0, run = 0, breaks = {}, mins = minutesOf(setup);
    setup.breaks.forEach(function (b) { breaks[b[0]] = b[1]; });
    data.sections.forEach(function (s) {
      run += mins[s.id];
      longest = Math.max(longest, run);
      if (s.id in breaks) run = 0;
    });
    return longest;
  }
  function evaluate(data, setup) {
    var rules = data.advice, W = data.words;
    var shape = shapeOf(setup, introductionsFor(data, setup));
    var steps = {}, problems = [], n = setup.attendees, mins = minutesOf(setup);
    var limit = roomLimit(setup, rules);
    if (n > limit && limit === setup.capacity && setup.format !== "virtual") problems.push({ rule: "room-size", source: W["venue-source"],
      message: fill(W["venue-size"], { people: n, limit: limit }) });
    else if (n > limit) problems.push({ rule: "room-size", source: rules.room_size.source,
      message: fill(W["room-size"], { people: n, limit: limit, where: setup.format === "virtual" ? W.online : W["in-one-room"] }) });
    var most = rules.group_size.most_people;
    if (groupSize(shape) > most) problems.push({ rule: "group-size", source: rules.group_size.source,
      message: fill(W["group-size"], { people: n, groups: nWord(setup.groups, "group"), size: groupSize(shape), most: most }) });
    data.sections.forEach(function (s) {
      var m = mins[s.id], planned = planSection(s, m, shape);
      steps[s.id] = planned;
      var need = needed(s, shape);
      if (need > m) {
        var parts = planned.map(function (p) { return p.title.toLowerCase() + " " + p.least; }).join(", ");
        var text = need <= s.max
          ? fill(W["section-short"], { title: s.title, need: need, people: people(setup), parts: parts, minutes: m })
          : fill(W["section-too-long"], { people: people(setup), title: s.title.toLowerCase(), need: need, parts: parts, max: s.max });
        problems.push({ rule: "section-time", message: text, source: fill(W["section-source"], { id: s.id }) });
      }
    });
    var sa = sectionById(data, "self-assessment");
    if (sa && sa.steps.length) {
      var work = null;
      (steps[sa.id] || []).some(function (p) { if (p.timing.rest != null) { work = p; return true; } return false; });
      var share = principlesPerGroup(data, setup.groups, setup.self_assessment);
      var least = rules.self_assessment.least_minutes_per_principle;
      // a section too short for its steps is its own problem: this one is about the time the plan allows
      var allowed = work ? Math.max(work.minutes, work.least) : 0;
      if (work && share && allowed < least * share) problems.push({ rule: "principle-time", source: rules.self_assessment.source,
        message: fill(W["principle-time"], { share: nWord(share, "principle"), minutes: allowed, least: least }) });
    }
    if (setup.format === "virtual") {
      if (!setup.technical_host) problems.push({ rule: "technical-host", message: W["technical-host"], source: rules.technical_host.source });
      var longest = longestStretch(data, setup);
      if (longest > rules.screen_breaks.most_minutes_online) problems.push({ rule: "screen-breaks", source: rules.screen_breaks.source,
        message: fill(W["screen-breaks"], { longest: longest, most: rules.screen_breaks.most_minutes_online }) });
    }
    var b = data.budget, t = total(setup);
    if (!(b.min <= t && t <= b.max)) problems.push({ rule: "budget", source: W["budget-source"],
      message: fill(W.budget, { total: t, min: b.min, max: b.max }) });
    return { setup: setup, shape: shape, steps: steps, problems: problems };
  }

  function selfAssessmentNeed(data, section, shape, setup) {
    var share = principlesPerGroup(data, setup.groups, setup.self_assessment);
    var chosen = stepsFor(section, shape);
    var work = null;
    chosen.some(function (s) { if (timingFor(s, shape).rest != null) { work = s; return true; } return false; });
    if (!work) return 0;
    var others = chosen.reduce(function (a, s) { return s === work ? a : a + leastMinutes(s, shape); }, 0);
    return others + Math.max(timingFor(work, shape).rest || 0, data.advice.self_assessment.least_minutes_per_principle * share);
  }

  function autoMinutes(data, setup, chosen) {
    var shape = shapeOf(setup, "whole-room"), minutes = minutesOf(setup), before = minutesOf(setup);
    data.sections.forEach(function (s) {
      if (chosen[s.id] || !s.steps.length) return;
      var need = needed(s, shape);
      if (s.id === "introductions" && need > s.max && setup.groups >= 2) need = needed(s, copySetup(shape, { introductions: "in-groups" }));
      if (s.id === "self-assessment") need = Math.max(need, selfAssessmentNeed(data, s, shape, setup));
      if (need > minutes[s.id]) minutes[s.id] = Math.min(s.max, Math.ceil(need / 5) * 5);
    });
    var over = data.sections.reduce(function (a, s) { return a + minutes[s.id]; }, 0) + setup.breaks.reduce(function (a, b) { return a + b[1]; }, 0) - data.budget.max;
    for (var i = data.sections.length - 1; i >= 0; i--) {
      if (over <= 0) break;
      var id = data.sections[i].id, take = Math.min(over, minutes[id] - before[id]);
      minutes[id] -= take;
      over -= take;
    }
    return copySetup(setup, { minutes: data.sections.map(function (s) { return [s.id, minutes[s.id]]; }) });
  }

  function screenBreaks(data, minutes, breaks, most, screen) {
    var have = {}, out = breaks.slice(), run = 0, ids = data.sections.map(function (s) { return s.id; });
    breaks.forEach(function (b) { have[b[0]] = b[1]; });
    for (var i = 0; i < ids.length; i++) {
      var sid = ids[i];
      if (run + minutes[sid] > most && i > 0 && !(ids[i - 1] in have)) {
        out.push([ids[i - 1], screen]);
        have[ids[i - 1]] = screen;
        run = 0;
      }
      run += minutes[sid];
      if (run > most) return null;
      if (sid in have) run = 0;
    }
    return stableSort(out, function (b) { return [ids.indexOf(b[0])]; });
  }

  function fitMinutes(data, setup) {
    var shape = shapeOf(setup, introductionsFor(data, setup)), rules = data.advice;
    var minutes = minutesOf(setup), floor = {};
    for (var i = 0; i < data.sections.length; i++) {
      var s = data.sections[i], introShape = shape;
      if (s.id === "introductions" && setup.groups >= 2 && needed(s, shape) > s.max) introShape = copySetup(shape, { introductions: "in-groups" });
      var need = Math.max(s.min, needed(s, introShape));
      if (s.id === "self-assessment" && s.steps.length) need = Math.max(need, selfAssessmentNeed(data, s, introShape, setup));
      if (need > s.max) return null;
      floor[s.id] = need;
      if (minutes[s.id] < need) minutes[s.id] = Math.min(s.max, Math.ceil(need / 5) * 5);
    }
    var breaks = setup.breaks.map(function (b) { return b.slice(); });
    if (setup.format === "virtual") {
      breaks = screenBreaks(data, minutes, breaks, rules.screen_breaks.most_minutes_online, data.screen_break);
      if (breaks === null) return null;
    }
    var sum = function () { return data.sections.reduce(function (a, s) { return a + minutes[s.id]; }, 0); };
    var over = sum() + breaks.reduce(function (a, b) { return a + b[1]; }, 0) - data.budget.max;
    stableSort(data.sections, function (s) { return [-(minutes[s.id] - floor[s.id])]; }).forEach(function (s) {
      if (over <= 0) return;
      var take = Math.min(over, minutes[s.id] - floor[s.id]);
      minutes[s.id] -= take;
      over -= take;
    });
    if (over > 0) {
      var leastBreak = setup.format === "virtual" ? data.screen_break : 0;
      stableSort(breaks.map(function (b, j) { return [j, b]; }), function (x) { return [-x[1][1]]; }).forEach(function (x) {
        var take = Math.min(over, x[1][1] - leastBreak);
        breaks[x[0]] = [x[1][0], x[1][1] - take];
        over -= take;
      });
      breaks = breaks.filter(function (b) { return b[1] > 0; });
    }
    if (over > 0) return null;
    var short = data.budget.min - (sum() + breaks.reduce(function (a, b) { return a + b[1]; }, 0));
    for (i = 0; i < data.sections.length; i++) {
      if (short <= 0) break;
      s = data.sections[i];
      var give = Math.min(short, s.max - minutes[s.id]);
      minutes[s.id] += give;
      short -= give;
    }
    return copySetup(setup, { minutes: data.sections.map(function (s) { return [s.id, minutes[s.id]]; }), breaks: breaks });
  }

  function candidates(data, setup) {
    var rules = data.advice, out = [];
    var first = Math.max(1, ceil(setup.attendees, roomLimit(setup, rules)));
    var modes = [setup.self_assessment].concat(["share", "whole"].filter(function (m) { return m !== setup.self_assessment; }));
    return { each: function (fn) {
      for (var w = first; w < first + 3; w++) {
        var ppl = ceil(setup.attendees, w);
        var fewest = Math.max(1, ceil(ppl, rules.group_size.most_people));
        var sizes = [];
        for (var g = fewest; g <= Math.min(ppl, data.most_groups); g++) sizes.push(g);
        sizes = stableSort(sizes, function (g) { return [Math.abs(g - setup.groups), g]; });
        for (var mi = 0; mi < modes.length; mi++) {
          for (var si = 0; si < sizes.length; si++) {
            var base = copySetup(setup, { attendees: ppl, workshops: w, groups: sizes[si], self_assessment: modes[mi],
              technical_host: setup.technical_host || setup.format === "virtual" });
            var fitted = fitMinutes(data, base);
            if (fitted !== null && fn(fitted)) return;
          }
        }
      }
    } };
  }

  function joinWords(items) {
    if (!items.length) return "";
    return items.length === 1 ? items[0] : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }
  function times(n) { return n === 2 ? "twice" : n === 3 ? "three times" : n + " times"; }

  function describe(data, before, after) {
    var parts = [], W = data.words, titles = {};
    data.sections.forEach(function (s) { titles[s.id] = s.title; });
    if (after.workshops > 1) parts.push(fill(W["run-times"], { times: times(after.workshops), people: after.attendees }));
    if (after.groups !== before.groups) parts.push(fill(W["use-groups"], { groups: nWord(after.groups, "group"), size: ceil(after.attendees, after.groups) }));
    if (after.self_assessment !== before.self_assessment) parts.push(after.self_assessment === "share" ? W["mode-share"] : W["mode-whole"]);
    var changed = after.minutes.filter(function (p, i) { return p[1] !== before.minutes[i][1]; });
    if (changed.length) parts.push("plan " + joinWords(changed.map(function (p) { return p[1] + " minutes for " + titles[p[0]].toLowerCase(); })));
    if (JSON.stringify(after.breaks) !== JSON.stringify(before.breaks)) {
      var labels = after.breaks.map(function (b) { return b[1] + " minutes after " + titles[b[0]].toLowerCase(); });
      parts.push(labels.length ? "have breaks of " + joinWords(labels) : "drop the breaks");
    }
    if (after.technical_host && !before.technical_host) parts.push(W["name-host"]);
    var text = joinWords(parts) || W["keep-plan"];
    return text[0].toUpperCase() + text.slice(1) + ".";
  }

  function recommend(data, setup) {
    if (!evaluate(data, setup).problems.length) return null;
    var found = null;
    candidates(data, setup).each(function (c) {
      if (!evaluate(data, c).problems.length) { found = { before: setup, after: c, message: describe(data, setup, c) }; return true; }
      return false;
    });
    return found;
  }

  IWE.planner = { roomLimit: roomLimit, shapeOf: shapeOf, principlesPerGroup: principlesPerGroup, introductionsFor: introductionsFor, people: people, longestStretch: longestStretch, evaluate: evaluate, selfAssessmentNeed: selfAssessmentNeed, autoMinutes: autoMinutes, screenBreaks: screenBreaks, fitMinutes: fitMinutes, candidates: candidates, joinWords: joinWords, times: times, describe: describe, recommend: recommend };
})(typeof globalThis !== "undefined" ? (globalThis.IWE = globalThis.IWE || {}) : (window.IWE = window.IWE || {}));

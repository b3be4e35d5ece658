/* The planner in the browser: a pure function of (data, pack) -> plan.
 *
 * It mirrors the Python engine (src/iwe_pack/model/steps.py, planner.py, plan.py, advice.py) line by line.
 * Every number and every word it uses comes from `data`, which the build makes from the sources
 * (src/iwe_pack/views/planner_data.py): nothing here is a second copy of the rules.
 * tests/test_plan_page.py plans 1,000 packs with both engines and checks they agree.
 * Works in a browser (window.IWEPlanner) and in Node (module.exports).
 */
(function (root) {
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

  // --- steps (model/steps.py) ---
  function groupSize(shape) { return ceil(shape.attendees, Math.max(1, shape.groups)); }
  function applies(step, shape) {
    var only = step.only;
    if (!only) return true;
    return (only.format == null || only.format === shape.format) &&
      (only.introductions == null || only.introductions === shape.introductions) &&
      (only.self_assessment == null || only.self_assessment === shape.self_assessment);
  }
  // The way of running a step for these people: the first of its variants that applies (model/steps.py variant_for).
  function variantFor(step, shape) {
    var vs = step.variants || [];
    for (var i = 0; i < vs.length; i++) {
      var when = vs[i].applies;
      if ((when.format == null || when.format === shape.format) &&
          (when.groups_at_least == null || shape.groups >= when.groups_at_least)) return vs[i];
    }
    return null;
  }
  function timingFor(step, shape) { var v = variantFor(step, shape); return v ? v.minutes : step.minutes; }
  function titled(step, v) { return v ? step.title + ": " + v.name.charAt(0).toLowerCase() + v.name.slice(1) : step.title; }
  function leastMinutes(step, shape) {
    var r = timingFor(step, shape);
    if (r.fixed != null) return r.fixed;
    if (r.per_group != null) return r.per_group * Math.max(1, shape.groups) + r.plus;
    if (r.per_pair != null) return r.per_pair * Math.ceil(Math.max(1, shape.groups) / 2) + r.plus;
    if (r.per_person_seconds != null) {
      var people = r.people === "room" ? shape.attendees : groupSize(shape);
      return Math.ceil(people * r.per_person_seconds / 60) + r.plus;
    }
    return r.rest || 0;
  }
  function stepsFor(section, shape) { return section.steps.filter(function (s) { return applies(s, shape); }); }
  function needed(section, shape) { return stepsFor(section, shape).reduce(function (a, s) { return a + leastMinutes(s, shape); }, 0); }
  // The steps' minutes cut to fit a section of `minutes` (model/steps.py fit_steps): while they take more, the
  // longest step (of equal ones, the later) gives up a minute, none below 1 while there are minutes for each.
  function fitSteps(given, minutes) {
    var out = given.slice(), over = out.reduce(function (a, b) { return a + b; }, 0) - minutes;
    var floor = minutes >= out.length ? 1 : 0;
    while (over > 0) {
      var longest = 0;
      for (var j = 1; j < out.length; j++) if (out[j] >= out[longest]) longest = j;
      if (out[longest] <= floor) break;
      out[longest] -= 1;
      over -= 1;
    }
    return out;
  }
  function planSection(section, minutes, shape) {
    var chosen = stepsFor(section, shape);
    var least = chosen.map(function (s) { return leastMinutes(s, shape); });
    var spare = minutes - least.reduce(function (a, b) { return a + b; }, 0);
    var rest = -1;
    for (var i = 0; i < chosen.length; i++) if (timingFor(chosen[i], shape).rest != null) { rest = i; break; }
    var given = least.slice();
    if (spare > 0 && chosen.length) given[rest >= 0 ? rest : chosen.length - 1] += spare;
    given = fitSteps(given, minutes);
    var online = shape.format === "virtual";
    return chosen.map(function (step, j) {
      var way = variantFor(step, shape), link = step.if_link, w = wordsFor(step, online);
      if (way) {  // a variant's own words, and its own online words, over the step's
        w = { do: way.do, say: way.say, handouts: way.handouts != null ? way.handouts : w.handouts };
        if (online && way.online) {
          w.do = way.online.do || w.do;
          w.say = way.online.say || w.say;
          if (way.online.handouts != null) w.handouts = way.online.handouts;
        }
      }
      return {
        step: step, title: titled(step, way), minutes: given[j], least: least[j], variant: way,
        timing: way ? way.minutes : step.minutes, do: w.do, say: w.say, handouts: w.handouts,
        // said first by a place with an evaluation link; a plan made here has none until its pack is published
        link_do: link ? (online ? link.online || link.do : link.do) : null,
      };
    });
  }
  // What a step does and says, and its handouts, in a room or online (model/steps.py words_for).
  function wordsFor(step, online) {
    var v = online && step.online ? step.online : null;
    return { do: v && v.do ? v.do : step.do, say: v && v.say ? v.say : step.say,
             handouts: v && v.handouts != null ? v.handouts : step.handouts };
  }

  // --- the planner (model/planner.py) ---
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
    var limit = setup.format === "virtual" ? rules.room_size.virtual : rules.room_size.in_person;
    if (n > limit) problems.push({ rule: "room-size", source: rules.room_size.source,
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
    var limit = setup.format === "virtual" ? rules.room_size.virtual : rules.room_size.in_person;
    var first = Math.max(1, ceil(setup.attendees, limit));
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

  function advise(data, evaluation, rec) {
    if (!evaluation.problems.length) return [];
    var why = evaluation.problems.map(function (p) { return p.message; }).join(" ");
    var seen = [];
    evaluation.problems.forEach(function (p) {
      var source = p.source.replace(/[. ]+$/, "");
      if (seen.indexOf(source) < 0) seen.push(source);
    });
    var sources = seen.join("; ") + ".";  // each source without its own full stop, joined, then one (model/advice.py)
    if (!rec) return [{ rule: "does-not-fit", message: why + " " + data.words["does-not-fit"], source: sources }];
    return [{ rule: "recommendation", message: why + " What to change: " + rec.message, source: sources }];
  }

  // --- the plan (model/plan.py) ---
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

  var api = { makePlan: makePlan, apply: apply, hostGroups: hostGroups, evaluate: evaluate, allocate: allocate, clock: clock, parseClock: parseClock, fill: fill, defaultMinutes: defaultMinutes };
  if (typeof module !== "undefined" && module.exports) module.exports = api; else root.IWEPlanner = api;
})(this);

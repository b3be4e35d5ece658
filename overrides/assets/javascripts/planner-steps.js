/* A section's steps worked out for the people coming.
 * The browser's mirror of src/iwe_pack/model/steps.py: each function has the Python function's name in camelCase (a
 * "_" helper without its underscore, a property as the class's field); tests/test_planner_mirror.py holds that.
 * Every number and word comes from `data` (src/iwe_pack/views/planner_data.py): nothing here is a second copy of
 * the rules. The page loads planner-base.js, planner-steps.js, planner.js, planner-advice.js and planner-plan.js in
 * that order; in Node, requiring planner-plan.js loads the others. tests/test_plan_page.py and test_big_room.py
 * plan thousands of packs with both engines and check they agree.
 */
if (typeof module !== "undefined" && typeof require === "function") require("./planner-base.js");
(function (IWE) {
  "use strict";
  var ceil = IWE.base.ceil;

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
  function leastMinutes(step, shape) { return ruleMinutes(timingFor(step, shape), shape); }
  function ruleMinutes(r, shape) {
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

  IWE.steps = { groupSize: groupSize, applies: applies, variantFor: variantFor, timingFor: timingFor, titled: titled, leastMinutes: leastMinutes, ruleMinutes: ruleMinutes, stepsFor: stepsFor, needed: needed, fitSteps: fitSteps, planSection: planSection, wordsFor: wordsFor };
})(typeof globalThis !== "undefined" ? (globalThis.IWE = globalThis.IWE || {}) : (window.IWE = window.IWE || {}));

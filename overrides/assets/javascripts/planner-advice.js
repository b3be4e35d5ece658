/* The plan's advice: the change that makes it fit, said once.
 * The browser's mirror of src/iwe_pack/model/advice.py: each function has the Python function's name in camelCase (a
 * "_" helper without its underscore, a property as the class's field); tests/test_planner_mirror.py holds that.
 * Every number and word comes from `data` (src/iwe_pack/views/planner_data.py): nothing here is a second copy of
 * the rules. The page loads planner-base.js, planner-steps.js, planner.js, planner-advice.js and planner-plan.js in
 * that order; in Node, requiring planner-plan.js loads the others. tests/test_plan_page.py and test_big_room.py
 * plan thousands of packs with both engines and check they agree.
 */
if (typeof module !== "undefined" && typeof require === "function") require("./planner.js");
(function (IWE) {
  "use strict";
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

  IWE.advice = { advise: advise };
})(typeof globalThis !== "undefined" ? (globalThis.IWE = globalThis.IWE || {}) : (window.IWE = window.IWE || {}));

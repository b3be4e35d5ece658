/* Run mode: now and next, a clock and a countdown against the planned minutes, and the knock-on to the finish.
 * State (which section, when it started, minutes added, and when each item started and ended) is kept in
 * localStorage, so a reload keeps the place; "Download times (CSV)" saves the times for the record of the day.
 * No network. Without JavaScript the page is the agenda with notes. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("run-data").textContent);
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var panel = document.getElementById("now-panel");
  var $ = function (id) { return document.getElementById(id); };
  var key = "iwe-run-" + data.slug;
  var AMBER_SHARE = data.amberShare;  // amber when this share of the planned time is left
  var state = load();

  // times: {item index: {started: ms, ended: ms or null}} for each item that has been run
  function blank() { return { index: -1, startedAt: null, added: {}, times: {} }; }
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(key) || "null");
      if (s && typeof s.index === "number") { s.times = s.times || {}; return s; }
    }
    catch (e) { /* start again */ }
    return blank();
  }
  function save() { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function planned(i) { return (data.items[i].minutes + (state.added[i] || 0)) * 60000; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(ms) { var d = new Date(ms); return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function mmss(ms) {
    var neg = ms < 0, s = Math.floor(Math.abs(ms) / 1000);
    return (neg ? "+" : "") + Math.floor(s / 60) + ":" + pad(s % 60);
  }
  function plannedFinish() {
    var t = data.start;  // minutes since midnight
    return pad(Math.floor((t + data.total) / 60) % 24) + ":" + pad((t + data.total) % 60);
  }

  // The step of the current section that the clock has reached: steps run back to back from the section's
  // start, at their planned minutes; time added to the section goes to its last step.
  function showStep(i, now) {
    var steps = (data.items[i] && data.items[i].steps) || [];
    var box = $("step-panel");
    var marks = items[i] ? items[i].querySelectorAll(".step") : [];
    items.forEach(function (el) {
      Array.prototype.forEach.call(el.querySelectorAll(".step"), function (s) { s.classList.remove("current-step"); });
    });
    if (!steps.length) { box.hidden = true; return; }
    var elapsed = now - state.startedAt, end = 0, k = 0;
    for (k = 0; k < steps.length; k++) {
      end += steps[k].minutes * 60000 + (k === steps.length - 1 ? (state.added[i] || 0) * 60000 : 0);
      if (elapsed < end || k === steps.length - 1) break;
    }
    box.hidden = false;
    $("step-title").textContent = "Step " + (k + 1) + " of " + steps.length + ": " + steps[k].title + ".";
    var left = end - elapsed;
    $("step-left").textContent = left >= 0 ? mmss(left) + " left in this step" : "over by " + mmss(-left).replace("+", "");
    $("step-do").textContent = steps[k].do;
    if (marks[k]) marks[k].classList.add("current-step");
  }

  function tick() {
    var now = Date.now();
    $("clock").textContent = clock(now);
    var i = state.index;
    panel.classList.remove("amber", "red");
    items.forEach(function (el, n) {
      el.classList.toggle("current", n === i);
      el.classList.toggle("done", i >= 0 && n < i);
    });
    $("step-panel").hidden = true;
    $("start").hidden = i >= 0;
    $("advance").hidden = i < 0;
    $("extend").disabled = i < 0;
    $("back").disabled = i <= 0;
    $("download-times").disabled = i < 0;
    if (i < 0) {
      $("now-title").textContent = "Not started";
      $("countdown").textContent = mmss(data.items[0].minutes * 60000);
      $("status").textContent = "";
      $("next").textContent = "First: " + data.items[0].title + " (" + data.items[0].minutes + " min)";
      $("finish").textContent = "Planned finish " + plannedFinish() + ".";
      return;
    }
    if (i >= data.items.length) {
      $("now-title").textContent = "Finished";
      $("countdown").textContent = clock(state.startedAt);
      $("status").textContent = "The workshop ended at " + clock(state.startedAt) + ".";
      $("next").textContent = "";
      $("finish").textContent = "Planned finish was " + plannedFinish() + ".";
      $("advance").hidden = true;
      $("extend").disabled = true;
      return;
    }
    var left = state.startedAt + planned(i) - now;
    $("now-title").textContent = data.items[i].title;
    showStep(i, now);
    $("countdown").textContent = mmss(left);
    if (left < 0) {
      panel.classList.add("red");
      $("status").textContent = "Over time by " + mmss(-left).replace("+", "") + ". Move on, or add time.";
    } else if (left <= Math.max(60000, planned(i) * AMBER_SHARE)) {
      panel.classList.add("amber");
      $("status").textContent = "Nearly time: start to wrap up.";
    } else {
      $("status").textContent = "";
    }
    var next = data.items[i + 1];
    var endOfThis = state.startedAt + Math.max(planned(i), now - state.startedAt);
    $("next").textContent = next ? "Next: " + next.title + " at " + clock(endOfThis) + " (" + next.minutes + " min)" : "Next: finish";
    var finish = endOfThis;
    for (var n = i + 1; n < data.items.length; n++) finish += planned(n);
    var late = Math.trunc((finish - plannedFinishMs()) / 60000);
    $("finish").textContent = "Finish at " + clock(finish) +
      (late > 0 ? " (" + late + " min later than planned)" : late < 0 ? " (" + (-late) + " min early)" : " (on time)") + ".";
  }
  function plannedFinishMs() {
    // planned finish, today, as a timestamp: from the day's start time and total minutes
    var d = new Date(state.dayStart || Date.now());
    d.setHours(0, 0, 0, 0);
    return d.getTime() + (data.start + data.total) * 60000;
  }
  // The current section's notes open, the others' closed, and the section brought to the top of the screen:
  // on a portrait tablet the agenda sits below the panel, so its notes would otherwise be far down the page.
  function showNotes(index) {
    var current = items[index];
    if (!current) return;
    items.forEach(function (el, n) {
      var details = el.querySelector("details");
      if (details) details.open = n === index;
    });
    current.scrollIntoView({ block: "start" });
  }
  // The log of times: moving on ends the item and starts the next; going back re-opens the earlier item (its
  // start kept) and forgets the later ones, which have not really been run.
  function log(index, now) {
    var times = state.times;
    Object.keys(times).forEach(function (k) {
      if (+k > index) delete times[k];
      else if (+k < index && times[k].ended === null) times[k].ended = now;
    });
    if (index >= data.items.length) return;
    if (times[index]) times[index].ended = null;
    else times[index] = { started: now, ended: null };
  }
  function go(index) {
    var now = Date.now();
    log(index, now);
    state.index = index;
    state.startedAt = now;
    save(); tick();
    showNotes(index);
  }

  // The times as CSV (the record of the day reads it): one row per item run, in agenda order; the item
  // running now ends at the moment of download. Cells as the scoring tool writes them (no formulas).
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // no formulas when opened in a spreadsheet
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function local(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" +
      pad(d.getMinutes());
  }
  function timesCsv(now) {
    var lines = [["section_id", "section", "planned_minutes", "actual_minutes", "started", "ended"]];
    data.items.forEach(function (item, n) {
      var t = state.times[n];
      if (!t) return;
      var ended = t.ended === null ? now : t.ended;
      lines.push([item.section || "", item.title, item.minutes, Math.round((ended - t.started) / 60000),
                  local(t.started), local(ended)]);
    });
    return lines.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  $("download-times").addEventListener("click", function () {
    var blob = new Blob([timesCsv(Date.now())], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "run-times-" + data.slug + ".csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
  $("start").addEventListener("click", function () { state.dayStart = Date.now(); go(0); $("advance").focus(); });
  $("advance").addEventListener("click", function () { go(state.index + 1); });
  $("back").addEventListener("click", function () { if (state.index > 0) go(state.index - 1); });
  $("extend").addEventListener("click", function () {
    state.added[state.index] = (state.added[state.index] || 0) + 5; save(); tick();
  });
  $("reset").addEventListener("click", function () {
    if (window.confirm("Reset run mode for this pack on this device?")) { state = blank(); save(); tick(); }
  });
  tick();
  if (state.index > 0) showNotes(state.index);  // back where the day had got to, after a reload
  setInterval(tick, 1000);
})();

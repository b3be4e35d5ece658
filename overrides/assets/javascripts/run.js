/* Run mode: now and next, a clock and a countdown against the planned minutes, and the knock-on to the finish.
 * State (which section, when it started, minutes added, and when each item, and each step moved on to by
 * hand, started and ended) is kept in localStorage, so a reload keeps the place; "Download times (CSV)" saves
 * the items' times for the record of the day. The panel stays at the top of the screen while the notes scroll
 * under it, where it leaves them room (layout below); moving on brings the new notes up under it and puts
 * focus on the panel's heading. No network. Without JavaScript the page is the agenda with notes. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("run-data").textContent);
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var panel = document.getElementById("now-panel");
  var $ = function (id) { return document.getElementById(id); };
  var nextStep = panel.querySelector(".next-step"), stepLine = panel.querySelector(".step-line");
  var key = "iwe-run-" + data.slug;
  var AMBER_SHARE = data.amberShare;  // amber when this share of the planned time is left
  var state = load();

  // times: {item index: {started: ms, ended: ms or null, steps: [[step index, started ms], ...]}} for each item
  // that has been run; steps lists the steps moved on to with "Next step", in order
  function blank() { return { index: -1, startedAt: null, added: {}, times: {}, ways: {} }; }
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

  // Each step's minutes with the time added to or cut from its section: time added goes to the last step; time cut
  // comes off the steps with the most minutes above the least they need, the later first on a tie (as the engine
  // fits steps into a section: model/steps.py fit_steps).
  function stepMinutes(i) {
    var steps = (data.items[i] && data.items[i].steps) || [], extra = state.added[i] || 0;
    var mins = steps.map(function (s) { return s.minutes; });
    if (!mins.length) return mins;
    if (extra >= 0) { mins[mins.length - 1] += extra; return mins; }
    for (var cut = -extra; cut > 0; cut--) {
      var best = -1, most = 0, k;
      for (k = mins.length - 1; k >= 0; k--) {
        var spare = mins[k] - (steps[k].least || 1);
        if (spare > most) { most = spare; best = k; }
      }
      if (best < 0) for (k = mins.length - 1; k >= 0 && best < 0; k--) if (mins[k] > 1) best = k;
      if (best < 0) break;
      mins[best] -= 1;
    }
    return mins;
  }
  // The fewest minutes an item can be cut to (the engine's AgendaItem.least: a section's minimum, never less than its
  // steps need; a break is not cut).
  function least(n) { var it = data.items[n]; return typeof it.least === "number" ? it.least : it.minutes; }
  // With its steps run their quicker ways (the engine's AgendaItem.shortest, such as a gallery walk for feedback).
  function shortest(n) { var it = data.items[n]; return typeof it.shortest === "number" ? it.shortest : least(n); }
  // The quicker ways made (state.ways: {item index: true}): each step's title, words and least become the way's, in
  // the data and in the agenda below, so the steps, their countdowns and the cuts follow them.
  function showWays() {
    Object.keys(state.ways || {}).forEach(function (n) {
      var it = data.items[n];
      if (!it || !it.ways) return;
      it.least = it.shortest;
      it.ways.forEach(function (w) {
        var s = it.steps[w.step];
        s.title = w.title; s.do = w.do; s.least = w.least;
        var li = items[n] && items[n].querySelectorAll("li.step")[w.step];
        if (li) {
          li.childNodes[1].textContent = " " + w.title + " ";
          var how = li.querySelector(".how");
          if (!how) { how = document.createElement("p"); how.className = "how"; li.appendChild(how); }
          how.textContent = w.do;
        }
      });
    });
  }
  // Getting back on time: the minutes to cut from the items after the current one, to make up ``late`` minutes.
  // A minute at a time from the item with the most minutes above its least, the later one first on a tie, so no
  // section is cut far while another keeps all of its time. [[item index, minutes cut], ...] in agenda order.
  // First down to each item's least; if that is not enough, down to its shortest, with its steps run their quicker
  // ways. [[item index, minutes cut, quicker ways needed], ...] in agenda order.
  function catchUp(i, late, elapsed) {
    var spare = {}, cut = {}, n, floor = [least, shortest];
    for (var pass = 0; pass < 2 && late > 0; pass++) {
      // the section running now too, but not below the minutes it has already run, and to its quicker ways only if
      // the steps they change are still to come
      var now = i < data.items.length ? stepNow(i, Date.now()) : null, ways = data.items[i] && data.items[i].ways;
      var ahead = now && ways && ways.length && ways.every(function (w) { return w.step > now.k; });
      spare[i] = Math.max(0, planned(i) / 60000 - (cut[i] || 0) -
                             Math.max((pass && ahead ? shortest : least)(i), Math.ceil(elapsed / 60000)));
      for (n = i + 1; n < data.items.length; n++) spare[n] = Math.max(0, planned(n) / 60000 - (cut[n] || 0) - floor[pass](n));
      for (; late > 0; late--) {
        var best = -1;
        for (n = data.items.length - 1; n >= i; n--) if (spare[n] > 0 && (best < 0 || spare[n] > spare[best])) best = n;
        if (best < 0) break;
        spare[best] -= 1;
        cut[best] = (cut[best] || 0) + 1;
      }
    }
    return Object.keys(cut).map(Number).sort(function (a, b) { return a - b; }).map(function (n) {
      return [n, cut[n], planned(n) / 60000 - cut[n] < least(n)];
    });
  }
  function showCatchUp(i, finish, late, elapsed) {
    var box = $("catch-up");
    var cuts = late > 0 ? catchUp(i, late, elapsed) : [];
    if (!cuts.length) {
      box.hidden = true; current.cuts = []; current.key = "";
      if ($("catch-up-dialog").open) $("catch-up-dialog").close();
      return;
    }
    var total = cuts.reduce(function (a, c) { return a + c[1]; }, 0), still = late - total;
    var key = JSON.stringify(cuts);
    box.hidden = false;
    if (key === current.key) return;  // the same cuts as a second ago: the list is left as it is (and as it is read)
    current.key = key; current.cuts = cuts;
    $("catch-up-open").textContent = "Running " + late + " min late: get back on time";
    $("catch-up-summary").textContent = "Running " + late + " min late";
    var list = $("catch-up-list");
    list.innerHTML = "";
    cuts.forEach(function (c) {
      var li = document.createElement("li"), mins = planned(c[0]) / 60000;
      li.textContent = data.items[c[0]].title + ": " + mins + " to " + (mins - c[1]) + " min" + (c[2] ?
        ", with " + data.items[c[0]].ways.map(function (w) { return w.title.charAt(0).toLowerCase() + w.title.slice(1); }).join(" and ") : "");
      list.appendChild(li);
    });
    $("catch-up-finish").textContent = "New finish " + clock(finish - total * 60000) +
      (still > 0 ? ", still " + still + " min late: the sections left are at their shortest. Ask the room if they can stay on, or end the last section early." : ", on time.");
  }
  var current = { key: "", cuts: [] };
  // The clock times of the items after the current one (and of their steps), as the day now runs.
  // The current one runs from when it started to ``from`` (its planned end, or now if it has run over).
  function showTimes(i, from) {
    var at = from;
    for (var n = i; n < data.items.length; n++) {
      var el = items[n];
      if (!el) continue;
      var begin = n === i ? state.startedAt : at, end = n === i ? from : at + planned(n);
      var mins = planned(n) / 60000, times = el.querySelectorAll(".time"), label = el.querySelector("h3 .mins");
      if (times[0]) times[0].textContent = clock(begin) + "–" + clock(end);
      if (label) label.textContent = "(" + mins + " min" + (mins !== data.items[n].minutes ? ", planned " + data.items[n].minutes : "") + ")";
      var t = begin, steps = stepMinutes(n);
      for (var k = 0; k < steps.length && k + 1 < times.length; k++) { times[k + 1].textContent = clock(t); t += steps[k] * 60000; }
      if (n > i) at = end;
    }
  }

  // The step of the current section that the clock has reached: steps run back to back at their planned minutes,
  // from the section's start or from the last step moved on to by hand; time added to the section goes to its
  // last step. Returns {k: the step's index, left: ms left in it}, or null for an item without steps.
  function stepNow(i, now) {
    var steps = (data.items[i] && data.items[i].steps) || [];
    if (!steps.length) return null;
    var t = state.times[i], moved = (t && t.steps) || [], last = moved[moved.length - 1];
    var k = last ? last[0] : 0, elapsed = now - (last ? last[1] : state.startedAt), end = 0, mins = stepMinutes(i);
    for (; k < steps.length; k++) {
      end += mins[k] * 60000;
      if (elapsed < end || k === steps.length - 1) break;
    }
    return { k: k, left: end - elapsed };
  }
  function showStep(i, now) {
    var steps = (data.items[i] && data.items[i].steps) || [];
    var box = $("step-panel");
    var marks = items[i] ? items[i].querySelectorAll(".step") : [];
    items.forEach(function (el) {
      Array.prototype.forEach.call(el.querySelectorAll(".step"), function (s) { s.classList.remove("current-step"); });
    });
    var at = stepNow(i, now);
    if (!at) { box.hidden = true; return; }
    var k = at.k, left = at.left;
    box.hidden = false;
    nextStep.disabled = k >= steps.length - 1;
    $("step-title").textContent = "Step " + (k + 1) + " of " + steps.length + ": " + steps[k].title + ".";
    $("step-left").textContent = left >= 0 ? mmss(left) + " left in this step" : "over by " + mmss(-left).replace("+", "");
    $("step-do").textContent = steps[k].do;
    if (marks[k]) marks[k].classList.add("current-step");
  }

  var timesShown = false;  // opened once when the day is over; closed again if the facilitator closes it
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
    $("catch-up").hidden = true;  // until the day is running late
    nextStep.disabled = true;  // until showStep finds a step to move on to
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
      if (!timesShown) { timesShown = true; $("times").open = true; }  // the day is over: the times are wanted now
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
    showCatchUp(i, finish, late, now - state.startedAt);
    showTimes(i, endOfThis);
  }
  function plannedFinishMs() {
    // planned finish, today, as a timestamp: from the day's start time and total minutes
    var d = new Date(state.dayStart || Date.now());
    d.setHours(0, 0, 0, 0);
    return d.getTime() + (data.start + data.total) * 60000;
  }
  // The current section's notes open, the others' closed, and the section brought up to just under the panel
  // (the agenda's scroll-margin-top is the room the panel takes: see layout). Where the panel cannot stay on screen
  // (a phone), the page is not moved: the countdown stays where it was.
  function showNotes(index) {
    var current = items[index];
    if (!current) return;
    items.forEach(function (el, n) {
      var details = el.querySelector("details");
      if (details) details.open = n === index;
    });
    layout();
    if (!panel.classList.contains("loose")) current.scrollIntoView({ block: "start" });
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
  // Move to an item: a new one starts now; one gone back to keeps the time it really started (its countdown, the
  // step it had reached and the knock-on to the finish are all counted from then). Focus goes to the panel's
  // heading, which names the item: from there Tab reaches its buttons, and a second Enter does nothing.
  function go(index) {
    var now = Date.now();
    $("catch-up-done").textContent = "";
    log(index, now);
    state.index = index;
    state.startedAt = state.times[index] ? state.times[index].started : now;
    save(); tick();
    showNotes(index);
    focusIn($("now-title"));
  }
  function focusIn(el) {
    if (!el || el.offsetParent === null) return;
    el.focus({ preventScroll: !panel.classList.contains("loose") });
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
  // A step that ends early: the next starts now (its countdown from its planned minutes), and the steps after it
  // follow on from there. The move is kept with the item's times, so a reload or going back keeps it.
  nextStep.addEventListener("click", function () {
    var i = state.index, now = Date.now(), at = i >= 0 && i < data.items.length ? stepNow(i, now) : null;
    if (!at || at.k >= data.items[i].steps.length - 1 || !state.times[i]) return;
    (state.times[i].steps = state.times[i].steps || []).push([at.k + 1, now]);
    save(); tick();
    focusIn(stepLine);
  });
  // Make the cuts: each item after this one loses its minutes (kept with the time added, so a reload keeps them);
  // the finish, the clock times below and the steps follow.
  $("catch-up-apply").addEventListener("click", function () {
    var cuts = current.cuts, total = 0;
    if (!cuts.length) return;
    cuts.forEach(function (c) {
      state.added[c[0]] = (state.added[c[0]] || 0) - c[1]; total += c[1];
      if (c[2]) (state.ways = state.ways || {})[c[0]] = true;
    });
    $("catch-up-dialog").close();
    showWays(); save(); tick();
    $("catch-up-done").textContent = "Cut " + total + " min from the sections left. " + $("finish").textContent;
    focusIn($("now-title"));
  });
  // The cuts open over the page (a modal dialog: the panel keeps its size); Escape or Close goes back to the button.
  $("catch-up-open").addEventListener("click", function () { $("catch-up-dialog").showModal(); });
  $("catch-up-close").addEventListener("click", function () { $("catch-up-dialog").close(); });
  $("catch-up-dialog").addEventListener("close", function () { if (!$("catch-up").hidden) $("catch-up-open").focus(); });
  $("extend").addEventListener("click", function () {
    state.added[state.index] = (state.added[state.index] || 0) + 5; save(); tick();
  });
  // When things go off plan: the dialog opens at the part for the section the day is in (before the start, in a
  // break or after the end: the next section, else the last one). Escape or Close shuts it; focus goes back to
  // the button.
  var offPlan = $("off-plan"), offPlanOpen = $("off-plan-open");
  function offPlanSection() {
    var n, from = Math.max(0, Math.min(state.index, data.items.length - 1));
    for (n = from; n < data.items.length; n++) if (data.items[n].section) return data.items[n].section;
    for (n = data.items.length - 1; n >= 0; n--) if (data.items[n].section) return data.items[n].section;
    return null;
  }
  if (offPlan && offPlan.showModal) {
    offPlanOpen.addEventListener("click", function () {
      var sid = offPlanSection(), shown = null;
      Array.prototype.forEach.call(offPlan.querySelectorAll(".off-plan-section"), function (s) {
        s.hidden = s.getAttribute("data-section") !== sid;
        if (!s.hidden) shown = s;
      });
      if (!shown) return;
      $("off-plan-title").textContent = "Off plan: " + shown.getAttribute("aria-label");
      offPlan.showModal();
      offPlan.scrollTop = 0;
      $("off-plan-title").focus();
    });
    $("off-plan-close").addEventListener("click", function () { offPlan.close(); });
    offPlan.addEventListener("close", function () { offPlanOpen.focus(); });
  } else {
    offPlanOpen.hidden = true;  // no guide in this page, or a browser without dialogs: the pack page links to it
  }
  $("reset").addEventListener("click", function () {
    if (window.confirm("Reset run mode for this pack on this device?")) {
      var hadWays = Object.keys(state.ways || {}).length;
      state = blank(); save();
      if (hadWays) { window.location.reload(); return; }  // the steps' own ways again, from the page
      tick(); $("start").focus();
    }
  });

  // The panel stays at the top of the screen (position: sticky in run.css) wherever it leaves room: beside the
  // agenda (a landscape screen), when it fits the screen's height; above it, when it takes at most MOST of the
  // screen's height. Elsewhere (a phone) it is "loose": it scrolls with the page. While it stays above the agenda,
  // the agenda's scroll-margin-top is the height it covers (--cover), so whatever there gets focus, or is
  // scrolled to, comes out below it rather than under it.
  var MOST = 0.7;
  function layout() {
    var root = document.documentElement;
    if (panel.hidden) { root.style.removeProperty("--cover"); return; }
    var agenda = $("agenda").getBoundingClientRect(), box = panel.getBoundingClientRect();
    var above = agenda.left < box.right && box.left < agenda.right;
    var top = parseFloat(getComputedStyle(panel).top) || 0;
    var loose = panel.offsetHeight > (above ? window.innerHeight * MOST : window.innerHeight - 2 * top);
    panel.classList.toggle("loose", loose);
    root.style.setProperty("--cover", above && !loose ? Math.ceil(top + panel.offsetHeight) + "px" : "0px");
  }
  // Browsers that do not keep a focused element clear of its scroll-margin: move it out from under the panel.
  document.addEventListener("focusin", function (e) {
    var cover = parseFloat(document.documentElement.style.getPropertyValue("--cover")) || 0;
    if (!cover || panel.contains(e.target) || (offPlan && offPlan.contains(e.target))) return;
    var r = e.target.getBoundingClientRect();
    if (r.top < cover) window.scrollBy(0, r.top - cover - 8);
  });
  if ("ResizeObserver" in window) new ResizeObserver(layout).observe(panel);
  window.addEventListener("resize", layout);
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";  // the page puts the day in view
  showWays();
  tick();
  layout();
  // back where the day had got to, after a reload (and again once the page and its font have loaded, as the
  // notes above may have changed height)
  if (state.index > 0) {
    showNotes(state.index);
    window.addEventListener("load", function () { if (state.index > 0) showNotes(state.index); });
  }
  setInterval(tick, 1000);
})();

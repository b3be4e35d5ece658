/* Run mode for a day planned on "Plan your day": build the agenda and run.js's data from the plan the
 * planner page kept in this browser (localStorage), then start run.js. Nothing leaves the browser. */
(function () {
  "use strict";
  var me = document.currentScript;
  var $ = function (id) { return document.getElementById(id); };
  var plan = null;
  try { plan = JSON.parse(localStorage.getItem("iwe-plan-v1-run") || "null"); } catch (e) { plan = null; }
  if (!plan || !plan.items || !plan.items.length) {
    $("no-plan").hidden = false;
    $("now-panel").hidden = true;
    $("agenda").hidden = true;
    return;
  }
  var allNotes = JSON.parse($("notes-data").textContent);
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  $("run-place").textContent = plan.place + (plan.date ? " · " + plan.date : "");
  document.title = "Run the day: " + plan.place;
  if (plan.notice) {  // a plan that does not fit says so first, with the change to make (as a place's run mode does)
    var notice = el("section", "fit-notice");
    notice.setAttribute("aria-label", plan.notice.title);
    notice.appendChild(el("h2", null, plan.notice.title));
    plan.notice.lines.forEach(function (line) { notice.appendChild(el("p", null, line)); });
    $("now-panel").parentNode.insertBefore(notice, $("now-panel"));
  }
  var last = plan.items[plan.items.length - 1];
  $("planned").textContent = "Planned: " + plan.items[0].clock + " to " + last.end + ", " + plan.total + " minutes.";
  plan.items.forEach(function (item, n) {
    var li = el("li", "item");
    li.setAttribute("data-minutes", item.minutes);
    li.setAttribute("data-title", item.title);
    li.setAttribute("data-kind", item.section ? "section" : "break");
    var h = el("h3");
    h.appendChild(el("span", "time", item.clock + "–" + item.end));
    h.appendChild(document.createTextNode(" " + item.title + " "));
    h.appendChild(el("span", "mins", "(" + item.minutes + " min)"));
    li.appendChild(h);
    if (item.steps.length) {
      var ol = el("ol", "steps");
      item.steps.forEach(function (s) {
        var sl = el("li", "step");
        sl.appendChild(el("span", "time", s.clock));
        sl.appendChild(document.createTextNode(" " + s.title + " "));
        sl.appendChild(el("span", "mins", "(" + s.minutes + " min" + (s.least > s.minutes ? ", needs " + s.least : "") + ")"));
        ol.appendChild(sl);
      });
      li.appendChild(ol);
    }
    // the notes for this kind of day (a room or online, a round of the room or a check-in in groups)
    var notes = item.section && allNotes[item.section] && allNotes[item.section][plan.day || "in-person/whole-room"];
    if (notes) {
      var d = el("details", "notes");
      if (n === 0) d.open = true;
      d.appendChild(el("summary", null, "Facilitator notes"));
      var body = el("div", "notes-body");
      body.innerHTML = notes;  // made at build time from the sections' notes, as the place pages' run mode shows them
      d.appendChild(body);
      li.appendChild(d);
    }
    $("items").appendChild(li);
  });
  var data = el("script");
  data.type = "application/json";
  data.id = "run-data";
  data.textContent = JSON.stringify({ slug: plan.slug, start: plan.start, total: plan.total, amberShare: plan.amberShare,
    items: plan.items.map(function (i) {
      return { title: i.title, minutes: i.minutes, least: i.least, section: i.section || null, steps: i.steps };
    }) });
  document.body.appendChild(data);
  var run = el("script");
  run.src = me.getAttribute("data-run");
  document.body.appendChild(run);
})();

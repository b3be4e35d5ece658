/* "Plan your day": the form, its checks, and the plan shown as it is filled in.
 * The planning is planner-plan.js (a pure function of data and pack); the checks are pack-checks.js, whose words
 * come from the message catalogue, exported into the page's data at build time. What is typed stays in localStorage.
 * No network: everything this page needs is in the page. */
(function () {
  "use strict";
  var root = document.getElementById("iwe-plan");
  if (!root || !window.IWEPlanner) return;
  var P = window.IWEPlanner;
  var data = JSON.parse(document.getElementById("iwe-planner-data").textContent);
  var F = data.fields;
  var key = root.getAttribute("data-storage-key");
  var form = document.getElementById("iwe-plan-form");
  var $ = function (id) { return document.getElementById(id); };
  var sections = data.sections, lastId = sections[sections.length - 1].id;
  var current = null;  // the last plan shown

  // --- the checks of `iwe-pack check` and the pack file, with the engine's words (pack-checks.js) ---
  var C = window.IWEPackChecks.make(data, P);
  var pyRepr = C.pyRepr, msg = C.msg, slugify = C.slugify, check = C.check, yaml = C.yaml;
  function longDate(text) {
    // as the engine writes it (PackDate.long): "Tuesday 15 September 2026"
    var d = new Date(text + "T00:00:00Z"), part = function (o) { return d.toLocaleDateString("en-GB", Object.assign({ timeZone: "UTC" }, o)); };
    return part({ weekday: "long" }) + " " + d.getUTCDate() + " " + part({ month: "long" }) + " " + d.getUTCFullYear();
  }

  // --- rows of groups and breaks ---
  var groupCount = 0, breakCount = 0;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function field(label, input, id) {
    var w = el("div", { "class": "iwe-subfield" });
    w.appendChild(el("label", { "for": id }, label));
    input.id = id;
    w.appendChild(input);
    return w;
  }
  function addGroup(g) {
    var n = ++groupCount, li = el("li", { "class": "iwe-row group-row" });
    var name = el("input", { type: "text", "class": "g-name", autocomplete: "off", "aria-describedby": "e-group-" + n });
    name.value = g && g.name != null ? g.name : "Group " + ($("group-rows").children.length + 1);
    var fac = el("input", { type: "text", "class": "g-facilitator", autocomplete: "off", "aria-describedby": "e-group-" + n });
    fac.value = (g && g.facilitator) || "";
    li.appendChild(field("Group name", name, "f-group-" + n));
    li.appendChild(field("Facilitator (optional)", fac, "f-groupfac-" + n));
    var rm = el("button", { type: "button", "class": "md-button iwe-remove" }, "Remove this group");
    rm.addEventListener("click", function () { li.remove(); forgetChange(); changed(); });
    li.appendChild(rm);
    li.appendChild(el("p", { "class": "iwe-error", id: "e-group-" + n }));
    $("group-rows").appendChild(li);
  }
  function addBreak(b) {
    var n = ++breakCount, li = el("li", { "class": "iwe-row break-row" });
    var after = el("select", { "class": "b-after" });
    sections.forEach(function (s) { if (s.id !== lastId) { var o = el("option", { value: s.id }, s.title); after.appendChild(o); } });
    after.value = (b && b.after) || sections[Math.min(1, sections.length - 2)].id;
    var mins = el("input", { type: "number", "class": "b-minutes", min: F.break_minutes.min, max: F.break_minutes.max, step: 1, inputmode: "numeric", "aria-describedby": "e-break-" + n });
    mins.value = b && b.minutes != null ? b.minutes : 10;
    var title = el("input", { type: "text", "class": "b-title", autocomplete: "off", "aria-describedby": "e-break-" + n });
    title.value = b && b.title != null ? b.title : data.words["break"];
    li.appendChild(field("After", after, "f-break-after-" + n));
    li.appendChild(field("Minutes", mins, "f-break-min-" + n));
    li.appendChild(field("Name", title, "f-break-title-" + n));
    var rm = el("button", { type: "button", "class": "md-button iwe-remove" }, "Remove this break");
    rm.addEventListener("click", function () { li.remove(); forgetChange(); changed(); });
    li.appendChild(rm);
    li.appendChild(el("p", { "class": "iwe-error", id: "e-break-" + n }));
    $("break-rows").appendChild(li);
  }

  // --- the form as a pack (the keys of a pack file) and back ---
  // Spaces round a value are dropped (as `iwe-pack check` drops them): only the spaces both the browser and the
  // engine (Python's str.strip) take for spaces, so a line break or control character at either end stays, to be
  // refused beside its field rather than lost.
  function trim(s) { return String(s).replace(/^[\t\n\r \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\t\n\r \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g, ""); }
  function value(name) { var e = form.elements[name]; return e ? trim(e.value) : ""; }
  function radio(name) { var c = form.querySelector("input[name='" + name + "']:checked"); return c ? c.value : ""; }
  function readForm() {
    var pack = {
      place: value("place"), convener: value("convener"), date: value("date"), start: value("start"), format: radio("format"),
      venue: value("venue"), platform: value("platform"), joining_link: value("joining_link"), technical_host: value("technical_host"),
      contact: value("contact"), attendees: value("attendees"), capacity: value("capacity"),
      facilitators: value("facilitators").split("\n").map(trim).filter(Boolean),
      self_assessment: radio("self_assessment"), minutes: {}, breaks: [], groups: [],
    };
    Array.prototype.forEach.call($("group-rows").children, function (li) {
      pack.groups.push({ name: trim(li.querySelector(".g-name").value), facilitator: trim(li.querySelector(".g-facilitator").value), _error: li.querySelector(".iwe-error").id,
        _in: { name: li.querySelector(".g-name").id, facilitator: li.querySelector(".g-facilitator").id } });
    });
    sections.forEach(function (s) { var v = value("min-" + s.id); if (v !== "") pack.minutes[s.id] = v; });
    Array.prototype.forEach.call($("break-rows").children, function (li) {
      pack.breaks.push({ after: li.querySelector(".b-after").value, minutes: trim(li.querySelector(".b-minutes").value),
        title: trim(li.querySelector(".b-title").value), _error: li.querySelector(".iwe-error").id,
        _in: { title: li.querySelector(".b-title").id } });
    });
    return pack;
  }
  function fillForm(pack) {
    ["place", "convener", "date", "start", "venue", "platform", "joining_link", "technical_host", "contact", "capacity"].forEach(function (k) {
      form.elements[k].value = pack[k] || "";
    });
    form.elements.attendees.value = pack.attendees != null ? pack.attendees : "";
    form.elements.facilitators.value = (pack.facilitators || []).join("\n");
    form.querySelector("input[name='format'][value='" + (pack.format || "in-person") + "']").checked = true;
    form.querySelector("input[name='self_assessment'][value='" + (pack.self_assessment || "share") + "']").checked = true;
    sections.forEach(function (s) { form.elements["min-" + s.id].value = pack.minutes && pack.minutes[s.id] != null ? pack.minutes[s.id] : ""; });
    $("group-rows").innerHTML = ""; groupCount = 0; (pack.groups || []).forEach(addGroup);
    $("break-rows").innerHTML = ""; breakCount = 0; (pack.breaks || []).forEach(addBreak);
  }
  function blankPack() {
    return { place: "", convener: "", date: "", start: "09:30", format: "in-person", attendees: 20,
      groups: [{ name: "Group 1" }, { name: "Group 2" }, { name: "Group 3" }], facilitators: [], self_assessment: "share",
      minutes: {}, breaks: [{ after: sections[1].id, minutes: 10, title: data.words["break"] }] };
  }

  // A field's problem shows once the person has been to that field (or tried to download, or came back to a
  // plan they had started): an empty form does not open with a page of red.
  var touched = {}, showAll = false;
  function touch(event) {
    var id = event.target && event.target.getAttribute && event.target.getAttribute("aria-describedby");
    if (id) touched[id] = true;
    // the groups' problems (none, or more groups than people) belong to the groups and to the attendees
    if (event.target && (event.target.id === "f-attendees" || (event.target.closest && event.target.closest("#group-rows")))) {
      touched["e-groups"] = true;
    }
  }
  // invalid: the inputs known to hold the problem (of a row's several); otherwise the first input the error describes
  function showErrors(errors, invalid) {
    Array.prototype.forEach.call(root.querySelectorAll(".iwe-error"), function (p) {
      var list = (showAll || touched[p.id]) ? errors[p.id] : null;
      var inputs = Array.prototype.slice.call(root.querySelectorAll("[aria-describedby='" + p.id + "']"));
      var at = inputs.filter(function (i) { return invalid && invalid[i.id]; });
      if (!at.length) at = inputs.slice(0, 1);
      p.textContent = list ? list.join(" ") : "";
      inputs.forEach(function (i) { if (list && at.indexOf(i) >= 0) i.setAttribute("aria-invalid", "true"); else i.removeAttribute("aria-invalid"); });
    });
  }

  // --- showing the plan ---
  function table(head, rows, caption) {
    var t = el("table"), thead = el("thead"), tr = el("tr"), tb = el("tbody");
    if (caption) t.setAttribute("aria-label", caption);
    head.forEach(function (h) { tr.appendChild(el("th", { scope: "col" }, h)); });
    thead.appendChild(tr); t.appendChild(thead);
    rows.forEach(function (r) { var row = el("tr"); r.forEach(function (c) { row.appendChild(el("td", null, c)); }); tb.appendChild(row); });
    t.appendChild(tb);
    var w = el("div", { "class": "md-typeset__table" }); w.appendChild(t);
    // a table wider than a phone scrolls sideways: reachable by keyboard, and named (WCAG 2.1.1)
    var s = el("div", { "class": "md-typeset__scrollwrap", tabindex: "0", role: "region", "aria-label": caption }); s.appendChild(w);
    return s;
  }
  function letter(pack, plan) {
    var k = pack.format === "virtual" ? (pack.joining_link ? "virtual-link" : "virtual") : "in-person";
    var text = data.letters[k + (pack.contact ? "-contact" : "")];
    var finish = plan.agenda[plan.agenda.length - 1];
    var lines = text.split("\n").map(function (line) {
      if (line.indexOf("\u27e6clock\u27e7") < 0) return line;
      return plan.agenda.map(function (i) { return line.replace("\u27e6clock\u27e7", i.clock).replace("\u27e6title\u27e7", i.title); }).join("\n");
    });
    var values = { place: pack.place, convener: pack.convener, venue: pack.venue, platform: pack.platform, joining_link: pack.joining_link,
      contact: pack.contact, date: pack.date ? longDate(pack.date) : "", start: pack.start, finish: P.clock(finish.start + finish.minutes) };
    return lines.join("\n").replace(/\u27e6(\w+)\u27e7/g, function (all, name) { return values[name] || ""; });
  }
  function show(pack, plan) {
    var last = plan.agenda[plan.agenda.length - 1];
    current = { pack: pack, plan: plan };
    $("plan-summary").textContent = (pack.place || "Your place") + ": " + pack.start + " to " + P.clock(last.start + last.minutes) +
      ", " + plan.total + " minutes, " + pack.attendees + " people in " + pack.groups.length + " group" + (pack.groups.length !== 1 ? "s" : "") + ".";
    var adv = $("plan-advice"); adv.innerHTML = "";
    plan.advice.forEach(function (a) {
      var box = el("div", { "class": "admonition warning iwe-advice" });
      box.appendChild(el("p", { "class": "admonition-title" }, "This plan does not fit yet"));
      box.appendChild(el("p", { "class": "iwe-advice-text" }, a.message));
      (plan.cuts || []).forEach(function (c) { box.appendChild(el("p", { "class": "iwe-advice-text" }, c)); });
      box.appendChild(el("p", { "class": "iwe-advice-source" }, "Where the numbers come from: " + a.source));
      if (plan.recommendation) {
        var b = el("button", { type: "button", "class": "md-button md-button--primary", id: "apply" }, "Make this change");
        b.addEventListener("click", function () { applyAdvice(plan); });
        box.appendChild(b);
      }
      adv.appendChild(box);
    });
    $("plan-agenda").innerHTML = "";
    $("plan-agenda").appendChild(table(["Time", "Item", "Minutes"], plan.agenda.map(function (i) { return [i.clock + "–" + i.end, i.title, String(i.minutes)]; }), "Agenda"));
    var steps = $("plan-steps"); steps.innerHTML = "";
    plan.agenda.forEach(function (i) {
      if (!i.steps.length) return;
      steps.appendChild(el("h4", null, i.clock + " " + i.title));
      steps.appendChild(table(["Time", "Step", "Minutes", "What to do"], i.steps.map(function (s) { return [s.clock, s.title, s.minutes + (s.least > s.minutes ? " (needs " + s.least + ")" : ""), s.do]; }), i.title + ": steps"));
    });
    $("plan-groups").innerHTML = "";
    $("plan-groups").appendChild(table(["Group", "Facilitator", "Principles"], pack.groups.map(function (g) {
      return [g.name, g.facilitator || (plan.hosts.indexOf(g.name) >= 0 ? "(table host, to be asked)" : "(roaming facilitator)"), plan.shared ? plan.allocation[g.name].map(function (p) { return p.title; }).join("; ") : "All"];
    }), "Groups"));
    $("plan-print").innerHTML = "";
    var sent = plan.print_list.filter(function (i) { return i.send; });
    // the sheets from each print-off's pages, as the engine counts them (print-counts.js)
    $("plan-print").appendChild(table(["Print-off", "Used in", "Copies", "Paper", "Sides", "Sheets"], window.IWEPrintCounts.print_rows(data, pack, plan).map(function (r) {
      return [r.title, r.sections.join(", "), String(r.copies), r.paper, r.sides === "double-sided" ? "both" : "one", r.sheets + (r.per_sheet > 1 ? " (" + r.per_sheet + " to a sheet)" : "")];
    }), "What to print"));
    if (sent.length) {
      $("plan-print").appendChild(el("p", null, "Send before the day, as PDFs with the joining instructions:"));
      var ul = el("ul"); sent.forEach(function (i) { ul.appendChild(el("li", null, i.handout.title + " (" + i.sections.join(", ") + ")")); });
      $("plan-print").appendChild(ul);
    }
    $("plan-letter").value = letter(pack, plan);
    $("plan-letter").setSelectionRange(0, 0);  // read from the top: focus shows its first lines, not its last
    var stamp = (pack.place || "Your place") + " · " + (pack.date ? longDate(pack.date) : "") + " · Pack version " + data.version;
    current.stamp = stamp;
    $("print-stamp").textContent = stamp;
    // on every printed page, in the page's top margin (clear of the content)
    var style = $("print-stamp-style") || document.head.appendChild(el("style", { id: "print-stamp-style", media: "print" }));
    style.textContent = "@page { @top-left { content: \"" + stamp.replace(/[\\"]/g, "\\$&").replace(/[\r\n\f]+/g, " ") +
      "\"; font-size: 9pt; font-family: sans-serif; } }";
    $("iwe-plan-output").hidden = false;
    root.setAttribute("data-planned", String(Date.now()));
  }

  // --- the pack file ---
  // The pack file's name: the place's slug, as `iwe-pack new` names it (a name Windows keeps for a device gets
  // "-2"); none for a name too long for every file made from it to be saved.
  function fileName(place) {
    var slug = slugify(place);
    if (slug.length > F.names.place) return null;
    if (F.names.reserved.indexOf(slug) >= 0) slug += "-2";
    return slug + ".yml";
  }

  // --- keeping it in this browser ---
  function save(pack) { try { localStorage.setItem(key, JSON.stringify(pack)); } catch (e) { /* private mode */ } }
  function load() { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }

  // --- the plan below: shown only for what the form holds now, and marked when it cannot be ---
  var lastResult = null, shownSig = null, planned = null;  // planned: the plan of the last pack that could be planned
  // matches: the plan shown is the form's; ready: it is, and nothing in the form is to put right (print and run)
  var state = { matches: false, ready: false };
  var output = $("iwe-plan-output"), outOfDate = [$("run")].concat(Array.prototype.slice.call(document.querySelectorAll("[data-print-doc]")));

  function changed() {
    var raw = readForm();
    var fmt = raw.format;
    Array.prototype.forEach.call(form.querySelectorAll("[data-show]"), function (d) { d.hidden = d.getAttribute("data-show") !== fmt; });
    formatNote(raw);
    var stored = JSON.parse(JSON.stringify(raw));
    stored.groups.forEach(function (g) { delete g._error; delete g._in; }); stored.breaks.forEach(function (b) { delete b._error; delete b._in; });
    save(stored);
    var result = check(raw);
    lastResult = result;
    var matches = false;
    if (result.plannable) {
      var sig = JSON.stringify(result.pack);
      if (!planned || planned.sig !== sig) planned = { sig: sig, plan: P.makePlan(data, result.pack) };
      var plan = planned.plan, last = plan.agenda[plan.agenda.length - 1], end = last.start + last.minutes;
      // outside the 2 to 3 hours `iwe-pack check` refuses the file (pack.does-not-fit): the planner's words
      // for the same test, beside the breaks
      plan.evaluation.problems.forEach(function (p) {
        if (p.rule === "budget") { (result.errors["e-breaks"] = result.errors["e-breaks"] || []).push(p.message); touched["e-breaks"] = true; }
      });
      if (end > 24 * 60) {
        // refused as `iwe-pack check` refuses it; never shown, so no clock time past midnight is ever on the page
        result.errors["e-start"] = [msg("pack.past-midnight", { found: result.pack.start, end: P.clock(end % (24 * 60)) })];
        touched["e-start"] = true;
      } else {
        matches = true;
        // Shown again only when the pack changed: a field's "change" as focus leaves it must not replace
        // the button being pressed.
        if (sig !== shownSig || output.hidden) { show(result.pack, plan); shownSig = sig; }
      }
    }
    showErrors(result.errors, result.invalid);
    markPlan(matches, result.errors);
  }

  // A field of the other format is hidden: what was typed there is kept in this browser but is not used. Say so.
  function formatNote(raw) {
    var online = raw.format === "virtual";
    var unused = (online ? [["venue", "venue"]] : [["platform", "platform"], ["joining_link", "joining link"], ["technical_host", "technical host"]])
      .filter(function (k) { return raw[k[0]] !== ""; }).map(function (k) { return k[1]; });
    var text = "";
    if (unused.length) {
      var what = unused.length === 1 ? unused[0] : unused.slice(0, -1).join(", ") + " and " + unused[unused.length - 1];
      text = "The " + what + " you typed " + (unused.length === 1 ? "is" : "are") + " not used for " + (online ? "an online" : "an in-person") +
        " day, and not put in the pack file. " + (unused.length === 1 ? "It is" : "They are") + " kept here in case you choose " +
        (online ? "In person" : "Online") + " again.";
    }
    if ($("format-note").textContent !== text) $("format-note").textContent = text;
  }

  // The name of the field an error is beside, and the input to go to, for the list at the top of the plan
  function errorTarget(id) {
    var inputs = root.querySelectorAll("[aria-describedby='" + id + "']"), input = root.querySelector("[aria-describedby='" + id + "'][aria-invalid='true']") || inputs[0];
    var row = input && input.closest(".iwe-row");
    if (id === "e-groups") return { name: "Groups", input: root.querySelector("#group-rows input") || $("add-group") };
    if (id === "e-breaks") return { name: "Breaks", input: root.querySelector("#break-rows input") || $("add-break") };
    if (row) {
      var rows = Array.prototype.indexOf.call(row.parentNode.children, row) + 1;
      return { name: (row.classList.contains("group-row") ? "Group " : "Break ") + rows, input: input };
    }
    if (!input) return null;
    var label = root.querySelector("label[for='" + input.id + "']");
    var section = input.getAttribute("data-section");
    if (section) return { name: "Minutes for " + sections.filter(function (s) { return s.id === section; })[0].title, input: input };
    return { name: label ? label.textContent.replace(/\s*\([^)]*\)\s*$/, "") : id, input: input };
  }

  var markedSig = null;
  function markPlan(matches, errors) {
    var ids = Array.prototype.map.call(root.querySelectorAll(".iwe-error"), function (p) { return p.id; }).filter(function (id) { return errors[id]; });
    var ready = matches && !ids.length;
    state = { matches: matches, ready: ready };
    outOfDate.forEach(function (b) {
      if (ready) { b.removeAttribute("aria-disabled"); b.removeAttribute("aria-describedby"); }
      else { b.setAttribute("aria-disabled", "true"); b.setAttribute("aria-describedby", "plan-stale-text"); }
    });
    if (ready) { output.removeAttribute("data-stale"); $("plan-stale").hidden = true; markedSig = null; $("print-status").textContent = ""; return; }
    output.setAttribute("data-stale", matches ? "not-ready" : "out-of-date");
    $("plan-stale").hidden = false;
    var targets = ids.map(errorTarget).filter(Boolean);
    var sig = JSON.stringify([matches, targets.map(function (t) { return [t.name, t.input.id]; })]);
    if (sig === markedSig) return;
    markedSig = sig;
    var n = ids.length, things = (n === 1 ? "one thing" : n + " things") + " to fill in or put right";
    $("plan-stale-title").textContent = matches ? "This plan is not ready yet" : "This plan is out of date";
    $("plan-stale-text").textContent = (matches ? "The form has " + things + "." :
      "It does not show your latest changes. The form has " + things + " first.") +
      " Until then, you cannot print this plan or run the day from it.";
    var list = $("plan-stale-list"); list.innerHTML = "";
    targets.forEach(function (t) {
      var a = el("a", { href: "#" + t.input.id }, t.name);
      a.addEventListener("click", function (e) { e.preventDefault(); t.input.focus(); });
      list.appendChild(el("li")).appendChild(a);
    });
  }

  // --- "Make this change": the advice's change made in the form, said field by field, and undone exactly ---
  function snapshot() {
    var s = { fields: {}, radios: { format: radio("format"), self_assessment: radio("self_assessment") }, groups: [], breaks: [] };
    Array.prototype.forEach.call(form.elements, function (e) {
      if (e.name && e.type !== "radio" && !e.closest(".iwe-rows")) s.fields[e.name] = e.value;
    });
    Array.prototype.forEach.call($("group-rows").children, function (li) {
      s.groups.push({ name: li.querySelector(".g-name").value, facilitator: li.querySelector(".g-facilitator").value });
    });
    Array.prototype.forEach.call($("break-rows").children, function (li) {
      s.breaks.push({ after: li.querySelector(".b-after").value, minutes: li.querySelector(".b-minutes").value, title: li.querySelector(".b-title").value });
    });
    return s;
  }
  function restore(s) {
    Object.keys(s.fields).forEach(function (k) { form.elements[k].value = s.fields[k]; });
    Object.keys(s.radios).forEach(function (k) {
      var r = form.querySelector("input[name='" + k + "'][value='" + s.radios[k] + "']"); if (r) r.checked = true;
    });
    // the rows made again with the same ids, as the page first made them
    $("group-rows").innerHTML = ""; groupCount = 0; s.groups.forEach(addGroup);
    $("break-rows").innerHTML = ""; breakCount = 0; s.breaks.forEach(addBreak);
  }
  function sectionTitle(id) { return sections.filter(function (s) { return s.id === id; })[0].title; }
  function quoted(v) { return v === "" ? "blank" : "“" + v + "”"; }
  function differences(before, after) {
    var out = [];
    Object.keys(after.fields).forEach(function (k) {
      var a = before.fields[k], b = after.fields[k];
      if (a === b) return;
      var input = form.elements[k], section = input.getAttribute("data-section"), number = input.type === "number";
      var label = root.querySelector("label[for='" + input.id + "']").textContent.replace(/\s*\([^)]*\)\s*$/, "");
      out.push((section ? "Minutes for " + sectionTitle(section) : label) + ": from " + (number && a !== "" ? a : quoted(a)) + " to " + (number && b !== "" ? b : quoted(b)));
    });
    Object.keys(after.radios).forEach(function (k) {
      if (before.radios[k] === after.radios[k]) return;
      var words = function (v) { return form.querySelector("input[name='" + k + "'][value='" + v + "']").parentNode.textContent.trim(); };
      var group = form.querySelector("input[name='" + k + "']").closest("[role='radiogroup']");
      out.push($(group.getAttribute("aria-labelledby")).textContent + ": from " + quoted(words(before.radios[k])) + " to " + quoted(words(after.radios[k])));
    });
    var names = function (gs) { return gs.map(function (g) { return quoted(g.name); }).join(", "); };
    if (after.groups.length > before.groups.length) out.push("Groups: from " + before.groups.length + " to " + after.groups.length + ", adding " + names(after.groups.slice(before.groups.length)));
    else if (after.groups.length < before.groups.length) out.push("Groups: from " + before.groups.length + " to " + after.groups.length + ", taking away " + names(before.groups.slice(after.groups.length)));
    var breaks = function (bs) {
      return bs.length ? bs.map(function (b) { return quoted(b.title) + ", " + b.minutes + " minutes after " + sectionTitle(b.after); }).join("; ") : "none";
    };
    if (JSON.stringify(before.breaks) !== JSON.stringify(after.breaks)) out.push("Breaks: from " + breaks(before.breaks) + " to " + breaks(after.breaks));
    return out;
  }
  function applyAdvice(plan) {
    if (!state.matches || !current || current.plan !== plan) {
      $("print-status").textContent = "This advice is for the plan as it was. Put right the form first.";
      return;
    }
    var before = snapshot(), applied = P.apply(data, current.pack, plan.recommendation), after = JSON.parse(JSON.stringify(before));
    after.fields.attendees = String(applied.attendees);
    after.radios.self_assessment = applied.self_assessment;
    sections.forEach(function (s) { if (s.id in applied.minutes) after.fields["min-" + s.id] = String(applied.minutes[s.id]); });
    // the groups kept keep what was typed; a new group gets the engine's name
    after.groups = applied.groups.map(function (g, i) { return before.groups[i] || { name: g.name, facilitator: "" }; });
    // a break kept after the same section keeps the name it was given
    var taken = [];
    after.breaks = applied.breaks.map(function (b) {
      var title = b.title;
      for (var j = 0; j < before.breaks.length; j++) {
        if (taken.indexOf(j) < 0 && before.breaks[j].after === b.after) { taken.push(j); title = before.breaks[j].title; break; }
      }
      return { after: b.after, minutes: String(b.minutes), title: title };
    });
    if (!trim(before.fields.technical_host) && applied.technical_host) after.fields.technical_host = applied.technical_host;
    var changes = differences(before, after);
    restore(after);
    changed();
    var box = $("plan-changed"); box.innerHTML = "";
    var title = box.appendChild(el("p", { "class": "iwe-changed-title", tabindex: "-1" }));
    title.appendChild(el("strong", null, "Changed to fit. "));
    title.appendChild(document.createTextNode(plan.recommendation.message));
    box.appendChild(el("p", null, changes.length ? "What changed in the form:" : "Nothing in the form changed."));
    var ul = el("ul"); changes.forEach(function (c) { ul.appendChild(el("li", null, c + ".")); }); if (changes.length) box.appendChild(ul);
    var undo = box.appendChild(el("button", { type: "button", "class": "md-button", id: "undo" }, "Undo this change"));
    undo.addEventListener("click", function () {
      restore(before);
      changed();
      box.innerHTML = "";
      box.appendChild(el("p", { "class": "iwe-changed-title", tabindex: "-1" }, "Undone. The form is back as it was."));
      ($("apply") || box.firstChild).focus();
    });
    title.focus();
  }
  function forgetChange() { if ($("plan-changed").firstChild) $("plan-changed").innerHTML = ""; }

  // Not printed or run while the plan is not the form's, or the form has a problem: the problems are shown
  function refuse(where, text, focusField) {
    showAll = true;
    changed();
    where.textContent = text;
    if (focusField) { var first = root.querySelector("[aria-invalid='true']"); if (first) first.focus(); }
  }

  $("add-group").addEventListener("click", function () { touched["e-groups"] = true; addGroup(); forgetChange(); changed(); });
  $("add-break").addEventListener("click", function () { addBreak(); forgetChange(); changed(); });
  form.addEventListener("input", function (e) { touch(e); forgetChange(); changed(); });
  form.addEventListener("change", function (e) { touch(e); forgetChange(); changed(); });
  $("download").addEventListener("click", function () {
    showAll = true;
    changed();
    var bad = Object.keys(lastResult.errors);
    if (bad.length) {
      $("action-status").textContent = "Put right the " + (bad.length === 1 ? "problem" : bad.length + " problems") + " shown in the form first.";
      var first = root.querySelector("[aria-invalid='true']"); if (first) first.focus();
      return;
    }
    var name = fileName(lastResult.pack.place);
    if (!name) return;  // refused beside the place (pack.name-too-long): never a file name too long to save
    var blob = new Blob([yaml(lastResult.pack)], { type: "text/yaml;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a); a.click(); a.remove();
    $("action-status").textContent = "Downloaded " + name + ". Send it to the pack's editors to publish it.";
  });
  // --- printing: the chosen document (plan-print.js) in the print-only area, then the browser's own print ---
  var area = $("iwe-print-area");
  document.body.appendChild(area);  // a child of the body, so the print can leave out everything else
  function printDoc(kind) {
    changed();
    if (!current || output.hidden) {
      $("action-status").textContent = "Fill in the form first: your plan appears below it, and then it can be printed.";
      return;
    }
    if (!state.ready) return refuse($("print-status"), "This plan cannot be printed yet. Put right the problems listed at the top of the plan first.");
    $("print-status").textContent = "";
    var pack = current.pack, plan = current.plan, last = plan.agenda[plan.agenda.length - 1];
    var made = window.IWEPlanPrint[kind]({ data: data, pack: pack, plan: plan, date: pack.date ? longDate(pack.date) : "",
      start: pack.start, finish: P.clock(last.start + last.minutes), stamp: current.stamp });
    area.innerHTML = "";
    area.appendChild(made.node);
    var style = $("print-doc-style") || document.head.appendChild(el("style", { id: "print-doc-style", media: "print" }));
    style.textContent = made.css;
    document.documentElement.setAttribute("data-iwe-printing", kind);
    window.print();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-print-doc]"), function (b) {
    b.addEventListener("click", function () { printDoc(b.getAttribute("data-print-doc")); });
  });
  // afterwards the browser's print menu prints the whole plan again
  window.addEventListener("afterprint", function () { document.documentElement.removeAttribute("data-iwe-printing"); });
  $("run").addEventListener("click", function () {
    changed();
    if (!current || !state.ready) return refuse($("action-status"), "Put right the problem shown in the form first. Then you can run the day.", true);
    var plan = current.plan;
    var run = { slug: "plan-your-day", amberShare: data.run.amberShare, place: current.pack.place, date: current.pack.date ? longDate(current.pack.date) : "",
      start: P.parseClock(current.pack.start), total: plan.total, version: data.version,
      notice: plan.advice.length ? { title: data.words["not-fit-yet"], lines: plan.advice.map(function (a) { return a.message; }).concat(plan.cuts) } : null,
      day: (current.pack.format || "in-person") + "/" + plan.introductions,  // which notes the day reads (views/day_words.py)
      items: plan.agenda.map(function (i) { return { title: i.title, minutes: i.minutes, least: i.least, clock: i.clock, end: i.end, section: i.section,
        steps: i.steps.map(function (s) { return { title: s.title, minutes: s.minutes, least: s.least, clock: s.clock, do: s.do }; }) }; }) };
    try { localStorage.setItem(key + "-run", JSON.stringify(run)); } catch (e) { /* private mode */ }
    window.location.href = "plan-run.html";
  });
  // --- the day as a calendar invitation: the engine's views/invitation.py, line for line (RFC 5545) ---
  var ICS_ZONE = ["BEGIN:VTIMEZONE", "TZID:Europe/London",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"];
  function icsText(v) { return String(v).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n"); }
  function icsParam(v) { return '"' + String(v).replace(/["\x00-\x1f\x7f]/g, "") + '"'; }
  function icsFold(line) {  // at 75 octets, never inside a character
    var out = [], cur = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var w = new TextEncoder().encode(ch).length;
      if (size + w > (out.length ? 74 : 75)) { out.push(cur); cur = ""; size = 0; }
      cur += ch; size += w;
    });
    out.push(cur);
    return out.join("\r\n ");
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function icsLocal(date, minutes) {
    var d = new Date(date + "T00:00:00Z"); d.setUTCMinutes(minutes);
    return d.getUTCFullYear() + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + "T" + two(d.getUTCHours()) + two(d.getUTCMinutes()) + "00";
  }
  function icsStamp(d) {
    return d.getUTCFullYear() + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + "T" + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + "Z";
  }
  function invitation(pack, plan, letterText, slug, stamp) {
    var first = plan.agenda[0], last = plan.agenda[plan.agenda.length - 1];
    var where = pack.format === "virtual" ? "Online, on " + pack.platform + (pack.joining_link ? ": " + pack.joining_link : "") : pack.venue;
    var body = letterText.split("\n"); if (body.length && body[0].indexOf("Subject:") === 0) body = body.slice(1);
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//YHADPH//The wellbeing workshop pack//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH"].concat(ICS_ZONE, ["BEGIN:VEVENT", "UID:" + slug + "@iwe-workshop-pack", "DTSTAMP:" + icsStamp(stamp),
      "DTSTART;TZID=Europe/London:" + icsLocal(pack.date, first.start),
      "DTEND;TZID=Europe/London:" + icsLocal(pack.date, last.start + last.minutes),
      "SUMMARY:" + icsText("Inclusive Wellbeing Economies workshop: " + pack.place), "LOCATION:" + icsText(where || "")]);
    if (pack.format === "virtual" && pack.joining_link) lines.push("URL:" + pack.joining_link);
    var mail = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/.exec(pack.contact || "");
    if (mail) {
      var name = (pack.contact || "").replace(mail[0], "").replace(/^[ ,;:<>()]+|[ ,;:<>()]+$/g, "");
      lines.push("ORGANIZER;CN=" + icsParam(name || pack.convener) + ":mailto:" + mail[0]);
    }
    lines.push("DESCRIPTION:" + icsText(body.join("\n").trim()), "TRANSP:OPAQUE", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR");
    return lines.map(function (l) { return icsFold(l) + "\r\n"; }).join("");
  }
  $("download-invitation").addEventListener("click", function () {
    changed();
    if (!current || !state.ready) return refuse($("action-status"), "Put right the problem shown in the form first. Then you can download the invitation.", true);
    var slug = fileName(current.pack.place).replace(/\.yml$/, "");
    var text = invitation(current.pack, current.plan, $("plan-letter").value, slug, new Date());
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" })), download: slug + "-invitation.ics" });
    document.body.appendChild(a); a.click(); a.remove();
    $("action-status").textContent = "Downloaded " + slug + "-invitation.ics. Open it in Outlook or another calendar, then send it to the people coming.";
  });
  $("copy-letter").addEventListener("click", function () {
    var t = $("plan-letter"); t.select();
    var done = function () { $("action-status").textContent = "The letter is copied."; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(t.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });
  $("forget").addEventListener("click", function () {
    try { localStorage.removeItem(key); localStorage.removeItem(key + "-run"); } catch (e) { /* nothing kept */ }
    fillForm(blankPack());
    forgetChange();
    $("iwe-plan-output").hidden = true;
    changed();
    $("iwe-plan-output").hidden = true;
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    $("action-status").textContent = "This plan is forgotten: nothing of it is kept in this browser.";
  });

  // The sticky bar's height, kept free below a focused field (scroll-padding in plan.css): never under the bar
  var bar = $("iwe-plan-actions");
  function barRoom() {
    var sticky = getComputedStyle(bar).position === "sticky";
    document.documentElement.style.setProperty("--iwe-bar-height", sticky ? Math.ceil(bar.getBoundingClientRect().height) + "px" : "0px");
  }
  if (window.ResizeObserver) new ResizeObserver(barRoom).observe(bar);
  window.addEventListener("resize", barRoom);

  root.querySelector(".iwe-noscript").hidden = true;
  form.hidden = false;
  $("iwe-plan-actions").hidden = false;
  var stored = load();
  showAll = !!stored;  // back to a plan started before: show what is still to put right
  fillForm(stored || blankPack());
  changed();
})();

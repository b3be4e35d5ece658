/* "Record your day": the form, the files picked, the checks beside each field, the preview and the download.
 * The checks are record-model.js and the files it uses (mirrors of the engine); their words come from the message
 * catalogue, put into the page's data at build time. What is typed or picked stays in localStorage. No network.
 *
 * The download is one YAML file with the imported scores and minutes written into it (the record's schema allows
 * them inline), so a convenor emails one file. Attendees' answers can only come from a file (evaluation: {from:}):
 * the page writes a second, small CSV file holding only the chosen columns (no names or emails unless chosen).
 */
(function () {
  "use strict";
  var root = document.getElementById("iwe-record");
  if (!root || !window.IWERecordModel) return;
  var S = window.IWERecordSchema, C = window.IWERecordCsv, Model = window.IWERecordModel;
  var data = JSON.parse(document.getElementById("iwe-record-data").textContent);
  var key = root.getAttribute("data-storage-key");
  var RECORD_FILE = data.records + data.slug + ".yml", ANSWERS_FILE = data.slug + "-evaluation.csv";
  var $ = function (id) { return document.getElementById(id); };
  var files = {};  // kind -> {name, b64}
  var mapping = {};  // answer id -> column header
  var ready = false;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function bytesOf(b64) { var s = atob(b64), out = new Uint8Array(s.length); for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i); return out; }
  function b64Of(bytes) { var s = ""; for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)); return btoa(s); }
  function textOf(kind, problems) { return files[kind] ? C.readText(data, bytesOf(files[kind].b64), files[kind].name, problems) : null; }
  function number(v) { return Number.isInteger(v) ? String(v) : String(v); }

  // --- rows: actions and "not now" decisions ---
  var rowCount = 0;
  function sub(label, input, id) {
    var w = el("div", { "class": "iwe-subfield" });
    w.appendChild(el("label", { "for": id }, label));
    input.id = id;
    w.appendChild(input);
    return w;
  }
  function addAction(a) {
    a = a || {};
    var n = ++rowCount, li = el("li", { "class": "iwe-row iwe-rec-action" }), err = "iwe-rec-e-row-" + n;
    var what = el("input", { type: "text", "class": "a-what", autocomplete: "off", "aria-describedby": err });
    var who = el("input", { type: "text", "class": "a-who", autocomplete: "off", "aria-describedby": err });
    var by = el("input", { type: "text", "class": "a-by", autocomplete: "off", placeholder: data.date, "aria-describedby": err });
    var principle = el("select", { "class": "a-principle", "aria-describedby": err });
    principle.appendChild(el("option", { value: "" }, "None"));
    data.principles.forEach(function (p) { principle.appendChild(el("option", { value: p.id }, p.title)); });
    var smart = el("input", { type: "checkbox", "class": "a-smart" });
    what.value = a.what || ""; who.value = a.who || ""; by.value = a.by || ""; principle.value = a.principle || ""; smart.checked = !!a.smart;
    li.appendChild(sub("What", what, "iwe-rec-what-" + n));
    li.appendChild(sub("Who leads it", who, "iwe-rec-who-" + n));
    li.appendChild(sub("By when (year-month-day)", by, "iwe-rec-by-" + n));
    li.appendChild(sub("Principle it is for", principle, "iwe-rec-principle-" + n));
    var box = el("div", { "class": "iwe-subfield iwe-choices" }), lab = el("label", {});
    smart.id = "iwe-rec-smart-" + n;
    lab.appendChild(smart); lab.appendChild(document.createTextNode(" It is SMART"));
    box.appendChild(lab); li.appendChild(box);
    var rm = el("button", { type: "button", "class": "md-button iwe-remove" }, "Remove this action");
    rm.addEventListener("click", function () { li.remove(); changed(); });
    li.appendChild(rm);
    li.appendChild(el("p", { "class": "iwe-error", id: err }));
    $("iwe-rec-actions").appendChild(li);
  }
  function addNotNow(x) {
    x = x || {};
    var n = ++rowCount, li = el("li", { "class": "iwe-row iwe-rec-notnow" }), err = "iwe-rec-e-row-" + n;
    var what = el("input", { type: "text", "class": "n-what", autocomplete: "off", "aria-describedby": err });
    var why = el("input", { type: "text", "class": "n-why", autocomplete: "off", "aria-describedby": err });
    what.value = x.what || ""; why.value = x.why || "";
    li.appendChild(sub("What", what, "iwe-rec-nwhat-" + n));
    li.appendChild(sub("Why not now", why, "iwe-rec-nwhy-" + n));
    var rm = el("button", { type: "button", "class": "md-button iwe-remove" }, "Remove this decision");
    rm.addEventListener("click", function () { li.remove(); changed(); });
    li.appendChild(rm);
    li.appendChild(el("p", { "class": "iwe-error", id: err }));
    $("iwe-rec-notnow").appendChild(li);
  }

  // --- the form as it is now, and as the record file holds it ---
  function form() {
    var f = { held: $("iwe-rec-held").value, vision: $("iwe-rec-vision").value, purpose: $("iwe-rec-purpose").value,
      group: $("iwe-rec-group").value, meets: $("iwe-rec-meets").value, lead: $("iwe-rec-lead").value,
      next: $("iwe-rec-next").value, note: $("iwe-rec-note").value, scores: {}, minutes: {}, actions: [], notNow: [] };
    root.querySelectorAll("[data-score]").forEach(function (i) { f.scores[i.getAttribute("data-score")] = i.value; });
    root.querySelectorAll("[data-minutes]").forEach(function (i) { f.minutes[i.getAttribute("data-minutes")] = i.value; });
    root.querySelectorAll(".iwe-rec-action").forEach(function (li) {
      f.actions.push({ what: li.querySelector(".a-what").value, who: li.querySelector(".a-who").value, by: li.querySelector(".a-by").value,
        principle: li.querySelector(".a-principle").value, smart: li.querySelector(".a-smart").checked });
    });
    root.querySelectorAll(".iwe-rec-notnow").forEach(function (li) {
      f.notNow.push({ what: li.querySelector(".n-what").value, why: li.querySelector(".n-why").value });
    });
    return f;
  }
  var blank = function (s) { return !S.strip(s || ""); };
  // the record (record-schema.js): `answers` is how the answers are named: the file picked with its columns (to
  // check it as the engine would), or the small file the download writes
  function record(f, answers) {
    var rec = {}, rows = {};
    if (!blank(f.held)) rec.held = S.strip(f.held);
    var scores = {};
    Object.keys(f.scores).forEach(function (k) { if (!blank(f.scores[k])) scores[k] = S.strip(f.scores[k]); });
    if (Object.keys(scores).length) rec.scores = scores;
    if (!blank(f.vision)) rec.vision = f.vision;
    var purpose = f.purpose.split("\n").filter(function (l) { return !blank(l); });
    if (purpose.length) rec.purpose = purpose;
    var actions = [];
    f.actions.forEach(function (a, i) {
      if (blank(a.what) && blank(a.who) && blank(a.by) && !a.principle) return;
      var x = { what: a.what, by: S.strip(a.by), smart: a.smart };
      if (!blank(a.who)) x.who = a.who;
      if (a.principle) x.principle = a.principle;
      rows["actions." + (actions.length + 1)] = i;
      actions.push(x);
    });
    if (actions.length) rec.actions = actions;
    if (!blank(f.group) || !blank(f.meets) || !blank(f.lead)) {
      rec.governance = { group: f.group, meets: f.meets };
      if (!blank(f.lead)) rec.governance.lead = f.lead;
    }
    if (!blank(f.next)) rec.next_meeting = S.strip(f.next);
    if (!blank(f.note)) rec.next_meeting_note = f.note;
    var notNow = [];
    f.notNow.forEach(function (n, i) {
      if (blank(n.what) && blank(n.why)) return;
      rows["not_now." + (notNow.length + 1)] = i;
      notNow.push({ what: n.what, why: n.why });
    });
    if (notNow.length) rec.not_now = notNow;
    var minutes = {};
    Object.keys(f.minutes).forEach(function (k) { if (!blank(f.minutes[k])) minutes[k] = S.strip(f.minutes[k]); });
    if (Object.keys(minutes).length) rec.minutes = minutes;
    if (answers) rec.evaluation = answers;
    return { rec: rec, rows: rows };
  }
  function chosenColumns() {
    var out = {};
    data.csv.evaluation_fields.forEach(function (f) { if (mapping[f]) out[f] = mapping[f]; });
    return Object.keys(out).length ? out : null;
  }

  // --- where each problem is shown ---
  function boxFor(p, rows) {
    var f = p.field || "";
    if (p.file && p.file !== RECORD_FILE) {
      for (var kind in files) if (files[kind].name === p.file) return "iwe-rec-e-" + kind;
    }
    if (f === "held") return "iwe-rec-e-held";
    if (f.indexOf("scores.") === 0) return "iwe-rec-e-score-" + f.slice(7);
    if (f.indexOf("minutes.") === 0) return "iwe-rec-e-min-" + f.slice(8);
    if (f === "vision") return "iwe-rec-e-vision";
    if (f.indexOf("purpose") === 0) return "iwe-rec-e-purpose";
    if (f.indexOf("governance.") === 0) return "iwe-rec-e-" + f.slice(11);
    if (f === "next_meeting") return "iwe-rec-e-next";
    if (f === "next_meeting_note") return "iwe-rec-e-note";
    if (f.indexOf("evaluation.columns.") === 0) return "iwe-rec-e-col-" + f.slice(19);
    if (f.indexOf("evaluation") === 0) return "iwe-rec-e-answers";
    var m = /^(actions|not_now)\.([0-9]+)/.exec(f);
    if (m && rows[m[1] + "." + m[2]] !== undefined) {
      var li = root.querySelectorAll(m[1] === "actions" ? ".iwe-rec-action" : ".iwe-rec-notnow")[rows[m[1] + "." + m[2]]];
      if (li) return li.querySelector(".iwe-error").id;
    }
    return null;
  }
  // the engine's words: for a file, with where in it (as `iwe-pack check` says it); for a field, the words alone
  function words(p) {
    if (p.file && p.file !== RECORD_FILE) {
      var where = p.file + (p.line ? ", line " + p.line : "") + (p.field ? ", field " + p.field : "");
      return where + ": " + p.message;
    }
    return p.message;
  }

  // --- the files picked ---
  function importScores(problems) {
    var text = textOf("scores", problems);
    var rows = text === null ? null : C.readScores(data, text, files.scores.name, problems);
    return rows;
  }
  function fillFromScores() {
    var rows = importScores(new S.Problems(data)), n = 0;
    (rows || []).forEach(function (r) {
      var input = root.querySelector('[data-score="' + CSS.escape(r.principle_id) + '"]');
      if (input) { input.value = r.score === null ? "" : number(r.score); if (r.score !== null) n++; }
    });
    return n;
  }
  function fillFromTimes() {
    var problems = new S.Problems(data), text = textOf("times", problems), n = 0;
    var rows = text === null ? null : C.readTimes(data, text, files.times.name, problems);
    (rows || []).forEach(function (r) {
      var input = root.querySelector('[data-minutes="' + CSS.escape(r.section_id) + '"]');
      if (input) { input.value = r.actual === null ? "" : String(r.actual); if (r.actual !== null) n++; }
    });
    return n;
  }
  function answersHeader() {
    var problems = new S.Problems(data), text = textOf("answers", problems);
    if (text === null) return null;
    var sep = C.separator(data, text);
    if (Array.isArray(sep)) return null;
    var first = C.reader(text, sep).next();
    return first ? first.map(S.strip) : null;
  }
  function showColumns() {
    var header = files.answers ? answersHeader() : null;
    $("iwe-rec-columns").hidden = !header;
    root.querySelectorAll("[data-answer]").forEach(function (sel) {
      var id = sel.getAttribute("data-answer");
      sel.innerHTML = "";
      sel.appendChild(el("option", { value: "" }, "Not in the file"));
      (header || []).forEach(function (h) { if (h) sel.appendChild(el("option", { value: h }, h)); });
      if (header && mapping[id] === undefined) {  // a first guess: a column named after the answer, or asking the question
        var q = (data.questions[id] || id).toLowerCase().replace(/[^a-z ]/g, "");
        mapping[id] = header.indexOf(id) >= 0 ? id : (header.filter(function (h) { return h && h.toLowerCase().replace(/[^a-z ]/g, "") === q; })[0] || "");
      }
      sel.value = header && header.indexOf(mapping[id]) >= 0 ? mapping[id] : "";
    });
  }
  ["scores", "times", "answers"].forEach(function (kind) {
    $("iwe-rec-file-" + kind).addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (!file) return;
      file.arrayBuffer().then(function (buf) {
        files[kind] = { name: file.name, b64: b64Of(new Uint8Array(buf)) };
        var said = "Read " + file.name + ".";
        if (kind === "scores") said += " It filled in " + fillFromScores() + " scores below.";
        if (kind === "times") said += " It filled in the minutes of " + fillFromTimes() + " sections below.";
        if (kind === "answers") { mapping = {}; showColumns(); said += " Choose the column of each answer below."; }
        $("iwe-rec-s-" + kind).textContent = said;
        e.target.value = "";
        changed();
      });
    });
    $("iwe-rec-clear-" + kind).addEventListener("click", function () {
      delete files[kind];
      if (kind === "answers") { mapping = {}; showColumns(); }
      $("iwe-rec-s-" + kind).textContent = "The file is removed. What it filled in is kept: change it below if you need to.";
      changed();
    });
  });
  root.querySelectorAll("[data-answer]").forEach(function (sel) {
    sel.addEventListener("change", function () { mapping[sel.getAttribute("data-answer")] = sel.value; changed(); });
  });

  // --- the preview: the report as it will look ---
  function table(caption, head, rows) {
    var t = el("table"), thead = el("thead"), tr = el("tr"), tb = el("tbody");
    t.appendChild(el("caption", {}, caption));
    head.forEach(function (h) { tr.appendChild(el("th", { scope: "col" }, h)); });
    thead.appendChild(tr); t.appendChild(thead);
    rows.forEach(function (r) { var row = el("tr"); r.forEach(function (c) { row.appendChild(el("td", {}, c)); }); tb.appendChild(row); });
    t.appendChild(tb);
    return t;
  }
  function longDate(iso) {
    var d = new Date(iso + "T00:00:00Z"), part = function (o) { return d.toLocaleDateString("en-GB", Object.assign({ timeZone: "UTC" }, o)); };
    return part({ weekday: "long" }) + " " + d.getUTCDate() + " " + part({ month: "long" }) + " " + d.getUTCFullYear();
  }
  function preview(read) {
    var out = $("iwe-rec-report"), r = read.record;
    out.innerHTML = "";
    var add = function (tag, text) { return out.appendChild(el(tag, {}, text)); };
    add("p", "Held on " + longDate(read.held) + ".");
    add("h3", "Vision and shared purpose");
    add("p", r.vision ? "Our vision: " + r.vision : "No vision was written down.");
    if (r.purpose.length) { var ul = add("ul"); r.purpose.forEach(function (p) { ul.appendChild(el("li", {}, p)); }); }
    add("h3", "Scores against the matrix");
    var levels = {};
    data.levels.forEach(function (lv) { levels[lv.score] = lv.name; });
    out.appendChild(table("The score the room agreed for each principle", ["Principle", "Agreed score", "Level"],
      data.principles.map(function (p) {
        var s = read.scores[p.id];
        return [p.title, s == null ? "Not scored" : number(s), s == null ? "Not scored" : levels[Math.floor(s)] || "–"];
      })));
    add("h3", "Actions");
    if (r.actions.length) out.appendChild(table("Actions agreed: what, who leads it, and by when", ["What", "Who", "By when", "SMART"],
      r.actions.map(function (a) { return [a.what, a.who || "", longDate(a.by), a.smart ? "Yes" : "No"]; })));
    else add("p", "No actions were written down.");
    add("h3", "Keeping on track");
    add("p", r.governance ? r.governance.group + ": " + r.governance.meets + (r.governance.lead ? ". Led by " + r.governance.lead + "." : "") : "No group was named to look after the work.");
    add("h3", "Next meeting");
    add("p", r.next_meeting ? longDate(r.next_meeting) + (r.next_meeting_note ? ": " + r.next_meeting_note : "") : "No date was set.");
    add("h3", "Not now");
    if (r.not_now.length) { var nl = add("ul"); r.not_now.forEach(function (n) { nl.appendChild(el("li", {}, n.what + ": " + n.why)); }); }
    else add("p", "Nothing was put aside.");
    add("h3", "What people said about the day");
    add("p", read.evaluation ? read.evaluation.responses.length + " answered." : "No answers were collected.");
    add("h3", "Time: planned and actual");
    if (Object.keys(read.times).length) out.appendChild(table("Minutes planned and taken for each section", ["Section", "Planned", "Actual"],
      data.sections.map(function (s) { var t = read.times[s.id]; return [s.number + ". " + s.title, String(s.planned), t && t[0] != null ? String(t[0]) : "Not timed"]; })));
    else add("p", "The sections were not timed.");
  }

  // --- check everything, as `iwe-pack check` would ---
  function check() {
    var f = form(), cols = chosenColumns();
    var answers = files.answers && cols ? { from: files.answers.name, columns: cols } : null;
    var built = record(f, answers), problems = new S.Problems(data), named = {};
    Object.keys(files).forEach(function (k) { named[files[k].name] = bytesOf(files[k].b64); });
    var read = Model.readRecord(data, built.rec, named, RECORD_FILE, problems);
    // the files picked, as the engine reads them when a record names them with `from:`
    var fileProblems = new S.Problems(data), fileRec = {};
    var held = blank(f.held) ? null : S.parseDate(data, S.strip(f.held));
    if (held && held.date) fileRec.held = held.date;
    if (files.scores) fileRec.scores = { from: files.scores.name };
    if (files.times) fileRec.minutes = { from: files.times.name };
    if (files.answers && !cols) problems.add(RECORD_FILE, null, "evaluation.columns", "record.evaluation-no-columns", {
      found: (answersHeader() || []).map(S.pyRepr).join(", "), allowed: data.csv.evaluation_fields.join(", ") });
    Model.readRecord(data, fileRec, named, RECORD_FILE, fileProblems);
    var all = problems.list.concat(fileProblems.list.filter(function (p) { return p.file !== RECORD_FILE; }));
    root.querySelectorAll(".iwe-error").forEach(function (e) { e.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    var list = $("iwe-rec-problem-list");
    list.innerHTML = "";
    all.forEach(function (p) {
      var id = boxFor(p, built.rows), box = id && $(id), text = words(p);
      if (box) {
        box.appendChild(el("span", { "class": "iwe-rec-problem" }, text));
        root.querySelectorAll('[aria-describedby~="' + id + '"]').forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      }
      var li = el("li");
      if (box) { var a = el("a", { href: "#" + id }, text); li.appendChild(a); } else li.textContent = text;
      list.appendChild(li);
    });
    ["scores", "times", "answers"].forEach(function (k) { $("iwe-rec-clear-" + k).hidden = !files[k]; });
    $("iwe-rec-problems").hidden = !all.length;
    ready = !all.length && !!read;
    $("iwe-rec-download").setAttribute("aria-disabled", String(!ready));
    if (read) preview(read);
    $("iwe-rec-report").hidden = !read;
    $("iwe-rec-preview").hidden = false;
    return { ready: ready, built: built, read: read };
  }

  // --- keeping it in this browser ---
  function save(f) { try { localStorage.setItem(key, JSON.stringify({ form: f, files: files, mapping: mapping })); } catch (e) { /* full or private */ } }
  function load() { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function fill(saved) {
    var f = saved && saved.form || {};
    $("iwe-rec-held").value = f.held || ""; $("iwe-rec-vision").value = f.vision || ""; $("iwe-rec-purpose").value = f.purpose || "";
    $("iwe-rec-group").value = f.group || ""; $("iwe-rec-meets").value = f.meets || ""; $("iwe-rec-lead").value = f.lead || "";
    $("iwe-rec-next").value = f.next || ""; $("iwe-rec-note").value = f.note || "";
    root.querySelectorAll("[data-score]").forEach(function (i) { i.value = (f.scores || {})[i.getAttribute("data-score")] || ""; });
    root.querySelectorAll("[data-minutes]").forEach(function (i) { i.value = (f.minutes || {})[i.getAttribute("data-minutes")] || ""; });
    $("iwe-rec-actions").innerHTML = ""; $("iwe-rec-notnow").innerHTML = "";
    (f.actions && f.actions.length ? f.actions : [{}]).forEach(addAction);
    (f.notNow || []).forEach(addNotNow);
    files = saved && saved.files || {};
    mapping = saved && saved.mapping || {};
    showColumns();
  }
  function changed() { save(form()); check(); }

  // --- the download ---
  function answersCsv() {
    var text = C.readText(data, bytesOf(files.answers.b64), files.answers.name, new S.Problems(data));
    var sep = C.separator(data, text), r = C.reader(text, sep), header = r.next().map(S.strip), cols = chosenColumns(), cells;
    var ids = data.csv.evaluation_fields.filter(function (f) { return cols[f]; });
    var quote = function (c) { return /[",\r\n]/.test(c) || c !== c.trim() ? '"' + c.replace(/"/g, '""') + '"' : c; };
    var lines = [ids.join(",")];
    while ((cells = r.next()) !== null) {
      if (!cells.some(function (c) { return S.strip(c); })) continue;
      var row = ids.map(function (f) { return cells[header.indexOf(cols[f])] || ""; });
      if (row.some(function (c) { return S.strip(c); })) lines.push(row.map(quote).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }
  function offer(text, name, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  $("iwe-rec-download").addEventListener("click", function () {
    var now = check();
    if (!now.ready) {
      $("iwe-rec-status").textContent = "Put right the problems listed in the preview first. Then you can download the record.";
      return;
    }
    var withAnswers = files.answers && chosenColumns();
    var rec = record(form(), withAnswers ? { from: ANSWERS_FILE } : null).rec;
    var yaml = S.toYaml(data, rec, ["The record of the day, made on the pack's \"Record your day\" page (pack version " + data.version + ").",
      "The editors save it as " + data.records + data.slug + ".yml" + (withAnswers ? ", with " + ANSWERS_FILE + " beside it." : ".")]);
    offer(yaml, data.slug + ".yml", "application/yaml;charset=utf-8");
    if (withAnswers) offer(answersCsv(), ANSWERS_FILE, "text/csv;charset=utf-8");
    $("iwe-rec-status").textContent = "Downloaded " + data.slug + ".yml" + (withAnswers ? " and " + ANSWERS_FILE : "") +
      ". Email " + (withAnswers ? "them" : "it") + " to the pack's editors.";
  });
  $("iwe-rec-forget").addEventListener("click", function () {
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    fill(null);
    check();
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    $("iwe-rec-status").textContent = "This record is forgotten: nothing of it is kept in this browser.";
  });
  $("iwe-rec-add-action").addEventListener("click", function () { addAction(); changed(); });
  $("iwe-rec-add-notnow").addEventListener("click", function () { addNotNow(); changed(); });
  $("iwe-rec-form").addEventListener("input", changed);
  $("iwe-rec-form").addEventListener("change", function (e) { if (e.target.type !== "file") changed(); });

  root.querySelector(".iwe-noscript").hidden = true;
  $("iwe-rec-form").hidden = false;
  $("iwe-rec-bar").hidden = false;
  fill(load());
  check();
})();

/* "Plan your day": the documents the page prints with the browser's own print (plan-page.js puts one in the
 * print-only area and calls window.print()): the agenda, the facilitator pack, a scoring sheet for each group
 * and the sign-in sheet. They follow the PDFs' designs (overrides/print/*.html). Every word that is not the
 * plan's comes from the page's data, made at build time (src/iwe_pack/views/planner_data.py): the notes as
 * HTML, the matrix, the handouts' titles and words. The place, date and pack version on every page is the
 * page's @page stamp (plan-page.js); a group's sheets add the group's name to it (named pages). */
(function (root) {
  "use strict";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c != null) parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function markup(cls, htmlText) {  // HTML made at build time from the sources (never what a person typed)
    var d = el("div", { "class": cls });
    d.innerHTML = htmlText || "";
    return d;
  }
  function table(head, rows, cls) {
    var t = el("table", cls ? { "class": cls } : null), tr = el("tr"), tb = el("tbody");
    head.forEach(function (h) { tr.appendChild(el("th", { scope: "col" }, h)); });
    add(t, add(el("thead"), tr), tb);
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (c) { row.appendChild(typeof c === "string" ? el("td", null, c) : add(el("td"), c)); });
      tb.appendChild(row);
    });
    return t;
  }
  function summary(pairs) {
    var dl = el("dl", { "class": "summary" });
    pairs.forEach(function (p) { if (p[1]) add(dl, el("dt", null, p[0]), el("dd", null, p[1])); });
    return dl;
  }
  function where(pack) { return pack.format === "virtual" ? "Online, on " + pack.platform : pack.venue; }
  function lead(ctx) {
    return add(el("p", { "class": "lead" }), el("strong", null, ctx.pack.place), ", " + ctx.date + ", " + ctx.start + " to " + ctx.finish,
      el("br"), where(ctx.pack));
  }
  function agendaTable(ctx, label) {
    var rows = ctx.plan.agenda.map(function (i) { return [i.clock + "–" + i.end, i.title, String(i.minutes)]; });
    rows.push([el("strong", null, ctx.finish), el("strong", null, "Finish"), el("strong", null, String(ctx.plan.total))]);
    return table(["Time", label, "Minutes"], rows, "agenda");
  }
  function printList(ctx) {
    var out = document.createDocumentFragment(), list = ctx.plan.print_list;
    add(out, table(["Print-off", "Used in", "Copies", "Sheets"], list.filter(function (i) { return !i.send; }).map(function (i) {
      return [i.handout.title, i.sections.join(", "), String(i.copies), i.sheets + (i.handout.per_sheet > 1 ? " (" + i.handout.per_sheet + " to a sheet)" : "")];
    })));
    var sent = list.filter(function (i) { return i.send; });
    if (sent.length) add(out, el("p", null, "Send before the day, as PDFs: " + sent.map(function (i) { return i.handout.title; }).join(", ") + "."));
    return out;
  }
  function cssString(s) { return "\"" + String(s).replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ") + "\""; }

  // --- the documents: each gives the nodes to print and any @page rules it needs ---
  function agenda(ctx) {
    var doc = el("div", { "class": "iwe-doc iwe-doc-agenda" });
    add(doc, el("h1", null, "Agenda"), lead(ctx));
    ctx.plan.advice.forEach(function (a) { add(doc, add(el("div", { "class": "advice" }), el("p", null, ctx.data.words["not-fit-yet"] + ". " + a.message))); });
    add(doc, agendaTable(ctx, "What happens"));
    return { node: doc, css: "" };
  }

  function facilitatorPack(ctx) {
    var d = ctx.data, pack = ctx.pack, plan = ctx.plan;
    var doc = el("div", { "class": "iwe-doc iwe-doc-pack" });
    add(doc, el("h1", null, "Facilitator pack"), el("p", { "class": "lead" }, d.title), el("p", { "class": "place" }, pack.place),
      summary([["Date", ctx.date], ["Time", ctx.start + " to " + ctx.finish], ["Format", pack.format === "virtual" ? "Online" : "In person"],
        ["Venue", pack.format === "virtual" ? null : pack.venue], ["Platform", pack.format === "virtual" ? pack.platform : null],
        ["Joining link", pack.format === "virtual" ? pack.joining_link : null], ["Technical host", pack.format === "virtual" ? pack.technical_host : null],
        ["Convener", pack.convener], ["Facilitators", pack.facilitators.join(", ")],
        ["People", pack.attendees + " in " + pack.groups.length + " group" + (pack.groups.length !== 1 ? "s" : "")]]));
    if (plan.advice.length) {  // first, before the agenda: the change to make, and the steps cut to fit meanwhile
      add(doc, el("h2", null, "Does the plan fit?"));
      plan.advice.forEach(function (a) {
        var box = add(el("div", { "class": "advice" }), el("p", null, d.words["not-fit-yet"] + ". " + a.message));
        plan.cuts.forEach(function (c) { add(box, el("p", null, c)); });
        add(doc, add(box, el("p", null, "Why: " + a.source)));
      });
    }
    add(doc, el("h2", null, "Agenda"), agendaTable(ctx, "Section"));
    add(doc, el("h2", null, "Groups and the matrix"), table(["Group", "Facilitator", "Principles"], pack.groups.map(function (g) {
      return [g.name, g.facilitator || "(roaming facilitator)", plan.shared ? plan.allocation[g.name].map(function (p) { return p.title; }).join("; ") : "All"];
    })));
    add(doc, el("h2", null, "What to print"), printList(ctx));
    var numbers = {};
    d.sections.forEach(function (s) { numbers[s.id] = s.number; });
    plan.agenda.forEach(function (item) {
      if (!item.section) return;
      var sec = add(el("section", { "class": "section" }), el("h2", null, numbers[item.section] + ". " + item.title),
        el("p", { "class": "when" }, item.clock + "–" + item.end + " (" + item.minutes + " minutes)"));
      if (item.steps.length) {
        add(sec, el("h3", null, "Step by step"));
        var ol = el("ol", { "class": "steps" });
        item.steps.forEach(function (s) {
          add(ol, add(el("li", { "class": "step" }),
            add(el("p", { "class": "step-head" }), el("span", { "class": "clock" }, s.clock), " ", el("strong", null, s.title), " (" + s.minutes + " min" + (s.least > s.minutes ? ", needs " + s.least : "") + ")"),
            el("p", null, s.do), s.say ? add(el("p", { "class": "say" }), el("em", null, "Say: “" + s.say + "”")) : null));
        });
        add(sec, ol);
      }
      // the notes for this kind of day (views/day_words.py day_key)
      var notes = d.print.notes[item.section] && d.print.notes[item.section][(pack.format || "in-person") + "/" + plan.introductions];
      if (notes) add(sec, markup("notes", notes));
      add(doc, sec);
    });
    return { node: doc, css: "" };
  }

  function scoringSheets(ctx) {
    var d = ctx.data, P = d.print, sheet = P.handouts.scoring, levels = {}, css = [];
    P.levels.forEach(function (lv) { levels[lv.score] = lv; });
    var number = {};
    d.principles.forEach(function (p, i) { number[p.id] = i + 1; });
    var doc = el("div", { "class": "iwe-doc iwe-doc-scoring" });
    function ownTag() { return el("span", { "class": "own-tag" }, P.own_mark); }
    ctx.pack.groups.forEach(function (g, n) {
      var principles = ctx.plan.allocation[g.name] || [];
      var name = "iwe-group-" + (n + 1);
      // the group's name with the place, date and version at the top of each of its pages
      css.push("@page " + name + " { @top-left { content: " + cssString(g.name + " · " + ctx.stamp) + "; font-size: 9pt; font-family: sans-serif; } }");
      var page = el("div", { "class": "group-sheet", style: "page: " + name });
      add(page, el("h1", null, (sheet ? sheet.title : "Scoring sheet") + ": " + g.name),
        add(el("p", null), "Group: ", el("strong", null, g.name), g.facilitator ? " (facilitator: " + g.facilitator + ")" : "", " · " + ctx.pack.place + ", " + ctx.date));
      if (sheet && sheet.body) add(page, markup("handout-body", sheet.body));
      add(page, el("p", null, "Read the levels from the bottom up. Tick the highest one that is fully true of your place today, and write what you could point to."));
      var own = principles.some(function (p) { return p.own || p.levels.some(function (pl) { return levels[pl.level] && levels[pl.level].own; }); });
      if (own && P.own_key_short) add(page, add(el("p", { "class": "own-key" }), "The mark ", ownTag(), " " + P.own_key_short));
      principles.forEach(function (p) {
        var box = add(el("div", { "class": "principle" }), add(el("h2", null, number[p.id] + ". " + p.title), p.own ? " " : null, p.own ? ownTag() : null),
          el("p", { "class": "statement" }, p.statement));
        add(box, table(["Our score", "Level", "What it looks like"], p.levels.slice().reverse().map(function (pl) {
          var lv = levels[pl.level] || { name: "" };
          var tick = el("span", { "class": "score-box" });
          return [tick, add(el("span", { "class": "level-name" }, pl.level + ". " + lv.name), lv.own ? " " : null, lv.own ? ownTag() : null), pl.short];
        }), "levels"));
        add(box, add(el("p", null), el("strong", null, "What we could point to"), " (evidence):"),
          add(el("div", { "class": "write-in", role: "presentation" }), el("span", { "class": "write-line" }), el("span", { "class": "write-line" }), el("span", { "class": "write-line" })));
        add(page, box);
      });
      add(doc, page);
    });
    return { node: doc, css: css.join("\n") };
  }

  function signIn(ctx) {
    var P = ctx.data.print, sheet = P.handouts["sign-in"], rule = P.sign_in, n = ctx.pack.attendees;
    var rows = n + Math.max(rule.least_spares, Math.ceil(n / rule.people_per_spare)), blank = [];
    for (var i = 0; i < rows; i++) blank.push(["", "", ""]);
    var doc = el("div", { "class": "iwe-doc iwe-doc-sign-in" });
    add(doc, el("h1", null, sheet ? sheet.title : "Sign-in sheet"), add(el("p", { "class": "lead" }), el("strong", null, ctx.pack.place), ", " + ctx.date));
    if (sheet && sheet.body) add(doc, markup("handout-body", sheet.body));
    add(doc, table(["Name", "Organisation", "Email"], blank, "sign-in"));
    return { node: doc, css: "" };
  }

  root.IWEPlanPrint = { agenda: agenda, "facilitator-pack": facilitatorPack, scoring: scoringSheets, "sign-in": signIn, cssString: cssString };
})(this);

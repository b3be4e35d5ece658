/* Scoring the maturity matrix on the day: a progressive enhancement.
 * Works offline, sends nothing anywhere, keeps its state in this browser's localStorage.
 * Without JavaScript the page keeps its plain text and the printed collation sheet is used instead.
 * The page's data (#iwe-matrix-data) holds the levels and principles and, on a place's own scoring page,
 * its groups by name, each with the principles it scores (null: all of them). Without groups, the
 * facilitator sets how many there are, and they are numbered. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("iwe-scoring");
    var dataEl = document.getElementById("iwe-matrix-data");
    if (!root || !dataEl || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var data = JSON.parse(dataEl.textContent);
    var key = root.getAttribute("data-storage-key") || "iwe-scoring";
    var named = Array.isArray(data.groups) && data.groups.length > 0;
    var state = load();

    function blank() { return { groups: named ? data.groups.length : 3, scores: {}, agreed: {} }; }
    function load() {
      try {
        var saved = JSON.parse(window.localStorage.getItem(key) || "null");
        if (saved && typeof saved.groups === "number") {
          if (named) saved.groups = data.groups.length;
          return saved;
        }
      } catch (e) { /* storage off or damaged: start again */ }
      return blank();
    }
    // The groups, in order: {index, name, principles (ids it scores, or null for all)}.
    function groupList() {
      var out = [];
      for (var g = 0; g < state.groups; g++) {
        var given = named ? data.groups[g] : null;
        out.push({ index: g, name: given ? given.name : "Group " + (g + 1),
                   principles: given && Array.isArray(given.principles) ? given.principles : null });
      }
      return out;
    }
    function scorers(id) {
      return groupList().filter(function (g) { return !g.principles || g.principles.indexOf(id) >= 0; });
    }
    function save() {
      try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }
    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      for (var name in attrs || {}) node.setAttribute(name, attrs[name]);
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function levelName(score) {
      for (var i = 0; i < data.levels.length; i++) if (data.levels[i].score === score) return data.levels[i].name;
      return "";
    }
    function groupScores(id) {
      var row = state.scores[id] || [];
      var out = [];
      scorers(id).forEach(function (g) { if (row[g.index]) out.push(row[g.index]); });
      return out;
    }
    function midpoint(scores) {
      if (!scores.length) return null;
      return (Math.min.apply(null, scores) + Math.max.apply(null, scores)) / 2;
    }
    function agreed(id) {
      var chosen = state.agreed[id];
      return chosen ? chosen : midpoint(groupScores(id));
    }
    function fmt(score) { return score === null ? "–" : (score % 1 ? score.toFixed(1) : String(score)); }

    function render() {
      root.textContent = "";
      var controls = el("div", { "class": "iwe-scoring-controls" });
      if (!named) {
        var label = el("label", { "for": "iwe-groups" }, "Number of groups ");
        var groups = el("input", { id: "iwe-groups", type: "number", min: "1", max: "12", value: String(state.groups),
                                   inputmode: "numeric" });
        groups.addEventListener("change", function () {
          var n = parseInt(groups.value, 10);
          if (n >= 1 && n <= 12) { state.groups = n; save(); render(); document.getElementById("iwe-groups").focus(); }
        });
        label.appendChild(groups);
        controls.appendChild(label);
        root.appendChild(controls);
      }
      // What to do with the scores comes after them: the first thing on the screen is the first score to enter.
      var actions = el("div", { "class": "iwe-scoring-controls" });
      var csv = el("button", { type: "button", "class": "md-button" }, "Download CSV");
      csv.addEventListener("click", download);
      var print = el("button", { type: "button", "class": "md-button" }, "Print");
      print.addEventListener("click", function () { window.print(); });
      var reset = el("button", { type: "button", "class": "md-button" }, "Reset all scores");
      reset.addEventListener("click", function () {
        if (window.confirm("Clear every score on this device?")) { state = blank(); save(); render(); }
      });
      actions.appendChild(csv); actions.appendChild(print); actions.appendChild(reset);

      data.principles.forEach(function (p, index) {
        var box = el("fieldset", { "class": "iwe-score-card", id: "score-" + p.id });
        box.appendChild(el("legend", {}, (index + 1) + ". " + p.title));
        var row = el("div", { "class": "iwe-score-row" });
        scorers(p.id).forEach(function (g) { row.appendChild(select(g.name, p, g.index)); });
        row.appendChild(select("Agreed by the room", p, -1));
        box.appendChild(row);
        var scores = groupScores(p.id);
        var status = el("p", { "class": "iwe-score-status", "aria-live": "polite" });
        var differ = scores.length > 1 && Math.min.apply(null, scores) !== Math.max.apply(null, scores);
        if (differ) {
          status.appendChild(el("strong", { "class": "iwe-disagree" }, "Groups disagree"));
          status.appendChild(document.createTextNode(
            " (" + Math.min.apply(null, scores) + " to " + Math.max.apply(null, scores) + "). Midpoint: " +
            fmt(midpoint(scores)) + ". "));
        } else if (scores.length) {
          status.appendChild(document.createTextNode(scores.length > 1 ? "Groups agree. " : ""));
        }
        var result = agreed(p.id);
        status.appendChild(el("span", { "class": "iwe-agreed", "data-principle": p.id },
          "Agreed score: " + fmt(result) + (result !== null && result % 1 === 0 ? " (" + levelName(result) + ")" : "")));
        box.appendChild(status);
        root.appendChild(box);
      });
      root.appendChild(chart());
      root.appendChild(actions);
    }

    function select(labelText, p, g) {
      var id = "s-" + p.id + "-" + (g < 0 ? "agreed" : g);
      var wrap = el("div", { "class": "iwe-score-field" });
      wrap.appendChild(el("label", { "for": id }, labelText));
      var s = el("select", { id: id, "aria-describedby": "score-" + p.id });
      s.appendChild(el("option", { value: "" }, g < 0 ? "Use midpoint" : "Not scored"));
      data.levels.forEach(function (lv) { s.appendChild(el("option", { value: String(lv.score) }, lv.score + " " + lv.name)); });
      var current = g < 0 ? state.agreed[p.id] : (state.scores[p.id] || [])[g];
      s.value = current ? String(current) : "";
      s.addEventListener("change", function () {
        var v = s.value ? parseInt(s.value, 10) : null;
        if (g < 0) { if (v) state.agreed[p.id] = v; else delete state.agreed[p.id]; }
        else { (state.scores[p.id] = state.scores[p.id] || [])[g] = v; }
        save(); render();
        var again = document.getElementById(id);
        if (again) again.focus();
      });
      wrap.appendChild(s);
      return wrap;
    }

    function chart() {
      var max = data.levels[data.levels.length - 1].score;
      var figure = el("figure", { "class": "iwe-chart" });
      figure.appendChild(el("figcaption", {}, "The place's profile: agreed score for each principle, out of " + max));
      var list = el("ul", {});
      data.principles.forEach(function (p) {
        var score = agreed(p.id);
        var item = el("li", {});
        item.appendChild(el("span", { "class": "iwe-chart-label" }, p.title + ": " + fmt(score)));
        var track = el("span", { "class": "iwe-chart-track", "aria-hidden": "true" });
        var bar = el("span", { "class": "iwe-chart-bar" });
        bar.style.width = (score ? (score / max) * 100 : 0) + "%";
        track.appendChild(bar);
        item.appendChild(track);
        list.appendChild(item);
      });
      figure.appendChild(list);
      return figure;
    }

    function csvCell(value) {
      var text = value === null || value === undefined ? "" : String(value);
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // no formulas when opened in a spreadsheet
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }

    function download() {
      var head = ["principle_id", "principle"];
      var all = groupList();
      all.forEach(function (g) { head.push(named ? g.name : "group_" + (g.index + 1)); });
      head.push("midpoint", "agreed");
      var lines = [head.map(csvCell).join(",")];
      data.principles.forEach(function (p) {
        var row = [p.id, p.title];
        var scoring = scorers(p.id).map(function (g) { return g.index; });
        all.forEach(function (g) {
          row.push(scoring.indexOf(g.index) >= 0 ? (state.scores[p.id] || [])[g.index] || "" : "");
        });
        row.push(fmt(midpoint(groupScores(p.id))).replace("–", ""), fmt(agreed(p.id)).replace("–", ""));
        lines.push(row.map(csvCell).join(","));
      });
      var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var name = "self-assessment-scores" + (typeof data.slug === "string" ? "-" + data.slug : "") + ".csv";
      var link = el("a", { href: URL.createObjectURL(blob), download: name });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }

    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

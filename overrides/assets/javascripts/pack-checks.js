/* The "Plan your day" page's checks of a pack, with the words of `iwe-pack check` (src/iwe_pack/checks/packs.py and
 * the value checks of src/iwe_pack/sources/schema.py), and the pack file the page writes. Pure: made from the
 * data the build embeds (its messages, patterns and limits), so it runs in the page and in Node, where
 * tests/test_pack_checks.py checks that, for packs with mistakes, the page says what `iwe-pack check` says.
 * Works in a browser (window.IWEPackChecks) and in Node (module.exports). */
(function () {
  "use strict";
  function make(data, P) {
    var M = data.messages, F = data.fields;
    var sections = data.sections, lastId = sections[sections.length - 1].id;

    // --- words: the catalogue's templates, filled as the engine fills them ---
    function pyRepr(s) {
      s = String(s);
      if (s.indexOf("'") >= 0 && s.indexOf('"') < 0) return '"' + s + '"';
      return "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
    }
    function msg(code, values) { return P.fill(M[code], Object.assign({ found: "", allowed: "", hint: "" }, values || {})); }
    function slugify(name, fallback) {
      var s = String(name).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      return s || (fallback === undefined ? "place" : fallback);
    }

    // --- the checks of `iwe-pack check`, with its words ---
    var WHOLE = /^[0-9]{1,9}$/;
    // The characters `iwe-pack check` refuses in any text (yaml.control-character), with its own pattern: C0 and C1
    // controls (U+0085, which YAML reads as a line break, among them), DEL, lone surrogates, and U+2028 and U+2029,
    // which YAML also reads as line breaks. ("u": a character is a code point, so only a lone surrogate matches.)
    var CONTROL = new RegExp(F.control, "u");
    function codePoint(ch) { return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0"); }
    function check(pack) {
      var errors = {}, clean = JSON.parse(JSON.stringify(pack));
      function add(id, text) { var list = errors[id] = errors[id] || []; if (list.indexOf(text) < 0) list.push(text); }
      // every text that goes into the file, checked for those characters first: a field with one says only that
      var bad = {}, invalid = {};  // the error ids with such a character; the inputs that have it
      function control(text, id, input) {
        var m = CONTROL.exec(String(text || ""));
        if (m) { add(id, msg("yaml.control-character", { found: codePoint(m[0]) })); bad[id] = true; if (input) invalid[input] = true; }
        return !!m;
      }
      var texts = ["place", "convener", "start", "contact"].concat(pack.format === "virtual" ? ["platform", "joining_link", "technical_host"] : ["venue"]);
      texts.forEach(function (k) { control(pack[k], "e-" + k); });
      pack.facilitators.forEach(function (f) { control(f, "e-facilitators"); });
      pack.groups.forEach(function (g) { control(g.name, g._error, g._in.name); control(g.facilitator, g._error, g._in.facilitator); });
      pack.breaks.forEach(function (b) { control(b.title, b._error, b._in.title); });
      ["place", "convener"].forEach(function (k) { if (!pack[k]) add("e-" + k, msg("yaml.empty-text")); });
      if (!pack.date) add("e-date", msg("yaml.empty", { allowed: F.date_description }));
      else {
        var dm = new RegExp(F.date).exec(pack.date);
        if (!dm) add("e-date", msg("value.date-format", { found: pyRepr(pack.date) }));
        else {
          var y = +dm[1], mo = +dm[2], d = +dm[3];
          if (y < F.years[0] || y > F.years[1]) add("e-date", msg("value.date-year", { found: pyRepr(pack.date), first: F.years[0], last: F.years[1] }));
          else if (mo < 1 || mo > 12) add("e-date", msg("value.no-such-month", { found: pyRepr(pack.date) }));
          else {
            var days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
            if (d < 1 || d > days) add("e-date", msg("value.no-such-day", { found: pyRepr(pack.date), days: days,
              month: new Date(Date.UTC(y, mo - 1, 1)).toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" }) + " " + y }));
          }
        }
      }
      var start = null;
      if (!pack.start) add("e-start", msg("yaml.empty", { allowed: F.clock_description }));
      else if (!bad["e-start"]) {
        var cm = new RegExp(F.clock).exec(pack.start);
        if (!cm) add("e-start", msg("value.clock-format", { found: pyRepr(pack.start) }));
        else if (+cm[1] > 23 || +cm[2] > 59) add("e-start", msg("value.not-a-time", { found: pyRepr(pack.start) }));
        else { start = +cm[1] * 60 + +cm[2]; clean.start = P.clock(start); }
      }
      if (pack.format === "in-person" && !pack.venue) add("e-venue", msg("pack.venue-missing"));
      if (pack.format === "virtual" && !pack.platform) add("e-platform", msg("pack.platform-missing"));
      if (pack.format === "virtual" && pack.joining_link && !bad["e-joining_link"] && !new RegExp(F.web_address.pattern).test(pack.joining_link))
        add("e-joining_link", msg("value.pattern", { found: pyRepr(pack.joining_link), allowed: F.web_address.allowed }));
      var att = F.attendees;
      // a count of people (the attendees, the venue's capacity): a whole number in the range, else said beside it
      function count(key) {
        var v = pack[key], id = "e-" + key;
        if (!WHOLE.test(String(v))) add(id, msg("yaml.wrong-type", { found: pyRepr(v), allowed: att.allowed }));
        else if (+v < att.min || +v > att.max) add(id, msg("yaml.wrong-type", { found: +v, allowed: att.allowed }));
        else clean[key] = +v;
      }
      if (pack.attendees === "") add("e-attendees", msg("yaml.empty", { allowed: att.allowed }));
      else count("attendees");
      // in person, how many the venue holds: optional
      var hasCapacity = pack.format === "in-person" && pack.capacity != null && pack.capacity !== "";
      delete clean.capacity;
      if (hasCapacity) count("capacity");
      if (!pack.groups.length) add("e-groups", msg("pack.no-groups"));
      if (pack.groups.length && typeof clean.attendees === "number" && pack.groups.length > clean.attendees)
        add("e-groups", msg("pack.more-groups-than-people", { found: pack.groups.length, allowed: clean.attendees }));
      // a name made into file names (packs/<place>.yml, <place>-<handout>-<group>.pdf) must fit every file system
      var names = F.names;
      function tooLong(slug, most, what, id) {
        if (slug.length > most) add(id, msg("pack.name-too-long", { what: what, found: slug.length, example: slug.slice(0, 24), allowed: most }));
      }
      if (pack.place && !bad["e-place"]) tooLong(slugify(pack.place), names.place, "place", "e-place");
      var seen = {};
      pack.groups.forEach(function (g, i) {
        if (!g.name) { add(g._error, msg("yaml.empty-text")); return; }
        if (bad[g._error]) return;
        var k = slugify(g.name, "") || "group-" + (i + 1);
        tooLong(k, names.group, "group name", g._error);
        if (seen[k] != null) add(g._error, msg("pack.group-names-clash", { found: pyRepr(g.name), other: seen[k] }));
        else seen[k] = g.name;
      });
      if (!pack.facilitators.length) add("e-facilitators", msg("pack.no-facilitators"));
      clean.minutes = {};
      sections.forEach(function (s) {
        if (!(s.id in pack.minutes)) return;
        var v = pack.minutes[s.id];
        if (!WHOLE.test(v) || +v < 1 || +v > 600) add("e-min-" + s.id, msg("yaml.wrong-type", { found: WHOLE.test(v) ? +v : pyRepr(v), allowed: F.minutes.allowed }));
        else if (+v < s.min || +v > s.max) add("e-min-" + s.id, msg("pack.minutes-out-of-range", { found: +v, section: s.title, allowed: s.min + " to " + s.max }));
        else clean.minutes[s.id] = +v;
      });
      var bm = F.break_minutes;
      pack.breaks.forEach(function (b, i) {
        if (b.after === lastId) add(b._error, msg("pack.break-at-end", { found: pyRepr(b.after) }));
        if (!WHOLE.test(b.minutes) || +b.minutes < bm.min || +b.minutes > bm.max)
          add(b._error, msg("yaml.wrong-type", { found: WHOLE.test(b.minutes) ? +b.minutes : pyRepr(b.minutes), allowed: bm.allowed }));
        else clean.breaks[i].minutes = +b.minutes;
        if (!b.title) add(b._error, msg("yaml.empty-text"));
      });
      // text the pack's font cannot print (the PDFs would show empty boxes): the check's words, without the
      // character's Unicode name, which the browser does not know
      if (data.font && data.font.length) {
        // the spaces the engine lets by (Python's str.isspace): not the browser's \s, which also takes U+FEFF
        var SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
        var fontCheck = function (text, id) {
          var lost = [];
          if (CONTROL.test(String(text || ""))) return;  // refused above
          Array.from(String(text || "")).forEach(function (ch) {
            var cp = ch.codePointAt(0);
            if (SPACE.test(ch) || lost.indexOf(ch) >= 0 || data.font.some(function (r) { return cp >= r[0] && cp <= r[1]; })) return;
            lost.push(ch);
          });
          if (lost.length) add(id, msg("pack.font-cannot-print", { found: lost.slice(0, 5).map(function (c) {
            return "'" + c + "' (U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + ")"; }).join(", ") }));
        };
        ["place", "convener", "contact"].concat(pack.format === "virtual" ? ["platform", "technical_host"] : ["venue"])
          .forEach(function (k) { fontCheck(pack[k], "e-" + k); });
        pack.facilitators.forEach(function (f) { fontCheck(f, "e-facilitators"); });
        pack.groups.forEach(function (g) { fontCheck(g.name, g._error); fontCheck(g.facilitator, g._error); });
        pack.breaks.forEach(function (b) { fontCheck(b.title, b._error); });
      }
      if (slugify(pack.place) === "index") add("e-place", msg("pack.index-name", { allowed: slugify(pack.place + " place") + ".yml" }));
      // the other format's fields are hidden: what was typed there is kept in this browser, but not planned or filed
      (pack.format === "virtual" ? ["venue"] : ["platform", "joining_link", "technical_host"]).forEach(function (k) { clean[k] = ""; });
      clean.groups.forEach(function (g) { delete g._error; delete g._in; });
      clean.breaks.forEach(function (b) { delete b._error; delete b._in; });
      return { errors: errors, invalid: invalid, pack: clean, plannable: start !== null && typeof clean.attendees === "number" && clean.groups.length > 0 &&
        clean.groups.length <= clean.attendees && !Object.keys(errors).some(function (k) { return /^e-(min-|break-)/.test(k); }) };
    }

    // --- the pack file ---
    // Every text is written double-quoted, and every character that YAML reads as a line break or refuses, or that
    // does not show, is written as an escape (\x85, \u2028, \u0000...): the file holds exactly the text typed and
    // nothing typed can start a line of its own. (The checks above refuse most of these anyway.)
    function escapeChar(ch) {
      var cp = ch.codePointAt(0);
      if (ch === "\\" || ch === '"') return "\\" + ch;
      if ((cp >= 0x20 && cp <= 0x7e) || cp >= 0x10000) return ch;  // printable ASCII; a whole pair of surrogates
      if (cp >= 0xa0 && cp <= 0xfffd && cp !== 0x2028 && cp !== 0x2029 && cp !== 0xfeff && (cp < 0xd800 || cp > 0xdfff)) return ch;
      return cp <= 0xff ? "\\x" + cp.toString(16).toUpperCase().padStart(2, "0") : "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    }
    function q(s) { return '"' + Array.from(String(s)).map(escapeChar).join("") + '"'; }
    // a number the checks made one, as digits; anything else as text
    function num(n) { return typeof n === "number" && Number.isInteger(n) && n >= 0 ? String(n) : q(n); }
    function yaml(pack) {
      // nothing typed goes into the comment: the place is on the next line, quoted
      var out = ["# The plan for an Inclusive Wellbeing Economies workshop, made on the pack's \"Plan your day\" page",
        "# (pack version " + String(data.version).replace(/[^\x20-\x7e]/g, "") + ").",
        "place: " + q(pack.place), "convener: " + q(pack.convener), "date: " + q(pack.date), "start: " + q(pack.start), "format: " + q(pack.format)];
      // a field left blank is left out (as a person writing the file would), so the check says what is missing
      if (pack.format === "in-person") { if (pack.venue) out.push("venue: " + q(pack.venue)); }
      else {
        if (pack.platform) out.push("platform: " + q(pack.platform));
        if (pack.joining_link) out.push("joining_link: " + q(pack.joining_link));
      }
      if (pack.technical_host && pack.format === "virtual") out.push("technical_host: " + q(pack.technical_host));
      if (pack.contact) out.push("contact: " + q(pack.contact));
      out.push("attendees: " + num(pack.attendees));
      if (pack.format === "in-person" && pack.capacity !== undefined && pack.capacity !== "" && pack.capacity !== null)
        out.push("capacity: " + num(pack.capacity));
      out.push("groups:" + (pack.groups.length ? "" : " []"));
      pack.groups.forEach(function (g) { out.push("  - name: " + q(g.name)); if (g.facilitator) out.push("    facilitator: " + q(g.facilitator)); });
      out.push("facilitators:" + (pack.facilitators.length ? "" : " []"));
      pack.facilitators.forEach(function (f) { out.push("  - " + q(f)); });
      out.push("self_assessment: " + q(pack.self_assessment));
      var ids = Object.keys(pack.minutes);
      if (ids.length) { out.push("minutes:"); sections.forEach(function (s) { if (s.id in pack.minutes) out.push("  " + s.id + ": " + num(pack.minutes[s.id])); }); }
      if (pack.breaks.length) {
        out.push("breaks:");
        pack.breaks.forEach(function (b) { out.push("  - after: " + q(b.after), "    minutes: " + num(b.minutes), "    title: " + q(b.title)); });
      }
      return out.join("\n") + "\n";
    }

    return { pyRepr: pyRepr, msg: msg, slugify: slugify, check: check, yaml: yaml };
  }
  var api = { make: make };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") window.IWEPackChecks = api;
})();

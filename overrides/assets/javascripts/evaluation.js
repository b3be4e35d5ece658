/* A place's evaluation form: keep a draft on this device; on Send, prepare an email with each answer under its
 * question (marker lines and ids as the record of the day reads them back: sources/record_email.py), and show the
 * answers, a Copy button and the other ways to hand them in, since the page cannot tell whether an email app
 * opened. Nothing is sent from the page. */
(function () {
  "use strict";
  var form = document.getElementById("evaluation");
  var key = "iwe-evaluation-" + form.getAttribute("data-slug");
  var email = form.getAttribute("data-email");

  function fields() {  // each question's id once, in the page's order
    var seen = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && seen.indexOf(el.name) < 0) seen.push(el.name);
    });
    return seen;
  }
  function answer(name) {
    var el = form.elements[name];
    var value = el.value !== undefined ? el.value : "";  // a radio group's value is the ticked one's
    return value.replace(/\s+/g, " ").trim();  // one line each, so each answer is one row when pasted
  }
  function answers() {
    var out = {};
    fields().forEach(function (name) { var a = answer(name); if (a) out[name] = a; });
    return out;
  }
  function save() {
    try { localStorage.setItem(key, JSON.stringify(answers())); } catch (e) { /* private mode: no draft */ }
  }
  function restore() {
    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (!draft) return;
    fields().forEach(function (name) {
      if (typeof draft[name] !== "string") return;
      var el = form.elements[name];
      if (el instanceof RadioNodeList) {
        Array.prototype.forEach.call(el, function (r) { r.checked = r.value === draft[name]; });
      } else {
        el.value = draft[name];
      }
    });
  }
  function questions() {  // each question's id, words and kind, in the page's order
    return Array.prototype.map.call(form.querySelectorAll("[data-id]"), function (el) {
      return { id: el.getAttribute("data-id"), words: el.getAttribute("data-words"), kind: el.getAttribute("data-kind") };
    });
  }
  function body() {  // the email's text: each answer under its question, between the start and end lines
    var given = answers();
    var parts = [form.getAttribute("data-start")];
    questions().forEach(function (q) {
      if (!given[q.id]) return;
      if (parts.length > 1) parts.push("");
      parts.push(form.getAttribute("data-question").replace("{id}", q.id) + q.words +
                 (q.kind === "rating" ? " (1 to 5)" : ""));
      parts.push(form.getAttribute("data-answer") + given[q.id]);
    });
    parts.push(form.getAttribute("data-end"));
    return parts.join("\r\n") + "\r\n";
  }
  function mailto() {
    return "mailto:" + email + "?subject=" + encodeURIComponent(form.getAttribute("data-subject")) +
      "&body=" + encodeURIComponent(body());
  }
  function show(given) {  // the answers with their questions' words, to check, copy or hand in
    var list = document.getElementById("answers-list");
    list.textContent = "";
    questions().forEach(function (q) {
      var term = document.createElement("dt");
      var value = document.createElement("dd");
      term.textContent = q.words;
      value.textContent = given[q.id] ? given[q.id] + (q.kind === "rating" ? " out of 5" : "") : "Not answered";
      if (!given[q.id]) value.className = "none";
      list.appendChild(term);
      list.appendChild(value);
    });
    document.getElementById("answers-text").value = body();
    document.getElementById("copy-box").hidden = true;
    document.getElementById("copied").textContent = "";
  }
  function selectText() {  // without the clipboard: the answers selected, for the person to copy
    var box = document.getElementById("copy-box");
    var text = document.getElementById("answers-text");
    box.hidden = false;
    text.focus();
    text.select();
    text.setSelectionRange(0, text.value.length);
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.getElementById("copied").textContent = copied ?
      "Your answers are copied. Paste them into a new email." :
      "Your answers are selected in the box below. Press and hold them, then choose Copy.";
  }

  restore();
  function changed() {
    save();
    var panel = document.getElementById("handin");
    if (panel && !panel.hidden) show(answers());  // the answers shown and copied are the ones on the form
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!email) return;
    var given = answers();
    var link = mailto();
    var fits = link.length <= Number(form.getAttribute("data-most"));
    document.getElementById("sent").textContent = Object.keys(given).length ? "" :
      "You have not answered any questions yet.";
    show(given);
    document.getElementById("handin-email").hidden = !fits;
    document.getElementById("handin-long").hidden = fits;
    var panel = document.getElementById("handin");
    panel.hidden = false;
    document.getElementById("handin-title").focus();
    if (!fits) return;  // too long for some email apps: copy instead
    var a = document.createElement("a");  // a link's click opens the email app, as a person's would
    a.href = link;
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  if (email) {
    document.getElementById("copy").addEventListener("click", function () {
      var text = document.getElementById("answers-text").value;
      if (!navigator.clipboard || !navigator.clipboard.writeText) { selectText(); return; }
      navigator.clipboard.writeText(text).then(function () {
        document.getElementById("copy-box").hidden = true;
        document.getElementById("copied").textContent = "Your answers are copied. Paste them into a new email.";
      }, selectText);
    });
  }
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm("Clear all your answers on this device?")) return;
    form.reset();
    if (email) document.getElementById("handin").hidden = true;
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  });
})();

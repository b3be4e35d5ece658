/* A place's evaluation form: keep a draft on this device, prepare an email with one "id: answer" line per
 * answered question (ids as the record of the day reads them), or print. Nothing is sent from the page. */
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
  function mailto() {
    var given = answers();
    var lines = fields().filter(function (name) { return given[name]; })
      .map(function (name) { return name + ": " + given[name]; });
    return "mailto:" + email + "?subject=" + encodeURIComponent(form.getAttribute("data-subject")) +
      "&body=" + encodeURIComponent(lines.join("\r\n") + "\r\n");
  }

  restore();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!email) return;
    var status = document.getElementById("sent");
    status.textContent = Object.keys(answers()).length ?
      "Your email app should now open. Check your answers, then press send." :
      "Your email app should now open. You have not answered any questions yet.";
    var link = document.createElement("a");  // a link's click opens the email app, as a person's would
    link.href = mailto();
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm("Clear all your answers on this device?")) return;
    form.reset();
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  });
})();

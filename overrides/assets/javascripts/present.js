/* One slide at a time: keyboard, buttons, swipe and #slide-N in the address. Works from file:// too. */
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  document.documentElement.classList.add("js");
  var counter = document.getElementById("counter");
  var notesButton = document.getElementById("notes-toggle");
  var current = 0;

  function fromHash() {
    var m = /^#slide-(\d+)$/.exec(window.location.hash);
    return m ? Math.min(Math.max(parseInt(m[1], 10) - 1, 0), slides.length - 1) : 0;
  }
  function show(index, focus) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    slides.forEach(function (s, i) { s.classList.toggle("current", i === current); });
    counter.textContent = "Slide " + (current + 1) + " of " + slides.length;
    if (window.location.hash !== "#slide-" + (current + 1) && (window.location.hash || current > 0)) {
      try { history.replaceState(null, "", "#slide-" + (current + 1)); } catch (e) { /* file:// in some browsers */ }
    }
    if (focus) {
      var heading = slides[current].querySelector("h1, h2");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
  function toggleNotes() {
    var on = document.documentElement.classList.toggle("show-notes");
    notesButton.setAttribute("aria-pressed", on ? "true" : "false");
  }
  document.getElementById("next").addEventListener("click", function () { show(current + 1, false); });
  document.getElementById("prev").addEventListener("click", function () { show(current - 1, false); });
  notesButton.addEventListener("click", toggleNotes);
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(e.target.tagName) && e.key === " ") return;
    var keys = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
    if (e.key in keys) { e.preventDefault(); show(current + keys[e.key], true); }
    else if (e.key === "Home") { e.preventDefault(); show(0, true); }
    else if (e.key === "End") { e.preventDefault(); show(slides.length - 1, true); }
    else if (e.key === "n" || e.key === "N") { toggleNotes(); }
  });
  // A swipe (a finger or pen moved sideways more than it moved up or down) is the next or previous slide. The
  // slides take sideways moves as theirs (touch-action in present.css), and the page does not let them run on
  // into the browser's own "back" gesture (overscroll-behavior), so a swipe never leaves the deck.
  var swipe = null;
  document.addEventListener("pointerdown", function (e) {
    swipe = e.pointerType === "mouse" || !e.isPrimary ? null : { id: e.pointerId, x: e.clientX, y: e.clientY };
  });
  document.addEventListener("pointerup", function (e) {
    if (!swipe || e.pointerId !== swipe.id) return;
    var dx = e.clientX - swipe.x, dy = e.clientY - swipe.y;
    swipe = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) show(current + (dx < 0 ? 1 : -1), false);
  });
  document.addEventListener("pointercancel", function () { swipe = null; });
  window.addEventListener("hashchange", function () { show(fromHash(), false); });
  show(fromHash(), false);
})();

/* Small fixes on top of Material for MkDocs.
 * Tables too wide for a small screen scroll sideways: make each such scroll area reachable and named
 * for keyboard users (WCAG 2.1.1). Runs after Material has wrapped the tables. */
(function () {
  "use strict";
  function fix() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.closest("article") ? "Table (scroll sideways to see all of it)" : "Table";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption);
      }
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(fix, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
  window.addEventListener("resize", fix);
})();

// A box that scrolls (wide display math, wide tables, long notebook lines)
// must be scrollable from the keyboard (WCAG 2.1.1). Material gives its own
// code blocks a tab stop; this does the same for every other box that
// actually overflows and has nothing focusable inside. It runs after the
// math is typeset (site.js subscribes first), when fonts change the layout
// and on resize, so the decision follows the real width.
(function () {
  // Wide display math scrolls in KaTeX's .katex-display (site.css), or in its
  // arithmatex wrapper where a theme puts the overflow there.
  var SCROLLERS = ".md-content div.arithmatex, .md-content .katex-display, " +
    ".md-content .md-typeset__scrollwrap, .md-content .jupyter-wrapper pre";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function update() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (overflows && !box.hasAttribute("tabindex") && !box.querySelector(FOCUSABLE)) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-a11y-scroller", "");
      } else if (!overflows && box.hasAttribute("data-a11y-scroller")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-a11y-scroller");
      }
    });
  }

  var pending = 0;
  function schedule() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  }

  document$.subscribe(function () {
    update();
    document.fonts.ready.then(schedule);
  });
  window.addEventListener("resize", schedule);
})();

// A box that scrolls (wide display math, wide tables, long notebook lines)
// must be scrollable from the keyboard (WCAG 2.1.1). Material gives its own
// code blocks a tab stop; this does the same for every other box that
// actually overflows and has nothing focusable inside. The decision follows
// the real width, so it is made once the box is laid out: in the first frame
// after the page is typeset (never inside the task that builds the page, where
// reading a width would force a layout of everything), again when fonts change
// the layout and on resize, and for a block that site.css leaves unrendered
// until the reader scrolls near it (content-visibility: auto), when it is
// rendered. A box in such a skipped block is not measured before: measuring it
// would lay the block out and undo the skip.
(function () {
  // Wide display math scrolls in KaTeX's .katex-display (site.css), or in its
  // arithmatex wrapper where a theme puts the overflow there.
  var SCROLLERS = ".md-content div.arithmatex, .md-content .katex-display, " +
    ".md-content .md-typeset__scrollwrap, .md-content .jupyter-wrapper pre";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  // A browser that cannot tell a skipped box (checkVisibility's
  // contentVisibilityAuto option) or would not say when its block is rendered
  // (the event below) measures every box, as before: the same result, slower.
  var SKIPPED = { contentVisibilityAuto: true };
  var WAITS = "ContentVisibilityAutoStateChangeEvent" in window &&
    typeof Element.prototype.checkVisibility === "function";

  function update() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (WAITS && !box.checkVisibility(SKIPPED)) return;
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
    schedule();
    document.fonts.ready.then(schedule);
  });
  window.addEventListener("resize", schedule);
  // Not bubbling: caught on its way down to the block.
  document.addEventListener("contentvisibilityautostatechange", function (event) {
    if (!event.skipped) schedule();
  }, true);
})();

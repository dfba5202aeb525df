// The Markdown pages arrive typeset (hooks/katex.py runs KaTeX at build time).
// What is left is the raw $...$ of notebook pages, and anything a future page
// brings that the build did not see. `document$` fires on the first load and
// after every instant navigation, so pages reached without a reload are
// typeset too.
document$.subscribe(function () {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false }
    ],
    // Code and already-rendered math must stay as they are.
    ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
    ignoredClasses: ["katex", "highlight", "highlight-ipynb"],
    throwOnError: false
  });
});

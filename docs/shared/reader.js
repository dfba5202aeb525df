// What a reader meets around the article: search that loads when it is opened,
// a skip link that moves the keyboard focus, and a language switch that keeps
// the place on the page. Event delegation on the document, so it would also hold
// across Material's instant navigation (off: mkdocs.yml says why).
(() => {
  "use strict";

  // Search on demand. hooks/search.py moved the search documents out of the
  // index that Material fetches on every page; its worker fetches them when
  // told here that the reader is about to search, so the first query does not
  // wait for the whole download.
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("search-on-demand") : null;
  let told = false;
  const searchOpens = () => {
    if (told || !channel) return;
    told = true;
    channel.postMessage("open");
  };
  document.addEventListener("focusin", event => {
    if (event.target instanceof Element && event.target.matches("input.md-search__input")) {
      searchOpens();
    }
  });
  document.addEventListener("change", event => {
    if (event.target.id === "__search" && event.target.checked) searchOpens();
  });

  // The skip link: following it scrolls, but the next Tab would start again at
  // the header. Focus the target so the next Tab lands in the article.
  const focusTarget = target => {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  };
  document.addEventListener("click", event => {
    const skip = event.target instanceof Element && event.target.closest("a.md-skip");
    if (!skip) return;
    const article = document.querySelector("article.md-content__inner");
    const id = decodeURIComponent(new URL(skip.href).hash.slice(1));
    const target = (id && document.getElementById(id)) || article;
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (target.id) history.replaceState(history.state, "", "#" + encodeURIComponent(target.id));
    focusTarget(target);
  }, true);

  // The language switch. Both languages have the same headings in the same
  // order but different anchors (#기울기-소실, #vanishing-gradients), so a
  // heading anchor travels as its position (#__heading-3) and is turned back
  // into the other page's own anchor on arrival; any other anchor (#fn:1)
  // travels as it is. The query travels too: the explorer keeps the reader's
  // functions and settings there. (Material's own handler would look the
  // address, query included, up in the other language's sitemap, miss, and
  // open that language's home page.)
  const HEADINGS = "article h1[id], article h2[id], article h3[id], article h4[id]";
  const POSITION = /^#__heading-(\d+)$/;
  document.addEventListener("click", event => {
    const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (!location.hash && !location.search) return;
    const url = new URL(link.href);
    url.search = location.search;
    if (location.hash) {
      const id = decodeURIComponent(location.hash.slice(1));
      const position = [...document.querySelectorAll(HEADINGS)].findIndex(h => h.id === id);
      url.hash = position >= 0 ? `__heading-${position}` : location.hash;
    }
    event.preventDefault();
    event.stopPropagation();
    location.assign(url.href);
  }, true);
  const arrive = () => {
    const match = POSITION.exec(location.hash);
    if (!match) return;
    const heading = document.querySelectorAll(HEADINGS)[Number(match[1])];
    if (!heading) return;
    history.replaceState(history.state, "", "#" + encodeURIComponent(heading.id));
    heading.scrollIntoView();
  };
  if (typeof document$ !== "undefined") document$.subscribe(arrive);
  else arrive();
})();

// Material's scripts draw a <nav> for the buttons of every code block and for the topics of every
// search result, all without a name: several landmarks of one kind that a screen reader cannot tell
// apart (axe landmark-unique). Each gets a name saying what it belongs to, as it appears.
(function () {
  function name(navs, label) {
    navs.forEach(function (nav, index) {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", label(nav, index + 1));
    });
  }
  function label() {
    name(document.querySelectorAll("nav.md-code__nav"), function (nav, n) { return "Code block " + n; });
    name(document.querySelectorAll(".md-search-result nav.md-tags"), function (nav, n) {
      var title = nav.closest("article") && nav.closest("article").querySelector("h1, h2");
      return "Topics of result " + n + (title ? ": " + title.textContent : "");
    });
  }
  new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
  label();
})();

// What the archive's pages do once loaded, beside Material's own script.
(function () {
  // Material's scripts draw a <nav> for the buttons of every code block and for the topics of every
  // search result, all without a name: several landmarks of one kind that a screen reader cannot
  // tell apart (axe landmark-unique). Each gets a name saying what it belongs to, as it appears.
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

  // Every passage of a report links to itself with a pilcrow at its end (before the links to its
  // twins in a list item), shown on hover and focus (archive.css). The pages carry only the ids: the
  // same link on every passage of tens of thousands of pages is written here instead.
  document.querySelectorAll(".md-typeset :is(p, li).passage[id]").forEach(function (passage) {
    var link = document.createElement("a");
    link.className = "passage-anchor";
    link.href = "#" + passage.id;
    link.textContent = "\u00b6";
    var twins = passage.querySelector(":scope > .parallels");  // a list item's, after a space
    if (twins) passage.insertBefore(link, twins).after(" ");
    else passage.append(" ", link);
  });
})();

/* The archive's search: the header box and the full search page (search.html).
 *
 * The index is built by the generator (generator/search_index.py) as scripts that register
 * themselves with window.__archiveSearch.add(kind, key, packed), so it loads from file:// as well as
 * over HTTP, and a query loads only the pieces it needs: the manifest (facet table, where each term
 * shard starts), the term shards of its words, and the document shards of the results on screen.
 * `packed` is the piece's JSON, deflated and in base85 or base64: inflated by DecompressionStream from a
 * Blob, which needs no fetch either.
 *
 * Text from the sources is only ever put into the page with textContent / text nodes.
 */
(function () {
  "use strict";

  var here = document.currentScript;
  var ROOT = new URL("..", here.src); // this file is assets/archive-search.js
  var INDEX = new URL("search/", ROOT);
  var HEADER_RESULTS = 8;
  var PAGE_RESULTS = 20;
  var MIN_PREFIX = 3; // a shorter last word matches whole words only, never every word it begins
  var MAX_PREFIX_TERMS = 200;
  var MAX_PREFIX_SHARDS = 8;
  var SNIPPET = 280;

  // --- loading pieces of the index ------------------------------------------------------------

  var pieces = { manifest: {}, terms: {}, docs: {} };
  var pending = {};

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  var DIGIT = new Uint8Array(128);
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  /** Bytes from base85 (RFC 1924's digits, as Python's base64.b85encode writes them): 5 digits for
   * 4 bytes; a last group of n + 1 digits stands for n bytes, as if filled up with the top digit. */
  function base85(text) {
    var out = new Uint8Array(Math.floor(text.length / 5) * 4 + Math.max(0, text.length % 5 - 1));
    var o = 0;
    for (var i = 0; i < text.length; i += 5) {
      var value = 0;
      for (var j = i; j < i + 5; j++) value = value * 85 + (j < text.length ? DIGIT[text.charCodeAt(j)] : 84);
      for (var shift = 24; shift >= 0 && o < out.length; shift -= 8) out[o++] = (value >>> shift) & 255;
    }
    return out;
  }

  function base64(text) {
    var binary = atob(text);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  /** The JSON a piece packed (raw deflate; docs shards in base85, the others in base64, as
   * PACKING in generator/pieces.py says), parsed. */
  function unpack(kind, packed) {
    var bytes = kind === "docs" ? base85(packed) : base64(packed);
    var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(text).text().then(JSON.parse);
  }

  window.__archiveSearch = {
    add: function (kind, key, packed) {
      var name = kind + ":" + key;
      var entry = pending[name];
      // a browser without DecompressionStream throws at once: a rejection, so the search says so
      Promise.resolve(kind).then(function () { return unpack(kind, packed); }).then(function (data) {
        pieces[kind][key] = data;
        if (entry) entry.resolve(data);
      }, function (error) {
        delete pending[name];
        if (entry) entry.reject(error);
      });
    }
  };

  function load(kind, key) {
    var name = kind + ":" + key;
    if (pieces[kind][key] !== undefined) return Promise.resolve(pieces[kind][key]);
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
      var tag = document.createElement("script");
      tag.src = new URL(kind === "manifest" ? "manifest.js" : kind + "/" + key + ".js", INDEX).href;
      tag.async = true;
      tag.onerror = function () {
        delete pending[name];
        reject(new Error("cannot load " + tag.src));
      };
      document.head.appendChild(tag);
    });
    pending[name] = entry;
    return entry.promise;
  }

  var ready = null;

  /** Where each of a run of lists starts, from their lengths (one more entry: where the last ends). */
  function startsOf(counts) {
    var out = new Int32Array(counts.length + 1);
    for (var i = 0; i < counts.length; i++) out[i + 1] = out[i] + counts[i];
    return out;
  }

  /** The manifest, with the lookup tables built from it once. */
  function index() {
    if (ready) return ready;
    ready = load("manifest", null).then(function (m) {
      var t = m.table;
      var n = m.reports;
      var passageStart = startsOf(t.passages);
      var passageReport = new Int32Array(m.passages);
      for (var r = 0; r < n; r++) {
        for (var p = passageStart[r]; p < passageStart[r + 1]; p++) passageReport[p] = r;
      }
      var years = [];
      var monthYear = m.months.map(function (month) {
        var year = month.slice(0, 4);
        if (years[years.length - 1] !== year) years.push(year);
        return years.length - 1;
      });
      return {
        m: m, n: n, passageStart: passageStart, passageReport: passageReport, years: years, monthYear: monthYear,
        speakerStart: startsOf(t.speakers.count), topicStart: startsOf(t.topics.count),
        docStart: startsOf(m.docs.count),
        stop: new Set(m.stopWords), postings: new Map()
      };
    });
    ready.catch(function () { ready = null; });
    return ready;
  }

  // --- words: exactly as generator/search_index.py folds and cuts them -------------------------

  var WORD = /[\p{L}\p{N}]+/gu;
  var SHOWN_WORD = /[\p{L}\p{N}\p{M}]+/gu;

  function fold(text) {
    text = text.toLowerCase();
    return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  /** The query's words: each exact, except the last, which matches as a prefix while being typed. */
  function parse(query, ix) {
    var all = words(query);
    var typing = all.length > 0 && !/[\s"]$/.test(query);
    var parts = [];
    all.forEach(function (word, i) {
      var prefix = typing && i === all.length - 1 && word.length >= MIN_PREFIX;
      if (!prefix && ix.stop.has(word)) return;
      if (!parts.some(function (q) { return q.word === word; })) parts.push({ word: word, prefix: prefix });
    });
    return parts;
  }

  function shardOf(ix, term) {
    var starts = ix.m.shards;
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function shardsFor(ix, part) {
    var first = shardOf(ix, part.word);
    var shards = [first];
    if (part.prefix) {
      var end = part.word + "\uffff";
      for (var i = first + 1; i < ix.m.shards.length && ix.m.shards[i] < end && shards.length < MAX_PREFIX_SHARDS; i++) {
        shards.push(i);
      }
    }
    return shards;
  }

  /** Postings: ascending passage numbers, written as decimal gaps joined by commas. */
  function decode(encoded) {
    var gaps = encoded.split(",");
    var out = new Int32Array(gaps.length);
    var value = 0;
    for (var i = 0; i < gaps.length; i++) {
      value += +gaps[i];
      out[i] = value;
    }
    return out;
  }

  function postings(ix, term, shard) {
    var cached = ix.postings.get(term);
    if (!cached) {
      cached = decode(pieces.terms[shard][term]);
      ix.postings.set(term, cached);
    }
    return cached;
  }

  /** Each query word with the indexed terms it stands for and their postings (loads their shards). */
  function resolve(ix, parts) {
    var wanted = new Set();
    parts.forEach(function (part) { shardsFor(ix, part).forEach(function (s) { wanted.add(s); }); });
    return Promise.all(Array.from(wanted).map(function (s) { return load("terms", s); })).then(function () {
      return parts.map(function (part) {
        var terms = [];
        shardsFor(ix, part).forEach(function (s) {
          var shard = pieces.terms[s];
          if (!part.prefix) {
            if (Object.prototype.hasOwnProperty.call(shard, part.word)) terms.push({ term: part.word, shard: s });
            return;
          }
          for (var term in shard) {
            if (term.lastIndexOf(part.word, 0) === 0 && terms.length < MAX_PREFIX_TERMS) {
              terms.push({ term: term, shard: s });
            }
          }
        });
        return {
          word: part.word, prefix: part.prefix,
          terms: terms.map(function (t) { return t.term; }),
          lists: terms.map(function (t) { return postings(ix, t.term, t.shard); })
        };
      });
    });
  }

  // --- matching and ranking -------------------------------------------------------------------

  /** Reports holding every word, best first; an empty query lists every report, newest first. */
  function match(ix, resolved) {
    var n = ix.n;
    if (resolved.length === 0) {
      var everything = new Int32Array(n);
      for (var i = 0; i < n; i++) everything[i] = i;
      return everything;
    }
    var starts = ix.passageStart;
    var seen = new Uint32Array(n);
    var score = new Float64Array(n);
    var full = resolved.length >= 32 ? 0xffffffff : (1 << resolved.length) - 1;
    resolved.forEach(function (word, k) {
      var bit = k < 32 ? 1 << k : 0;
      var count = 0;
      word.lists.forEach(function (list) { count += list.length; });
      var idf = Math.log(1 + ix.m.passages / (1 + count));
      word.lists.forEach(function (list) {
        for (var j = 0; j < list.length; j++) {
          var passage = list[j];
          var report = ix.passageReport[passage];
          seen[report] |= bit;
          score[report] += passage === starts[report] ? 3 * idf : idf; // a word of the title counts more
        }
      });
    });
    var hits = [];
    for (var r = 0; r < n; r++) if ((seen[r] >>> 0) === (full >>> 0)) hits.push(r);
    hits.sort(function (a, b) { return score[b] - score[a] || a - b; });
    return Int32Array.from(hits);
  }

  // --- facets ---------------------------------------------------------------------------------

  var FACETS = ["outlet", "speaker", "year", "month", "topic", "parallels"];

  function reportValues(ix, facet, r) {
    var t = ix.m.table;
    switch (facet) {
      case "outlet": return t.outlet[r] >= 0 ? [t.outlet[r]] : [];
      case "month": return t.month[r] >= 0 && ix.m.months[t.month[r]].length === 7 ? [t.month[r]] : [];
      case "year": return t.month[r] >= 0 ? [ix.monthYear[t.month[r]]] : [];
      case "parallels": return t.parallels[r] ? [0] : [];
      case "speaker": return t.speakers.values.slice(ix.speakerStart[r], ix.speakerStart[r + 1]);
      case "topic": return t.topics.values.slice(ix.topicStart[r], ix.topicStart[r + 1]);
    }
    return [];
  }

  function facetLabel(ix, facet, value) {
    switch (facet) {
      case "outlet": return ix.m.outlets[value][0];
      case "speaker": return ix.m.people[value][0];
      case "year": return ix.years[value];
      case "month": return monthName(ix.m.months[value]);
      case "topic": return ix.m.topics[value][0];
      case "parallels": return "Shares passages with other reports";
    }
    return "";
  }

  function facetKey(ix, facet, value) {
    return facet === "parallels" ? "1" : facet === "month" ? ix.m.months[value] : facetLabel(ix, facet, value);
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function monthName(month) {
    return MONTHS[parseInt(month.slice(5, 7), 10) - 1] + " " + month.slice(0, 4);
  }

  /**
   * Filter `hits` by the chosen values (any value of a facet, every facet) and count each facet's
   * values among the hits that pass the other facets, so a count says what choosing it gives.
   */
  function filter(ix, hits, chosen) {
    var active = FACETS.filter(function (f) { return chosen[f] && chosen[f].size > 0; });
    var counts = {};
    FACETS.forEach(function (f) { counts[f] = new Map(); });
    var kept = [];
    for (var i = 0; i < hits.length; i++) {
      var r = hits[i];
      var failed = null;
      var failures = 0;
      for (var a = 0; a < active.length && failures < 2; a++) {
        var values = reportValues(ix, active[a], r);
        var set = chosen[active[a]];
        if (!values.some(function (v) { return set.has(v); })) { failed = active[a]; failures++; }
      }
      if (failures === 0) kept.push(r);
      if (failures >= 2) continue;
      FACETS.forEach(function (f) {
        if (failed !== null && failed !== f) return;
        reportValues(ix, f, r).forEach(function (v) { counts[f].set(v, (counts[f].get(v) || 0) + 1); });
      });
    }
    return { kept: kept, counts: counts };
  }

  // --- what a result shows --------------------------------------------------------------------

  /** The docs shard that holds report `r`: the last that starts at or before it. */
  function docShardOf(ix, r) {
    return firstAtLeast(ix.docStart, r + 1) - 1;
  }

  function documentsFor(ix, reports) {
    var names = ix.m.docs.names;
    var shards = new Set(reports.map(function (r) { return docShardOf(ix, r); }));
    return Promise.all(Array.from(shards).map(function (s) { return load("docs", names[s]); })).then(function () {
      return reports.map(function (r) {
        var s = docShardOf(ix, r);
        return pieces.docs[names[s]][r - ix.docStart[s]];
      });
    });
  }

  function firstAtLeast(list, value) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** The body passage of report `r` that holds the most query words (the first passage for none). */
  function bestPassage(ix, resolved, r) {
    var starts = ix.passageStart;
    var first = starts[r] + 1;
    var end = starts[r + 1];
    var found = new Map();
    resolved.forEach(function (word, k) {
      word.lists.forEach(function (list) {
        for (var j = firstAtLeast(list, first); j < list.length && list[j] < end; j++) {
          found.set(list[j], (found.get(list[j]) || 0) | (1 << (k % 32)));
        }
      });
    });
    var best = -1;
    var bestCount = 0;
    found.forEach(function (bits, passage) {
      var count = 0;
      for (var b = bits; b; b &= b - 1) count++;
      if (count > bestCount || (count === bestCount && passage < best)) { best = passage; bestCount = count; }
    });
    return best < 0 ? 0 : best - first;
  }

  function matcher(resolved) {
    var exact = new Set();
    var prefixes = [];
    resolved.forEach(function (word) {
      exact.add(word.word);
      word.terms.forEach(function (t) { exact.add(t); });
      if (word.prefix) prefixes.push(word.word);
    });
    return function (token) {
      return exact.has(token) || prefixes.some(function (p) { return token.lastIndexOf(p, 0) === 0; });
    };
  }

  /** `text` into `parent` as text nodes, the query's words in <mark>; long text is cut round the first. */
  function markedText(parent, text, isMatch, cut) {
    var spans = [];
    var m;
    SHOWN_WORD.lastIndex = 0;
    while ((m = SHOWN_WORD.exec(text)) !== null) {
      if (words(m[0]).some(isMatch)) spans.push([m.index, m.index + m[0].length]);
    }
    var from = 0;
    var to = text.length;
    if (cut && text.length > SNIPPET) {
      var first = spans.length ? spans[0][0] : 0;
      from = Math.max(0, first - 60);
      if (from > 0) from = text.indexOf(" ", from) + 1 || from;
      to = Math.min(text.length, from + SNIPPET);
      if (to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
    }
    if (from > 0) parent.appendChild(document.createTextNode("… "));
    var at = from;
    spans.forEach(function (span) {
      if (span[0] < from || span[1] > to) return;
      parent.appendChild(document.createTextNode(text.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      parent.appendChild(mark);
      at = span[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) parent.appendChild(document.createTextNode(" …"));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pageUrl(path) {
    return new URL(path, ROOT).href;
  }

  /** One result: title, outlet and date, the best passage with the query's words marked. */
  function resultItem(ix, resolved, r, doc) {
    var isMatch = matcher(resolved);
    var passages = doc[3];
    var k = resolved.length ? bestPassage(ix, resolved, r) : 0;
    var passage = passages[k];
    var link = element("a", "md-search-result__link");
    link.href = pageUrl("reports/" + doc[0] + ".html" + (passage && resolved.length ? "#" + passage[0] : ""));
    var article = element("article", "md-search-result__article md-typeset");
    var title = element("div", "archive-search__title");
    markedText(title, doc[1], isMatch, false);
    article.appendChild(title);
    var outlet = ix.m.table.outlet[r];
    var facts = [outlet >= 0 ? ix.m.outlets[outlet][0] : "", doc[2]].filter(Boolean).join(" · ");
    if (passage && passage[1] >= 0) facts += (facts ? " · " : "") + ix.m.people[passage[1]][0];
    article.appendChild(element("div", "archive-search__facts", facts));
    if (passage) {
      var text = element("p", "archive-search__passage");
      markedText(text, passage[2], isMatch, true);
      article.appendChild(text);
    }
    link.appendChild(article);
    var item = element("li", "md-search-result__item");
    item.appendChild(link);
    return item;
  }

  /** People, outlets and topics whose names hold every word of the query (as word beginnings). */
  function entities(ix, query) {
    var asked = words(query);
    if (!asked.length) return [];
    function fits(names) {
      return names.some(function (name) {
        var own = words(name);
        return asked.every(function (w) { return own.some(function (o) { return o.lastIndexOf(w, 0) === 0; }); });
      });
    }
    var found = [];
    [["Person", ix.m.people], ["Outlet", ix.m.outlets], ["Topic", ix.m.topics]].forEach(function (kind) {
      var shown = 0;
      kind[1].forEach(function (entry) {
        var names = [entry[0]].concat(entry.slice(2));
        if (shown < 3 && fits(names)) { found.push([kind[0], entry[0], entry[1]]); shown++; }
      });
    });
    return found;
  }

  function entityItem(entity, className) {
    var item = element("li", className);
    var link = element("a", "archive-search__entity");
    link.href = pageUrl(entity[2]);
    link.appendChild(element("span", "archive-search__kind", entity[0] + ": "));
    link.appendChild(document.createTextNode(entity[1]));
    item.appendChild(link);
    return item;
  }

  function plural(count, noun) {
    return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
  }

  /** Run a query: the matching reports (before facets) and the resolved words for showing them. */
  function search(query) {
    return index().then(function (ix) {
      var parts = parse(query, ix);
      return resolve(ix, parts).then(function (resolved) {
        return { ix: ix, query: query, resolved: resolved, hits: match(ix, resolved) };
      });
    });
  }

  // --- the header box -------------------------------------------------------------------------

  function setupHeader(box) {
    var input = box.querySelector(".md-search__input");
    var form = box.querySelector("form");
    var list = box.querySelector(".md-search-result__list");
    var status = box.querySelector(".md-search-result__meta");
    var toggle = document.getElementById("__search");
    var latest = 0;
    var timer = 0;

    function open(state) {
      if (toggle && toggle.checked !== state) toggle.checked = state;
    }

    function show() {
      var query = input.value;
      var ticket = ++latest;
      if (!words(query).length) {
        list.textContent = "";
        status.textContent = "Type to search";
        return;
      }
      status.textContent = "Searching…";
      search(query).then(function (found) {
        var top = Array.prototype.slice.call(found.hits, 0, HEADER_RESULTS);
        return documentsFor(found.ix, top).then(function (docs) {
          if (ticket !== latest) return;
          var items = document.createDocumentFragment();
          entities(found.ix, query).forEach(function (e) {
            items.appendChild(entityItem(e, "md-search-result__item archive-search__entity-item"));
          });
          top.forEach(function (r, i) { items.appendChild(resultItem(found.ix, found.resolved, r, docs[i])); });
          if (found.hits.length > top.length) {
            var more = element("li", "md-search-result__item archive-search__all");
            var link = element("a", "md-search-result__link", "All " + plural(found.hits.length, "result") + " →");
            link.href = pageUrl("search.html?q=" + encodeURIComponent(query));
            more.appendChild(link);
            items.appendChild(more);
          }
          // a reader who already moved into the results keeps their place when they refresh
          var links = Array.prototype.slice.call(list.querySelectorAll("a"));
          var focused = links.indexOf(document.activeElement);
          list.textContent = "";
          list.appendChild(items);
          list.dataset.query = query; // what the list shows, for tests and the benchmark
          var fresh = list.querySelectorAll("a");
          if (focused >= 0 && fresh.length) fresh[Math.min(focused, fresh.length - 1)].focus();
          status.textContent = found.hits.length ? plural(found.hits.length, "matching report") : "No matching reports";
        });
      }).catch(function () {
        if (ticket === latest) status.textContent = "The search index could not be loaded.";
      });
    }

    input.addEventListener("focus", function () { open(true); index(); });
    input.addEventListener("input", function () {
      open(true);
      clearTimeout(timer);
      timer = setTimeout(show, 60);
    });
    form.addEventListener("reset", function () {
      latest++;
      list.textContent = "";
      status.textContent = "Type to search";
      input.focus();
    });
    form.addEventListener("submit", function (event) {
      if (!words(input.value).length) event.preventDefault();
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus(); else input.blur();
      });
    }
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        open(false);
        input.blur();
      } else if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        open(true);
        input.focus();
      }
    });
  }

  // --- the full search page -------------------------------------------------------------------

  function setupPage(page) {
    var input = page.querySelector("#archive-search-page-query");
    var form = page.querySelector("form");
    var status = page.querySelector(".archive-search-page__status");
    var list = page.querySelector(".archive-search-page__list");
    var entityBox = page.querySelector(".archive-search-page__entities");
    var more = page.querySelector(".archive-search-page__more");
    var clear = page.querySelector(".archive-search-page__clear");
    var groups = {};
    page.querySelectorAll("fieldset[data-facet]").forEach(function (group) { groups[group.dataset.facet] = group; });
    var params = new URLSearchParams(location.search);
    var chosenKeys = {};
    FACETS.forEach(function (f) { chosenKeys[f] = new Set(params.getAll(f)); });
    var expanded = new Set();
    var shown = PAGE_RESULTS;
    var found = null;
    var latest = 0;
    var timer = 0;
    input.value = params.get("q") || "";

    function chosenValues(ix) {
      var chosen = {};
      FACETS.forEach(function (f) {
        chosen[f] = new Set();
        var count = f === "outlet" ? ix.m.outlets.length : f === "speaker" ? ix.m.people.length :
          f === "year" ? ix.years.length : f === "month" ? ix.m.months.length : f === "topic" ? ix.m.topics.length : 1;
        for (var v = 0; v < count; v++) if (chosenKeys[f].has(facetKey(ix, f, v))) chosen[f].add(v);
      });
      return chosen;
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value) next.set("q", input.value);
      FACETS.forEach(function (f) { Array.from(chosenKeys[f]).sort().forEach(function (k) { next.append(f, k); }); });
      try {
        history.replaceState(null, "", "?" + next.toString());
      } catch (error) {
        // Some browsers refuse history changes for file:// pages; the page works without it.
      }
    }

    function renderFacets(ix, counts, chosen) {
      // The values are drawn anew; a keyboard user keeps focus on the value they just chose.
      var focused = document.activeElement && document.activeElement.closest(".archive-facet__value") ?
        document.activeElement.id : null;
      FACETS.forEach(function (f) {
        var group = groups[f];
        if (!group) return;
        var box = group.querySelector(".archive-facet__values");
        var values = Array.from(counts[f].keys());
        chosen[f].forEach(function (v) { if (!counts[f].has(v)) values.push(v); });
        if (f === "year" || f === "month") values.sort(function (a, b) { return b - a; });
        else values.sort(function (a, b) { return (counts[f].get(b) || 0) - (counts[f].get(a) || 0) || a - b; });
        var limit = expanded.has(f) ? values.length : 10;
        box.textContent = "";
        values.slice(0, limit).forEach(function (v) {
          var id = "archive-facet-" + f + "-" + v;
          var row = element("div", "archive-facet__value");
          var check = element("input");
          check.type = "checkbox";
          check.id = id;
          check.checked = chosen[f].has(v);
          check.addEventListener("change", function () {
            var key = facetKey(ix, f, v);
            if (check.checked) chosenKeys[f].add(key); else chosenKeys[f].delete(key);
            shown = PAGE_RESULTS;
            remember();
            render();
          });
          var label = element("label", null, facetLabel(ix, f, v) + " ");
          label.htmlFor = id;
          label.appendChild(element("span", "archive-facet__count", "(" + (counts[f].get(v) || 0).toLocaleString("en") + ")"));
          row.appendChild(check);
          row.appendChild(label);
          box.appendChild(row);
        });
        if (values.length > limit || expanded.has(f) && values.length > 10) {
          var toggle = element("button", "archive-facet__more",
            expanded.has(f) ? "Show fewer" : "Show all " + values.length);
          toggle.type = "button";
          toggle.setAttribute("aria-expanded", expanded.has(f) ? "true" : "false");
          toggle.addEventListener("click", function () {
            if (expanded.has(f)) expanded.delete(f); else expanded.add(f);
            render();
            var again = groups[f].querySelector(".archive-facet__more");
            if (again) again.focus();
          });
          box.appendChild(toggle);
        }
        group.hidden = values.length === 0;
      });
      clear.hidden = !FACETS.some(function (f) { return chosenKeys[f].size > 0; });
      var again = focused && document.getElementById(focused);
      if (again) again.focus();
    }

    /** Show `found` through the chosen facets; no index piece is loaded but the results' documents. */
    function render() {
      if (!found) return Promise.resolve();
      var ticket = ++latest;
      var ix = found.ix;
      var chosen = chosenValues(ix);
      var result = filter(ix, found.hits, chosen);
      renderFacets(ix, result.counts, chosen);
      var top = result.kept.slice(0, shown);
      return documentsFor(ix, top).then(function (docs) {
        if (ticket !== latest) return;
        var items = document.createDocumentFragment();
        top.forEach(function (r, i) { items.appendChild(resultItem(ix, found.resolved, r, docs[i])); });
        list.textContent = "";
        list.appendChild(items);
        entityBox.textContent = "";
        var people = entities(ix, found.query);
        if (people.length) {
          var ul = element("ul", "archive-search-page__entity-list");
          people.forEach(function (e) { ul.appendChild(entityItem(e, "")); });
          entityBox.appendChild(ul);
        }
        var what = found.resolved.length ? "matching report" : "report";
        status.textContent = result.kept.length ? plural(result.kept.length, what) +
          (top.length < result.kept.length ? ", showing " + top.length : "") : "No matching reports";
        more.hidden = top.length >= result.kept.length;
        page.dataset.ready = "true";
      });
    }

    function run() {
      var ticket = ++latest;
      status.textContent = "Searching…";
      return search(input.value).then(function (next) {
        if (ticket !== latest) return;
        found = next;
        shown = PAGE_RESULTS;
        return render();
      }).catch(function () {
        status.textContent = "The search index could not be loaded.";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { remember(); run(); }, 80);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      remember();
      run();
    });
    more.addEventListener("click", function () {
      shown += PAGE_RESULTS;
      render();
    });
    clear.addEventListener("click", function () {
      FACETS.forEach(function (f) { chosenKeys[f].clear(); });
      remember();
      render();
      input.focus();
    });
    run();
  }

  // --- the header box's markup -------------------------------------------------------------------
  // Pages carry only a link to the search page (partials/archive-search.html), all a reader without
  // JavaScript can use. Here it gives way to Material's search button and box, in Material's markup:
  // written once in this file instead of in every one of tens of thousands of pages.

  var ICONS = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
      "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    arrowLeft: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
  };

  function icon(path) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="' + path + '"/></svg>';
  }

  var HEADER_BOX =
    '<label class="md-header__button md-icon" for="__search" title="Search" aria-label="Search">' + icon(ICONS.magnify) +
    '</label><div class="md-search archive-search" data-archive-search>' +
    '<label class="md-search__overlay" for="__search"></label>' +
    '<div class="md-search__inner" role="search" aria-label="Search the archive">' +
    '<form class="md-search__form" name="search">' +
    '<input type="text" class="md-search__input" name="q" id="archive-search-input" aria-label="Search" ' +
    'placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" ' +
    'aria-describedby="archive-search-status">' +
    '<label class="md-search__icon md-icon" for="__search" aria-hidden="true">' + icon(ICONS.magnify) +
    icon(ICONS.arrowLeft) + '</label>' +
    '<nav class="md-search__options" aria-label="Search">' +
    '<button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear">' + icon(ICONS.close) +
    '</button></nav></form>' +
    '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" role="region" ' +
    'aria-label="Search results"><div class="md-search-result">' +
    '<div class="md-search-result__meta" id="archive-search-status" role="status" aria-live="polite">Type to search</div>' +
    '<ol class="md-search-result__list"></ol></div></div></div></div></div>';

  /** Material's search button and box in place of the page's link to the search page; the box's
   *  form goes where the link went. */
  function buildHeaderBox(link) {
    var parts = document.createRange().createContextualFragment(HEADER_BOX);
    parts.querySelector("form").setAttribute("action", link.getAttribute("href"));
    var box = parts.querySelector("[data-archive-search]");
    link.replaceWith(parts);
    return box;
  }

  var searchLink = document.querySelector("a[data-archive-search-link]");
  var box = searchLink ? buildHeaderBox(searchLink) : document.querySelector("[data-archive-search]");
  if (box) setupHeader(box);
  var page = document.querySelector(".archive-search-page");
  if (page) setupPage(page);
})();

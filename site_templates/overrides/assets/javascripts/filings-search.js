/* Full-text search of the filings archive: the archive's own index, Material's search box.
 *
 * The filings plugin writes the index after the build into `search/` (builder/search/__init__.py
 * describes its files). Nothing is fetched until the search box is used; then the manifest loads
 * (counts, the first word of each index chunk), and each query fetches only the chunks of its
 * words, the facts of the results shown (128 pages a file) and one fragment of each shown result's
 * text for its excerpt. Every URL is relative to this page, so the site works from any sub-path
 * and from `mkdocs serve`, with no server-side code.
 *
 * A query finds the pages holding all its words (a code such as "2.02", "000-30229" or "EX-99.1"
 * as written; the last word, while it is typed, as the start of longer words too), ranked by BM25
 * weights computed when indexing. Pages are numbered newest first, so sorting by date is sorting
 * by number. After a small change the index has a second segment (`delta/`: the changed pages,
 * numbered after the others; builder/search/segments.py): each lookup reads both, the base's
 * pages the delta replaces are left out, and a delta page sorts by its rank among the base's
 * numbers. The filter and sort controls and the "More results" button are made here, not sent
 * with every page: they only work with this script.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-filings-search]");
  if (!root) return;

  var PAGE = 10; // results per "page" of results: each one costs a fragment fetch
  var FACETS = [["form", "Form type"], ["year", "Year"], ["item", "8-K item"], ["registrant", "Registrant"], ["kind", "Page"]];
  var SORTS = [["", "Best match"], ["date:desc", "Newest first"], ["date:asc", "Oldest first"]];
  buildControls();
  var input = root.querySelector("input[type=search]");
  var form = root.querySelector("form");
  var toggle = document.getElementById("__search");
  var status = root.querySelector("[data-filings-status]");
  var list = root.querySelector(".md-search-result__list");
  var more = root.querySelector("[data-filings-more]");
  var controls = root.querySelector(".filings-search__controls");
  var sortSelect = root.querySelector("[data-filings-sort]");
  var selects = Array.prototype.slice.call(root.querySelectorAll("[data-filings-filter]"));
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  // the site's root: MkDocs' base_url ("..", "../..", or "/" on the 404 page), as a folder
  var site = new URL((root.getAttribute("data-site") || ".").replace(/\/?$/, "/"), document.baseURI);

  var state = { engine: null, manifest: null, segments: [], removed: {}, removedCount: 0, ranks: [], files: {}, chunks: {},
                filterPages: {}, query: "", run: 0, results: [], shown: 0, facetsLoaded: false };
  var api = (window.filingsSearch = { ready: false, error: null });

  /* The controls (sort, filters) above the results, and the "More results" button below them. */
  function buildControls() {
    var result = root.querySelector(".md-search-result");
    var controls = document.createElement("div");
    controls.className = "filings-search__controls";
    controls.hidden = true;
    function select(label, name, attribute, options) {
      return "<label>" + label + '<select name="' + name + '" ' + attribute + ">" + options.map(function (o) {
        return '<option value="' + o[0] + '">' + o[1] + "</option>";
      }).join("") + "</select></label>";
    }
    controls.innerHTML = select("Sort", "sort", "data-filings-sort", SORTS) + FACETS.map(function (f) {
      return select(f[1], f[0], 'data-filings-filter="' + f[0] + '"', [["", "Any"]]);
    }).join("");
    result.parentNode.insertBefore(controls, result);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "filings-search__more md-button";
    more.setAttribute("data-filings-more", "");
    more.hidden = true;
    more.textContent = "More results";
    result.appendChild(more);
  }

  function open() { if (toggle && !toggle.checked) toggle.checked = true; }
  function close() { if (toggle) toggle.checked = false; input.blur(); }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Excerpts are escaped text with <mark> around the hits: keep only those tags.
  function safeExcerpt(html) {
    return String(html || "").replace(/<(?!\/?mark>)/g, "&lt;");
  }

  function setStatus(text) { status.textContent = text; }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.name] = select.value; });
    return filters;
  }

  /* Words in nearly every filing ("of", "the") cost a large part of the index to look up and rank
     nothing: left out of a query that has other words. */
  var STOP = {};
  ("a an and are as at be by for from has have in is it its of on or that the this to was were " +
   "will with").split(" ").forEach(function (w) { STOP[w] = true; });

  /* The engine: the archive's own index (builder/search/__init__.py says how it is laid out).
     Every file but the manifest is gzip; fetched once, then kept. */
  var WORD = /[\p{L}\p{N}]+(?:[.\-\/][\p{L}\p{N}]+)*/gu;
  var MAX_TERM = 40;
  var PREFIX_TERMS = 40; // a prefix looks up at most this many of the words it starts
  var EXCERPT_WORDS = 30;
  var LONGER_WORD = 0.3; // the weight of a page found by a word the typed one is the start of

  /* The index terms of a lower-cased token: itself, and a code's parts (builder/search/tokens.py). */
  function termsOf(token) {
    if (token.length > MAX_TERM) return [];
    if (!/[.\-\/]/.test(token)) return [token];
    var found = [token];
    token.split(/[.\-\/]/).forEach(function (p) { if (found.indexOf(p) < 0) found.push(p); });
    if (token.indexOf(".") >= 0 && /[\-\/]/.test(token)) {
      token.split(/[\-\/]/).forEach(function (p) { if (p.indexOf(".") >= 0 && found.indexOf(p) < 0) found.push(p); });
    }
    return found;
  }

  function fetched(path) {
    if (!state.files[path]) {
      var url = new URL(path, bundle);
      if (state.manifest) url.search = "v=" + state.manifest.id;
      state.files[path] = fetch(url.href).then(function (response) {
        if (!response.ok) throw new Error("search index file missing: " + path + " (" + response.status + ")");
        return response.arrayBuffer();
      }).then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) { // gzip (not inflated on the way by the server)
          var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
          return new Response(stream).text();
        }
        return new TextDecoder().decode(bytes);
      });
    }
    return state.files[path];
  }

  function start() {
    if (state.engine) return state.engine;
    setStatus("Loading the search index…");
    state.engine = fetched("manifest.json")
      .then(function (text) {
        var manifest = state.manifest = JSON.parse(text), delta = manifest.delta;
        state.segments = [{ path: "", index: manifest.index, filters: manifest.filters, first: 0 }];
        if (delta) {
          state.segments.push({ path: "delta/", index: delta.index, filters: delta.filters, first: delta.first });
          decodeGaps(delta.removed).forEach(function (id) { state.removed[id] = true; state.removedCount++; });
          // the m delta pages before base page p rank p - 1 + i / (m + 1), i = 1..m (date order)
          var positions = decodeGaps(delta.positions), ranks = state.ranks = [];
          for (var i = 0, j; i < positions.length; i = j) {
            for (j = i; j < positions.length && positions[j] === positions[i]; j++);
            for (var k = i; k < j; k++) ranks.push(positions[i] - 1 + (k - i + 1) / (j - i + 1));
          }
        }
        api.ready = true;
        setStatus(state.query ? "Searching…" : "Type to start searching");
        return state.manifest;
      })
      .catch(function (error) {
        api.error = String(error);
        setStatus("Search is not available: " + error.message);
        throw error;
      });
    return state.engine;
  }

  function decodeGaps(text) {
    var out = [], at = 0;
    if (text) text.split(",").forEach(function (gap) { at += parseInt(gap, 36); out.push(at); });
    return out;
  }

  /* One chunk of a segment's index: its terms in order and their lines, parsed when first used. */
  function chunk(segment, k) {
    var path = segment.path + "index/" + k + ".gz";
    return fetched(path).then(function (text) {
      if (!state.chunks[path]) {
        var lines = {}, terms = [];
        text.split("\n").forEach(function (line) {
          if (!line) return;
          var tab = line.indexOf("\t");
          var term = line.slice(0, tab);
          terms.push(term);
          lines[term] = line.slice(tab + 1);
        });
        state.chunks[path] = { terms: terms, lines: lines, parsed: {} };
      }
      return state.chunks[path];
    });
  }

  function postingsIn(c, term) {
    if (!(term in c.lines)) return null;
    if (!c.parsed[term]) {
      var parts = c.lines[term].split("\t");
      var ids = decodeGaps(parts[0]);
      var weights = [], frags = parts[2] ? parts[2].split(",").map(function (f) { return parseInt(f, 36); }) : null;
      for (var i = 0; i < ids.length; i++) weights.push(parseInt(parts[1].charAt(i), 36));
      c.parsed[term] = { ids: ids, weights: weights, frags: frags };
    }
    return c.parsed[term];
  }

  /* The chunk of a segment a term would be in: the last one whose first term is not after it. */
  function chunkOf(firsts, term) {
    var lo = 0, hi = firsts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /* The pages of one word of the query: {ids, weights, frags, terms} (terms: what it matched),
     in every segment, but the base's pages the delta replaces. */
  function lookup(word) {
    return Promise.all(state.segments.map(function (s) { return lookupIn(s, word); })).then(function (parts) {
      var out = { ids: [], weights: [], frags: [], terms: [] };
      parts.forEach(function (p) { // the delta's ids come after the base's: the ids stay in order
        for (var i = 0; i < p.ids.length; i++) {
          if (state.removed[p.ids[i]]) continue;
          out.ids.push(p.ids[i]);
          out.weights.push(p.weights[i]);
          out.frags.push(p.frags ? p.frags[i] : 0);
        }
        p.terms.forEach(function (t) { if (out.terms.indexOf(t) < 0) out.terms.push(t); });
      });
      return out;
    });
  }

  function lookupIn(segment, word) {
    var k = chunkOf(segment.index, word.text);
    if (k < 0) return Promise.resolve(empty(word));
    if (!word.prefix) {
      return chunk(segment, k).then(function (c) {
        var found = postingsIn(c, word.text);
        return found ? Object.assign({ terms: [word.text] }, found) : empty(word);
      });
    }
    var firsts = segment.index, wanted = [k];
    while (wanted.length < 3 && k + wanted.length < firsts.length && firsts[k + wanted.length].lastIndexOf(word.text, 0) === 0) {
      wanted.push(k + wanted.length);
    }
    return Promise.all(wanted.map(function (n) { return chunk(segment, n); })).then(function (chunks) {
      var matches = [];
      chunks.forEach(function (c) {
        c.terms.forEach(function (t) { if (t.lastIndexOf(word.text, 0) === 0) matches.push([t, c]); });
      });
      if (matches.length > PREFIX_TERMS) { // the words with the most pages, and the word itself
        matches.forEach(function (m) { m.push(m[0] === word.text ? Infinity : m[1].lines[m[0]].split(",").length); });
        matches.sort(function (a, b) { return b[2] - a[2]; });
        matches = matches.slice(0, PREFIX_TERMS);
      }
      var best = {}; // page -> [weight, fragment]; a longer word than the one typed weighs less
      matches.forEach(function (m) {
        var p = postingsIn(m[1], m[0]), factor = m[0] === word.text ? 1 : LONGER_WORD;
        for (var i = 0; i < p.ids.length; i++) {
          var had = best[p.ids[i]], weight = p.weights[i] * factor;
          if (!had || had[0] < weight) best[p.ids[i]] = [weight, p.frags ? p.frags[i] : 0];
        }
      });
      var ids = Object.keys(best).map(Number).sort(function (a, b) { return a - b; });
      return {
        ids: ids, weights: ids.map(function (id) { return best[id][0]; }),
        frags: ids.map(function (id) { return best[id][1]; }), terms: matches.map(function (m) { return m[0]; })
      };
    });
  }

  function empty(word) { return { ids: [], weights: [], frags: null, terms: [word.text] }; }

  /* The query's words: lower-cased tokens; a code as written; the last word, while it is being
     typed (no space after it), also as the start of longer words. Words in nearly every filing
     ("of", "the") are left out when other words remain. */
  function words(query) {
    var tokens = (query.toLowerCase().match(WORD) || []).filter(function (t) { return t.length <= MAX_TERM; });
    var open = !/[\s"]$/.test(query);
    var list = tokens.map(function (t, i) {
      var code = /[.\-\/]/.test(t);
      return { text: t, code: code, prefix: open && !code && i === tokens.length - 1 && t.length >= 2 };
    });
    var kept = list.filter(function (w) { return !STOP[w.text]; });
    return kept.length ? kept : list;
  }

  /* A code not in the index is looked up as its parts. */
  function lookupWord(word) {
    return lookup(word).then(function (found) {
      if (found.ids.length || !word.code) return [found];
      return Promise.all(termsOf(word.text).slice(1).map(function (t) { return lookup({ text: t }); }));
    });
  }

  /* A filter's values and their pages, in every segment (the pages the delta replaces left out). */
  function filterPages(name) {
    var having = state.segments.filter(function (s) { return s.filters.indexOf(name) >= 0; });
    return Promise.all(having.map(function (s) { return fetched(s.path + "filter/" + name + ".gz"); })).then(function (texts) {
      if (!state.filterPages[name]) {
        var decoded = {};
        texts.forEach(function (text) {
          var values = JSON.parse(text);
          Object.keys(values).forEach(function (v) {
            var ids = decodeGaps(values[v]).filter(function (id) { return !state.removed[id]; });
            decoded[v] = (decoded[v] || []).concat(ids);
          });
        });
        state.filterPages[name] = decoded;
      }
      return state.filterPages[name];
    });
  }

  /* The filters with values in some segment. */
  function filterNames() {
    var names = [];
    state.segments.forEach(function (s) {
      s.filters.forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    });
    return names;
  }

  /* Where a page falls in date order (its number in the base; a delta page's rank between two),
     and whether it has a date (the undated come last). */
  function rank(id) {
    var delta = state.manifest.delta;
    return delta && id >= delta.first ? state.ranks[id - delta.first] : id;
  }

  function dated(id) {
    var delta = state.manifest.delta;
    return delta && id >= delta.first ? delta.dated.charAt(id - delta.first) === "1" : id < state.manifest.dated;
  }

  /* One search: {results: [{id, score, frag, terms}], facets, total}. */
  function search(manifest, query, filters, sort) {
    var list = query ? words(query) : [];
    var names = Object.keys(filters);
    var lookups = Promise.all(list.map(lookupWord)).then(function (parts) { return [].concat.apply([], parts); });
    var filtered = Promise.all(names.map(filterPages));
    return Promise.all([lookups, filtered]).then(function (both) {
      var found = both[0], total = manifest.pages, live = total - state.removedCount, allowed = null;
      names.forEach(function (name, i) {
        var keep = new Uint8Array(total);
        (both[1][i][filters[name]] || []).forEach(function (id) { keep[id] = 1; });
        if (allowed) for (var j = 0; j < total; j++) allowed[j] &= keep[j]; else allowed = keep;
      });
      var results = [];
      var terms = [];
      found.forEach(function (f) { terms = terms.concat(f.terms); });
      if (found.length) {
        found.sort(function (a, b) { return a.ids.length - b.ids.length; });
        var score = {}, frag = {}, first = found[0];
        first.ids.forEach(function (id, i) {
          if (allowed && !allowed[id]) return;
          score[id] = 0;
          frag[id] = first.frags ? first.frags[i] : 0;
        });
        found.forEach(function (f) {
          var idf = Math.log(1 + (live - f.ids.length + 0.5) / (f.ids.length + 0.5));
          var next = {};
          f.ids.forEach(function (id, i) { if (id in score) next[id] = score[id] + idf * f.weights[i]; });
          score = next;
        });
        results = Object.keys(score).map(function (id) {
          return { id: Number(id), score: score[id], frag: frag[id], terms: terms };
        });
      } else if (allowed) {
        for (var id = 0; id < total; id++) if (allowed[id]) results.push({ id: id, score: 0, frag: 0, terms: terms });
      }
      results.forEach(function (r) { r.rank = rank(r.id); r.dated = dated(r.id); });
      results.sort(function (a, b) {
        if (sort === "date:desc") return a.rank - b.rank;
        if (sort === "date:asc") return a.dated !== b.dated ? (a.dated ? -1 : 1) : (a.dated ? b.rank - a.rank : a.rank - b.rank);
        return b.score - a.score || a.rank - b.rank;
      });
      return facets(results).then(function (counts) {
        return { results: results, facets: counts, total: results.length };
      });
    });
  }

  /* The count of each filter value among `results` (or every page), once the filters are shown. */
  function facets(results) {
    if (!state.facetsLoaded && results) return Promise.resolve(null);
    var names = filterNames();
    return Promise.all(names.map(filterPages)).then(function (all) {
      var member = null;
      if (results) {
        member = new Uint8Array(state.manifest.pages);
        results.forEach(function (r) { member[r.id] = 1; });
      }
      var counts = {};
      names.forEach(function (name, i) {
        counts[name] = {};
        Object.keys(all[i]).forEach(function (value) {
          var ids = all[i][value], n = 0;
          if (!member) n = ids.length; else for (var j = 0; j < ids.length; j++) n += member[ids[j]];
          counts[name][value] = n;
        });
      });
      return counts;
    });
  }

  /* What a result shows: its page's facts, and an excerpt of its text around the first hit. */
  function details(result) {
    var size = state.manifest.doc_chunk, segment = state.segments[state.segments.length - 1];
    if (result.id < segment.first) segment = state.segments[0];
    var n = result.id - segment.first;
    return fetched(segment.path + "docs/" + Math.floor(n / size) + ".gz").then(function (text) {
      var doc = JSON.parse(text)[n % size];
      var page = {
        url: new URL(doc[0], site).pathname,
        meta: { title: doc[1], registrant: doc[2], form: doc[3], date: doc[4], kind: doc[5] },
        excerpt: ""
      };
      if (!doc[7]) return page;
      var piece = Math.min(result.frag || 0, doc[7] - 1);
      return fetched("fragment/" + doc[6].slice(0, 2) + "/" + doc[6] + "." + piece + ".gz").then(function (body) {
        page.excerpt = excerpt(body, result.terms);
        return page;
      });
    });
  }

  /* Escaped text of about EXCERPT_WORDS words around the first word that matched, hits in <mark>. */
  function excerpt(text, terms) {
    var wanted = {};
    terms.forEach(function (t) { wanted[t] = true; });
    var re = new RegExp(WORD.source, "gu"), spans = [], hit = -1, m;
    while ((m = re.exec(text))) {
      var matched = termsOf(m[0].toLowerCase()).some(function (t) { return wanted[t]; });
      spans.push([m.index, m.index + m[0].length, matched]);
      if (matched && hit < 0) hit = spans.length - 1;
      if (hit >= 0 && spans.length > hit + EXCERPT_WORDS) break;
    }
    if (!spans.length) return "";
    var from = Math.max(0, (hit < 0 ? 0 : hit) - 8), to = Math.min(spans.length, from + EXCERPT_WORDS);
    var out = from > 0 ? "… " : "", at = spans[from][0];
    for (var i = from; i < to; i++) {
      var s = spans[i];
      out += escapeHtml(text.slice(at, s[0]));
      var word = escapeHtml(text.slice(s[0], s[1]));
      out += s[2] ? "<mark>" + word + "</mark>" : word;
      at = s[1];
    }
    return out + (to < spans.length || at < text.length ? " …" : "");
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var sort = sortSelect.value;
    state.query = query;
    var ticket = ++state.run;
    var filtered = Object.keys(filters).length > 0;
    if (!query && !filtered) {
      list.innerHTML = "";
      more.hidden = true;
      list.removeAttribute("aria-busy");
      setStatus(api.ready ? "Type to start searching" : status.textContent);
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true"); // until this run's results are on screen
    return start().then(function (manifest) {
      if (ticket !== state.run) return;
      setStatus("Searching…");
      return search(manifest, query, filters, sort).then(function (found) {
        if (ticket !== state.run) return;
        state.results = found.results;
        state.shown = 0;
        list.innerHTML = "";
        updateFacets(found.facets);
        var n = found.total;
        setStatus(n === 0 ? "No matching documents" : n === 1 ? "1 matching document" : n.toLocaleString("en") + " matching documents");
        return showMore(ticket);
      });
    }).then(function () {
      if (ticket === state.run) list.removeAttribute("aria-busy");
    }, function (error) {
      if (ticket === state.run) list.removeAttribute("aria-busy");
      throw error;
    });
  }

  function showMore(ticket) {
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += batch.length;
    more.hidden = state.shown >= state.results.length;
    return Promise.all(batch.map(details)).then(function (pages) {
      if (ticket !== state.run) return;
      pages.forEach(function (page) { list.appendChild(render(page)); });
    });
  }

  function render(page) {
    var meta = page.meta || {};
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var facts = [];
    if (meta.registrant) facts.push(escapeHtml(meta.registrant));
    if (meta.form) facts.push("Form " + escapeHtml(meta.form));
    if (meta.date) facts.push(escapeHtml(meta.date));
    if (meta.kind && meta.kind !== "report") facts.push(escapeHtml(meta.kind));
    item.innerHTML =
      '<a class="md-search-result__link" tabindex="-1" href="' + escapeHtml(page.url) + '">' +
      '<article class="md-search-result__article md-typeset">' +
      "<h1>" + escapeHtml(meta.title || page.url) + "</h1>" +
      (facts.length ? '<p class="filings-search__facts">' + facts.join(" · ") + "</p>" : "") +
      '<p class="filings-search__excerpt">' + safeExcerpt(page.excerpt) + "</p>" +
      "</article></a>";
    return item;
  }

  /* Facets: the values of each filter, with their counts in the current results. The values are
     loaded (every filter's file) the first time the filters are shown. */
  function updateFacets(counts) {
    if (!state.facetsLoaded || !counts) return;
    selects.forEach(function (select) {
      var key = select.name;
      var values = counts[key] || {};
      var current = select.value;
      var entries = Object.keys(values)
        .filter(function (v) { return values[v] > 0 || v === current; })
        .sort(function (a, b) {
          if (key === "year") return a < b ? 1 : a > b ? -1 : 0;
          if (key === "item") return a.localeCompare(b, "en", { numeric: true });
          return values[b] - values[a] || a.localeCompare(b);
        });
      select.innerHTML = '<option value="">Any</option>' + entries.map(function (v) {
        var label = key === "item" ? "Item " + v : v;
        return '<option value="' + escapeHtml(v) + '"' + (v === current ? " selected" : "") + ">" +
          escapeHtml(label) + " (" + (values[v] || 0) + ")</option>";
      }).join("");
      select.parentNode.hidden = entries.length === 0 && !current;
    });
  }

  function showControls() {
    if (!controls.hidden) return Promise.resolve();
    controls.hidden = false;
    return start().then(function () {
      state.facetsLoaded = true;
      return facets(null).then(function (all) {
        updateFacets(all);
        return run();
      });
    });
  }

  /* Wiring */
  var debounce = null;
  input.addEventListener("focus", function () { open(); start(); });
  input.addEventListener("input", function () {
    open();
    clearTimeout(debounce);
    debounce = setTimeout(run, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  more.addEventListener("click", function () { showMore(state.run); });
  sortSelect.addEventListener("change", run);
  selects.forEach(function (select) { select.addEventListener("change", run); });

  // Filters: a button in the status line once the engine is up.
  var filtersButton = document.createElement("button");
  filtersButton.type = "button";
  filtersButton.className = "filings-search__filters-button";
  filtersButton.textContent = "Filters and sorting";
  filtersButton.setAttribute("data-filings-filters", "");
  filtersButton.addEventListener("click", function () {
    if (controls.hidden) showControls(); else controls.hidden = true;
  });
  status.parentNode.insertBefore(filtersButton, status);

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target || {}).tagName || "");
    if (event.key === "Escape" && toggle && toggle.checked) { close(); return; }
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      return;
    }
    if (toggle && toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) { input.focus(); event.preventDefault(); return; }
      links[Math.min(next, links.length - 1)].focus();
      event.preventDefault();
    }
  });

  api.run = run;
  api.showControls = showControls;
})();

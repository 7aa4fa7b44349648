/* Full-text search of the filings archive: Pagefind's index, Material's search box.
 *
 * The filings plugin writes the index after the build into `search/`: one Pagefind bundle per
 * shard (`search/0/`, `search/1/`, ...; shard 0 holds the newest pages), listed in
 * `search/shards.json`. Nothing is fetched until the search box is used; then pagefind.js, its
 * WebAssembly and each shard's metadata load, and each query fetches only the index chunks of its
 * words and the fragments of the results shown. Every URL is relative to this page, so the site
 * works from any sub-path and from `mkdocs serve`, with no server-side code.
 *
 * Pagefind runs in the page (`noWorker`): its worker script would be one more file to load first,
 * for a search that answers in milliseconds anyway. The filter and sort controls and the "More
 * results" button are made here, not sent with every page: they only work with this script.
 *
 * Shards are merged with Pagefind's `mergeIndex`, each tagged with the filter `shard`; relevance
 * ranking spans all shards at once, and "newest/oldest first" walks the shards in date order
 * (Pagefind's sort is per bundle), so the order is exact across shards.
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

  var state = { engine: null, shards: [], query: "", run: 0, results: [], shown: 0, facetsLoaded: false };
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

  // Pagefind's excerpts are escaped text with <mark> around the hits: keep only those tags.
  function safeExcerpt(html) {
    return String(html || "").replace(/<(?!\/?mark>)/g, "&lt;");
  }

  /* The engine: pagefind.js of shard 0, with every other shard merged into it. */
  function start() {
    if (state.engine) return state.engine;
    setStatus("Loading the search index…");
    state.engine = fetch(new URL("shards.json", bundle))
      .then(function (response) {
        if (!response.ok) throw new Error("no search index (" + response.status + ")");
        return response.json();
      })
      .then(function (manifest) {
        state.shards = manifest.shards;
        var first = new URL(state.shards[0].path, bundle);
        return import(new URL("pagefind.js", first).href).then(function (pagefind) {
          var common = { baseUrl: site.pathname, excerptLength: 24, noWorker: true };
          return pagefind
            .options(Object.assign({ basePath: first.href, mergeFilter: { shard: "0" } }, common))
            .then(function () { return pagefind.init(); })
            .then(function () {
              return Promise.all(state.shards.slice(1).map(function (shard, i) {
                var options = Object.assign({ mergeFilter: { shard: String(i + 1) } }, common);
                return pagefind.mergeIndex(new URL(shard.path, bundle).href, options);
              }));
            })
            .then(function () {
              api.ready = true;
              setStatus(state.query ? "Searching…" : "Type to start searching");
              return pagefind;
            });
        });
      })
      .catch(function (error) {
        api.error = String(error);
        setStatus("Search is not available: " + error.message);
        throw error;
      });
    return state.engine;
  }

  function setStatus(text) { status.textContent = text; }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.name] = select.value; });
    return filters;
  }

  function chosenSort() {
    var value = sortSelect.value;
    if (!value) return null;
    var parts = value.split(":");
    var sort = {};
    sort[parts[0]] = parts[1];
    return sort;
  }

  /* A query with a code in it ("2.02", "000-30229", "EX-99.1", "10-K/A") is first searched as
     written (a Pagefind phrase search): unquoted, Pagefind would also match every word the code is
     the start of ("2.02" is indexed as "202", the start of "20240131"). Nothing found: as usual. */
  var CODE = /\d[.\-\/]\d|[A-Za-z][.\-\/]\d|\d[.\-\/][A-Za-z]/;

  /* Words in nearly every filing ("of", "the") cost a large part of the index to look up and rank
     nothing: left out of a query that has other words (not of a quoted phrase). */
  var STOP = {};
  ("a an and are as at be by for from has have in is it its of on or that the this to was were " +
   "will with").split(" ").forEach(function (w) { STOP[w] = true; });

  function withoutStopWords(query) {
    var words = query.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return !STOP[w.toLowerCase()]; });
    return kept.length ? kept.join(" ") : query;
  }

  function search(pagefind, query, filters, sort) {
    var quoted = /^\s*".*"\s*$/.test(query || "");
    if (query && !quoted && CODE.test(query)) {
      return searchAs(pagefind, '"' + query.replace(/"/g, "") + '"', filters, sort).then(function (found) {
        return found.total > 0 ? found : searchAs(pagefind, withoutStopWords(query), filters, sort);
      });
    }
    return searchAs(pagefind, query && !quoted ? withoutStopWords(query) : query, filters, sort);
  }

  /* One search: the matching results in order, and the facet counts. */
  function searchAs(pagefind, query, filters, sort) {
    var term = query || null; // null: every page that matches the filters
    if (!sort) {
      return pagefind.search(term, { filters: filters }).then(function (found) {
        return { results: found.results, facets: found.filters, total: found.results.length };
      });
    }
    // Pagefind sorts within a bundle: walk the shards in date order, each one sorted.
    var order = state.shards.map(function (_, i) { return i; });
    if (sort.date === "asc") order.reverse();
    var all = pagefind.search(term, { filters: filters });
    return Promise.all(order.map(function (i) {
      var perShard = Object.assign({}, filters, { shard: String(i) });
      return pagefind.search(term, { filters: perShard, sort: sort });
    })).then(function (parts) {
      return all.then(function (found) {
        var results = [];
        parts.forEach(function (part) { results = results.concat(part.results); });
        return { results: results, facets: found.filters, total: results.length };
      });
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var sort = chosenSort();
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
    return start().then(function (pagefind) {
      if (ticket !== state.run) return;
      setStatus("Searching…");
      return search(pagefind, query, filters, sort).then(function (found) {
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
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
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
     loaded (every filter file of every shard) the first time the filters are shown. */
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
    return start().then(function (pagefind) {
      return pagefind.filters().then(function (all) {
        state.facetsLoaded = true;
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

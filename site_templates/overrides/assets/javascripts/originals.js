/* The original files of a filing, saved as they were in filings/.
 *
 * A report page links each original that the site publishes gzip-compressed ("files/x.htm.gz",
 * builder/render/originals.py) with its own name in `data-download`. A click fetches it, inflates
 * it here (DecompressionStream) and saves it under that name, byte for byte as it was. A server
 * that inflated it on the way (Content-Encoding: gzip) sent it as it was: it is saved as it came.
 * Without the script, or where something fails, the link saves the .gz.
 */
(() => {
  "use strict";
  if (typeof DecompressionStream === "undefined" || typeof fetch === "undefined") return;

  const GZIP = [0x1f, 0x8b];

  async function original(href) {
    const response = await fetch(href);
    if (!response.ok) throw new Error(`${response.status} ${href}`);
    const data = new Uint8Array(await response.arrayBuffer());
    if (data[0] !== GZIP[0] || data[1] !== GZIP[1]) return new Blob([data]);
    const inflated = new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"));
    return await new Response(inflated).blob();
  }

  function save(blob, name) {
    const url = URL.createObjectURL(new Blob([blob], { type: "application/octet-stream" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-download]") : null;
    if (!link || event.defaultPrevented || event.button !== 0
        || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    original(link.href).then(
      (blob) => save(blob, link.dataset.download),
      () => { window.location.href = link.href; },
    );
  });
})();

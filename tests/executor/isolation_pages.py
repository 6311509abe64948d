"""A local site for the context-reuse isolation test: one page plants every kind of browser state, another
reports to the server what it can still see, so isolation is judged by the site, not by Rote."""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PLANT = """<!doctype html><title>plant</title><script src="/cached.js"></script><script>
(async () => {
  document.cookie = "planted=js; max-age=3600; path=/";
  window.name = "planted-name";
  // Written as the run's page leaves this document, so during the reset: it must be cleared all the same.
  addEventListener("pagehide", () => {
    localStorage.setItem("left", "local");
    sessionStorage.setItem("left", "session");
    document.cookie = "left=js; max-age=3600; path=/";
  });
  localStorage.setItem("planted", "local");
  sessionStorage.setItem("planted", "session");
  await new Promise((done, fail) => {
    const open = indexedDB.open("planted-db", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("things");
    open.onsuccess = () => {
      const tx = open.result.transaction("things", "readwrite");
      tx.objectStore("things").put("secret", "key");
      tx.oncomplete = () => { open.result.close(); done(); };
    };
    open.onerror = fail;
  });
  await (await caches.open("planted-cache")).put("/cached-entry", new Response("planted"));
  await navigator.serviceWorker.register("/sw.js");
  await navigator.serviceWorker.ready;
  window.open("/popup", "planted-popup");
  await report("plant");
})();
</script>"""
REPORT = """<!doctype html><title>report</title><script src="/cached.js"></script><script>
(async () => { await report(new URLSearchParams(location.search).get("tag")); })();
</script>"""
POPUP = """<!doctype html><title>popup</title><script>
setInterval(() => fetch("/alive", {method: "POST"}), 100);
</script>"""
# Shared by both pages: what this origin sees, posted to the server.
CACHED_JS = """async function report(tag) {
  const seen = {cookie: document.cookie, local: localStorage.length, session: sessionStorage.length};
  seen.name = window.name;
  seen.idb = (await indexedDB.databases()).map((db) => db.name);
  seen.caches = await caches.keys();
  seen.workers = (await navigator.serviceWorker.getRegistrations()).length;
  seen.controlled = Boolean(navigator.serviceWorker.controller);
  seen.geolocation = (await navigator.permissions.query({name: "geolocation"})).state;
  seen.notifications = (await navigator.permissions.query({name: "notifications"})).state;
  seen.history = history.length;
  await fetch("/seen?tag=" + encodeURIComponent(tag), {method: "POST", body: JSON.stringify(seen)});
}"""
SERVICE_WORKER = "self.addEventListener('fetch', () => {});"


class IsolationSite:
    """The site on 127.0.0.1: ``reports[tag]`` is what a page saw, ``hits`` counts requests by path and
    ``cookies_seen[tag]`` the Cookie header the report page arrived with."""

    def __init__(self) -> None:
        self.reports: dict[str, dict[str, Any]] = {}
        self.cookies_seen: dict[str, str] = {}
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                path, _, query = self.path.partition("?")
                site.hits[path] += 1
                pages = {"/plant": PLANT, "/report": REPORT, "/popup": POPUP}
                if path in pages:
                    if path == "/report":
                        site.cookies_seen[query.removeprefix("tag=")] = self.headers.get("Cookie", "")
                    extra = {"Set-Cookie": "server=planted; Max-Age=3600; Path=/; HttpOnly"} if path == "/plant" else {}
                    self._send("text/html", pages[path], extra)
                elif path == "/cached.js":
                    self._send("text/javascript", CACHED_JS, {"Cache-Control": "max-age=3600"})
                elif path == "/sw.js":
                    self._send("text/javascript", SERVICE_WORKER, {})
                else:
                    self.send_error(404)

            def do_POST(self) -> None:  # noqa: N802 - http.server API
                path, _, query = self.path.partition("?")
                site.hits[path] += 1
                body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
                if path == "/seen":
                    site.reports[query.removeprefix("tag=")] = json.loads(body)
                self._send("text/plain", "ok", {})

            def _send(self, content_type: str, body: str, headers: dict[str, str]) -> None:
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> IsolationSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

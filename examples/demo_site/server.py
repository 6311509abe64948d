"""The demo insurance-quote site: a stdlib HTTP server with a login, a quote form and a result page."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from examples.demo_site import extra_pages, pages
from examples.demo_site.quote_math import canonical_plan
from examples.demo_site.variants import Variant, variant_named

USERNAME = "demo"
PASSWORD = "rote-demo-pass"
SESSION_COOKIE = "rote_session"
VARIANT_COOKIE = "rote_variant"
_REQUIRED_QUOTE_FIELDS = ("full_name", "email", "plan", "start_date")
WIZARD = extra_pages.WIZARD_STEPS


def _needs_sign_in(path: str) -> bool:
    return path in ("/quote", "/quote/result") or path.startswith(("/invoices", "/wizard"))


@dataclass
class SiteState:
    """Everything the site remembers; shared by the handler threads under one lock."""

    variant: str = "default"
    sessions: set[str] = field(default_factory=set)
    quotes: dict[str, dict[str, str]] = field(default_factory=dict)
    quote_posts: int = 0
    downloads: int = 0
    wizard: dict[str, dict[str, str]] = field(default_factory=dict)
    applications: dict[str, dict[str, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class DemoSite:
    """A running demo site (background thread); ``submissions`` counts quote form POSTs, valid or not."""

    def __init__(self, server: ThreadingHTTPServer, state: SiteState, thread: threading.Thread | None) -> None:
        self._server = server
        self._state = state
        self._thread = thread
        host, port = server.server_address[:2]
        self.url = f"http://{host.decode() if isinstance(host, bytes) else host}:{port}"

    @property
    def submissions(self) -> int:
        with self._state.lock:
            return self._state.quote_posts

    @property
    def downloads(self) -> int:
        """Invoice PDFs served."""
        with self._state.lock:
            return self._state.downloads

    @property
    def applications(self) -> dict[str, dict[str, str]]:
        """Wizard applications by reference (a copy)."""
        with self._state.lock:
            return {ref: dict(data) for ref, data in self._state.applications.items()}

    @property
    def quotes(self) -> dict[str, dict[str, str]]:
        """Submitted quote forms by reference (a copy)."""
        with self._state.lock:
            return {ref: dict(data) for ref, data in self._state.quotes.items()}

    @property
    def variant(self) -> str:
        return self._state.variant

    @variant.setter
    def variant(self, name: str) -> None:
        variant_named(name)
        self._state.variant = name

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def _handler(state: SiteState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "RoteDemo/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            # Request lines would drown test output; the site is a fixture, not a service.
            return

        # --- helpers -------------------------------------------------------------------------

        def _cookies(self) -> dict[str, str]:
            jar = SimpleCookie(self.headers.get("Cookie", ""))
            return {key: morsel.value for key, morsel in jar.items()}

        def _query(self) -> dict[str, str]:
            return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _variant(self) -> Variant:
            # A query value wins over a cookie, which wins over the site-wide setting.
            name = self._query().get("variant") or self._cookies().get(VARIANT_COOKIE) or state.variant
            try:
                return variant_named(name)
            except ValueError:
                return variant_named(state.variant)

        def _signed_in(self) -> bool:
            with state.lock:
                return self._cookies().get(SESSION_COOKIE, "") in state.sessions

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _html(self, text: str, status: int = HTTPStatus.OK, headers: dict[str, str] | None = None) -> None:
            self._send(status, text.encode(), "text/html; charset=utf-8", headers)

        def _redirect(self, location: str, status: int = HTTPStatus.SEE_OTHER, cookie: str = "") -> None:
            headers = {"Location": location}
            if cookie:
                headers["Set-Cookie"] = cookie
            self._send(status, b"", "text/plain", headers)

        # --- routes --------------------------------------------------------------------------

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            path = urlsplit(self.path).path
            variant = self._variant()
            if path == "/":
                self._redirect("/login", HTTPStatus.FOUND)
            elif path == "/login":
                self._html(pages.login_page(variant))
            elif path == "/logout":
                self._redirect("/login", cookie=f"{SESSION_COOKIE}=; Path=/; Max-Age=0")
            elif path == "/static/style.css":
                self._send(HTTPStatus.OK, pages.stylesheet(), "text/css")
            elif _needs_sign_in(path) and not self._signed_in():
                self._redirect("/login")
            elif path.startswith(("/invoices", "/wizard")):
                self._extra_get(variant, path)
            elif path == "/quote":
                self._html(pages.quote_page(variant))
            elif path == "/quote/result":
                self._result(variant)
            else:
                self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            path = urlsplit(self.path).path
            variant = self._variant()
            form = self._form()
            if path == "/login":
                self._login(variant, form)
            elif _needs_sign_in(path) and not self._signed_in():
                self._redirect("/login")
            elif path.startswith("/wizard/"):
                self._wizard_post(variant, path, form)
            elif path == "/quote":
                self._submit_quote(variant, form)
            else:
                self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)

        def _login(self, variant: Variant, form: dict[str, str]) -> None:
            if form.get("username") != USERNAME or form.get("password") != PASSWORD:
                page = pages.login_page(variant, error="Invalid username or password.")
                self._html(page, HTTPStatus.UNAUTHORIZED)
                return
            token = secrets.token_urlsafe(16)
            with state.lock:
                state.sessions.add(token)
            self._redirect("/quote", cookie=f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax")

        def _submit_quote(self, variant: Variant, form: dict[str, str]) -> None:
            with state.lock:
                state.quote_posts += 1
            missing = [key for key in _REQUIRED_QUOTE_FIELDS if not form.get(key, "").strip()]
            try:
                canonical_plan(form.get("plan", ""))
            except ValueError:
                missing.append("plan")
            if missing:
                error = f"Please fill in: {', '.join(sorted(set(missing)))}."
                self._html(pages.quote_page(variant, error=error), HTTPStatus.BAD_REQUEST)
                return
            with state.lock:
                reference = f"Q-{len(state.quotes) + 1}"
                state.quotes[reference] = {key: form.get(key, "") for key in (*_REQUIRED_QUOTE_FIELDS, "notes")}
                state.quotes[reference]["roadside"] = "yes" if form.get("roadside") else "no"
            self._redirect(f"/quote/result?ref={reference}")

        def _extra_get(self, variant: Variant, path: str) -> None:
            parts = path.strip("/").split("/")
            if parts == ["invoices"]:
                self._html(pages.page(variant, "Invoices", extra_pages.invoices_page()))
            elif parts[0] == "invoices" and len(parts) in (2, 3) and parts[1] in extra_pages.INVOICES:
                invoice = extra_pages.INVOICES[parts[1]]
                if len(parts) == 2:
                    self._html(pages.page(variant, f"Invoice {invoice.number}", extra_pages.invoice_page(invoice)))
                elif parts[2] == "pdf":
                    with state.lock:
                        state.downloads += 1
                    disposition = f'attachment; filename="{invoice.number}.pdf"'
                    self._send(HTTPStatus.OK, invoice.pdf(), "application/pdf", {"Content-Disposition": disposition})
                else:
                    self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)
            elif parts == ["wizard"]:
                self._redirect("/wizard/1", HTTPStatus.FOUND)
            elif parts[0] == "wizard" and len(parts) == 2 and parts[1].isdigit() and int(parts[1]) in WIZARD:
                self._html(pages.page(variant, "Apply", extra_pages.wizard_page(int(parts[1]))))
            elif parts == ["wizard", "done"]:
                reference = self._query().get("ref", "")
                self._html(pages.page(variant, "Application received", extra_pages.wizard_done_page(reference)))
            else:
                self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)

        def _wizard_post(self, variant: Variant, path: str, form: dict[str, str]) -> None:
            step_text = path.rsplit("/", 1)[1]
            step = int(step_text) if step_text.isdigit() else 0
            if step not in WIZARD:
                self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)
                return
            token = self._cookies().get(SESSION_COOKIE, "")
            with state.lock:
                answers = state.wizard.setdefault(token, {})
                answers.update({key: form.get(key, "") for key in extra_pages.WIZARD_FIELDS[step]})
            if step < len(WIZARD):
                self._redirect(f"/wizard/{step + 1}")
                return
            with state.lock:
                reference = f"A-{len(state.applications) + 1}"
                state.applications[reference] = dict(state.wizard.pop(token, {}))
            self._redirect(f"/wizard/done?ref={reference}")

        def _result(self, variant: Variant) -> None:
            reference = self._query().get("ref", "")
            with state.lock:
                submission = state.quotes.get(reference)
            if submission is None:
                self._html(pages.not_found_page(variant), HTTPStatus.NOT_FOUND)
                return
            self._html(pages.result_page(variant, reference=reference, submission=submission))

    return Handler


def start_demo_site(
    host: str = "127.0.0.1", port: int = 0, *, variant: str = "default", background: bool = True
) -> DemoSite:
    """Start the site (in a daemon thread unless ``background`` is False); ``port=0`` picks a free port."""
    variant_named(variant)
    state = SiteState(variant=variant)
    server = ThreadingHTTPServer((host, port), _handler(state))
    server.daemon_threads = True
    thread = None
    if background:
        thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
        thread.start()
    return DemoSite(server, state, thread)

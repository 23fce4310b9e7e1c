"""The lagebild web app: story list, dossiers, articles, uploads; every page has a JSON twin.

``create_app`` returns a FastAPI app over one store. Pages are rendered by
``lagebild.render.html`` (the same templates as the static report). JSON twins live at the
same paths with ``.json``. All errors share one shape::

    {"error": {"status": 404, "code": "not_found", "message": "...", "hint": null}}

(browsers asking for HTML get the same content as a page).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError
from ..models import RawArticle
from ..render.html import Links, PageRenderer, render_article_html, script_hash
from . import schemas
from .auth import BodyLimitMiddleware, TokenMiddleware, check_bind
from .jobs import Job, JobRunner
from .outlets import OUTLETS_FILE, add_outlet_routes, name_uploaded_outlets
from .paths import RawPathMiddleware
from .security import (
    HostCheckMiddleware,
    SameOriginMiddleware,
    SecurityHeadersMiddleware,
    install_log_redaction,
    security_headers,
)
from .upload import safe_upload_name, save_upload

__all__ = ["check_bind", "create_app"]

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_URLS_PER_JOB = 20  # a form, not a crawler
MAX_FILES_PER_JOB = 200

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
               415: "unsupported_media_type", 421: "unknown_host", 422: "invalid_parameters",
               500: "internal_error"}

_DATE = r"^(\d{4}-\d{2}-\d{2})?$"


class ApiError(Exception):
    """An error with a status, a stable code and a message (rendered in the error shape)."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint
        self.code = code or ERROR_CODES.get(status, "error")


def _wants_html(path: str, accept: str | None) -> bool:
    return not path.endswith(".json") and path != "/openapi.json" and "text/html" in (accept or "")


def _error_body(status: int, code: str, message: str, hint: str | None = None,
                details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"status": status, "code": code, "message": message, "hint": hint}
    if details:
        err["details"] = details
    return {"error": err}


def create_app(store_path: str | Path, *, token: str | None = None,
               allow_private_urls: bool = False, data_dir: Path | None = None,
               max_upload_bytes: int = 5_000_000,
               open_reader: Callable[[], Any] | None = None,
               allowed_hosts: Sequence[str] = ()) -> FastAPI:
    """Build the web app over the store at ``store_path`` (SQLite path or postgresql:// URL).

    ``token``: when set, every request must carry it (see ``web.auth``). ``allow_private_urls``
    lets the add-articles form fetch from loopback/private addresses. ``data_dir`` receives
    uploaded files (default: ``<db folder>/lagebild-data``, or a temp folder for PostgreSQL).
    ``max_upload_bytes`` caps a request body (413 above it). ``open_reader`` replaces
    ``open_store(store_path)`` for reading (another StoreReader backend).
    ``allowed_hosts``: Host header names admitted besides the loopback names and the address
    the connection was made to (``name`` or ``name:port``; see ``web.security``).
    """
    store_name = str(store_path)
    if data_dir is None:
        if store_name.startswith(("postgresql://", "postgres://")):
            data_dir = Path(tempfile.mkdtemp(prefix="lagebild-data-"))
        else:
            data_dir = Path(store_name).resolve().parent / "lagebild-data"
    data_root = Path(data_dir)
    data_root.mkdir(parents=True, exist_ok=True)

    def default_opener() -> Any:
        # The schema was migrated once below; readers only connect (no write lock taken).
        from ..store import Store
        from ..store.db import connect

        return Store(connect(store_path))

    if open_reader is None:
        from ..store import open_store

        open_store(store_path).close()  # create or migrate the store once, up front
    opener = open_reader or default_opener
    local = threading.local()
    opened: list[Any] = []
    opened_lock = threading.Lock()

    def reader() -> Any:
        r = getattr(local, "reader", None)
        if r is None:
            r = opener()
            local.reader = r
            with opened_lock:
                opened.append(r)
        return r

    runner = JobRunner(store_path, allow_private_urls=allow_private_urls)
    links = Links("web")
    pages = PageRenderer(links)
    headers = security_headers(script_hash())
    install_log_redaction()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.close()
        with opened_lock:
            for r in opened:
                with suppress(Exception):
                    r.close()

    app = FastAPI(title="lagebild", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="Story dossiers from many outlets; every page has a JSON twin.")
    app.state.runner = runner
    app.state.data_dir = data_root

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers=headers)

    def error_response(request_path: str, accept: str | None, status: int, code: str,
                       message: str, hint: str | None = None,
                       details: list[dict[str, Any]] | None = None,
                       more_headers: dict[str, str] | None = None) -> Response:
        extra = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
        extra.update(more_headers or {})
        if _wants_html(request_path, accept):
            body = pages.render("error.html", error={"status": status, "message": message,
                                                     "hint": hint}, path=request_path)
            return HTMLResponse(body, status_code=status, headers={**headers, **extra})
        return JSONResponse(_error_body(status, code, message, hint, details),
                            status_code=status, headers={**headers, **extra})

    def asgi_error(scope: dict[str, Any], status: int, code: str, message: str) -> Any:
        accept = next((v.decode("latin-1") for k, v in scope.get("headers") or []
                       if k.lower() == b"accept"), None)
        return error_response(scope.get("path", ""), accept, status, code, message)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request.url.path, request.headers.get("accept"), exc.status,
                              exc.code, exc.message, exc.hint)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if status == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error_response(request.url.path, request.headers.get("accept"), status,
                              ERROR_CODES.get(status, "error"), message,
                              more_headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [{"loc": [str(x) for x in e.get("loc", ())], "message": str(e.get("msg", ""))}
                   for e in exc.errors()]
        where = ", ".join(".".join(d["loc"][1:] or d["loc"]) for d in details) or "request"
        return error_response(request.url.path, request.headers.get("accept"), 422,
                              "invalid_parameters", f"invalid parameter: {where}",
                              details=details)

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request.url.path, request.headers.get("accept"), 500,
                              "internal_error", "internal error; see the server log")

    # ------------------------------------------------------------------ story list

    def _story_query(q: str, date_from: str, date_to: str, outlet: str, language: str,
                     cursor: str, limit: int) -> tuple[list[dict[str, Any]], str | None]:
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError as e:
                    raise ApiError(422, f"invalid parameter: {name} {value!r} is not a date",
                                   hint="use YYYY-MM-DD") from e
        try:
            found: tuple[list[dict[str, Any]], str | None] = reader().list_stories(
                q=q or None, date_from=date_from or None, date_to=date_to or None,
                outlet=outlet or None, language=language or None, cursor=cursor or None,
                limit=limit)
            return found
        except ValueError as e:
            raise ApiError(422, f"invalid parameter: {e}",
                           hint="use the 'next' value of the previous page as cursor") from e

    q_param = Query("", max_length=500, description="search over titles, entities and text")
    from_param = Query("", pattern=_DATE, description="stories with an article on/after")
    to_param = Query("", pattern=_DATE, description="stories with an article on/before")
    outlet_param = Query("", max_length=300)
    lang_param = Query("", max_length=20)
    cursor_param = Query("", max_length=200, description="'next' of the previous page")
    limit_param = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @app.get("/stories.json", response_model=schemas.StoryList,
             responses=schemas.ERRORS, tags=["json"])
    def stories_json(q: str = q_param, date_from: str = from_param, date_to: str = to_param,
                     outlet: str = outlet_param, language: str = lang_param,
                     cursor: str = cursor_param, limit: int = limit_param) -> JSONResponse:
        """Stories newest first with counts; filters and cursor paging."""
        items, nxt = _story_query(q, date_from, date_to, outlet, language, cursor, limit)
        return JSONResponse({"stories": items, "next": nxt}, headers=headers)

    @app.get("/", response_class=HTMLResponse, responses=schemas.ERRORS, tags=["html"])
    @app.get("/stories", response_class=HTMLResponse, responses=schemas.ERRORS, tags=["html"])
    def stories_page(q: str = q_param, date_from: str = from_param, date_to: str = to_param,
                     outlet: str = outlet_param, language: str = lang_param,
                     cursor: str = cursor_param, limit: int = limit_param) -> HTMLResponse:
        """The story list page (search form, filters, paging)."""
        items, nxt = _story_query(q, date_from, date_to, outlet, language, cursor, limit)
        filters = {"q": q, "date_from": date_from, "date_to": date_to, "outlet": outlet,
                   "language": language}
        base = {k: v for k, v in filters.items() if v}
        if limit != DEFAULT_PAGE_SIZE:
            base["limit"] = str(limit)
        paging = {
            "next": "/stories?" + urlencode({**base, "cursor": nxt}) if nxt else None,
            "first": ("/stories?" + urlencode(base)) if cursor else None,
            "json": "/stories.json" + ("?" + urlencode({**base, **({"cursor": cursor} if cursor else {})})
                                       if base or cursor else ""),
        }
        r = reader()
        options = {"outlets": r.outlets(), "languages": r.languages()}
        return html(pages.render("index.html", stories=items, title="lagebild",
                                 filters={**filters, "active": bool(base)}, paging=paging,
                                 options=options))

    # ------------------------------------------------------------------ dossiers, articles

    def _dossier(story_id: str) -> dict[str, Any]:
        d: dict[str, Any] | None = reader().get_dossier(story_id)
        if d is None:
            raise ApiError(404, f"unknown story {story_id!r}",
                           hint="see /stories for the stories in this store")
        return d

    def _article(article_id: str) -> dict[str, Any]:
        a: dict[str, Any] | None = reader().get_article(article_id)
        if a is None:
            raise ApiError(404, f"unknown article {article_id!r}",
                           hint="article ids are listed in the sources of each dossier")
        return a

    # Ids may contain any character: see web/paths.py for the "id" path convertor.

    @app.get("/stories/{story_id:id}.json",
             responses={**schemas.ERRORS, **schemas.DOSSIER}, tags=["json"])
    def story_json(story_id: str) -> JSONResponse:
        """The story's dossier (``lagebild/dossier@1``)."""
        return JSONResponse(_dossier(story_id), headers=headers)

    @app.get("/stories/{story_id:id}", response_class=HTMLResponse,
             responses=schemas.ERRORS, tags=["html"])
    def story_page(story_id: str) -> HTMLResponse:
        """The dossier page."""
        return html(pages.render("story.html", d=_dossier_view(_dossier(story_id))))

    def _dossier_view(d: dict[str, Any]) -> dict[str, Any]:
        from ..render.html import dossier_view

        return dossier_view(d, links)

    @app.get("/articles/{article_id:id}.json",
             responses={**schemas.ERRORS, **schemas.ARTICLE}, tags=["json"])
    def article_json(article_id: str) -> JSONResponse:
        """One article: metadata, cleaned text, sentences, what cleaning removed, status."""
        return JSONResponse(_article(article_id), headers=headers)

    @app.get("/articles/{article_id:id}", response_class=HTMLResponse,
             responses=schemas.ERRORS, tags=["html"])
    def article_page(article_id: str) -> HTMLResponse:
        """The article with the sentences its dossier uses highlighted."""
        a = _article(article_id)
        d = reader().get_dossier(a["story"]) if a.get("story") else None
        return html(render_article_html(a, d, links))

    # ------------------------------------------------------------------ adding articles

    @app.get("/add", response_class=HTMLResponse, tags=["html"])
    def add_page() -> HTMLResponse:
        """The form to upload files, paste text or give URLs."""
        return html(pages.render("add.html", max_mb=f"{max_upload_bytes / 1e6:g}",
                                 allow_private=allow_private_urls,
                                 jobs=[j.to_dict() for j in runner.recent()]))

    async def _create_job(request: Request, files: list[UploadFile], text: str, title: str,
                          outlet: str, published: str, urls: str) -> Job:
        if published:
            try:
                date.fromisoformat(published[:10])
            except ValueError as e:
                raise ApiError(422, f"invalid parameter: published {published!r} is not a date",
                               hint="use YYYY-MM-DD") from e
        url_list = [u.strip() for u in urls.splitlines() if u.strip()]
        if len(url_list) > MAX_URLS_PER_JOB:
            raise ApiError(422, f"invalid parameter: at most {MAX_URLS_PER_JOB} URLs at once")
        for u in url_list:
            if not u.lower().startswith(("http://", "https://")):
                raise ApiError(422, f"invalid parameter: {u!r} is not an http(s) URL")
        real_files = [f for f in files if isinstance(f, StarletteUpload) and (f.filename or f.size)]
        if len(real_files) > MAX_FILES_PER_JOB:
            raise ApiError(422, f"invalid parameter: at most {MAX_FILES_PER_JOB} files at once")
        names = []
        for f in real_files:
            try:
                names.append(safe_upload_name(f.filename))
            except InputError as e:
                raise ApiError(422, f"invalid parameter: {e.message}", hint=e.hint) from e
        if not (real_files or text.strip() or url_list):
            raise ApiError(422, "invalid parameter: nothing to analyse",
                           hint="upload files, paste a text or give URLs")
        job = Job(id=runner.new_id(), inputs=[])
        folder = data_root / "uploads" / job.id
        for f, name in zip(real_files, names):
            content = await f.read()
            try:
                path = save_upload(folder, data_root, name, content)
            except InputError as e:
                raise ApiError(422, f"invalid parameter: {e.message}", hint=e.hint) from e
            if path.name == OUTLETS_FILE:
                continue  # names the other files' outlets (read beside them), not an article
            job.files.append(path)
            job.inputs.append(path.name)
        if job.files:
            name_uploaded_outlets(folder, job.files, outlet)
        if text.strip():
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            job.raws.append(RawArticle(id=f"paste-{digest}", text=text,
                                       title=title.strip() or None,
                                       outlet=outlet.strip() or None,
                                       published=published.strip() or None,
                                       source="eingefügter Text"))
            job.inputs.append(f"Text: {title.strip() or text.strip()[:60]}")
        job.urls = url_list
        job.inputs.extend(url_list)
        return runner.submit(job)

    files_param = File(default=[], description="article files (.txt .html .json .jsonl)")

    @app.post("/jobs", status_code=303, tags=["html"], responses=schemas.ERRORS)
    async def jobs_form(request: Request, files: list[UploadFile] = files_param,
                        text: str = Form(""), title: str = Form(""), outlet: str = Form(""),
                        published: str = Form(""), urls: str = Form("")) -> RedirectResponse:
        """Start an analysis from the browser form; redirects to the job page."""
        job = await _create_job(request, files, text, title, outlet, published, urls)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303, headers=headers)

    @app.post("/jobs.json", status_code=202, response_model=schemas.JobOut,
              responses=schemas.ERRORS, tags=["json"])
    async def jobs_json(request: Request, files: list[UploadFile] = files_param,
                        text: str = Form(""), title: str = Form(""), outlet: str = Form(""),
                        published: str = Form(""), urls: str = Form("")) -> JSONResponse:
        """Start an analysis (multipart form); returns the job to poll."""
        job = await _create_job(request, files, text, title, outlet, published, urls)
        return JSONResponse(job.to_dict(), status_code=202, headers=headers)

    def _job(job_id: str) -> Job:
        job = runner.get(job_id)
        if job is None:
            raise ApiError(404, f"unknown job {job_id!r}")
        return job

    @app.get("/jobs/{job_id}.json", response_model=schemas.JobOut, responses=schemas.ERRORS,
             tags=["json"])
    def job_json(job_id: str) -> JSONResponse:
        """An analysis job's progress and result."""
        return JSONResponse(_job(job_id).to_dict(), headers=headers)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, responses=schemas.ERRORS,
             tags=["html"])
    def job_page(job_id: str) -> HTMLResponse:
        """The job page (polls the JSON twin until the job is finished)."""
        return html(pages.render("job.html", job=_job(job_id).to_dict()))

    add_outlet_routes(app, store_name, pages, headers, ApiError)

    from .corrections import add_correction_routes

    add_correction_routes(app, store_path, headers, lambda status, message: ApiError(status, message))

    # ------------------------------------------------------------------ middleware

    # Outermost last: headers on everything, then Host, token, same-origin, body limit,
    # and routing on the raw path (ids with any characters, web/paths.py).
    app.add_middleware(RawPathMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_upload_bytes, error=asgi_error)
    app.add_middleware(SameOriginMiddleware, error=asgi_error, token=token)
    if token:
        app.add_middleware(TokenMiddleware, token=token, error=asgi_error)
    app.add_middleware(HostCheckMiddleware, allowed=allowed_hosts, error=asgi_error)
    app.add_middleware(SecurityHeadersMiddleware, headers=headers)
    return app

"""Serve both languages with live reload, rebuilding only what an edit touches.

``uv run python scripts/serve.py [--port 8000]`` builds Korean (at ``/``) and
English (at ``/en/``) and serves them with MkDocs' live-reload server.

- Each language is built by its own long-lived worker process, so a rebuild
  pays for no imports and both languages build at once on two cores.
- Saving a Markdown page re-renders that one page in its worker (a few hundred
  milliseconds) and reloads the browser. The navigation titles, the search
  index and the sitemap of that language catch up at the next full build.
- Any other change (the package, hooks, templates, shared assets, the MkDocs
  configuration, a notebook, a page added or removed) restarts both workers,
  so every module is imported afresh, and rebuilds both languages in full.
  Figures and notebook outputs come from their caches unless their inputs
  changed.
- A change to the package is shown in two steps: first every page is rebuilt
  with the figures and notebook outputs of the previous build
  ($ACTIVATIONS_REUSE_OUTPUTS, read by hooks/plots.py and
  activations_site.notebook_run) and the browser reloads; then the figures are
  redrawn and the notebooks re-executed, and it reloads again.
- The site is built for ``http://HOST:PORT/`` (``site_url``),  so the
  canonical links and Material's language switch work on whatever port is chosen. ``SITE_URL`` in the
  environment overrides it.
- Builds are lenient (a broken link is reported, not fatal); ``uv run pytest``
  builds strictly.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parents[2]
SERVE_DIR = ROOT / "build" / "serve"
WATCHED = ["src", "docs", "hooks", "overrides", "mkdocs.yml", "mkdocs.en.yml"]
CONFIGS = {"ko": "mkdocs.yml", "en": "mkdocs.en.yml"}
log = logging.getLogger("activations_site.serve")


# --- The worker: one language, one process, kept warm -------------------------


class _Worker:
    """Builds one language; remembers what a full build needs to redo one page."""

    def __init__(self, language: str, site_dir: Path) -> None:
        import mkdocs.commands.build as mkdocs_build

        self.language = language
        self.site_dir = site_dir
        self._mkdocs_build = mkdocs_build
        self._pages: dict[str, tuple] = {}
        self._config = None
        populate, render = mkdocs_build._populate_page, mkdocs_build._build_page

        # The full build passes each page through these two functions; keeping
        # their arguments lets a later edit of one page redo exactly those steps.
        def recording_populate(page, config, files, dirty=False):
            self._pages.setdefault(page.file.src_uri, [None, None])[0] = (config, files)
            return populate(page, config, files, dirty)

        def recording_render(page, config, doc_files, nav, env, dirty=False, excluded=False):
            self._pages.setdefault(page.file.src_uri, [None, None])[1] = (
                doc_files,
                nav,
                env,
                excluded,
            )
            return render(page, config, doc_files, nav, env, dirty, excluded)

        mkdocs_build._populate_page = recording_populate
        mkdocs_build._build_page = recording_render

    def full(self) -> None:
        from mkdocs.config import load_config

        self._pages.clear()
        config = load_config(
            str(ROOT / CONFIGS[self.language]), site_dir=str(self.site_dir), strict=False
        )
        config.plugins.on_startup(command="build", dirty=False)
        self._mkdocs_build.build(config)
        self._config = config

    def pages(self, src_uris: list[str]) -> bool:
        """Re-render the given pages; False when one of them needs a full build."""
        recorded = [self._pages.get(uri) for uri in src_uris]
        if self._config is None or any(r is None or None in r for r in recorded):
            return False
        for uri, ((config, files), (doc_files, nav, env, excluded)) in zip(
            src_uris, recorded, strict=True
        ):
            page = files.get_file_from_path(uri).page
            self._mkdocs_build._populate_page(page, config, files)
            self._mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=excluded)
        return True


def _worker_main(language: str, site_dir: str) -> int:
    """Answer one JSON line per request on stdout; MkDocs logs to stderr."""
    logging.basicConfig(format=f"{language} %(levelname)-7s - %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs.plugins.mkdocs_jupyter").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.mkdocs-jupyter").setLevel(logging.WARNING)
    worker = _Worker(language, Path(site_dir))
    answer = sys.stdout
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    for line in sys.stdin:
        request = json.loads(line)
        start = time.perf_counter()
        try:
            if request["kind"] == "pages":
                done = worker.pages(request["pages"])
                if not done:
                    worker.full()
                kind = "pages" if done else "full"
            else:
                worker.full()
                kind = "full"
            reply = {"ok": True, "kind": kind}
        except Exception as error:  # reported; the server keeps running
            logging.getLogger("mkdocs").exception("build failed")
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        reply["seconds"] = round(time.perf_counter() - start, 2)
        answer.write(json.dumps(reply) + "\n")
        answer.flush()
    return 0


# --- The server: watches, routes each change to the workers, reloads ----------


class _WorkerProcess:
    def __init__(self, language: str, site_dir: Path, env: dict[str, str]) -> None:
        self.language = language
        self.process = subprocess.Popen(
            [sys.executable, "-m", "activations_site.serve", "--worker", language, str(site_dir)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # Ctrl+C goes to the server, which stops the workers itself.
            start_new_session=True,
        )

    def send(self, request: dict) -> None:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            return {"ok": False, "error": f"the {self.language} build process ended"}
        return json.loads(line)

    def stop(self, now: bool = False) -> None:
        if self.process.poll() is None and now:
            self.process.terminate()
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def classify(changed: set[str]) -> tuple[str, dict[str, list[str]]]:
    """``("pages", {language: [src_uri, ...]})`` when only existing Markdown pages
    changed, else ``("full", {})``."""
    pages: dict[str, list[str]] = {}
    for path in sorted(changed):
        relative = (
            Path(path).resolve().relative_to(ROOT) if Path(path).is_absolute() else Path(path)
        )
        parts = relative.parts
        is_page = (
            len(parts) >= 3
            and parts[0] == "docs"
            and parts[1] in CONFIGS
            and relative.suffix == ".md"
            and (ROOT / relative).is_file()
        )
        if not is_page:
            return "full", {}
        pages.setdefault(parts[1], []).append(Path(*parts[2:]).as_posix())
    return "pages", pages


class Builder:
    """Runs the two language workers; called by the live-reload server's build loop."""

    def __init__(self, site_url: str) -> None:
        self.env = dict(os.environ, SITE_URL=site_url)
        # Two builds on two cores: a multithreaded BLAS would only make them fight.
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            self.env.setdefault(variable, "1")
        self.changed: set[str] = set()
        self.lock = threading.Lock()
        # Set by the server: asks its build loop for another round.
        self.request_rebuild = lambda: None
        self._outputs_stale = False
        self.workers: dict[str, _WorkerProcess] = {}
        (SERVE_DIR / "ko").mkdir(parents=True, exist_ok=True)
        (SERVE_DIR / "en").mkdir(parents=True, exist_ok=True)
        # The Korean site is the root; English is served from its en/ entry. A
        # MkDocs build cleans its site directory but leaves a symlink in place.
        link = SERVE_DIR / "ko" / "en"
        if not link.is_symlink():
            link.symlink_to(Path("..") / "en", target_is_directory=True)

    def note(self, path: str) -> None:
        with self.lock:
            self.changed.add(path)

    def _restart(self, reuse_outputs: bool = False) -> None:
        self.stop()
        env = dict(self.env)
        if reuse_outputs:
            env["ACTIVATIONS_REUSE_OUTPUTS"] = "1"
        self.workers = {
            language: _WorkerProcess(language, SERVE_DIR / language, env) for language in CONFIGS
        }

    def __call__(self) -> None:
        with self.lock:
            changed, self.changed = self.changed, set()
        kind, pages = classify(changed) if changed and self.workers else ("full", {})
        package = ROOT / "src" / "activations"
        reuse = self.workers != {} and any(
            Path(p).resolve().is_relative_to(package) for p in changed
        )
        if self._outputs_stale and kind == "pages":
            kind, pages = "full", {}  # the figures and notebooks are still to be redone
        start = time.perf_counter()
        if kind == "full":
            self._restart(reuse_outputs=reuse)
            self._outputs_stale = reuse
            requests = {language: {"kind": "full"} for language in CONFIGS}
        else:
            requests = {lang: {"kind": "pages", "pages": uris} for lang, uris in pages.items()}
        for language, request in requests.items():
            self.workers[language].send(request)
        replies = {language: self.workers[language].receive() for language in requests}
        seconds = time.perf_counter() - start
        failed = {lang: reply["error"] for lang, reply in replies.items() if not reply["ok"]}
        if failed:
            if any("ended" in error for error in failed.values()):
                self.workers = {}  # the next change starts them afresh
            details = "; ".join(f"{lang}: {error}" for lang, error in failed.items())
            raise RuntimeError(f"build failed ({details}); fix the error above")
        what = ", ".join(
            f"{lang} {'in full' if reply['kind'] == 'full' else 'page'} {reply['seconds']:.1f} s"
            for lang, reply in replies.items()
        )
        note = "; figures and notebooks follow" if self._outputs_stale else ""
        print(f"Rebuilt in {seconds:.1f} s ({what}){note}", flush=True)
        if self._outputs_stale:
            self.request_rebuild()

    def stop(self, now: bool = False) -> None:
        for worker in list(self.workers.values()):
            worker.stop(now)
        self.workers = {}


def _server_class():
    import watchdog.events
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        """MkDocs' live-reload server that also tells the builder what changed."""

        def __init__(self, builder: Builder, **kwargs: object) -> None:
            super().__init__(builder=builder, **kwargs)
            self._builder = builder

        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            # LiveReloadServer.watch, with a callback that also records the path.
            path = os.path.abspath(path)
            if path in self._watched_paths:
                self._watched_paths[path] += 1
                return
            self._watched_paths[path] = 1

            def callback(event: watchdog.events.FileSystemEvent) -> None:
                if event.is_directory:
                    return
                self._builder.note(event.src_path)
                if getattr(event, "dest_path", ""):
                    self._builder.note(event.dest_path)
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()

            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = callback
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

        def bind(self) -> None:
            """Take the port now, before the first build: a second server fails at once."""
            self.server_bind()
            self.server_activate()

        def serve(self, *, open_in_browser: bool = False) -> None:
            # LiveReloadServer.serve without binding again (bind() did).
            if self._watched_paths:
                self.observer.start()
            self.serve_thread.start()
            self._build_loop()

    return Server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--worker", nargs=2, metavar=("LANGUAGE", "SITE_DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.worker:
        return _worker_main(*args.worker)

    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    site_url = os.environ.get("SITE_URL") or f"http://{args.host}:{args.port}/"
    builder = Builder(site_url)
    server = _server_class()(builder, host=args.host, port=args.port, root=str(SERVE_DIR / "ko"))
    try:
        server.bind()
    except OSError as error:
        server.server_close()
        if error.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        print(
            f"Port {args.port} on {args.host} is already in use (is another server running?).\n"
            "Stop it, or choose another port: "
            f"uv run python scripts/serve.py --port {args.port + 1}",
            file=sys.stderr,
        )
        return 2

    def request_rebuild() -> None:
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    builder.request_rebuild = request_rebuild
    not_found = SERVE_DIR / "ko" / "404.html"
    server.error_handler = lambda code: (
        not_found.read_bytes() if code == 404 and not_found.is_file() else None
    )
    for path in WATCHED:
        server.watch(str(ROOT / path))

    # Ctrl+C (SIGINT, also when it reaches us through `uv run`) and SIGTERM stop
    # the server the same way: end the build loop and any build, exit 0.
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        stopping.set()
        builder.stop(now=True)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        builder()
    except RuntimeError as error:
        if not stopping.is_set():
            # Keep serving: the next saved change triggers another build.
            print(f"{error}; waiting for a change", file=sys.stderr, flush=True)
    if stopping.is_set():
        print("Stopped.", flush=True)
        return 0
    print(
        f"Serving {site_url} (English: {site_url}en/). Ctrl+C stops.",
        flush=True,
    )
    try:
        server.serve()
    finally:
        builder.stop()
        server.shutdown()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

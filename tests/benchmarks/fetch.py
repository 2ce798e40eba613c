"""Fetch a ~200 KB page from 127.0.0.1 and extract it, against extracting the same file.

    python tests/benchmarks/fetch.py [--runs N] [PAGE.html]

Both paths run interleaved in one process and the medians are compared; the target is
fetch+extract <= 1.2 x file+extract. The page is the corpus page nearest 200 KB (from
../shared) or, without the corpus, a generated article of that size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.extract import extract  # noqa: E402
from reader.load import load  # noqa: E402

TARGET_BYTES = 200 * 1024
TARGET_RATIO = 1.2
CORPUS = REPO.parent / "shared" / "corpus" / "mozilla"


def pick_page() -> bytes:
    if CORPUS.is_dir():
        pages = sorted(CORPUS.glob("*/source.html"))
        best = min(pages, key=lambda path: abs(path.stat().st_size - TARGET_BYTES))
        print(f"page: {best.relative_to(CORPUS.parent)} ({best.stat().st_size / 1024:.0f} KB)")
        return best.read_bytes()
    paragraph = (
        "<p>Sleeper cars, late departures and early arrivals across borders make the "
        "overnight journey a quiet pleasure for many travellers, who watch towns pass.</p>\n"
    )
    body = paragraph * (TARGET_BYTES // len(paragraph))
    html = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Night trains</title></head>"
        f"<body><article><h1>Night trains</h1>{body}</article></body></html>"
    )
    print(f"page: generated ({len(html) / 1024:.0f} KB)")
    return html.encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/article.html"


def timed(func: object) -> float:
    started = time.perf_counter()
    func()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("page", nargs="?", type=Path)
    args = parser.parse_args()
    body = args.page.read_bytes() if args.page else pick_page()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.html"
        path.write_bytes(body)
        httpd, url = serve(body)
        try:
            # Warm up both paths once: imports, lxml, the SSL context.
            extract(load(str(path)))
            extract(load(url))
            disk, net, fetch_only = [], [], []
            for _ in range(args.runs):
                disk.append(timed(lambda: extract(load(str(path)))))
                net.append(timed(lambda: extract(load(url))))
                fetch_only.append(timed(lambda: load(url)))
        finally:
            httpd.shutdown()
            httpd.server_close()
    disk_ms = statistics.median(disk) * 1000
    net_ms = statistics.median(net) * 1000
    fetch_ms = statistics.median(fetch_only) * 1000
    ratio = net_ms / disk_ms
    print(f"runs: {args.runs}, page {len(body) / 1024:.0f} KB")
    print(f"file  + extract: median {disk_ms:8.1f} ms")
    print(f"fetch + extract: median {net_ms:8.1f} ms")
    print(f"fetch alone:     median {fetch_ms:8.1f} ms")
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"ratio fetch/file: {ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())

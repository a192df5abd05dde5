"""Lighthouse (bản 12.2.3, cấu hình điện thoại) trên trang chủ và ba trang nặng nhất của một bản dựng.

Trang được phục vụ qua HTTP trên 127.0.0.1 **có nén gzip** như GitHub Pages, để số byte và thời gian tải
giống những gì người đọc nhận. In một bảng: bốn điểm (hiệu năng, trợ năng, thực hành tốt, SEO), số byte
truyền đi, LCP, TBT, CLS. Đây là phép đo, không phải kiểm thử: kết quả dao động theo tải của máy.

    ./dev build && .venv/bin/python benchmarks/lighthouse.py [--site site] [--runs 1] [--pages a.html b.html]

Cần ``npm ci`` (lighthouse nằm trong devDependencies của package.json) và Chromium (biến môi trường
``RNNLAB_CHROMIUM``, mặc định /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map", ".ipynb", ".py")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Như ``http.server`` nhưng nén gzip các tệp văn bản khi trình duyệt chấp nhận (như GitHub Pages)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def heaviest_pages(site: Path, count: int = 3) -> list[str]:
    """Các trang (trừ trang chủ) có HTML nén + hình lớn nhất: ước lượng nhanh trước khi đo thật."""
    weights = {}
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        # ban-in/: trang in (cả trang web trong một trang, để in PDF), không phải trang người đọc mở
        if rel in ("index.html", "404.html") or rel.startswith(("vendor/", "assets/", "ban-in/")):
            continue
        text = html.read_text(encoding="utf-8")
        size = len(gzip.compress(text.encode(), 6))
        for src in re.findall(r'<img[^>]+src="([^":]+)"', text):
            img = (html.parent / src).resolve()
            if img.is_file() and site in img.parents:
                size += len(gzip.compress(img.read_bytes(), 6)) if img.suffix == ".svg" else img.stat().st_size
        weights[rel] = size
    return sorted(weights, key=weights.get, reverse=True)[:count]


def run_lighthouse(url: str, chrome: str, keep: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update",
        ]
        proc = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True)
        if proc.returncode != 0 or not out.is_file():
            sys.exit(f"Lighthouse lỗi trên {url}:\n{proc.stderr[-3000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9]+", "-", url.split("/", 3)[-1]).strip("-") or "index"
            (keep / f"{name}.json").write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    audits = report["audits"]
    scores = {
        k: round(100 * report["categories"][k]["score"])
        for k in ("performance", "accessibility", "best-practices", "seo")
    }
    failing = sorted(
        a["id"]
        for a in audits.values()
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "metricSavings")
    )
    return {
        **scores,
        "bytes": audits["total-byte-weight"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failing": failing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục trang đã dựng (mặc định site/)")
    parser.add_argument("--runs", type=int, default=1, help="số lần đo mỗi trang; in trung vị")
    parser.add_argument(
        "--pages", nargs="*", help="đường dẫn trang trong site/ (mặc định: trang chủ + 3 trang nặng nhất)"
    )
    parser.add_argument("--json", type=Path, help="giữ báo cáo JSON đầy đủ (lần đo cuối mỗi trang) trong thư mục này")
    args = parser.parse_args()
    chrome = os.environ.get("RNNLAB_CHROMIUM", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        sys.exit("Không thấy node_modules/.bin/lighthouse: chạy `npm ci` (hoặc ./dev setup).")
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} chưa có trang đã dựng: chạy ./dev build trước.")
    pages = args.pages or ["index.html", *heaviest_pages(args.site)]
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print("| trang | hiệu năng | trợ năng | thực hành tốt | SEO | KB truyền | LCP (s) | TBT (ms) | CLS |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    try:
        for page in pages:
            runs = [run_lighthouse(base + page, chrome, args.json) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "failing"}
            print(
                f"| {page} | {med['performance']:.0f} | {med['accessibility']:.0f} | {med['best-practices']:.0f} "
                f"| {med['seo']:.0f} | {med['bytes'] / 1024:.0f} | {med['lcp'] / 1000:.1f} | {med['tbt']:.0f} "
                f"| {med['cls']:.3f} |",
                flush=True,
            )
            if runs[-1]["failing"]:
                print(f"  <!-- chưa đạt ở {page}: {', '.join(runs[-1]['failing'])} -->", file=sys.stderr)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Saves the repository's own HTML fixtures the ways browsers save pages.

    python3 scripts/make_fixtures.py [--chromium /usr/bin/chromium] [--out tests/fixtures/saved]

MHTML, as Chromium writes it:
For each page of corpus/html/ it starts headless Chromium (Debian's `chromium`) with
`--remote-debugging-pipe`, loads the page under the address it was saved from (every request
is answered from the repository through the DevTools Fetch domain: no network), and writes
what `Page.captureSnapshot(format=mhtml)` returns — Chrome's and Edge's "Save as single
file": a multipart/related archive with the page as quoted-printable HTML, its images as
base64 parts and `Snapshot-Content-Location` naming the address. Standard library only.
The archives are committed (tests/fixtures/saved/*.mhtml); the test suite reads them back.

"Web page, complete", as Chrome lays it out (headless Chrome cannot save that way, so the
layout is written here): `NAME.html` beginning with `<!-- saved from url=(N)URL -->`, its
resources in `NAME_files/` — an ad frame and a comment frame (HTML pages with text of their
own, which must not be taken for articles), a script, a style sheet and an image — and the
page's references pointing into that folder (tests/fixtures/saved/complete/).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file in corpus/html, the address it was saved from — the page's og:url/canonical)
PAGES = [
    ("mk_20240705_110592.html", "https://www.mk.co.kr/news/articleView.html?idxno=110592", "mk_20240705_110592.mhtml"),
    ("khan_20231114_20231114090512874.html", "https://v.daum.net/v/20231114090512874", "khan_20231114_daum.mhtml"),
    (
        "오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다 _ 네이버 뉴스.html",
        "https://n.news.naver.com/mnews/article/015/0004985123",
        "오픈AI GPT-4o 공개 일주일 _ 네이버 뉴스.mhtml",
    ),
]

# A 1×1 grey PNG for every image the pages ask for.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
)


def _child_fds(cmd: int, evt: int):
    """In the child: the command pipe on fd 3, the event pipe on fd 4, both kept across exec."""
    a, b = os.dup(cmd), os.dup(evt)  # out of the way of 3 and 4 first
    os.dup2(a, 3)
    os.dup2(b, 4)
    os.set_inheritable(3, True)
    os.set_inheritable(4, True)


class Pipe:
    """Chrome DevTools over --remote-debugging-pipe: NUL-separated JSON on fds 3 (in) and 4 (out)."""

    def __init__(self, chromium: str, profile: str):
        r_cmd, w_cmd = os.pipe()  # we write commands, Chrome reads fd 3
        r_evt, w_evt = os.pipe()  # Chrome writes fd 4, we read
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            # fds 3 and 4 are made in the child (preexec_fn runs before close_fds would close them).
            close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _child_fds(r_cmd, w_evt),
        )
        os.close(r_cmd)
        os.close(w_evt)
        self.out = os.fdopen(w_cmd, "wb", buffering=0)
        self.inp = os.fdopen(r_evt, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events: list[dict] = []

    def _read(self) -> dict:
        while b"\0" not in self.buf:
            chunk = self.inp.read(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def post(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        """Sends a command without waiting for its answer."""
        self.next_id += 1
        m = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        self.out.write(json.dumps(m).encode() + b"\0")
        return self.next_id

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.post(method, params, session)
        while True:
            r = self._read()
            if r.get("id") == self.next_id:
                if "error" in r:
                    raise RuntimeError(f"{method}: {r['error']}")
                return r.get("result", {})
            self.events.append(r)

    def event(self) -> dict:
        """The next event (answers to posted commands are passed over)."""
        while True:
            e = self.events.pop(0) if self.events else self._read()
            if "method" in e:
                return e

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


def snapshot(pipe: Pipe, html: bytes, url: str) -> str:
    target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    pipe.send("Page.enable", session=session)
    pipe.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session=session)
    # The navigation waits for its own request, which is answered below: do not wait for it.
    pipe.post("Page.navigate", {"url": url}, session=session)
    while True:
        e = pipe.event()
        if e.get("sessionId") != session:
            continue
        if e.get("method") == "Fetch.requestPaused":
            p = e["params"]
            if p["request"]["url"] == url:
                body, ctype = html, "text/html; charset=utf-8"
            else:
                body, ctype = PIXEL, "image/png"
            pipe.post("Fetch.fulfillRequest", {
                "requestId": p["requestId"], "responseCode": 200,
                "responseHeaders": [{"name": "Content-Type", "value": ctype}],
                "body": base64.b64encode(body).decode(),
            }, session=session)
        elif e.get("method") == "Page.loadEventFired":
            break
    data = pipe.send("Page.captureSnapshot", {"format": "mhtml"}, session=session)["data"]
    pipe.send("Target.closeTarget", {"targetId": target})
    return data


COMPLETE_NAME = "美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도 - 매일경제"
COMPLETE_URL = "https://www.mk.co.kr/news/articleView.html?idxno=110592"

AD_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>광고</title></head><body>
<div class="ad_box"><a href="https://ad.example.kr/click?id=1"><img src="./photo.png" alt="광고"></a>
<p>여름 맞이 특가 행사가 열립니다. 지금 가입하시면 첫 달 요금이 무료입니다. 자세한 내용은 홈페이지에서 확인하세요.</p>
<p>한정 수량으로 준비한 사은품은 선착순으로 드립니다. 행사 기간은 이달 말까지입니다.</p></div></body></html>
"""

COMMENTS_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>댓글</title></head><body>
<div class="comment_list">
<div class="comment"><span class="nick">경제보는사람</span><p>반도체 업황이 살아난다니 다행입니다. 다만 수출 규제가 걱정되는 것은 사실입니다. 정부가 외교적으로 잘 풀어주길 바랍니다.</p></div>
<div class="comment"><span class="nick">평택주민</span><p>평택 공장 라인이 다시 바빠졌다는 이야기를 주변에서 많이 듣습니다. 지역 경제에도 도움이 되었으면 좋겠습니다.</p></div>
<div class="comment"><span class="nick">개미투자자</span><p>기사만 보고 투자하면 안 됩니다. 실적 발표를 확인하고 판단해도 늦지 않습니다. 모두 신중하게 판단하세요.</p></div>
</div></body></html>
"""


def complete_save(out: Path):
    """The "web page, complete" folder of corpus/html/mk_20240705_110592.html."""
    html = (ROOT / "corpus/html/mk_20240705_110592.html").read_text(encoding="utf-8")
    folder = out / "complete"
    files = folder / f"{COMPLETE_NAME}_files"
    files.mkdir(parents=True, exist_ok=True)
    res = f"./{COMPLETE_NAME}_files"
    # Chrome points every saved resource into the folder.
    html = html.replace('src="/image/logo/toplogo.png"', f'src="{res}/toplogo.png"')
    html = html.replace('src="https://cdn.mk.co.kr/news/photo/202407/110592_210311_1420.jpg"', f'src="{res}/110592_210311_1420.jpg"')
    html = html.replace("</head>", f'<link rel="stylesheet" href="{res}/style.css"><script src="{res}/common.js"></script></head>', 1)
    html = html.replace(
        '<aside id="side-rank">',
        f'<iframe src="{res}/ad_frame.html" width="300" height="250"></iframe>'
        f'<iframe src="{res}/comments.html" width="640" height="400"></iframe><aside id="side-rank">', 1)
    assert html.count(res) == 6, "the page changed: update the resource references"
    head = f"<!-- saved from url=({len(COMPLETE_URL):04d}){COMPLETE_URL} -->\n"
    (folder / f"{COMPLETE_NAME}.html").write_text(head + html, encoding="utf-8")
    (files / "ad_frame.html").write_text(AD_FRAME, encoding="utf-8")
    (files / "comments.html").write_text(COMMENTS_FRAME, encoding="utf-8")
    (files / "common.js").write_text('window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n', encoding="utf-8")
    (files / "style.css").write_text("body{font-family:sans-serif}.related{display:none}\n", encoding="utf-8")
    (files / "toplogo.png").write_bytes(PIXEL)
    (files / "110592_210311_1420.jpg").write_bytes(PIXEL)
    print(f"{folder}: {COMPLETE_NAME}.html + {COMPLETE_NAME}_files/ (6 resources)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--out", default=str(ROOT / "tests/fixtures/saved"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        pipe = Pipe(args.chromium, profile)
        try:
            for src, url, name in PAGES:
                html = (ROOT / "corpus/html" / src).read_bytes()
                mhtml = snapshot(pipe, html, url)
                (out / name).write_bytes(mhtml.encode("utf-8"))
                print(f"{out / name}: {len(mhtml)} bytes", file=sys.stderr)
        finally:
            pipe.close()
    complete_save(out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Rebuild the bundled sample of real market data in data/sample/.

Every number in the output comes from data files that ship inside three registry packages.
Fetch them into one folder (any folder; nothing is installed):

    pip download --no-deps --no-binary zipline-reloaded -d PKGDIR zipline-reloaded==3.2.1
    pip download --no-deps -d PKGDIR bokeh-sampledata==2026.1
    pip download --no-deps --only-binary :all: -d PKGDIR arch==8.0.0

(The first command fetches the source distribution, because the wheel does not carry the test
resources; pip prepares its metadata, which pulls its build requirements from the same registry.
Any platform's arch 8.0.0 wheel will do: the data files inside are the same.)

Then rebuild (Python 3.9+, standard library only):

    python3 data/sample/build_sample.py PKGDIR            # writes next to this script
    python3 data/sample/build_sample.py PKGDIR --out DIR  # writes elsewhere

The output is deterministic: the same package files give the same bytes.

Sources used:
- zipline-reloaded 3.2.1 (sdist): tests/resources/example_data.tar.gz holds a zipline data
  bundle ingested from Yahoo Finance in 2016 (daily bars of 9 stocks, 2004-2014, stored as
  blosc-compressed bcolz columns; prices as integer thousandths). A small pure-Python blosc
  decoder below reads it.
- bokeh-sampledata 2026.1 (wheel): bokeh_sampledata/_data/stocks.csv.gz, Quandl WIKI daily bars
  (public domain) of AAPL, FB, GOOG, IBM, MSFT through 2013-03-01.
- arch 8.0.0 (wheel): arch/data/sp500/sp500.csv.gz (S&P 500 index daily bars, Yahoo Finance) and
  arch/data/frenchdata/frenchdata.csv.gz (Fama-French 3 factors, monthly, in percent).

Checks (duplicates, high/low consistency, positive prices, non-negative volume, missing
sessions) are reported, never fixed: the output keeps the source values.
"""

from __future__ import annotations

import argparse
import csv
import email.parser
import gzip
import hashlib
import io
import json
import os
import sqlite3
import struct
import sys
import tarfile
import tempfile
import zipfile
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

WINDOW_START = "2004-08-19"  # GOOG's first trading day; every symbol below trades from here
WINDOW_END = "2013-03-01"  # last day of the bokeh-sampledata series

ZIPLINE = {"name": "zipline-reloaded", "version": "3.2.1", "registry": "PyPI",
           "file": "zipline_reloaded-3.2.1.tar.gz"}
BOKEH = {"name": "bokeh-sampledata", "version": "2026.1", "registry": "PyPI",
         "file": "bokeh_sampledata-2026.1-py3-none-any.whl"}
ARCH = {"name": "arch", "version": "8.0.0", "registry": "PyPI", "file_prefix": "arch-8.0.0-",
        "file_suffix": ".whl"}

ZIPLINE_EXAMPLE_TAR = "zipline_reloaded-3.2.1/tests/resources/example_data.tar.gz"
ZIPLINE_BUNDLE_DIR = "example_data/root/data/test/2016-12-13T19;59;34.153449/"
BOKEH_STOCKS = "bokeh_sampledata/_data/stocks.csv.gz"
ARCH_SP500 = "arch/data/sp500/sp500.csv.gz"
ARCH_FRENCH = "arch/data/frenchdata/frenchdata.csv.gz"

# Symbols taken from each source. AAPL and MSFT are also in the zipline bundle, but there Yahoo's
# volume is split-adjusted while prices are not (AAPL volume is 7x/14x Quandl's), so the Quandl
# series are used. CERN (zipline) is left out for the same reason: it split 2:1 in 2006 and 2011
# and its volume does not jump at the splits. FB (bokeh) starts in 2012, too late for the window.
ZIPLINE_SYMBOLS = ["AMD", "COST", "DELL", "GPS", "INTC", "MMM"]
BOKEH_SYMBOLS = ["AAPL", "GOOG", "IBM", "MSFT"]
BENCHMARK_SYMBOL = "^GSPC"

# Nasdaq screener layout. Filled from general knowledge of the companies as they were in the
# sample period; a field left empty is one we are not sure of.
UNIVERSE = [
    ("AAPL", "Apple Inc. Common Stock", "United States", "1980", "Technology",
     "Computer Manufacturing"),
    ("AMD", "Advanced Micro Devices, Inc. Common Stock", "United States", "1972", "Technology",
     "Semiconductors"),
    ("COST", "Costco Wholesale Corporation Common Stock", "United States", "1985", "", ""),
    ("DELL", "Dell Inc. Common Stock (taken private in 2013)", "United States", "1988",
     "Technology", "Computer Manufacturing"),
    ("GOOG", "Google Inc. Class A Common Stock (now Alphabet Inc. Class A, GOOGL)",
     "United States", "2004", "Technology", ""),
    ("GPS", "Gap, Inc. (The) Common Stock (ticker GAP since 2024)", "United States", "1976",
     "Consumer Discretionary", "Clothing/Shoe/Accessory Stores"),
    ("IBM", "International Business Machines Corporation Common Stock", "United States", "",
     "Technology", ""),
    ("INTC", "Intel Corporation Common Stock", "United States", "1971", "Technology",
     "Semiconductors"),
    ("MMM", "3M Company Common Stock", "United States", "", "Industrials", ""),
    ("MSFT", "Microsoft Corporation Common Stock", "United States", "1986", "Technology",
     "Computer Software: Prepackaged Software"),
]

OHLCV_HEADER = ["symbol", "date", "open", "high", "low", "close", "volume"]


# --------------------------------------------------------------------------------------------
# blosc 1.x decoder (blosclz codec, byte shuffle): enough to read zipline's bcolz columns.


def _blosclz_decompress(src: bytes, out_len: int) -> bytes:
    """Decode one blosclz stream (an LZ77 variant of FastLZ level 1)."""
    out = bytearray()
    ip, n = 0, len(src)
    ctrl = src[ip] & 31
    ip += 1
    while True:
        if ctrl >= 32:  # back reference
            length = (ctrl >> 5) - 1
            ofs = (ctrl & 31) << 8
            if length == 6:
                while True:
                    code = src[ip]
                    ip += 1
                    length += code
                    if code != 255:
                        break
            code = src[ip]
            ip += 1
            back = ofs + code
            if code == 255 and ofs == (31 << 8):  # 16-bit far distance
                back = (src[ip] << 8) + src[ip + 1] + 8191
                ip += 2
            start = len(out) - back - 1
            if start < 0:
                raise ValueError("blosclz: reference before the start of the output")
            for k in range(length + 3):  # byte by byte: the ranges may overlap
                out.append(out[start + k])
        else:  # literal run
            ctrl += 1
            out += src[ip:ip + ctrl]
            ip += ctrl
        if ip >= n:
            break
        ctrl = src[ip]
        ip += 1
    if len(out) != out_len:
        raise ValueError(f"blosclz: decoded {len(out)} bytes, expected {out_len}")
    return bytes(out)


def _unshuffle(typesize: int, data: bytes) -> bytes:
    nel = len(data) // typesize
    body = nel * typesize
    out = bytearray(len(data))
    for j in range(typesize):
        out[j:body:typesize] = data[j * nel:(j + 1) * nel]
    out[body:] = data[body:]
    return bytes(out)


def blosc_decompress(buf: bytes) -> bytes:
    """Decode one blosc 1.x chunk (header, block starts, blocks)."""
    _version, _versionlz, flags, typesize, nbytes, blocksize, _cbytes = struct.unpack_from(
        "<BBBBiii", buf, 0)
    if flags & 0x02:  # stored uncompressed
        return bytes(buf[16:16 + nbytes])
    if flags & 0x04:
        raise ValueError("blosc: bitshuffle is not supported")
    if (flags & 0xE0) >> 5 != 0:
        raise ValueError("blosc: only the blosclz codec is supported")
    dont_split = bool(flags & 0x10)
    doshuffle = bool(flags & 0x01) and typesize > 1
    nblocks, leftover = divmod(nbytes, blocksize)
    if leftover:
        nblocks += 1
    bstarts = struct.unpack_from(f"<{nblocks}i", buf, 16)
    out = bytearray()
    for b in range(nblocks):
        is_leftover = bool(leftover) and b == nblocks - 1
        bsize = leftover if is_leftover else blocksize
        split = (not dont_split and typesize <= 16 and blocksize // typesize >= 128
                 and not is_leftover)
        nsplits = typesize if split else 1
        neblock = bsize // nsplits
        pos = bstarts[b]
        block = bytearray()
        for _ in range(nsplits):
            (cbytes,) = struct.unpack_from("<i", buf, pos)
            pos += 4
            stream = buf[pos:pos + cbytes]
            pos += cbytes
            block += stream if cbytes == neblock else _blosclz_decompress(stream, neblock)
        out += _unshuffle(typesize, bytes(block)) if doshuffle else block
    if len(out) != nbytes:
        raise ValueError("blosc: wrong decoded size")
    return bytes(out)


def read_bcolz_uint32(files: dict[str, bytes], column_dir: str) -> list[int]:
    """Read a uint32 bcolz column stored as one bloscpack file."""
    storage = json.loads(files[column_dir + "meta/storage"])
    sizes = json.loads(files[column_dir + "meta/sizes"])
    if storage["dtype"] != "uint32":
        raise ValueError(f"{column_dir}: unexpected dtype {storage['dtype']}")
    blp = files[column_dir + "data/__0.blp"]
    if blp[:4] != b"blpk":
        raise ValueError(f"{column_dir}: not a bloscpack file")
    (nchunks,) = struct.unpack_from("<q", blp, 8)
    pos, raw = 16, bytearray()
    for _ in range(nchunks):
        (cbytes,) = struct.unpack_from("<i", blp, pos + 12)
        raw += blosc_decompress(blp[pos:pos + cbytes])
        pos += cbytes
    values = list(struct.unpack(f"<{len(raw) // 4}I", raw))
    if len(values) != sizes["shape"][0]:
        raise ValueError(f"{column_dir}: {len(values)} values, expected {sizes['shape'][0]}")
    return values


# --------------------------------------------------------------------------------------------
# Helpers


def num(text: str) -> str:
    """Canonical decimal text of a source number: no exponent, no trailing zeros."""
    d = Decimal(text.strip())
    if not d.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    s = format(d.normalize(), "f")
    return "0" if s in ("-0", "") else s


def us_date(text: str) -> str:
    """M/D/YYYY -> YYYY-MM-DD."""
    m, d, y = text.split("/")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def metadata_licence(text: str) -> str:
    msg = email.parser.Parser().parsestr(text, headersonly=True)
    return msg.get("License-Expression") or msg.get("License") or ""


def find_package_file(pkgdir: Path, spec: dict) -> Path:
    if "file" in spec:
        p = pkgdir / spec["file"]
        if not p.is_file():
            sys.exit(f"missing {p}: see the pip download commands at the top of this script")
        return p
    hits = sorted(p for p in pkgdir.iterdir()
                  if p.name.startswith(spec["file_prefix"]) and p.name.endswith(spec["file_suffix"]))
    if not hits:
        sys.exit(f"no {spec['file_prefix']}*{spec['file_suffix']} in {pkgdir}: see the pip download "
                 "commands at the top of this script")
    return hits[0]


def package_record(spec: dict, licence: str, source_files: dict[str, bytes]) -> dict:
    """Package identity plus the sha256 of each data file read from inside it."""
    return {"name": spec["name"], "version": spec["version"], "registry": spec["registry"],
            "licence": licence,
            "source_files_sha256": {k: sha256_bytes(v) for k, v in sorted(source_files.items())}}


# --------------------------------------------------------------------------------------------
# Readers


def read_zipline(path: Path) -> tuple[dict, dict, str, dict]:
    """Return ({symbol: [(date, o, h, l, c, v)]}, {symbol: [(date, ratio)]}, licence, sources)."""
    with tarfile.open(path, "r:gz") as outer:
        licence = metadata_licence(
            outer.extractfile("zipline_reloaded-3.2.1/PKG-INFO").read().decode("utf-8"))
        inner_bytes = outer.extractfile(ZIPLINE_EXAMPLE_TAR).read()
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(inner_bytes), mode="r:gz") as inner:
        for m in inner.getmembers():
            base = m.name.rsplit("/", 1)[-1]
            if m.isfile() and m.name.startswith(ZIPLINE_BUNDLE_DIR) and not base.startswith("._"):
                files[m.name[len(ZIPLINE_BUNDLE_DIR):]] = inner.extractfile(m).read()
    cols = {c: read_bcolz_uint32(files, f"daily_equities.bcolz/{c}/")
            for c in ("id", "day", "open", "high", "low", "close", "volume")}
    with tempfile.TemporaryDirectory() as tmp:
        assets_db = os.path.join(tmp, "assets.sqlite")
        adj_db = os.path.join(tmp, "adjustments.sqlite")
        Path(assets_db).write_bytes(files["assets-7.sqlite"])
        Path(adj_db).write_bytes(files["adjustments.sqlite"])
        con = sqlite3.connect(assets_db)
        sid_symbol = dict(con.execute("SELECT sid, symbol FROM equity_symbol_mappings"))
        con.close()
        con = sqlite3.connect(adj_db)
        split_rows = con.execute("SELECT sid, effective_date, ratio FROM splits").fetchall()
        con.close()
    bars: dict[str, list] = {}
    for i, sid in enumerate(cols["id"]):
        day = datetime.fromtimestamp(cols["day"][i], timezone.utc).date().isoformat()
        prices = [num(str(Decimal(cols[c][i]) / 1000)) for c in ("open", "high", "low", "close")]
        bars.setdefault(sid_symbol[sid], []).append((day, *prices, str(cols["volume"][i])))
    splits: dict[str, list] = {}
    for sid, eff, ratio in split_rows:
        day = datetime.fromtimestamp(eff, timezone.utc).date().isoformat()
        # zipline stores the factor applied to earlier prices (0.5 for a 2-for-1 split)
        splits.setdefault(sid_symbol[sid], []).append((day, num(str(round(1 / ratio, 6)))))
    return bars, splits, licence, {ZIPLINE_EXAMPLE_TAR.split("/", 1)[1]: inner_bytes}


def read_bokeh(path: Path) -> tuple[dict, dict, str, dict]:
    """Return ({symbol: [(date, o, h, l, c, v)]}, {symbol: [(date, adj_close, close)]}, licence,
    sources)."""
    with zipfile.ZipFile(path) as z:
        licence = metadata_licence(
            z.read("bokeh_sampledata-2026.1.dist-info/METADATA").decode("utf-8"))
        raw = z.read(BOKEH_STOCKS)
        text = gzip.decompress(raw).decode("utf-8")
    bars: dict[str, list] = {}
    adj: dict[str, list] = {}
    for r in csv.DictReader(io.StringIO(text)):
        sym = r["Ticker"]
        bars.setdefault(sym, []).append(
            (r["Date"], num(r["Open"]), num(r["High"]), num(r["Low"]), num(r["Close"]),
             num(r["Volume"])))
        adj.setdefault(sym, []).append((r["Date"], Decimal(r["Adj Close"]), Decimal(r["Close"])))
    return bars, adj, licence, {BOKEH_STOCKS: raw}


def read_arch(path: Path) -> tuple[list, list, str, dict]:
    """Return (S&P 500 bars, French factor rows, licence, sources)."""
    with zipfile.ZipFile(path) as z:
        meta = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        licence = metadata_licence(z.read(meta[0]).decode("utf-8"))
        sources = {ARCH_SP500: z.read(ARCH_SP500), ARCH_FRENCH: z.read(ARCH_FRENCH)}
        sp = gzip.decompress(sources[ARCH_SP500]).decode("utf-8-sig")
        ff = gzip.decompress(sources[ARCH_FRENCH]).decode("utf-8-sig")
    sp_rows = []
    for r in csv.DictReader(io.StringIO(sp)):
        if Decimal(r["Adj Close"]) != Decimal(r["Close"]):
            raise ValueError(f"^GSPC {r['Date']}: Adj Close differs from Close")
        sp_rows.append((us_date(r["Date"]), num(r["Open"]), num(r["High"]), num(r["Low"]),
                        num(r["Close"]), num(r["Volume"])))
    ff_rows = []
    for r in csv.DictReader(io.StringIO(ff)):
        ym = r["Date"].strip()
        if len(ym) != 6 or not ym.isdigit():
            raise ValueError(f"unexpected French date {ym!r}")
        # source is in percent: divide by 100 exactly (Decimal) to get decimals
        ff_rows.append([f"{ym[:4]}-{ym[4:]}"] + [
            num(str(Decimal(r[c]) / 100)) for c in ("Mkt-RF", "SMB", "HML", "RF")])
    return sp_rows, ff_rows, licence, sources


# --------------------------------------------------------------------------------------------
# Checks


def check_bars(rows: list[list[str]]) -> list[str]:
    """Report (never fix) rows that break basic OHLCV rules."""
    notes, seen = [], set()
    for r in rows:
        sym, day = r[0], r[1]
        o, h, l, c, v = (Decimal(x) for x in r[2:7])
        key = (sym, day)
        if key in seen:
            notes.append(f"{sym} {day}: duplicate (symbol, date)")
        seen.add(key)
        if min(o, h, l, c) <= 0:
            notes.append(f"{sym} {day}: non-positive price o={o} h={h} l={l} c={c}")
        if h < max(o, c):
            notes.append(f"{sym} {day}: high {h} < max(open {o}, close {c})")
        if l > min(o, c):
            notes.append(f"{sym} {day}: low {l} > min(open {o}, close {c})")
        if h < l:
            notes.append(f"{sym} {day}: high {h} < low {l}")
        if v < 0:
            notes.append(f"{sym} {day}: negative volume {v}")
        if v == 0:
            notes.append(f"{sym} {day}: zero volume")
    return notes


def adjustment_steps(adj: list, start: str, end: str) -> list[tuple[str, Decimal]]:
    """Days where the source's adj_close/close factor steps by more than 5%.

    Returns (date, factor before / factor after): about 2 for a 2-for-1 split, slightly above 1
    for a dividend.
    """
    out, prev = [], None
    for day, a, c in adj:
        f = a / c
        if prev is not None and start <= day <= end and abs(f / prev - 1) > Decimal("0.05"):
            out.append((day, f / prev))
        prev = f
    return out


# --------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pkgdir", type=Path, help="folder holding the downloaded package files")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="output folder (default: this script's folder)")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    zpath = find_package_file(args.pkgdir, ZIPLINE)
    bpath = find_package_file(args.pkgdir, BOKEH)
    apath = find_package_file(args.pkgdir, ARCH)
    zbars, zsplits, zlic, zsrc = read_zipline(zpath)
    bbars, badj, blic, bsrc = read_bokeh(bpath)
    sp_rows, ff_rows, alic, asrc = read_arch(apath)
    packages = [package_record(ZIPLINE, zlic, zsrc), package_record(BOKEH, blic, bsrc),
                package_record(ARCH, alic, asrc)]
    notes: list[str] = []

    def in_window(rows):
        return [r for r in rows if WINDOW_START <= r[0] <= WINDOW_END]

    # ---- stocks
    zip_source = (f"{ZIPLINE_EXAMPLE_TAR.split('/', 1)[1]} -> {ZIPLINE_BUNDLE_DIR}"
                  "daily_equities.bcolz (symbols from assets-7.sqlite)")
    series_meta = {}
    stock_rows: list[list[str]] = []
    for sym in ZIPLINE_SYMBOLS:
        rows = in_window(zbars[sym])
        stock_rows += [[sym, *r] for r in rows]
        series_meta[sym] = {
            "symbol": sym, "kind": "stock", "package": ZIPLINE["name"],
            "version": ZIPLINE["version"], "registry": ZIPLINE["registry"],
            "source_path": zip_source, "licence": zlic,
            "data_origin": "Yahoo Finance daily bars, ingested into a zipline bundle in 2016",
            "data_licence": "none stated apart from the package's",
            "adjusted": False,
            "adjustment": ("raw (unadjusted) open/high/low/close. Volume is Yahoo's, which is "
                           "split-adjusted; it equals raw volume here because this symbol has no "
                           "split between 2004 and 2016 in the bundle's split table. Prices were "
                           "stored as integer thousandths (truncated), so a value can sit 0.001 "
                           "below the vendor's price."),
        }
    for sym in BOKEH_SYMBOLS:
        rows = in_window(bbars[sym])
        stock_rows += [[sym, *r] for r in rows]
        series_meta[sym] = {
            "symbol": sym, "kind": "stock", "package": BOKEH["name"],
            "version": BOKEH["version"], "registry": BOKEH["registry"],
            "source_path": BOKEH_STOCKS, "licence": blic,
            "data_licence": "public domain (Quandl WIKI Prices, per the package's datasets.json)",
            "data_origin": "Quandl WIKI Prices (archived copy), unadjusted columns",
            "adjusted": False,
            "adjustment": "raw (unadjusted) open/high/low/close/volume as traded",
        }
    series_meta["GOOG"]["note"] = ("Google Inc. class A history before the 2014 share-class split "
                                   "(filed under GOOGL in the source, labelled GOOG by the package)")
    stock_rows.sort(key=lambda r: (r[0], r[1]))

    # ---- splits inside the window (source records, cross-checked)
    split_rows: list[list[str]] = []
    for sym in ZIPLINE_SYMBOLS + BOKEH_SYMBOLS:
        for day, ratio in zsplits.get(sym, []):
            if WINDOW_START <= day <= WINDOW_END:
                split_rows.append([sym, day, ratio])
    split_rows.sort()
    for sym in BOKEH_SYMBOLS:
        steps = adjustment_steps(badj[sym], WINDOW_START, WINDOW_END)
        split_days = [d for d, k in steps if k > Decimal("1.2")]
        recorded = [d for s, d, _ in split_rows if s == sym]
        if split_days != recorded:
            notes.append(f"{sym}: split-like adj_close/close steps on {split_days} do not match "
                         f"the split records {recorded}")
        for d, k in steps:
            if k <= Decimal("1.2"):
                notes.append(f"{sym} {d}: the source's adj_close/close factor steps by "
                             f"{(k - 1) * 100:.1f}% (a large cash dividend, not a split)")
        print(f"split check {sym}: split-like steps {split_days}; split records {recorded}")

    # ---- benchmark
    bench_rows = [[BENCHMARK_SYMBOL, *r] for r in in_window(sp_rows)]
    bench_rows.sort(key=lambda r: r[1])

    # ---- checks
    notes += check_bars(stock_rows)
    notes += check_bars(bench_rows)
    bench_days = [r[1] for r in bench_rows]
    for sym in sorted(series_meta):
        days = [r[1] for r in stock_rows if r[0] == sym]
        missing = sorted(set(bench_days) - set(days))
        extra = sorted(set(days) - set(bench_days))
        if missing:
            notes.append(f"{sym}: {len(missing)} benchmark sessions missing: {missing[:10]}")
        if extra:
            notes.append(f"{sym}: {len(extra)} sessions not in the benchmark: {extra[:10]}")

    # ---- write
    files = {
        "ohlcv_daily.csv": csv_bytes(OHLCV_HEADER, stock_rows),
        "benchmark_daily.csv": csv_bytes(OHLCV_HEADER, bench_rows),
        "ff_factors_monthly.csv": csv_bytes(["date", "mkt_rf", "smb", "hml", "rf"], ff_rows),
        "splits.csv": csv_bytes(["symbol", "date", "ratio"], split_rows),
        "universe.csv": csv_bytes(["Symbol", "Name", "Country", "IPO Year", "Sector", "Industry"],
                                  [list(u) for u in UNIVERSE]),
    }
    universe_syms = sorted(u[0] for u in UNIVERSE)
    if universe_syms != sorted(series_meta):
        raise ValueError(f"universe {universe_syms} != series {sorted(series_meta)}")
    for name, data in files.items():
        (out / name).write_bytes(data)

    def span(rows, col=1):
        return {"rows": len(rows), "first_date": rows[0][col] if rows else None,
                "last_date": rows[-1][col] if rows else None}

    series = []
    for sym in sorted(series_meta):
        rows = [r for r in stock_rows if r[0] == sym]
        series.append({**series_meta[sym], **span(rows)})
    manifest = {
        "description": "Bundled sample of real daily market data, rebuilt by build_sample.py "
                       "from files shipped inside registry packages.",
        "window": {"start": WINDOW_START, "end": WINDOW_END},
        "packages": packages,
        "files": {
            "ohlcv_daily.csv": {
                "sha256": sha256_bytes(files["ohlcv_daily.csv"]), "columns": OHLCV_HEADER,
                **span(stock_rows), "series": series,
            },
            "benchmark_daily.csv": {
                "sha256": sha256_bytes(files["benchmark_daily.csv"]), "columns": OHLCV_HEADER,
                **span(bench_rows),
                "series": [{
                    "symbol": BENCHMARK_SYMBOL, "kind": "index", "package": ARCH["name"],
                    "version": ARCH["version"], "registry": ARCH["registry"],
                    "source_path": ARCH_SP500, "licence": alic,
                    "data_origin": "Yahoo Finance (S&P 500 price index)",
                    "data_licence": "none stated apart from the package's",
                    "adjusted": False,
                    "adjustment": "price index level (no dividends); the source's Adj Close "
                                  "equals Close on every row",
                    **span(bench_rows)}],
            },
            "ff_factors_monthly.csv": {
                "sha256": sha256_bytes(files["ff_factors_monthly.csv"]),
                "columns": ["date", "mkt_rf", "smb", "hml", "rf"],
                "date_format": "YYYY-MM (calendar month of the return)",
                "units": "decimal returns (source is in percent; divided by 100 exactly)",
                **span(ff_rows, 0),
                "series": [{
                    "symbol": "FF3", "kind": "factors", "package": ARCH["name"],
                    "version": ARCH["version"], "registry": ARCH["registry"],
                    "source_path": ARCH_FRENCH, "licence": alic,
                    "data_origin": "Kenneth R. French Data Library, Fama/French 3 factors "
                                   "(monthly)",
                    "data_licence": "none stated apart from the package's",
                    "adjusted": None, **span(ff_rows, 0)}],
            },
            "splits.csv": {
                "sha256": sha256_bytes(files["splits.csv"]),
                "columns": ["symbol", "date", "ratio"],
                "meaning": "stock splits inside the window; ratio = shares after per share "
                           "before (2 = 2-for-1); date = first session at the new basis",
                "source": f"{ZIPLINE['name']} {ZIPLINE['version']}: {ZIPLINE_BUNDLE_DIR}"
                          "adjustments.sqlite (table splits)",
                "coverage": "all symbols; IBM and GOOG are not in that table, and the bokeh "
                            "adj_close/close ratio shows no split for them inside the window "
                            "(checked by this script)",
                "rows": len(split_rows),
            },
            "universe.csv": {
                "sha256": sha256_bytes(files["universe.csv"]),
                "columns": ["Symbol", "Name", "Country", "IPO Year", "Sector", "Industry"],
                "source": "written by hand from general knowledge; empty = not sure",
                "rows": len(UNIVERSE),
            },
        },
        "quality_notes": notes,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    for name, data in sorted(files.items()):
        print(f"{name}: {len(data)} bytes, sha256 {sha256_bytes(data)}")
    print(f"quality notes ({len(notes)}):")
    for n in notes:
        print("  " + n)


if __name__ == "__main__":
    main()

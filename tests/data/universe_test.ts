import assert from "node:assert/strict";
import { DataError, sampleSource } from "@lib/data/mod.ts";
import {
  classifyInstrument,
  loadUniverse,
  parseConstituentsCsv,
  parseUniverseCsv,
  readUniverseCsv,
  screenUniverse,
  selectSymbols,
  selectUniverse,
  universeFromSymbols,
} from "@lib/data/universe.ts";
import { projectPath } from "@lib/paths.ts";

const SCREENER = [
  "Symbol,Name,Last Sale,Net Change,% Change,Market Cap,Country,IPO Year,Volume,Sector,Industry",
  "AAPL,Apple Inc. Common Stock,$189.95,1.2,0.6%,2.9e12,United States,1980,5e7,Technology,Computer Manufacturing",
  "ABCDW,ABC Acquisition Corp Warrant,$0.10,0,0%,,United States,2021,1000,,",
  "ABCDU,ABC Acquisition Corp Units,$10.10,0,0%,,United States,2021,1000,,",
  "XYZR,XYZ Corp Rights,$0.01,0,0%,,United States,,10,,",
  "BAC^L,Bank of America Corporation Non Cumulative Perpetual Conv Pfd Ser L,$1200,0,0%,,United States,,10,Finance,Major Banks",
  "ZVZZT,NASDAQ TEST STOCK,$10,0,0%,,United States,,10,,",
  "SNOW,Snowflake Inc. Class A Common Stock,$150,0,0%,,United States,2020,1e6,Technology,Computer Software",
].join("\n");

Deno.test("parseUniverseCsv reads the screener layout, ignoring extra columns", () => {
  const u = parseUniverseCsv(SCREENER, "screener.csv");
  assert.deepEqual(u.columns, ["symbol", "name", "country", "ipo_year", "sector", "industry"]);
  assert.equal(u.height, 7);
  const apple = u.toRecords()[0];
  assert.deepEqual([apple.symbol, apple.ipo_year, apple.sector], ["AAPL", 1980, "Technology"]);
  assert.equal(u.toRecords()[1].sector, null, "an empty cell is null");
});

Deno.test("screenUniverse removes warrants, units, rights, preferred and test symbols", () => {
  const { tradable, removed } = screenUniverse(parseUniverseCsv(SCREENER, "s.csv"));
  assert.deepEqual(tradable.getColumn("symbol").toArray(), ["AAPL", "SNOW"]);
  assert.deepEqual(removed.toRecords().map((r) => `${r.symbol}:${r.reason}`), [
    "ABCDW:warrant",
    "ABCDU:unit",
    "XYZR:right",
    "BAC^L:preferred",
    "ZVZZT:test",
  ]);
});

Deno.test("classifyInstrument reads symbol suffixes when there is no name", () => {
  const kinds = ["ACME.WS", "ACME-WT", "ACME.U", "ACME.R", "ACME-PA", "ACME.PRB", "ACME", "GOOGL"]
    .map((s) => classifyInstrument(s, null));
  assert.deepEqual(kinds, [
    "warrant",
    "warrant",
    "unit",
    "right",
    "preferred",
    "preferred",
    null,
    null,
  ]);
  assert.equal(classifyInstrument("UNH", "UnitedHealth Group Incorporated"), null);
});

Deno.test("parseUniverseCsv names the file for a missing Symbol column, blanks and repeats", () => {
  assert.throws(
    () => parseUniverseCsv("Ticker,Name\nAAPL,Apple\n", "tickers.csv"),
    (e: unknown) =>
      e instanceof DataError && /^tickers\.csv: missing column "Symbol"; found "Ticker", "Name"/
        .test(e.message),
  );
  assert.throws(() => parseUniverseCsv("Symbol,Name\n", "t.csv"), /t\.csv: the universe is empty/);
  assert.throws(() => parseUniverseCsv("", "t.csv"), /t\.csv: the file is empty/);
  assert.throws(
    () => parseUniverseCsv("Symbol,Name\nA,x\n,y\n", "t.csv"),
    /t\.csv: empty symbol on line 3/,
  );
  assert.throws(
    () => parseUniverseCsv("Symbol\nA\nB\nA\n", "t.csv"),
    /t\.csv: symbol\(s\) listed more than once: A/,
  );
});

Deno.test("universeFromSymbols and selectSymbols: lists, unknown tickers, empty universes", () => {
  const u = universeFromSymbols(["AAA", "BBB"]);
  assert.deepEqual(selectSymbols(u, []), ["AAA", "BBB"]);
  assert.deepEqual(selectSymbols(u, ["BBB"]), ["BBB"]);
  assert.throws(
    () => selectSymbols(u, ["BBB", "ZZZ"], "tickers.csv"),
    /tickers\.csv: symbol\(s\) not in the universe: ZZZ \(universe has 2\)/,
  );
  assert.throws(() => universeFromSymbols([], "symbols"), /symbols: the universe is empty/);
  assert.throws(
    () => screenUniverse(universeFromSymbols(["ABCDW"]), "list"),
    /list: no tradable symbol left after removing 1/,
  );
});

Deno.test("loadUniverse reads the file, else the symbols, else every symbol of the source", async () => {
  const source = sampleSource("daily", projectPath("tests", "fixtures"));
  const fromFile = await loadUniverse("data/sample/universe.csv", [], source);
  assert.equal(fromFile.height, 10);
  assert.deepEqual(
    (await loadUniverse("", ["BBB"], source)).getColumn("symbol").toArray(),
    ["BBB"],
  );
  assert.deepEqual(
    (await loadUniverse("", [], source)).getColumn("symbol").toArray(),
    ["AAA", "BBB"],
  );
  await assert.rejects(() => readUniverseCsv("/nonexistent/u.csv"), /u\.csv: file not found/);
});

Deno.test("parseConstituentsCsv normalises weights per index and refuses bad weights", () => {
  const c = parseConstituentsCsv(
    "index,symbol,weight\nSPX,A,30\nSPX,B,70\nNDX,A,0.5\nNDX,C,0.5\n",
    "constituents.csv",
  );
  assert.deepEqual(c.toRecords().map((r) => `${r.index} ${r.symbol} ${r.weight}`), [
    "NDX A 0.5",
    "NDX C 0.5",
    "SPX B 0.7",
    "SPX A 0.3",
  ]);
  assert.throws(
    () => parseConstituentsCsv("symbol,weight\nA,-1\n", "w.csv"),
    /w\.csv: weight must be a number >= 0 with a symbol \(line 2\)/,
  );
  assert.throws(() => parseConstituentsCsv("symbol,weight\nA,0\n", "w.csv"), /sum to 0/);
  assert.throws(() => parseConstituentsCsv("symbol\nA\n", "w.csv"), /missing column\(s\) weight/);
});

Deno.test("selectUniverse loads, screens and selects, errors naming the file or the source", async () => {
  const source = sampleSource("daily", projectPath("tests", "fixtures"));
  const all = await selectUniverse("", [], source);
  assert.deepEqual(all.symbols, ["AAA", "BBB"]);
  assert.equal(all.tradable.height, 2);
  assert.equal(all.removed.height, 0);
  const fromFile = await selectUniverse("data/sample/universe.csv", ["AAPL"], source);
  assert.deepEqual(fromFile.symbols, ["AAPL"]);
  assert.equal(fromFile.tradable.height, 10);
  await assert.rejects(
    () => selectUniverse("data/sample/universe.csv", ["ZZZZ"], source),
    (e: unknown) => e instanceof DataError && e.origin === "data/sample/universe.csv",
  );
  await assert.rejects(
    () => selectUniverse("", ["ABCDW"], source),
    (e: unknown) => e instanceof DataError && e.origin === source.name,
  );
});

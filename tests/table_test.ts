import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { columnFormat, format, formatNumber, isPercentName, nameList, table } from "@lib/table.ts";

Deno.test("format writes dates as ISO dates and rounds floats to the given digits", () => {
  assert.equal(format(new Date(Date.UTC(2013, 2, 1))), "2013-03-01");
  assert.equal(format(new Date(Date.UTC(2013, 2, 1, 14, 30))), "2013-03-01T14:30:00Z");
  assert.equal(format(0.123456), "0.1235");
  assert.equal(format(14.0172582220775), "14.0173");
  assert.equal(format(0.0000123456), "<0.0001");
  assert.equal(format(2148), "2,148");
  assert.equal(format(null), "");
  assert.equal(format(Number.NaN), "—");
  assert.equal(format([1, 0.5]), "[1, 0.5]");
});

Deno.test("table renders a polars frame with a size caption and escaped text", () => {
  const frame = pl.DataFrame({ symbol: ["A<B", "C"], growth: [1.23456, null] });
  const t = table(frame, { caption: "Growth" });
  assert.match(t.html, /<caption>Growth · 2 rows × 2 columns<\/caption>/);
  assert.match(t.html, /<td>A&lt;B<\/td><td style="text-align:right">1\.2346<\/td>/);
  assert.match(t.html, /<td>C<\/td><td><\/td>/);
  const display = (t as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ];
  assert.equal(display.call(t)["text/html"], t.html);
});

Deno.test("table cuts a long frame to its head and tail and says how long it is", () => {
  const frame = pl.DataFrame({ i: Array.from({ length: 100 }, (_, i) => i) });
  const t = table(frame, { maxRows: 4 });
  const cells = [...t.html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, ["0", "1", "… 96 rows left out", "98", "99"]);
  assert.match(t.html, /100 rows × 1 column/);
  assert.match(t.html, /Showing the first 2 and last 2 rows; 96 rows left out\./);
  assert.doesNotMatch(t.html, /Full data/);
});

Deno.test("table names where the full data is under a cut table, and only there", () => {
  const frame = pl.DataFrame({ i: Array.from({ length: 100 }, (_, i) => i) });
  const cut = table(frame, { maxRows: 10, source: "data/work/panel.parquet" });
  assert.match(cut.html, /90 rows left out\. Full data: data\/work\/panel\.parquet\./);
  assert.match(cut.text, /Full data: data\/work\/panel\.parquet\.$/);
  const whole = table(frame.head(5), { source: "data/work/panel.parquet" });
  assert.doesNotMatch(whole.html, /Full data|left out/);
});

Deno.test("table(2,000 symbols) prints a bounded number of rows, however long the frame", () => {
  const sizes = [2_000, 20_000].map((n) => {
    const frame = pl.DataFrame({
      symbol: Array.from({ length: n }, (_, i) => `S${String(i).padStart(5, "0")}`),
      value: Array.from({ length: n }, (_, i) => (i % 7) / 7),
    });
    const t = table(frame, { caption: "Per symbol" });
    assert.equal((t.html.match(/<tr>/g) ?? []).length, 1 + 60 + 1);
    assert.match(t.html, new RegExp(`${(n - 60).toLocaleString("en-US")} rows left out`));
    assert.ok(t.html.length < 8_000, `table html is ${t.html.length} characters`);
    return t.html.length;
  });
  assert.ok(sizes[1] - sizes[0] < 50, `html grew from ${sizes[0]} to ${sizes[1]}`);
});

Deno.test("nameList lists every name up to the bound, then how many more", () => {
  assert.equal(nameList(["A", "B"]), "A, B");
  const many = Array.from({ length: 2_000 }, (_, i) => `S${i}`);
  assert.equal(nameList(many, 3), "S0, S1, S2 and 1,997 more");
  assert.equal(nameList(many).split(", ").length, 20);
});

Deno.test("table accepts plain records with differing keys", () => {
  const t = table([{ a: 1 }, { b: "x" }]);
  assert.match(t.html, /<th>a<\/th><th>b<\/th>/);
  assert.match(t.text, /^a\tb\n1\t\n\tx\n\(2 rows × 2 columns\)$/);
});

Deno.test("formatNumber never writes an exponent: separators for big numbers, fixed places for small", () => {
  assert.equal(formatNumber(1.71e8), "171,000,000");
  assert.equal(formatNumber(171_000_000.4), "171,000,000");
  assert.equal(formatNumber(1091.2396), "1,091.24");
  assert.equal(formatNumber(770.7791), "770.78");
  assert.equal(formatNumber(14.0172582), "14.0173");
  assert.equal(formatNumber(0.0004904), "0.0005");
  assert.equal(formatNumber(-0.0000995), "-0.0001");
  assert.equal(formatNumber(-0.00004), ">-0.0001");
  assert.equal(formatNumber(1.352e-35), "<0.0001");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(2020, { separators: false }), "2020");
  assert.equal(formatNumber(Infinity), "∞");
  for (const v of [1e21, 1e-21, -3.3e-9, 6.02e23, 1.710e8 + 0.5]) {
    assert.doesNotMatch(formatNumber(v), /e/i, `${v} -> ${formatNumber(v)}`);
  }
});

Deno.test("formatNumber(percent) writes returns as percent with 2 decimals", () => {
  assert.equal(formatNumber(0.278, { percent: true }), "27.80%");
  assert.equal(formatNumber(-0.18731, { percent: true }), "-18.73%");
  assert.equal(formatNumber(0.0004904, { percent: true }), "0.05%");
  assert.equal(formatNumber(-0.0000001, { percent: true }), ">-0.01%");
  assert.equal(formatNumber(63.3, { percent: true }), "6,330.00%");
});

Deno.test("isPercentName picks returns and fractions, not ratios, counts or durations", () => {
  for (
    const name of [
      "total_return",
      "annual_volatility",
      "max_drawdown",
      "fwd_ret_5",
      "null_fraction",
      "top_k_trade_win_rate",
      "value_at_risk",
      "coverage",
    ]
  ) {
    assert.ok(isPercentName(name), name);
  }
  for (
    const name of [
      "sharpe",
      "top_k_sharpe",
      "ret_skew_20",
      "max_drawdown_duration",
      "tail_ratio",
      "trades",
      "rows",
      "p_value",
      "turnover",
      "horizon",
    ]
  ) {
    assert.ok(!isPercentName(name), name);
  }
  assert.equal(columnFormat("year").separators, false);
});

Deno.test("table formats each column by its name: percent returns, separators, plain years", () => {
  const frame = pl.DataFrame({
    year: [2020, 2021],
    annual_return: [0.278, -0.00004975],
    fees: [1091.2396, 31.86],
    volume: [1.71e8, 2.5e6],
    p_value: [0.0004904, 0.5],
  });
  const cells = [...table(frame).html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, [
    "2020",
    "27.80%",
    "1,091.24",
    "171,000,000",
    "0.0005",
    "2021",
    "&gt;-0.01%",
    "31.86",
    "2,500,000",
    "0.5",
  ]);
});

Deno.test("table never cuts a table of named statistics, so the PSR row the text names shows", () => {
  const names = Array.from({ length: 35 }, (_, i) => `Statistic ${i}`);
  names[20] = "Probabilistic Sharpe ratio";
  const frame = pl.DataFrame({ statistic: names, top_k: names.map((_, i) => `${i}`) });
  const t = table(frame);
  assert.match(t.html, /Probabilistic Sharpe ratio/);
  assert.doesNotMatch(t.html, /left out/);
  assert.equal((t.html.match(/<tr>/g) ?? []).length, 1 + 35);
  const metrics = table(names.map((metric) => ({ metric, value: 1 })));
  assert.doesNotMatch(metrics.html, /left out/);
});

Deno.test("table(pin) keeps the pinned rows of a cut table, with a gap count on each side", () => {
  const frame = pl.DataFrame({ factor: Array.from({ length: 100 }, (_, i) => `f${i}`) });
  const t = table(frame, { maxRows: 4, pin: ["f50", "f51", "f70"] });
  const cells = [...t.html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, [
    "f0",
    "f1",
    "… 48 rows left out",
    "f50",
    "f51",
    "… 18 rows left out",
    "f70",
    "… 27 rows left out",
    "f98",
    "f99",
  ]);
  assert.match(t.html, /Showing the first 2 and last 2 rows and 3 pinned rows; 93 rows left out\./);
});

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { format, nameList, table } from "@lib/table.ts";

Deno.test("format writes dates as ISO dates and rounds floats to the given digits", () => {
  assert.equal(format(new Date(Date.UTC(2013, 2, 1))), "2013-03-01");
  assert.equal(format(new Date(Date.UTC(2013, 2, 1, 14, 30))), "2013-03-01T14:30:00Z");
  assert.equal(format(0.123456), "0.1235");
  assert.equal(format(14.0172582220775), "14.0173");
  assert.equal(format(0.0000123456), "0.00001235");
  assert.equal(format(2148), "2148");
  assert.equal(format(null), "");
  assert.equal(format(Number.NaN), "NaN");
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
      value: Array.from({ length: n }, (_, i) => i / 7),
    });
    const t = table(frame, { caption: "Per symbol" });
    assert.equal((t.html.match(/<tr>/g) ?? []).length, 1 + 30 + 1);
    assert.match(t.html, new RegExp(`${(n - 30).toLocaleString("en-US")} rows left out`));
    assert.ok(t.html.length < 5_000, `table html is ${t.html.length} characters`);
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

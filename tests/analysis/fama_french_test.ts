import assert from "node:assert/strict";
import { loadFamaFrench, parseFamaFrench } from "@lib/analysis/fama_french.ts";

Deno.test("loadFamaFrench reads the bundled monthly factors: 1,109 months from 1926-07, decimals", () => {
  const ff = loadFamaFrench();
  assert.deepEqual(ff.columns, ["month", "mkt_rf", "smb", "hml", "rf"]);
  assert.equal(ff.height, 1109);
  const first = ff.toRecords()[0];
  assert.deepEqual(first, {
    month: "1926-07",
    mkt_rf: 0.0296,
    smb: -0.023,
    hml: -0.0287,
    rf: 0.0022,
  });
  assert.equal(ff.getColumn("month").get(ff.height - 1), "2018-11");
});

Deno.test("parseFamaFrench names the bad line and what is wrong", () => {
  const header = "date,mkt_rf,smb,hml,rf\n";
  assert.throws(() => parseFamaFrench("date,mkt_rf,smb,hml\n"), /no "rf" column/);
  assert.throws(
    () => parseFamaFrench(`${header}1926-13,0,0,0,0\n`),
    /line 2: date "1926-13" is not YYYY-MM/,
  );
  assert.throws(
    () => parseFamaFrench(`${header}1926-07,0,x,0,0\n`),
    /line 2: smb "x" is not a number/,
  );
  assert.throws(
    () => parseFamaFrench(`${header}1926-07,0,0,0,0\n1926-07,0,0,0,0\n`),
    /line 3: month 1926-07 repeats/,
  );
  assert.throws(() => parseFamaFrench(""), /empty/);
});

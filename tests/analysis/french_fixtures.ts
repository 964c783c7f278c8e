/**
 * Generated factor files in Ken French's CSV layout as downloaded from his data library: two
 * description lines, a blank line, the header, the monthly (`YYYYMM`) or daily (`YYYYMMDD`)
 * block in percent, and for monthly files a blank line, the ` Annual Factors: January-December `
 * title, the header again and `YYYY` rows, then the copyright line. Values are simple functions
 * of the row number so that tests can compute what a reader must return.
 */

/** What {@link frenchCsv} writes. */
export interface FrenchFixture {
  /** `monthly` rows are months; `daily` rows are weekdays. */
  frequency: "monthly" | "daily";
  /** `ff5` adds RMW and CMA. */
  model: "ff3" | "ff5";
  /** First period: `YYYY-MM` (monthly) or `YYYY-MM-DD` (daily). */
  start: string;
  /** Last period, inclusive, same form. */
  end: string;
  /** Percent value of `column` on row `i`; defaults to {@link defaultValue}. */
  value?: (column: string, i: number) => number;
  /** Windows line endings, as the files come. Defaults to false. */
  crlf?: boolean;
}

/** The factor columns of each model, as Ken French's header names them. */
const HEADERS = {
  ff3: ["Mkt-RF", "SMB", "HML", "RF"],
  ff5: ["Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"],
} as const;

/**
 * A percent value with two decimals: column k, row i, a sine of its own frequency per column (so
 * the factors are not collinear); RF 0.01 to 0.03.
 */
export function defaultValue(column: string, i: number): number {
  const k = ["Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"].indexOf(column);
  return column === "RF"
    ? 0.01 * (1 + (i % 3))
    : Math.round(300 * Math.sin((i + 1) * (0.5 + 0.37 * k))) / 100;
}

/** The periods of a fixture: `YYYY-MM` months, or weekdays as `YYYY-MM-DD`. */
export function periods(fixture: Pick<FrenchFixture, "frequency" | "start" | "end">): string[] {
  const out: string[] = [];
  if (fixture.frequency === "monthly") {
    let [y, m] = fixture.start.split("-").map(Number);
    for (;;) {
      const month = `${y}-${String(m).padStart(2, "0")}`;
      if (month > fixture.end) return out;
      out.push(month);
      m = m === 12 ? 1 : m + 1;
      y = m === 1 ? y + 1 : y;
    }
  }
  for (
    let t = Date.parse(`${fixture.start}T00:00:00Z`);
    t <= Date.parse(`${fixture.end}T00:00:00Z`);
    t += 86_400_000
  ) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Returns a factor file in Ken French's layout. */
export function frenchCsv(fixture: FrenchFixture): string {
  const value = fixture.value ?? defaultValue;
  const header = `,${HEADERS[fixture.model].join(",")}`;
  const daily = fixture.frequency === "daily";
  const cell = (column: string, v: number) =>
    (v === -99.99 || v === -999 ? String(v) : v.toFixed(daily && column === "RF" ? 3 : 2))
      .padStart(8);
  const rows = periods(fixture).map((p, i) =>
    [p.replaceAll("-", ""), ...HEADERS[fixture.model].map((c) => cell(c, value(c, i)))].join(",")
  );
  const lines = [
    `This file was created by CMPT_ME_BEME_RETS${
      daily ? "_DAILY" : ""
    } using the 202411 CRSP database.`,
    "The 1-month TBill return is from Ibbotson and Associates, Inc.",
    "",
    header,
    ...rows,
  ];
  if (!daily) {
    // A year's compounded factors, as the annual block has them; the reader must not see them.
    lines.push("", " Annual Factors: January-December ", header);
    const years = [...new Set(periods(fixture).map((p) => p.slice(0, 4)))];
    for (const year of years) {
      lines.push(
        [`  ${year}`, ...HEADERS[fixture.model].map(() => "   12.34")].join(","),
      );
    }
  }
  lines.push("", "Copyright 2024 Kenneth R. French", "");
  return lines.join(fixture.crlf ? "\r\n" : "\n");
}

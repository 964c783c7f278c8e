/**
 * Writing portfolio results as Parquet: the only file I/O of lib/backtest.
 * @module
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import { writeAtomic } from "../io/atomic.ts";
import { daySeries } from "../validation/days.ts";
import type { PortfolioResult } from "../portfolio/records.ts";

/** Returns strategy, date, equity, returns, drawdown of every portfolio, stacked (long). */
export function equityLong(portfolios: Readonly<Record<string, PortfolioResult>>): pl.DataFrame {
  const frames = Object.entries(portfolios).map(([strategy, pf]) =>
    pl.DataFrame([
      pl.Series("strategy", Array(pf.dates.length).fill(strategy), pl.Utf8),
      daySeries("date", pf.dates),
      pl.Series("equity", pf.equity, pl.Float64),
      pl.Series("returns", pf.returns, pl.Float64),
      pl.Series("drawdown", pf.drawdown, pl.Float64),
    ])
  );
  if (frames.length === 0) throw new Error("no portfolios given");
  return concatRows(frames);
}

/** Returns a portfolio's daily simple returns as a frame: date, ret. */
export function returnsFrame(pf: PortfolioResult): pl.DataFrame {
  return pl.DataFrame([daySeries("date", pf.dates), pl.Series("ret", pf.returns, pl.Float64)]);
}

/** Returns strategy plus the trade columns of every portfolio, stacked. */
export function tradesLong(portfolios: Readonly<Record<string, PortfolioResult>>): pl.DataFrame {
  const rows = Object.entries(portfolios).flatMap(([strategy, pf]) =>
    pf.trades.map((t) => ({ strategy, ...t }))
  );
  const column = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  return pl.DataFrame([
    pl.Series("strategy", column((r) => r.strategy), pl.Utf8),
    pl.Series("symbol", column((r) => r.symbol), pl.Utf8),
    daySeries("entry_date", column((r) => r.entryDay)),
    daySeries("exit_date", column((r) => r.exitDay)),
    pl.Series("shares", column((r) => r.shares), pl.Float64),
    pl.Series("entry_price", column((r) => r.entryPrice), pl.Float64),
    pl.Series("exit_price", column((r) => r.exitPrice), pl.Float64),
    pl.Series("fees", column((r) => r.fees), pl.Float64),
    pl.Series("pnl", column((r) => r.pnl), pl.Float64),
    pl.Series("return", column((r) => r.return), pl.Float64),
    pl.Series("status", column((r) => r.status), pl.Utf8),
  ]);
}

/**
 * Writes the long equity frame ({@link equityLong}) and the trades ({@link tradesLong}) to the
 * given paths (step 06 passes the `equity` and `trades` artifacts) and returns them. Each file
 * is written beside its path and renamed over it, so a reader never sees half a file and an
 * interrupted write leaves the previous file in place.
 */
export async function writePortfolios(
  paths: { readonly equity: string; readonly trades: string },
  portfolios: Readonly<Record<string, PortfolioResult>>,
): Promise<{ equity: string; trades: string }> {
  const { equity, trades } = paths;
  for (const path of [equity, trades]) mkdirSync(dirname(path), { recursive: true });
  const equityFrame = equityLong(portfolios);
  const tradesFrame = tradesLong(portfolios);
  await writeAtomic(equity, (temp) => equityFrame.writeParquet(temp));
  await writeAtomic(trades, (temp) => tradesFrame.writeParquet(temp));
  return { equity, trades };
}

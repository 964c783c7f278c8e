/**
 * The options every portfolio simulation shares (fees in basis points, starting cash) and their
 * checked values.
 * @module
 */

/** Options shared by the portfolio simulations. */
export interface PortfolioOptions {
  /** Fee per fill, in basis points of the traded value. Defaults to 0. */
  feesBps?: number;
  /** Starting cash. Defaults to 10,000. */
  initialCash?: number;
}

/** Returns the fee rate and cash of `options`, checked. */
export function portfolioSettings(options: PortfolioOptions): { fee: number; cash: number } {
  const { feesBps = 0, initialCash = 10_000 } = options;
  if (!(feesBps >= 0 && feesBps < 10_000)) {
    throw new Error(`feesBps must be in [0, 10000); got ${feesBps}`);
  }
  if (!(initialCash > 0) || !Number.isFinite(initialCash)) {
    throw new Error(`initialCash must be a positive number; got ${initialCash}`);
  }
  return { fee: feesBps / 10_000, cash: initialCash };
}

/**
 * Portfolio records shared by the backtests that produce them and the statistics that read them.
 * @module
 */
export type { Order, PortfolioResult, Trade } from "./records.ts";

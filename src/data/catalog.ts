// The companies stockrisk knows by name. Any other ticker with a CSV in a data source works too.

export interface KnownCompany {
  readonly ticker: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Yahoo Finance symbol used by `data fetch`. */
  readonly yahooSymbol: string;
}

export const KNOWN_COMPANIES: readonly KnownCompany[] = [
  { ticker: 'AMZN', name: 'Amazon', aliases: ['AMAZON'], yahooSymbol: 'AMZN' },
  { ticker: 'AAPL', name: 'Apple', aliases: ['APPLE'], yahooSymbol: 'AAPL' },
  { ticker: 'BABA', name: 'Alibaba', aliases: ['ALIBABA'], yahooSymbol: 'BABA' },
  { ticker: 'BTC-USD', name: 'Bitcoin', aliases: ['BTC', 'BITCOIN'], yahooSymbol: 'BTC-USD' },
  { ticker: 'SPX', name: 'S&P 500', aliases: ['^GSPC', 'GSPC', 'SP500', 'S&P500'], yahooSymbol: '^GSPC' },
];

/** Tickers become file names, so only these characters are accepted; `^` may lead (index symbols: ^GSPC). */
const TICKER = /^[A-Za-z0-9^][A-Za-z0-9.^=_-]{0,19}$/;

export function isValidTicker(text: string): boolean {
  return TICKER.test(text) && !text.includes('..');
}

/** The canonical ticker for a user's spelling: case-insensitive, aliases resolved. */
export function canonicalTicker(text: string): string {
  const upper = text.trim().toUpperCase();
  const known = KNOWN_COMPANIES.find((c) => c.ticker === upper || c.aliases.includes(upper));
  return known?.ticker ?? upper;
}

export function knownCompany(ticker: string): KnownCompany | undefined {
  return KNOWN_COMPANIES.find((c) => c.ticker === ticker);
}

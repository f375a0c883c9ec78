// `stockrisk var` without a ticker or date on a real pseudo-terminal (util-linux `script`):
// it asks for the company and then for the signal date, then runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { DOWN, ENTER, hasScript, runOnTerminal } from '../helpers/terminal.js';

describe.skipIf(!hasScript)('stockrisk var on a terminal (skipped without util-linux script)', () => {
  it('asks for the company and the signal date when they are left out', async () => {
    // Second company (AAPL), then the second most recent signal date.
    const screen = await runOnTerminal(
      'var --seed 3 --sims 20000 -r 2',
      [
        ['Company', `${DOWN}${ENTER}`],
        ['Signal date', `${DOWN}${ENTER}`],
      ],
      { STOCKRISK_DATA_DIR: sharedDataDir, STOCKRISK_HOME: join(tempDir(), 'home') },
    );
    expect(screen).toContain('Signal date (window 20)');
    expect(screen).toMatch(/AAPL \d{4}-\d{2}-\d{2} \((buy|sell)\): (long|short) 100 shares/);
    expect(screen).toContain('Monte Carlo');
  });
});

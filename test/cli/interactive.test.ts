// The no-argument menu on a real pseudo-terminal (util-linux `script` allocates one).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { BACKSPACE, DOWN, ENTER, hasScript, runOnTerminal } from '../helpers/terminal.js';

// Skipped only where util-linux's `script` (a pseudo-terminal) is missing; Debian has it.
describe.skipIf(!hasScript)('interactive menu (skipped without util-linux script)', () => {
  it('picks signals, a company and a window, then shows the signals', async () => {
    const home = join(tempDir(), 'home');
    // signals (first choice) -> second company (AAPL) -> window 50
    const screen = await runOnTerminal(
      '',
      [
        ['What do you want to do?', ENTER],
        ['Company', `${DOWN}${ENTER}`],
        ['Moving-average window', `${BACKSPACE}${BACKSPACE}50${ENTER}`],
      ],
      { STOCKRISK_DATA_DIR: sharedDataDir, STOCKRISK_HOME: home },
    );
    expect(screen).toContain('What do you want to do?');
    expect(screen).toContain('AAPL');
    expect(screen).toMatch(/AAPL {2}1980-12-12 to 2020-12-11 {2}10086 rows {2}MA\(50\)/);
    expect(screen).toContain('Strategy statistics');
  });
});

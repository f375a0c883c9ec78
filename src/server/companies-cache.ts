// The companies list parses every data file to report its rows and date range; the
// dashboard asks for it on every visit of the home page. It is kept until a data file
// appears, disappears or changes (path, size, modification time).
import { stat } from 'node:fs/promises';
import { type CompanyInfo, listCompanies } from '../data/companies.js';
import { listDataFiles } from '../data/sources.js';
import type { Settings } from '../settings.js';

export function cachedCompanies(settings: Settings): () => Promise<CompanyInfo[]> {
  let cached: { signature: string; companies: CompanyInfo[] } | undefined;
  return async () => {
    const files = await listDataFiles(settings);
    const stamps = await Promise.all(
      files.map(async (file) => {
        const { size, mtimeMs } = await stat(file.path);
        return `${file.path}\u0000${size}\u0000${mtimeMs}`;
      }),
    );
    const signature = stamps.join('\n');
    if (cached?.signature !== signature) cached = { signature, companies: await listCompanies(settings) };
    return cached.companies;
  };
}

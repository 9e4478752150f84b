import * as fs from 'node:fs';
import * as path from 'node:path';
import { PURPOSE, purposesEn, purposesVi } from './purposes';

const WEB_SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(file) && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts')
      ? [file]
      : [];
  });
}

/**
 * What web/src sends as a purpose: the `X-Purpose` header, a `purpose` query field or
 * `?purpose=`, and the purpose argument of the hooks that read for one. A literal is listed;
 * a `PURPOSE.<name>` is looked up.
 */
function purposesSent(): { file: string; purpose: string }[] {
  const sent: { file: string; purpose: string }[] = [];
  const ways = [
    /'X-Purpose': ([^,}\n]+)/g,
    /\bpurpose: ([^,}\n]+)/g,
    /[?&]purpose=([^`&'"\s]+)/g,
    /\b(?:usePlanningPoolOf|usePostsHeld)\([^;]*?, ([^,)]+)\)/g,
    /\b(?:useCase|useDisciplineCase)\([^,)]+, [^,)]+, [^,)]+, ([^,)]+)\)/g,
  ];
  for (const file of sourceFiles(WEB_SRC)) {
    if (file.endsWith('purposes.ts')) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const way of ways)
      for (const m of text.matchAll(way)) {
        const expr = m[1].trim();
        const literal = /^'([^']*)'$/.exec(expr);
        const named = /PURPOSE\.(\w+)/.exec(expr);
        if (literal) sent.push({ file, purpose: literal[1] });
        else if (named)
          sent.push({ file, purpose: (PURPOSE as Record<string, string>)[named[1]] ?? expr });
      }
  }
  return sent;
}

describe('the purposes the web app sends to the access log', () => {
  it('every purpose has a Vietnamese and an English label for «Mục đích» (before: «discipline decision» read in English)', () => {
    for (const purpose of Object.values(PURPOSE)) {
      expect({ purpose, vi: purposesVi[purpose] }).toEqual({ purpose, vi: expect.any(String) });
      expect({ purpose, en: purposesEn[purpose] }).toEqual({ purpose, en: expect.any(String) });
      expect(purposesVi[purpose]).not.toBe(purpose);
    }
    expect(purposesVi['discipline decision']).toBe('Quyết định kỷ luật (đối chiếu cùng vi phạm)');
    expect(purposesVi['discipline case opening']).toBe('Mở hồ sơ kỷ luật');
  });

  it('every purpose sent from web/src is one listed, so none reaches the log without its label', () => {
    const sent = purposesSent();
    // The scan finds the app's reads (a scan that finds nothing would pass anything).
    expect(sent.map((s) => s.purpose)).toEqual(
      expect.arrayContaining(['discipline decision', 'discipline case opening', 'vetting']),
    );
    const listed = new Set<string>(Object.values(PURPOSE));
    expect(sent.filter((s) => !listed.has(s.purpose))).toEqual([]);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { eventTypeNamesEn, eventTypeNamesVi } from './event-type-names';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/**
 * The event types declared in src: every object type `{ type: '<Name>'; data: … }` (an interface
 * or a member of a union), other than a command's: one declared in a `*.commands.ts` file, in a
 * type named `…Command…`, or taken by a decide function as its `command`. Read from the source, so
 * an event type added tomorrow is found without being listed anywhere.
 */
function declaredEventTypes(): Set<string> {
  const types = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('.commands.ts')) continue;
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const takenAsCommand = (name: string) => new RegExp(`\\bcommand: ${name}\\b`).test(text);
    const visit = (node: ts.Node, owner: string | null): void => {
      if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
        owner = node.name.text;
      if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) {
        const member = (name: string) =>
          node.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name);
        const type = member('type');
        const literal =
          type && ts.isPropertySignature(type) && type.type && ts.isLiteralTypeNode(type.type)
            ? type.type.literal
            : undefined;
        const isCommand = !!owner && (/Command/.test(owner) || takenAsCommand(owner));
        if (literal && ts.isStringLiteral(literal) && member('data') && !isCommand)
          types.add(literal.text);
      }
      ts.forEachChild(node, (child) => visit(child, owner));
    };
    visit(source, null);
  }
  return types;
}

describe('event type names', () => {
  const declared = declaredEventTypes();

  it('finds the events of every stream kind (the scan itself works)', () => {
    for (const type of ['CaseOpened', 'DisciplineCaseOpened', 'PersonRegistered', 'ImportRecorded'])
      expect(declared).toContain(type);
    for (const command of ['OpenCase', 'RecordDeadlineMissed', 'RecomputeStepDeadline'])
      expect(declared).not.toContain(command);
  });

  it('every event type the store can hold has a Vietnamese and an English name (before: the timeline showed "DisciplineCaseOpened DisciplineCaseOpened")', () => {
    const unnamed = [...declared].filter(
      (type) => !(type in eventTypeNamesVi) || !(type in eventTypeNamesEn),
    );
    expect(unnamed).toEqual([]);
  });

  it('names no type the store does not hold', () => {
    expect(Object.keys(eventTypeNamesVi).filter((type) => !declared.has(type))).toEqual([]);
  });
});

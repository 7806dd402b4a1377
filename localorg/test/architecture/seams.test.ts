/**
 * The seam gate for localorg/src: code outside the runtime and data layers reaches them through their seams
 * (NativeContext, DataPlatform, SchemaLookup, the stdlib's DATA_ORG), never by asking or asserting that a value is one
 * of their concrete classes: no `x instanceof C` and no `x as C` (nor `as unknown as C`, `<C>x`) where C is a class
 * exported by src/runtime or src/data — other than what is thrown (…Error classes, `ApexThrow`), which callers rightly
 * catch and test — in a module
 * outside that folder. Read with the TypeScript compiler's parser, so comments and strings never count.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Layers whose concrete classes stay behind their seams. */
const GUARDED = ['runtime', 'data'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Exported classes of a layer folder, by name, other than thrown ones (named …Error or …Throw, or extending an Error). */
function concreteClasses(dir: string): Set<string> {
  const out = new Set<string>();
  for (const file of sourceFiles(dir)) {
    const sf = parse(file);
    for (const s of sf.statements) {
      if (!ts.isClassDeclaration(s) || !s.name) continue;
      if (!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const bases = s.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText(sf))) ?? [];
      const thrown = /(Error|Throw)$/.test(s.name.text) || bases.some((b) => b.endsWith('Error'));
      if (!thrown) out.add(s.name.text);
    }
  }
  return out;
}

/** The class a type names, when it is a plain reference (`C`, `C<T>`). */
function referenced(type: ts.TypeNode): string | null {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName.text : null;
}

/** Every `instanceof C` and `as C` of a guarded layer's concrete class outside that layer, as `file: instanceof C`. */
export function seamBypasses(root = SRC): string[] {
  const guarded = new Map<string, string>();
  for (const layer of GUARDED) for (const c of concreteClasses(path.join(root, layer))) guarded.set(c, layer);
  const out: string[] = [];
  for (const file of sourceFiles(root)) {
    const rel = path.relative(root, file).replace(/\.ts$/, '');
    const layer = rel.split(path.sep)[0];
    const foreign = (name: string | null) => name !== null && guarded.has(name) && guarded.get(name) !== layer;
    const visit = (node: ts.Node) => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword &&
        ts.isIdentifier(node.right) &&
        foreign(node.right.text)
      )
        out.push(`${rel}: instanceof ${node.right.text}`);
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && foreign(referenced(node.type)))
        out.push(`${rel}: as ${referenced(node.type)}`);
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return out.sort();
}

test('code above the runtime and data layers reaches them through their seams, not by instanceof or cast', () => {
  assert.deepEqual(seamBypasses(), []);
});

test('the seam gate sees instanceof and casts of a concrete class, and lets errors and own-layer uses pass', () => {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'seams-'));
  try {
    for (const d of ['data', 'runtime', 'stdlib', 'boot']) fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, 'data', 'org.ts'), 'export class Org {}\nexport class BadThing extends Error {}\n');
    fs.writeFileSync(path.join(dir, 'data', 'use.ts'), 'export const f = (p: unknown) => p instanceof Org;\n');
    fs.writeFileSync(path.join(dir, 'runtime', 'interp.ts'), 'export class Interpreter {}\n');
    fs.writeFileSync(
      path.join(dir, 'stdlib', 'x.ts'),
      'export const f = (p: unknown, e: unknown) => p instanceof Org || e instanceof BadThing;\n' +
        'export const g = (ctx: unknown) => ctx as unknown as Interpreter;\n'
    );
    fs.writeFileSync(path.join(dir, 'boot', 'y.ts'), 'export const h = (p: unknown) => <Org>p;\n');
    assert.deepEqual(seamBypasses(dir), ['boot/y: as Org', 'stdlib/x: as Interpreter', 'stdlib/x: instanceof Org']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

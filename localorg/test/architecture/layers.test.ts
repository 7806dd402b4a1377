/**
 * The dependency gate for localorg/src: every relative import (type-only ones too) points to the same layer or a lower
 * one, and the module graph has no cycle. Imports are read with the TypeScript compiler's own parser, so comments and
 * strings never count as imports.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Bottom up; a module may import its own layer and the layers before it. */
const LAYERS = [
  'values',
  'syntax',
  'semantics',
  'runtime',
  'data',
  'stdlib',
  'boot',
  'testing',
  'lightning',
  'server',
  'cli'
];

function layerRank(layer: string): number {
  return LAYERS.indexOf(layer);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Module (path under src/, no extension) → the src modules it imports. */
export function importGraph(root = SRC): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const deps: string[] = [];
    const add = (spec: string) => {
      if (!spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
      deps.push(path.relative(root, target));
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        add(node.arguments[0].text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    graph.set(path.relative(root, file).replace(/\.ts$/, ''), deps);
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan), each a cycle in the import graph. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out;
}

test('every folder of localorg/src is a known layer', () => {
  const unknown = fs
    .readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory() && layerRank(e.name) < 0)
    .map((e) => e.name);
  assert.deepEqual(unknown, [], 'add new folders to LAYERS in this test, in their place in the pipeline');
});

test('imports in localorg/src point down the layers only', () => {
  const upward: string[] = [];
  for (const [from, deps] of importGraph()) {
    const rank = layerRank(from.split(path.sep)[0]);
    for (const to of deps) {
      const toRank = layerRank(to.split(path.sep)[0]);
      if (toRank < 0 || toRank > rank) {
        upward.push(`${from} → ${to}`);
      }
    }
  }
  assert.deepEqual(upward, []);
});

test('the import graph of localorg/src has no cycle', () => {
  assert.deepEqual(
    cycles(importGraph()).map((c) => c.join(' ↔ ')),
    []
  );
});

test('the gate sees an upward import and a cycle (it can fail)', () => {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'layers-'));
  try {
    fs.mkdirSync(path.join(dir, 'values'));
    fs.mkdirSync(path.join(dir, 'runtime'));
    fs.writeFileSync(
      path.join(dir, 'values', 'a.ts'),
      "import type { B } from '../runtime/b.js';\nexport type A = B;\n"
    );
    fs.writeFileSync(path.join(dir, 'runtime', 'b.ts'), "export { x } from '../values/a.js';\nexport type B = 1;\n");
    const graph = importGraph(dir);
    assert.deepEqual(graph.get(path.join('values', 'a')), [path.join('runtime', 'b')]);
    assert.deepEqual(cycles(graph), [[path.join('runtime', 'b'), path.join('values', 'a')]]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Finds `@IsTest` classes and their test and `@TestSetup` methods. */
import type { ClassInfo } from '../semantics/classes.js';
import type { MethodDecl } from '../syntax/ast.js';
import type { Interpreter } from '../runtime/interpreter.js';

export interface TestClass {
  cls: ClassInfo;
  tests: MethodDecl[];
  setups: MethodDecl[];
}

function isTestMethod(m: MethodDecl): boolean {
  return m.modifiers.has('testmethod') || m.annotations.some((a) => a.name === 'istest');
}

export function discoverTests(interp: Interpreter, classFilter: string[] = []): TestClass[] {
  const wanted = new Set(classFilter.map((c) => c.toLowerCase()));
  const out: TestClass[] = [];
  for (const cls of interp.registry.top.values()) {
    if (!cls.decl || !cls.hasAnnotation('istest')) continue;
    if (wanted.size && !wanted.has(cls.name)) continue;
    const tests = cls.decl.methods.filter((m) => m.body && isTestMethod(m));
    const setups = cls.decl.methods.filter((m) => m.annotations.some((a) => a.name === 'testsetup'));
    if (tests.length) out.push({ cls, tests, setups });
  }
  return out.sort((a, b) => a.cls.display.localeCompare(b.cls.display));
}

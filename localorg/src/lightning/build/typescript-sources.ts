/**
 * A Rollup plugin that strips TypeScript from project components before the LWC compiler sees them, the way
 * `npm run build` compiles them for deployment: types and `import type` are erased, decorators (@api, @wire) stay for
 * the LWC compiler. Type errors are the build gate's business (tools/gates/build-lwc.ts), not the bundle's.
 */
import type { Plugin } from 'rollup';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  experimentalDecorators: false,
  sourceMap: false
};

export function typescriptSources(): Plugin {
  return {
    name: 'localorg-typescript-sources',
    transform(code, id) {
      const file = id.split('?', 1)[0];
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return null;
      const out = ts.transpileModule(code, { compilerOptions: OPTIONS, fileName: file, reportDiagnostics: true });
      const syntax = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (syntax.length) {
        this.error(`${file}: ${ts.flattenDiagnosticMessageText(syntax[0].messageText, ' ')}`);
      }
      return { code: out.outputText, map: null };
    }
  };
}

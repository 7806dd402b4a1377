// ESLint flat config. Three kinds of code live here:
//   - TypeScript tooling (localorg, scripts, tools): typed typescript-eslint, project = tsconfig.json;
//   - LWC bundles (force-app/**/lwc): the Salesforce LWC rules, on the TypeScript sources that compile in place,
//     typed against force-app/main/admin/lwc/tsconfig.json;
//   - a few plain ES modules (bins, configs): @eslint/js recommended.
// JavaScript that the LWC build generates next to its .ts source is not linted: it is a build output.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Every `force-app/**\/lwc/**\/X.js` that has an `X.ts` beside it: generated, so ignored. */
function generatedLwcJavaScript() {
  const found = [];
  const walk = (dir, insideLwc) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full, insideLwc || entry.name === 'lwc');
      } else if (insideLwc && entry.name.endsWith('.js') && names.has(entry.name.slice(0, -3) + '.ts')) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(root, 'force-app'), false);
  return found;
}

// Plain ES modules run by Node (bins, config files) use these globals; kept explicit rather than importing the
// transitive `globals` package, so this config depends only on what package.json declares.
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly'
};

const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'navigator',
    'location',
    'console',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'requestAnimationFrame',
    'CustomEvent',
    'Event',
    'HTMLElement',
    'URL',
    'URLSearchParams'
  ].map((name) => [name, 'readonly'])
);

// The LWC rule set from @salesforce/eslint-config-lwc, minus its Babel parser: LWC sources here are TypeScript and
// are parsed by typescript-eslint below, which produces the same ESTree the LWC rules walk.
const lwcRules = lwcConfig.configs.recommended.map((config) => {
  const { languageOptions, ...rest } = config;
  void languageOptions;
  return rest;
});

export default defineConfig(
  globalIgnores([
    'node_modules/**',
    'dist/**',
    'coverage/**',
    'test-coverage/**',
    'reports/**',
    '.localorg/**',
    '.sf/**',
    '.sfdx/**',
    '**/staticresources/**',
    // Deliberately broken inputs that prove the gates fail
    'tools/gates/test/fixtures/**',
    ...generatedLwcJavaScript()
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals }
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json: the root one for tooling, the LWC one for bundles.
        projectService: true,
        tsconfigRootDir: root
      }
    },
    rules: {
      // TypeScript already reports undefined names, with the types' knowledge of globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // node:test's test()/describe()/it() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'only', 'skip', 'todo'] }
          ]
        }
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }]
    }
  },
  ...lwcRules.map((config) => ({ ...config, files: ['force-app/**/lwc/**/*.ts', 'force-app/**/lwc/**/*.js'] })),
  // localorg's Lightning shell: plain LWC JavaScript for the browser (decorators need the LWC set's Babel parser).
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: ['localorg/src/lightning/client/**/*.js'] })),
  {
    files: ['localorg/src/lightning/client/**/*.js'],
    languageOptions: { globals: { ...browserGlobals, Symbol: 'readonly', Intl: 'readonly' } }
  },
  {
    // LWC bundles run in the browser, not Node.
    files: ['force-app/**/lwc/**/*.js'],
    languageOptions: { globals: browserGlobals }
  },
  {
    // The LWC rule set enables no-undef; in TypeScript the compiler reports undefined names (with types), and Jest
    // tests get their globals from the Jest environment.
    files: ['**/*.ts'],
    rules: {
      'no-undef': 'off',
      // The LWC set's core no-unused-vars misreads TypeScript signatures (parameter names in declared function
      // types); @typescript-eslint/no-unused-vars, configured above, is the TypeScript-aware version.
      'no-unused-vars': 'off'
    }
  },
  {
    // The LWC set forbids void; `void promise;` is how typescript-eslint's no-floating-promises marks a deliberately
    // unawaited promise, so the statement form is allowed in LWC TypeScript (void inside expressions stays forbidden).
    files: ['force-app/**/lwc/**/*.ts'],
    rules: { 'no-void': ['error', { allowAsStatement: true }] }
  },
  {
    // Jest tests of LWC bundles are compiled by Jest's LWC transformer, not by a tsconfig program (there are no Jest
    // type declarations in the project), so they are linted without type information, with the Jest rules.
    files: ['force-app/**/lwc/**/__tests__/**/*.ts', 'force-app/**/lwc/**/__mocks__/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false, project: null } }
  },
  {
    files: ['force-app/**/lwc/**/__tests__/**'],
    ...jestPlugin.configs['flat/recommended'],
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      // The wire adapter mocks are test-only usages.
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
      // Tests step through renders one after another on purpose.
      'no-await-in-loop': 'off'
    }
  }
);

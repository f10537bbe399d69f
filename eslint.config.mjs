import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'examples/**',
      'snippets/**',
      '.cache/**',
      '.test-output/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `import x = require(...)` picks a package's CommonJS build for esbuild (core/cdk/py-init.ts, test/reporter.ts).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // The analysis core, the rules, the server and the CLI must run outside VS Code.
    files: ['core/**/*.ts', 'rules/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only client/ may import vscode.' }], patterns: ['vscode/*'] },
      ],
    },
  },
  {
    // No import cycles (issue 13): a cycle makes module initialisation order matter and hides layering mistakes.
    // Type-only imports count too: they show the same tangle, even if they cost nothing at run time.
    files: ['core/**/*.ts', 'rules/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts', 'client/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);

/** Module boundaries of DESIGN.md §2, enforced by `npm run lint`. */
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-a-leaf',
      comment: 'core holds records, errors, I/O helpers: it imports no other secplay module',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: '^src/', pathNot: layer('core') },
    },
    {
      name: 'engine-imports-only-core',
      comment: 'the built-in transformer depends on nothing but core',
      severity: 'error',
      from: { path: layer('engine') },
      to: { path: '^src/', pathNot: [layer('core'), layer('engine')] },
    },
    {
      name: 'oracle-never-imports-policy-or-train',
      comment: 'the judge must not depend on what it judges',
      severity: 'error',
      from: { path: layer('oracle') },
      to: {
        path: [
          layer('policy'),
          layer('train'),
          layer('tree'),
          layer('engine'),
          layer('eval'),
          layer('report'),
          layer('cli'),
        ],
      },
    },
    {
      name: 'report-reads-only-records',
      comment: 'report renders result records; it never calls the machinery that made them',
      severity: 'error',
      from: { path: layer('report') },
      to: { path: '^src/', pathNot: [layer('core'), layer('report')] },
    },
    {
      name: 'only-cli-imports-cli',
      comment: 'cli is thin wiring on top; nothing below imports it',
      severity: 'error',
      from: { path: '^src/', pathNot: layer('cli') },
      to: { path: layer('cli') },
    },
    {
      name: 'lower-layers-do-not-import-upper',
      comment: 'data, suite, lang and config sit below oracle, policy, tree, train, eval',
      severity: 'error',
      from: { path: ['^src/(config|data|suite|lang)/'] },
      to: { path: ['^src/(oracle|policy|tree|train|eval|report|serve)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

/**
 * Import rules checked by `npm run check:imports` (and CI): no import cycles, type-only
 * imports included, and the framework packages only where their entry point lives.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports count too) ties modules that should be separable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'frameworks-only-in-adapters',
      severity: 'error',
      comment: 'ai, @langchain/*, langchain and ioredis are optional peers: only their own entry points import them.',
      from: { path: '^src/', pathNot: '^src/(adapters|redis)/' },
      to: { path: 'node_modules/(ai|@langchain/[^/]+|langchain|ioredis)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

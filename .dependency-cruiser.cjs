/**
 * Import rules checked by `npm run check:imports` (and CI): no import cycles, type-only
 * imports included; src/core imports no capability; and the framework packages only where their
 * entry point lives.
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
      name: 'core-imports-no-capability',
      severity: 'error',
      comment:
        'src/core (warden, call path, decisions, errors) builds on nothing but src/internal. The one exception is type-only: ' +
        '`warden.approvals` and `warden.drift` are typed by the capability that provides them (ApprovalsApi, DriftApi).',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/internal/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-type-imports-only-capability-apis',
      severity: 'error',
      comment: 'The only capability types core may name are the two APIs the warden exposes and the payload of its `approval` event.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/internal/', '^src/approval/api\\.ts$', '^src/drift/api\\.ts$', '^src/approval/events\\.ts$'] },
    },
    {
      name: 'frameworks-only-in-adapters',
      severity: 'error',
      comment: 'ai, @langchain/*, langchain and ioredis are optional peers: only their own entry points import them.',
      from: { path: '^src/', pathNot: '^src/(adapters|stores/redis)/' },
      to: { path: 'node_modules/(ai|@langchain/[^/]+|langchain|ioredis)/' },
    },
    {
      name: 'mcp-sdk-only-in-mcp-adapter',
      severity: 'error',
      comment: '@modelcontextprotocol/sdk is an optional peer: only the `agentwarden/mcp` entry (src/adapters/mcp*) imports it.',
      from: { path: '^src/', pathNot: '^src/adapters/mcp(/|\\.ts$)' },
      to: { path: 'node_modules/@modelcontextprotocol/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

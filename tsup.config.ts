import { copyFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/bin.ts',
    'ai-sdk': 'src/adapters/ai-sdk.ts',
    langchain: 'src/adapters/langchain.ts',
    mcp: 'src/adapters/mcp.ts',
    redis: 'src/stores/redis/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Every entry shares one copy of the core (errors, warden, call context): `instanceof` holds
  // across entries, and an app that imports two entries loads the core once.
  splitting: true,
  // `import.meta.url` in the CJS build and `__dirname` in the ESM build both work.
  shims: true,
  // The learned screen's weights sit beside the bundles, where `shippedModelPath()` looks.
  async onSuccess() {
    copyFileSync('src/security/classifier/screen-model.bin', 'dist/screen-model.bin');
  },
  external: ['@opentelemetry/api', 'ai', '@langchain/core', 'langchain', 'ioredis', '@opentelemetry/sdk-trace-base', /^@modelcontextprotocol\/sdk/],
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/main.ts',
    'ai-sdk': 'src/adapters/ai-sdk.ts',
    langchain: 'src/adapters/langchain.ts',
    redis: 'src/redis/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  external: ['@opentelemetry/api', 'ai', '@langchain/core', 'langchain', 'ioredis', '@opentelemetry/sdk-trace-base'],
});

// Three tiers: pure unit tests, integration tests against real databases, browser tests in Chromium.
// Unit and integration tests run in a shuffled order (files and the tests in them), so a test that only
// passes after another one fails; `--sequence.seed=N` replays an order.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/core/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
          sequence: { shuffle: true },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/server/test/**/*.test.ts'],
          sequence: { shuffle: true },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

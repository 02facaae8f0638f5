// Three tiers: pure unit tests, integration tests against real databases, browser tests in Chromium.
// Unit and integration tests run in a shuffled order (files and the tests in them), so a test that only
// passes after another one fails; `--sequence.seed=N` replays an order.
import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default (one fewer than the cores) is one worker on CI's two cores. Integration tests
    // spend much of their time waiting for PostgreSQL and SQLite, so two workers at least; each app has
    // a database (SQLite file, PostgreSQL schema) of its own, and introspection sees only its own schema.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
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

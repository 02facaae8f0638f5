// The data generator: a realistic bureau of any size, for `npm run seed`, tests and benchmarks.
export { generateBureau } from './generate-bureau.ts';
export type { GenerateOptions, GenerationProgress, GenerationSummary } from './generate-bureau.ts';

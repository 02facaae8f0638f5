// The data generator: a realistic bureau of any size, for `npm run seed`, tests and benchmarks.
export { generateBureau } from './generate-bureau.ts';
export type { GenerateOptions, GenerationProgress, GenerationSummary } from './generate-bureau.ts';
// For the demo county's year of cases (bootstrap/demo/demo-year.ts): the same stories on the demo's own
// departments.
export { generateCase, type CaseRow, type StoryContext } from './case-story.ts';
export {
  advanceCaseSeqs,
  emptyBatch,
  insertBatch,
  insertNotificationRows,
  lastCaseSeqs,
  BATCH_TABLES,
  type GeneratedBatch,
} from './generator-repository.ts';
export { loadBureauModel, type DepartmentModel } from './org.ts';
export { seededRandom, type Random } from './random.ts';
export { DAY_CLOSE_MINUTE, DAY_OPEN_MINUTE, iso, workTime } from './work-time.ts';

// The load generator's process: one spec in over IPC, one result out, then exit (bench/load.ts forks it).
import { runLoad, type LoadSpec } from './load-generator.ts';

process.once('message', (spec: LoadSpec) => {
  runLoad(spec).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});

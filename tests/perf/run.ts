import { runDbBench } from './db.bench';

/** `npm run bench`: every benchmark, printing figures. Invariants fail the run; times never do. */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'db') await runDbBench();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

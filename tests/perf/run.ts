import { spawnSync } from 'node:child_process';
import { runBundleBench } from './bundle.bench';
import { runCheckinBench } from './checkin.bench';
import { runDbBench } from './db.bench';
import { runGatewayBench } from './gateway.bench';
import { runFundBench } from './fund.bench';
import { runHelpBench } from './help.bench';
import { runContentionBench, runScaleBench, runScaleChildBench } from './scale.bench';

/**
 * `npm run bench [db|gateway|checkin|scale|contention|bundle|help|fund]`: every benchmark, printing figures. Invariants
 * (no overspend, no lost write) fail the run; times never do. Each runs in a process of its
 * own: a function's node-sdk app is made once per process, for one gateway.
 */
const benches: Record<string, () => Promise<void>> = {
  db: runDbBench,
  gateway: runGatewayBench,
  checkin: runCheckinBench,
  scale: runScaleBench,
  bundle: runBundleBench,
  help: runHelpBench,
  fund: runFundBench,
};
// `contention` is part of `scale`; it can be run alone.
const alone: Record<string, () => Promise<void>> = { contention: runContentionBench, 'scale-child': runScaleChildBench };

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only) {
    const run = benches[only] ?? alone[only];
    if (!run) throw new Error(`unknown bench ${only}; choose one of ${[...Object.keys(benches), ...Object.keys(alone)].join(', ')}`);
    console.log(`\n===== bench: ${only} =====`);
    await run();
    return;
  }
  for (const name of Object.keys(benches)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, name], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

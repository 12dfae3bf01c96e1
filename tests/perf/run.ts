import { runDbBench } from './db.bench';
import { runGatewayBench } from './gateway.bench';
import { runCheckinBench } from './checkin.bench';
import { runRedeemBench } from './redeem.bench';

/**
 * `npm run bench [db|gateway|checkin|redeem]`: every benchmark, printing figures. Invariants (no
 * overspend, no lost write) fail the run; times never do.
 */
const benches: Record<string, () => Promise<void>> = { db: runDbBench, gateway: runGatewayBench, checkin: runCheckinBench, redeem: runRedeemBench };

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, run] of Object.entries(benches)) {
    if (only && only !== name) continue;
    console.log(`\n===== bench: ${name} =====`);
    await run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/** Small helpers shared by the benchmarks: timing, percentiles, and a printed table. */
export interface Figures {
  ops: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

export function figures(latenciesMs: number[], wallMs: number): Figures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    ops: latenciesMs.length,
    opsPerSec: (latenciesMs.length / wallMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Runs `op(i)` n times one after another. */
export async function sequential(n: number, op: (i: number) => Promise<unknown> | unknown): Promise<Figures> {
  const lat: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    lat.push(performance.now() - t);
  }
  return figures(lat, performance.now() - start);
}

/** Runs `rounds` bursts of `width` concurrent calls of `op(round, j)`. */
export async function bursts(rounds: number, width: number, op: (round: number, j: number) => Promise<unknown>): Promise<Figures> {
  const lat: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      Array.from({ length: width }, async (_x, j) => {
        const t = performance.now();
        await op(r, j);
        lat.push(performance.now() - t);
      }),
    );
  }
  return figures(lat, performance.now() - start);
}

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
  console.log(`\n${title}`);
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c, c >= 100 ? 0 : 2) : c)))];
  const widths = header.map((_h, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  for (const [k, r] of cells.entries()) {
    console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export { fmt };

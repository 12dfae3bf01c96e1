/**
 * mingo's options for every query, update and aggregation the emulator runs: `_id` as the
 * key, no code execution.
 */
export function mingoOptions() {
  return { idKey: '_id', scriptEnabled: false } as const;
}

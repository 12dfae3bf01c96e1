/** Polls `read` until `ok` holds or the deadline passes (jest has no expect.poll); returns the last value read. */
export async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await read();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, stepMs));
    v = await read();
  }
  return v;
}

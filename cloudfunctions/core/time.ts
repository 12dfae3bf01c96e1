/**
 * Times leave core as ISO-8601 with the +08:00 offset (API.md: "times are ISO-8601 strings
 * with offset, Asia/Shanghai shown to people"). China keeps no daylight saving, so the
 * offset is fixed.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function toIso(d: Date): string {
  const shifted = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

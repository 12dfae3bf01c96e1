import { spokenTime } from '../../src/utils/format';

/** The words on the last screen of 求助 say the time as one would tell an elder, in Beijing time. */
const NOW = '2026-11-22T20:30:00+08:00';

it.each([
  ['2026-11-23T09:00:00+08:00', '明天上午 9:00'],
  ['2026-11-22T23:15:00+08:00', '今天晚上 11:15'],
  ['2026-11-24T12:30:00+08:00', '后天中午 12:30'],
  ['2026-11-25T14:05:00+08:00', '11月25日下午 2:05'],
  ['2026-11-23T00:40:00+08:00', '明天凌晨 0:40'],
  // 01:00 UTC on the 23rd is 09:00 in Beijing: the device's zone does not matter.
  ['2026-11-23T01:00:00Z', '明天上午 9:00'],
])('%s reads as %s', (iso, words) => {
  expect(spokenTime(iso, NOW)).toBe(words);
});

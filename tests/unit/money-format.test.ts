import { fenOf, yuan } from '../../src/utils/format';

/** Money on screen is in 元 with two decimals; what people type in 元 becomes whole fen, or is refused. */
it.each([
  [0, '¥0.00'],
  [5, '¥0.05'],
  [12_345, '¥123.45'],
  [2_000_000, '¥20,000.00'],
  [11_380_197, '¥113,801.97'],
  [-150, '-¥1.50'],
])('%d fen reads %s', (fen, text) => {
  expect(yuan(fen)).toBe(text);
});

it.each([
  ['1200', 120_000],
  ['35.5', 3_550],
  ['0.05', 5],
  [' 8 ', 800],
  ['1.234', NaN],
  ['-3', NaN],
  ['1,000', NaN],
  ['', NaN],
  ['abc', NaN],
])('typed %j is %d fen', (text, fen) => {
  expect(fenOf(text)).toBe(fen);
});

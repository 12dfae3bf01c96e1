import fc from 'fast-check';
import type { z } from 'zod';
import { api, Call } from '../../cloudfunctions/core/contract';

/**
 * Every message a refusal of input carries is read under a form field: plain Chinese, never
 * zod's English ("Too big: expected number to be <=100000"), and in the units of the form.
 */
const actions = Object.entries(api).flatMap(([fn, defs]) =>
  Object.entries(defs).map(([action, def]) => ({ name: `${fn}.${action}`, input: (def as { input: z.ZodType }).input })),
);
const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> => (schema as unknown as { shape: Record<string, z.ZodType> }).shape;

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  {},
  [],
  true,
  '',
  ' ',
  'x'.repeat(5000),
  'not a time',
  -1e12,
  1e12,
  1.5,
  -1,
  0,
  Number.MAX_SAFE_INTEGER + 2,
  ['x'.repeat(100)],
  Array(50).fill('a'),
];

/** Plain Chinese: at least one Chinese character and no word of Latin letters. */
function expectChinese(where: string, message: string): void {
  expect({ where, message, chinese: /[\u4e00-\u9fff]/.test(message), latinWord: /[A-Za-z]{3,}/.test(message.replace(/不认识的内容：.*/, '')) }).toEqual({
    where,
    message,
    chinese: true,
    latinWord: false,
  });
}

describe('input refusals speak plain Chinese', () => {
  it('every field of every action, given each kind of bad value', () => {
    let checked = 0;
    for (const { name, input } of actions) {
      for (const field of Object.keys(shapeOf(input))) {
        for (const bad of BAD_VALUES) {
          const r = input.safeParse({ [field]: bad });
          for (const issue of r.success ? [] : r.error.issues) {
            expectChinese(`${name} ${field}=${JSON.stringify(bad)?.slice(0, 30)}`, issue.message);
            checked++;
          }
        }
      }
      const extra = input.safeParse({ 'unknown-field': 1 });
      expect(extra.success).toBe(false);
      for (const issue of extra.success ? [] : extra.error.issues) expectChinese(`${name} unknown key`, issue.message);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('whatever arrives (property: any JSON for any action, and any envelope)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.dictionary(
          fc.oneof(fc.constantFrom('title', 'priceMinutes', 'maxMinutes', 'startAt', 'cursor', 'code', 'phone', 'name'), fc.string()),
          fc.jsonValue(),
        ),
        ({ name, input }, value) => {
          const r = input.safeParse(value);
          for (const issue of r.success ? [] : r.error.issues) expectChinese(name, issue.message);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = Call.safeParse(value);
        for (const issue of r.success ? [] : r.error.issues) expectChinese('envelope', issue.message);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  const messageOf = (schema: z.ZodType, input: object, path: string): string | undefined => {
    const r = schema.safeParse(input);
    return r.success ? undefined : r.error.issues.find((i) => i.path.join('.') === path)?.message;
  };

  it("in the units of the form: the activity limit in hours, an offer's price in 时间币", () => {
    const create = api.activity.create.input;
    expect(messageOf(create, { maxMinutes: 25 * 60 }, 'maxMinutes')).toBe('每人最多计时不能超过 24 小时');
    expect(messageOf(create, { maxMinutes: 6 }, 'maxMinutes')).toMatch(/0\.25 小时/);
    expect(messageOf(create, { maxMinutes: 78 }, 'maxMinutes')).toBe('最长计时请按 0.25 小时（15 分钟）为单位');
    expect(messageOf(create, { capacity: 20_000 }, 'capacity')).toBe('名额最多 10000 人');
    const offer = api.redeem.createOffer.input;
    expect(messageOf(offer, { priceMinutes: 61_000 }, 'priceMinutes')).toBe('价格最多 1000 时间币');
    expect(messageOf(offer, { priceMinutes: 0 }, 'priceMinutes')).toBe('价格必须大于 0');
    expect(messageOf(api.donate.coins.input, { amountMinutes: 61_000 }, 'amountMinutes')).toBe('一次最多 1000 个时间币');
    expect(messageOf(create, { startAt: '2026-13-01' }, 'startAt')).toBe('时间格式不对');
    expect(messageOf(create, {}, 'title')).toBe('请填写这一项');
  });
});

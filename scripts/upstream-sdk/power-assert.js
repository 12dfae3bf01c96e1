/**
 * `power-assert` for the upstream tests: node's assert, with two compatibility points.
 *
 * - The upstream files do `import * as assert from 'power-assert'` and then call
 *   `assert(x)`, so the export must be callable through a namespace import: `__esModule`
 *   makes the compiled import return this function as is.
 * - power-assert (built on the `assert` npm package 1.x) does not check the number of
 *   arguments: `assert.strictEqual(x)` compares x with undefined. Node's assert throws
 *   ERR_MISSING_ARGS instead. The two-value assertions here always pass both arguments
 *   (undefined when missing), which is power-assert's behaviour.
 *
 * One addition, for the runner's classification only: when a deep-equality assertion fails
 * and both sides are arrays holding the same elements in a different order, the assertion
 * message becomes `[upstream-sdk] same elements, different order` (jest still prints
 * expected, received and the diff). Pass/fail is unchanged.
 */
const nodeAssert = require('node:assert');

const ORDER_NOTE = '[upstream-sdk] same elements, different order';

function deepEq(a, b, strict) {
  try {
    (strict ? nodeAssert.deepStrictEqual : nodeAssert.deepEqual)(a, b);
    return true;
  } catch {
    return false;
  }
}

function sameElementsOtherOrder(actual, expected, strict) {
  if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
  const left = expected.slice();
  for (const item of actual) {
    const i = left.findIndex((e) => deepEq(item, e, strict));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

function twoValues(name, orderStrict) {
  return function (actual, expected, message) {
    try {
      return nodeAssert[name](actual, expected, message);
    } catch (e) {
      if (orderStrict !== undefined && message === undefined && e && e.code === 'ERR_ASSERTION' && sameElementsOtherOrder(actual, expected, orderStrict)) {
        if (typeof e.stack === 'string') e.stack = e.stack.replace(e.message, ORDER_NOTE);
        e.message = ORDER_NOTE;
        e.generatedMessage = false;
      }
      throw e;
    }
  };
}

function assert(...args) {
  return nodeAssert.ok(...args);
}
Object.assign(assert, nodeAssert, {
  equal: twoValues('equal'),
  notEqual: twoValues('notEqual'),
  strictEqual: twoValues('strictEqual'),
  notStrictEqual: twoValues('notStrictEqual'),
  notDeepEqual: twoValues('notDeepEqual'),
  notDeepStrictEqual: twoValues('notDeepStrictEqual'),
  deepEqual: twoValues('deepEqual', false),
  deepStrictEqual: twoValues('deepStrictEqual', true),
});
Object.defineProperty(assert, '__esModule', { value: true });
assert.default = assert;

module.exports = assert;

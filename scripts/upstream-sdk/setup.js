/**
 * Runs before every upstream test file (after jest's globals exist).
 *
 * 1. Async describe: several upstream files write `describe('x', async () => { it(...) })`.
 *    Jest 23 (upstream's) ignored the returned promise; jest 29 refuses it. Their bodies
 *    register tests synchronously (no await before an `it`), so dropping the promise gives
 *    the registration jest 23 did.
 * 2. node-sdk asks http://metadata.tencentyun.com whether it runs on Tencent Cloud; answer
 *    locally at once (as cloudfunctions/core/db/app.ts does for the app), through the axios
 *    instance node-sdk itself uses.
 */
const path = require('node:path');

function syncBody(fn) {
  if (typeof fn !== 'function') return fn;
  return function (...args) {
    const r = fn.apply(this, args);
    if (r && typeof r.then === 'function') {
      r.then(undefined, (e) => {
        // A rejection after registration would have been lost under jest 23 too; say so.
        console.error('[upstream-sdk] async describe body rejected:', e);
      });
      return undefined;
    }
    return r;
  };
}

function wrapDescribe(orig) {
  const wrapped = function (name, fn, ...rest) {
    return orig.call(this, name, syncBody(fn), ...rest);
  };
  for (const key of Object.keys(orig)) wrapped[key] = orig[key];
  if (orig.only) wrapped.only = (name, fn, ...rest) => orig.only(name, syncBody(fn), ...rest);
  if (orig.skip) wrapped.skip = (name, fn, ...rest) => orig.skip(name, syncBody(fn), ...rest);
  return wrapped;
}

globalThis.describe = wrapDescribe(globalThis.describe);
if (globalThis.fdescribe) globalThis.fdescribe = wrapDescribe(globalThis.fdescribe);

const sdkDir = path.dirname(require.resolve('@cloudbase/node-sdk'));
const axios = require(require.resolve('axios', { paths: [sdkDir] }));
axios.interceptors.request.use((config) => {
  if (config.url && config.url.startsWith('http://metadata.tencentyun.com/')) {
    config.adapter = async (c) => ({ data: 'local', status: 200, statusText: 'OK', headers: {}, config: c, request: {} });
  }
  return config;
});

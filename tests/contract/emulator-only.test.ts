import fs from 'node:fs';
import { sign } from '@cloudbase/signature-nodejs';
import { Engine } from '../../local/emulator/engine';
import { signedPost, startTestEmulator, tempDir } from '../support/emulator';

/**
 * What the emulator promises beyond the shared contract: indexes, refusal of bad requests
 * at the HTTP level, limits, durability of data and indexes across a restart, and one
 * owner per data directory.
 */
let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.db().createCollection('items');
  await emu.db().createCollection('uniq');
});
afterAll(async () => {
  await emu.close();
});

const post = (body: string | object): Promise<{ status: number; json: any }> => signedPost(`${emu.url}/admin`, body, emu.keys);

async function snapshot(): Promise<string> {
  return JSON.stringify(emu.engine.find('items', {}, { limit: 1000, sort: { _id: 1 } }));
}

describe('indexes', () => {
  it('an equality query on an indexed field reads only the matching documents, not the collection', async () => {
    const docs = Array.from({ length: 3000 }, (_x, i) => ({ i, group: `g${i % 300}` }));
    for (let k = 0; k < docs.length; k += 1000)
      await emu
        .db()
        .collection('items')
        .add(docs.slice(k, k + 1000));
    emu.engine.createIndex('items', { name: 'group_1', keys: ['group'] });

    const before = emu.engine.stats.docsRead;
    const res = await emu.db().collection('items').where({ group: 'g7' }).get();
    expect(res.data).toHaveLength(10);
    expect(emu.engine.stats.docsRead - before).toBe(10);

    const viaIn = emu.engine.stats.docsRead;
    const inRes = await emu
      .db()
      .collection('items')
      .where({ group: emu.db().command.in(['g1', 'g2']) })
      .get();
    expect(inRes.data).toHaveLength(20);
    expect(emu.engine.stats.docsRead - viaIn).toBe(20);

    // Without an index on the field, the same kind of query reads everything.
    const scan = emu.engine.stats.docsRead;
    await emu.db().collection('items').where({ i: 5 }).get();
    expect(emu.engine.stats.docsRead - scan).toBe(3000);
  });

  it('an index follows updates and removals', async () => {
    const col = emu.db().collection('items');
    const { id } = await col.add({ group: 'moving' });
    await col.doc(id!).update({ group: 'moved' });
    expect((await col.where({ group: 'moving' }).get()).data).toHaveLength(0);
    expect((await col.where({ group: 'moved' }).get()).data.map((d: any) => d._id)).toEqual([id]);
    await col.doc(id!).remove();
    expect((await col.where({ group: 'moved' }).get()).data).toHaveLength(0);
  });

  it('a unique index refuses a second document with the same key, also from a transaction, and changes nothing', async () => {
    emu.engine.createIndex('uniq', { name: 'req_1', keys: ['requestId'], unique: true });
    const col = emu.db().collection('uniq');
    await col.add({ requestId: 'r-1', v: 1 });
    await expect(col.add({ requestId: 'r-1', v: 2 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(
      emu.db().runTransaction(async (t: any) => {
        await t.collection('uniq').add({ _id: 'side-effect', requestId: 'other' });
        await t.collection('uniq').add({ requestId: 'r-1', v: 3 });
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    const { id } = await col.add({ requestId: 'r-2' });
    await expect(col.doc(id!).update({ requestId: 'r-1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    const all = await col.get();
    expect(all.data.map((d: any) => d.requestId).sort()).toEqual(['r-1', 'r-2']);
    // Like MongoDB, a missing field counts as null in a unique index (use sparse to allow many).
    await expect(col.add({ v: 'no key' })).resolves.toBeDefined();
    await expect(col.add({ v: 'no key either' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await col.where({ v: 'no key' }).remove();
  });

  it('creating a unique index over existing duplicates fails and leaves no index', async () => {
    await emu
      .db()
      .collection('uniq')
      .add([
        { k: 'same', requestId: 'r-3' },
        { k: 'same', requestId: 'r-4' },
      ]);
    expect(() => emu.engine.createIndex('uniq', { name: 'k_1', keys: ['k'], unique: true })).toThrow(/duplicate/);
    expect(emu.engine.listIndexes('uniq').map((i) => i.name)).toEqual(['req_1']);
  });
});

describe('bad requests get a CloudBase-shaped error and change nothing', () => {
  it.each([
    ['a malformed JSON body', '{"action": "database.insertDocument", "collectionName": "items", "data": [', 'INVALID_PARAM'],
    ['a body that is not an object', '[1,2,3]', 'INVALID_PARAM'],
    ['an unknown action', { action: 'database.dropEverything', collectionName: 'items' }, 'INVALID_ACTION'],
    ['an unknown collection', { action: 'database.insertDocument', collectionName: 'nope', data: ['{"a":1}'] }, 'DATABASE_COLLECTION_NOT_EXIST'],
    ['an invalid collection name', { action: 'database.getDocument', collectionName: '../etc', query: '{}' }, 'INVALID_PARAM'],
    ['documents that are not EJSON', { action: 'database.insertDocument', collectionName: 'items', data: ['{not json'] }, 'INVALID_PARAM'],
    [
      'a $-field in a document (CloudBase: DATABASE_REQUEST_FAILED, node-sdk index.test.ts)',
      { action: 'database.insertDocument', collectionName: 'items', data: ['{"$set":{"a":1}}'] },
      'DATABASE_REQUEST_FAILED',
    ],
    ['an unknown query operator', { action: 'database.getDocument', collectionName: 'items', query: '{"a":{"$regexx":1}}' }, 'INVALID_PARAM'],
    ['$where', { action: 'database.calculateDocument', collectionName: 'items', query: '{"$where":"sleep(100)"}' }, 'INVALID_PARAM'],
    [
      '$function in $expr',
      { action: 'database.getDocument', collectionName: 'items', query: '{"$expr":{"$function":{"body":"1","args":[],"lang":"js"}}}' },
      'INVALID_PARAM',
    ],
    ['a write stage', { action: 'database.aggregateDocuments', collectionName: 'items', stages: [{ stageKey: '$out', stageValue: '"x"' }] }, 'INVALID_PARAM'],
    [
      '$accumulator',
      { action: 'database.aggregateDocuments', collectionName: 'items', stages: [{ stageKey: '$group', stageValue: '{"_id":null,"x":{"$accumulator":{}}}' }] },
      'INVALID_PARAM',
    ],
    [
      'an unknown update operator',
      { action: 'database.modifyDocument', collectionName: 'items', query: '{}', data: '{"$explode":{"a":1}}', merge: true, multi: true },
      'INVALID_PARAM',
    ],
    [
      'an update of _id',
      { action: 'database.modifyDocument', collectionName: 'items', query: '{}', data: '{"$set":{"_id":"x"}}', merge: true, multi: true },
      'INVALID_PARAM',
    ],
    ['a negative offset', { action: 'database.getDocument', collectionName: 'items', query: '{}', offset: -1 }, 'INVALID_PARAM'],
    ['a fractional limit', { action: 'database.getDocument', collectionName: 'items', query: '{}', limit: 1.5 }, 'INVALID_PARAM'],
    ['a query nested too deeply', { action: 'database.getDocument', collectionName: 'items', query: JSON.stringify(deep(40)) }, 'INVALID_PARAM'],
    ['a query over 512 KB', { action: 'database.getDocument', collectionName: 'items', query: JSON.stringify({ a: 'x'.repeat(600 * 1024) }) }, 'INVALID_PARAM'],
    [
      'a body over 5 MB',
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['{"a":"' + 'y'.repeat(6 * 1024 * 1024) + '"}'] }),
      'INVALID_PARAM',
    ],
    ['an unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }, 'DATABASE_TRANSACTION_FAIL'],
  ])('%s', async (_what, body, code) => {
    const before = await snapshot();
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(json.code).toBe(code);
    expect(typeof json.message).toBe('string');
    expect(json.message.length).toBeGreaterThan(5);
    expect(await snapshot()).toBe(before);
  });

  it('a raw request for more than 1000 documents gets 1000', async () => {
    const { json } = await post({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{}', limit: 5000 });
    expect(json.data.list).toHaveLength(1000);
  });

  it('GET /healthz answers 200', async () => {
    const res = await fetch(`${emu.url}/healthz`);
    expect(res.status).toBe(200);
  });
});

function deep(n: number): object {
  let q: object = { a: 1 };
  for (let i = 0; i < n; i++) q = { $and: [q] };
  return q;
}

describe('the data directory', () => {
  it('keeps documents, indexes and unique rules across a restart', async () => {
    const dir = tempDir('yq-reopen-');
    try {
      const first = new Engine(dir);
      first.createCollection('c');
      first.createIndex('c', { name: 'k_1', keys: ['k'], unique: true });
      first.insert('c', [{ _id: 'one', k: 'a', at: new Date(7), re: /x+/i }]);
      await first.close();
      const second = new Engine(dir);
      try {
        const [doc] = second.find('c', { k: 'a' }, {});
        expect(doc).toEqual({ _id: 'one', k: 'a', at: new Date(7), re: /x+/i });
        expect(second.listIndexes('c')).toEqual([{ name: 'k_1', keys: ['k'], unique: true, sparse: false }]);
        expect(() => second.insert('c', [{ k: 'a' }])).toThrow(/duplicate/);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is owned by one live process at a time', async () => {
    const dir = tempDir('yq-lock-');
    const a = new Engine(dir);
    try {
      expect(() => new Engine(dir)).toThrow(/already open/);
      fs.writeFileSync(`${dir}/emulator.lock`, String(process.ppid)); // a live process that is not us
      await a.close();
      fs.writeFileSync(`${dir}/emulator.lock`, String(process.ppid));
      expect(() => new Engine(dir)).toThrow(/in use by process/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('transaction scope: strict by default, CloudBase-compatible on request', () => {
  it("strict (our code's rule, ARCHITECTURE.md): where() queries, updateAndReturn and batch add inside a transaction are refused, and change nothing", async () => {
    const col = emu.db().collection('items');
    await col.add({ _id: 'scope-1', group: 'scope', v: 1 });
    const t = await emu.db().startTransaction();
    await expect(t.collection('items').where({ group: 'scope' }).get()).rejects.toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringMatching(/single-document/),
    });
    await t.rollback();
    const t2 = await emu.db().startTransaction();
    await expect(t2.collection('items').where({ group: 'scope' }).updateAndReturn({ v: 2 })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await t2.rollback();
    const t3 = await emu.db().startTransaction();
    await expect(t3.collection('items').add([{ group: 'scope' }, { group: 'scope' }])).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await t3.rollback();
    expect((await col.where({ group: 'scope' }).get()).data).toEqual([{ _id: 'scope-1', group: 'scope', v: 1 }]);
  });

  it("compatible (what CloudBase accepts, node-sdk 2.2.1+): a where() query inside a transaction reads the snapshot and the transaction's own writes", async () => {
    const other = await startTestEmulator('yq-compat-', { engine: { transactions: 'compatible' } });
    try {
      await other.db().createCollection('c');
      const col = other.db().collection('c');
      await col.add([
        { _id: 'a', g: 1 },
        { _id: 'b', g: 1 },
      ]);
      const t = await other.db().startTransaction();
      expect((await t.collection('c').where({ g: 1 }).get()).data.map((d: any) => d._id).sort()).toEqual(['a', 'b']);
      await col.add({ _id: 'late', g: 1 }); // committed after the snapshot: not seen
      await col.doc('a').remove(); // removed after the snapshot: still seen
      await t.collection('c').add([
        { _id: 'mine', g: 1 },
        { _id: 'mine2', g: 2 },
      ]);
      expect((await t.collection('c').where({ g: 1 }).get()).data.map((d: any) => d._id).sort()).toEqual(['a', 'b', 'mine']);
      expect((await t.collection('c').where({ g: 1 }).updateAndReturn({ seen: true })).doc.seen).toBe(true);
      await t.rollback();
    } finally {
      await other.close();
    }
  });

  it('operations of a transaction awaited one after another are never refused as busy', async () => {
    await emu.db().collection('items').add({ _id: 'seq-1', v: 0 });
    for (let round = 0; round < 20; round++) {
      await emu.db().runTransaction(async (t: any) => {
        const cur = (await t.collection('items').doc('seq-1').get()).data;
        await t
          .collection('items')
          .doc('seq-1')
          .update({ v: cur.v + 1 });
        await t.collection('items').doc(`seq-log-${round}`).set({ round });
      }, 0);
    }
    expect((await emu.db().collection('items').doc('seq-1').get()).data[0].v).toBe(20);
  });
});

describe('/admin takes only signed requests (the key pair in DATA_DIR), from no web page', () => {
  const body = { action: 'database.insertDocument', collectionName: 'items', data: ['{"intruder":true}'] };
  const raw = (headers: Record<string, string>, text = JSON.stringify(body)) => fetch(`${emu.url}/admin`, { method: 'POST', headers, body: text });
  const intruders = async (): Promise<number> => (await emu.db().collection('items').where({ intruder: true }).count()).total;

  it.each([
    ['no signature', { 'content-type': 'application/json' }],
    ['a cross-site form post (text/plain)', { 'content-type': 'text/plain' }],
    ['a web page (Origin), even with JSON', { 'content-type': 'application/json', origin: 'http://evil.example' }],
    [
      'a made-up signature',
      {
        'content-type': 'application/json',
        'x-timestamp': String(Math.floor(Date.now() / 1000)),
        authorization: `TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/tcb/tc3_request, SignedParams=action, SignedHeaders=content-type, Signature=${'a'.repeat(64)}`,
      },
    ],
  ])('%s is refused with PERMISSION_DENIED (401) and changes nothing', async (_what, headers) => {
    const res = await raw(headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('PERMISSION_DENIED');
    expect(await intruders()).toBe(0);
  });

  it('a request signed with another key pair, or for another body, is refused', async () => {
    const other = await signedPost(`${emu.url}/admin`, body, { secretId: emu.keys.secretId, secretKey: 'not-the-key' });
    expect(other.status).toBe(401);
    // A signature taken from one request does not carry another body.
    const url = `${emu.url}/admin`;
    const timestamp = Math.floor(Date.now() / 1000);
    const host = new URL(url).host;
    const { authorization } = sign({
      ...emu.keys,
      method: 'post',
      url,
      headers: { 'content-type': 'application/json', host },
      params: { action: 'database.getDocument', collectionName: 'items' },
      timestamp,
      withSignedParams: true,
    });
    const replay = await raw({ 'content-type': 'application/json', 'x-timestamp': String(timestamp), authorization });
    expect(replay.status).toBe(401);
    expect(await intruders()).toBe(0);
  });

  it('a signature older than ten minutes is refused', async () => {
    const url = `${emu.url}/admin`;
    const timestamp = Math.floor(Date.now() / 1000) - 11 * 60;
    const host = new URL(url).host;
    const { authorization } = sign({
      ...emu.keys,
      method: 'post',
      url,
      headers: { 'content-type': 'application/json', host },
      params: body,
      timestamp,
      withSignedParams: true,
    });
    const res = await raw({ 'content-type': 'application/json', 'x-timestamp': String(timestamp), authorization });
    expect(res.status).toBe(401);
    expect(await intruders()).toBe(0);
  });

  it('the key pair lives in DATA_DIR, readable by its owner only', () => {
    const stat = fs.statSync(`${emu.dataDir}/emulator-keys.json`);
    expect(stat.mode & 0o077).toBe(0);
  });
});

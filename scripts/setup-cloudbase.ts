/**
 * Creates every collection in COLLECTIONS in a CloudBase environment, with its indexes, and
 * makes each one ADMINONLY (client SDKs get no access; all access goes through functions).
 * Idempotent: existing collections and indexes are left alone, the ACL is set every time.
 *
 *   TCB_ENV=… TCB_SECRET_ID=… TCB_SECRET_KEY=… npx tsx scripts/setup-cloudbase.ts
 */
import CloudBase from '@cloudbase/manager-node';
import { COLLECTIONS, type IndexSpec } from '../cloudfunctions/core/db/collections';

const { TCB_ENV: envId, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env;
if (!envId || !secretId || !secretKey) {
  console.error(
    '缺少环境变量 TCB_ENV、TCB_SECRET_ID、TCB_SECRET_KEY（云开发环境 ID 与腾讯云 API 密钥）。\n' +
      'Missing TCB_ENV, TCB_SECRET_ID or TCB_SECRET_KEY (the CloudBase environment id and a Tencent Cloud API key pair).',
  );
  process.exit(2);
}

const manager = new CloudBase({ envId, secretId, secretKey });
const db = manager.database;

/**
 * One CreateIndexes entry (tcb UpdateTable). Keys are all ascending ('1').
 * `sparse` maps to MgoKeySchema.MgoIsSparse, a field of the Tencent Cloud API (tcb 2018-06-08,
 * MgoKeySchema: MgoIndexKeys, MgoIsUnique, MgoIsSparse). manager-node 5.6's typings omit it but
 * updateCollection passes the object through unchanged. Not verified against a live environment,
 * and describeCollection does not report sparseness, so it cannot be checked after the fact either.
 */
function createIndex(spec: IndexSpec) {
  const MgoKeySchema = {
    MgoIndexKeys: spec.keys.map((Name) => ({ Name, Direction: '1' })),
    MgoIsUnique: spec.unique === true,
    ...(spec.sparse ? { MgoIsSparse: true } : {}),
  };
  return { IndexName: spec.name, MgoKeySchema };
}

async function setUp(name: string, indexes: IndexSpec[]): Promise<void> {
  const { IsCreated } = await db.createCollectionIfNotExists(name);
  const existing = (await db.describeCollection(name)).Indexes ?? [];
  const missing = indexes.filter((spec) => {
    const found = existing.find((ix) => ix.Name === spec.name);
    if (!found) return true;
    const keys = (found.Keys ?? []).map((k) => k.Name).join(',');
    if (keys !== spec.keys.join(',') || Boolean(found.Unique) !== Boolean(spec.unique)) {
      console.warn(`  ! ${name}.${spec.name} exists as (${keys}${found.Unique ? ', unique' : ''}); left as it is — drop it by hand to recreate`);
    }
    return false;
  });
  if (missing.length) await db.updateCollection(name, { CreateIndexes: missing.map(createIndex) });
  // Collection ACL ("simple permission"), via the tcb API manager-node documents for security rules.
  await manager.commonService().call({
    Action: 'ModifyDatabaseACL',
    Param: { EnvId: envId, CollectionName: name, AclTag: 'ADMINONLY' },
  });
  const made = missing.map((s) => s.name).join(', ');
  console.log(`✓ ${name}: ${IsCreated ? 'created' : 'exists'}; ${made ? `indexes created: ${made}` : 'indexes up to date'}; ADMINONLY`);
}

async function main(): Promise<void> {
  console.log(`CloudBase environment ${envId}`);
  for (const [name, indexes] of Object.entries(COLLECTIONS)) await setUp(name, indexes);
}

main().catch((e: unknown) => {
  console.error('设置失败 / setup failed:', e);
  process.exit(1);
});

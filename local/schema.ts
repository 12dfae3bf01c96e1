import { COLLECTIONS } from '../cloudfunctions/core/db/collections';
import type { Engine } from './emulator/engine';

/**
 * Creates every collection and index the functions rely on, and drops indexes the code no
 * longer declares (an older data directory keeps working after an upgrade). Idempotent.
 */
export function ensureSchema(engine: Engine): { created: string[] } {
  const existing = new Set(engine.listCollections());
  const created: string[] = [];
  for (const [name, indexes] of Object.entries(COLLECTIONS)) {
    if (!existing.has(name)) {
      engine.createCollection(name);
      created.push(name);
    }
    const wanted = new Map(indexes.map((i) => [i.name, { name: i.name, keys: i.keys, unique: !!i.unique, sparse: !!i.sparse }]));
    for (const have of engine.listIndexes(name)) {
      const want = wanted.get(have.name);
      if (!want || JSON.stringify(want) !== JSON.stringify(have)) engine.dropIndex(name, have.name);
    }
    for (const index of indexes) engine.createIndex(name, index);
  }
  return { created };
}

import { COLLECTIONS } from '../cloudfunctions/core/db/collections';
import type { Engine } from './emulator/engine';

/** Creates every collection and index the functions rely on (idempotent). */
export function ensureSchema(engine: Engine): { created: string[] } {
  const existing = new Set(engine.listCollections());
  const created: string[] = [];
  for (const [name, indexes] of Object.entries(COLLECTIONS)) {
    if (!existing.has(name)) {
      engine.createCollection(name);
      created.push(name);
    }
    for (const index of indexes) engine.createIndex(name, index);
  }
  return { created };
}

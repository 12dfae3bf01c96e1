import { defineContract } from './contract';
import { startTestEmulator } from '../support/emulator';
import { TRANSACTION_LIFETIME_MS } from '../../local/emulator/engine';

// (a) The contract against the local emulator, through the unmodified node-sdk.
let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

defineContract({ name: 'emulator', db: () => emu.db(), pastTransactionLifetime: async () => emu.advance(TRANSACTION_LIFETIME_MS + 1000) });

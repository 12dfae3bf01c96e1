import { defineContract } from './contract';
import { startTestEmulator } from '../support/emulator';

// (a) The contract against the local emulator, through the unmodified node-sdk.
let emu: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

defineContract({ name: 'emulator', db: () => emu.db() });

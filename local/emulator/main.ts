import path from 'node:path';
import { startEmulator } from './server';

/** `npm run emulator`: the local CloudBase database alone (PORT, HOST, DATA_DIR). */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const emu = await startEmulator({ dataDir, port, host });
  console.log(`CloudBase 本地模拟器已启动 / emulator ready: ${emu.url}/admin  (DATA_DIR=${dataDir})`);
  console.log(`  tcb.init({ env: 'local', serviceUrl: '${emu.url}/admin', secretId, secretKey })  — the key pair is in ${dataDir}/emulator-keys.json`);
  const stop = async (): Promise<void> => {
    await emu.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

import path from 'node:path';
import { startGateway } from './gateway';
import { buildTaro, taroBuildIsStale } from '../taro-build';

/** `npm start`: everything on one machine (PORT, HOST, DATA_DIR; see README). */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const h5Dir = path.join(root, 'dist', 'h5');
  if (process.env.SKIP_H5_BUILD !== '1' && taroBuildIsStale('h5', root)) buildTaro('h5', root);
  const gw = await startGateway({
    dataDir: path.resolve(process.env.DATA_DIR ?? path.join(root, '.data')),
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    h5Dir,
  });
  console.log(`益圈本地版已启动：${gw.url}  ${gw.seeded ? '（已写入演示数据）' : ''}`);
  console.log(`  打开浏览器访问 ${gw.url} ，选择一位演示用户登录`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在安全退出…`);
    gw.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

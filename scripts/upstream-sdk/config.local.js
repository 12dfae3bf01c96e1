/**
 * Stands in for the upstream `test/config.local.js` (which reads real keys): fake keys and
 * the emulator's `/admin` URL. run.ts sets UPSTREAM_SERVICE_URL after starting the emulator.
 */
const serviceUrl = process.env.UPSTREAM_SERVICE_URL;
if (!serviceUrl) throw new Error('UPSTREAM_SERVICE_URL is not set; run the suite with `npm run test:upstream`.');

module.exports = {
  secretId: 'local',
  secretKey: 'local',
  env: 'local',
  appId: 'local',
  serviceUrl,
  timeout: 30000,
};

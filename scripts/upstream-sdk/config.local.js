/**
 * Stands in for the upstream `test/config.local.js` (which reads real keys): the emulator's
 * key pair and its `/admin` URL. run.ts sets UPSTREAM_SERVICE_URL and UPSTREAM_SECRET_ID/KEY
 * after starting the emulator.
 */
const serviceUrl = process.env.UPSTREAM_SERVICE_URL;
if (!serviceUrl) throw new Error('UPSTREAM_SERVICE_URL is not set; run the suite with `npm run test:upstream`.');

module.exports = {
  secretId: process.env.UPSTREAM_SECRET_ID,
  secretKey: process.env.UPSTREAM_SECRET_KEY,
  env: 'local',
  appId: 'local',
  serviceUrl,
  timeout: 30000,
};

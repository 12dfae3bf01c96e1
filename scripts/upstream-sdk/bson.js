/**
 * `bson` for the upstream tests: the bson that @cloudbase/database (the SDK's database layer)
 * itself resolves, so the tests and the SDK share one copy. The upstream tests import
 * `ObjectID`, which bson 4 still exports and bson 5+ dropped: alias it to `ObjectId` if absent.
 * (jest's moduleNameMapper sends every `require('bson')` here, the SDK's included.)
 */
const path = require('node:path');

const sdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json'));
const databaseDir = path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [sdkDir] }));
// An absolute path, so the `^bson$` mapping does not send this require back here.
const bson = require(require.resolve('bson', { paths: [databaseDir] }));

module.exports = bson.ObjectID ? bson : { ...bson, ObjectID: bson.ObjectId };

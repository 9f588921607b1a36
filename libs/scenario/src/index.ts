/**
 * The reference year (An Giang, Cluster 2, 2020) as data, the request bodies it makes, and a player
 * that drives it through the HTTP API: shared by the tests, the benchmark and `npm run demo`.
 */
export * from './paths.js';
export * from './scenario.js';
export * from './http-client.js';
export * from './tokens.js';
export * from './reference-year.js';
export * from './paper-record.js';

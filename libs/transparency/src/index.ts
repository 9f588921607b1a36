/**
 * The auditor's proof: the log's RFC 6962 Merkle tree, its C2SP signed checkpoints, the proofs,
 * the audit bundle and its offline verifier. The browser's witness is `#transparency/witness`.
 */
export * from './merkle.js';
export * from './leaf.js';
export * from './note.js';
export { TransparencyLog, LogRewrittenError, leafBase64 } from './transparency-log.js';
export type { TransparencyLogOptions, TransparencyStatus, TreeAudit } from './transparency-log.js';
export { buildAuditBundle, BundleUnavailableError, BUNDLE_FORMAT, readCycleLog } from './bundle.js';
export type { AuditBundle, BundledEvent } from './bundle.js';
export { verifyBundle } from './verify-bundle.js';
export { bundleNames, type BundleNames } from './verify-bundle.js';
export type { VerifyOptions, VerifyReport } from './verify-bundle.js';
export { verificationLines, type VerifyLang } from './verify-text.js';
export { loadOrCreateSignerKey } from './signer-key-file.js';

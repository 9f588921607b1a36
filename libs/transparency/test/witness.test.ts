/** The browser's witness (WebCrypto only): accepts a checkpoint that extends the kept one, alarms otherwise. */
import { describe, expect, it } from '@jest/globals';
import {
  checkpointText,
  consistencyProof,
  generateSignerKey,
  leafHash,
  MemoryTree,
  noteSigner,
  rootAt,
} from '#transparency';
import { witnessCheckpoint } from '#transparency/witness';

const ORIGIN = 'thidua.test/log';
const signer = noteSigner(generateSignerKey(ORIGIN));

function tree(leaves: string[]): MemoryTree {
  const t = new MemoryTree();
  for (const leaf of leaves) t.appendLeafHash(leafHash(Buffer.from(leaf)));
  return t;
}
const note = (t: MemoryTree, size: number) =>
  signer.sign(checkpointText({ origin: ORIGIN, size, root: rootAt(t, size) }));
const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

describe('witnessCheckpoint', () => {
  const history = Array.from({ length: 13 }, (_, i) => `event ${i}`);
  const honest = tree(history);

  it('accepts the first checkpoint, an unchanged one, and one that extends the kept one', async () => {
    const kept = note(honest, 7);
    await expect(witnessCheckpoint({ verifierKey: signer.verifierKey, latest: kept })).resolves.toMatchObject({
      ok: true,
      grew: true,
    });
    await expect(
      witnessCheckpoint({ verifierKey: signer.verifierKey, trusted: kept, latest: kept }),
    ).resolves.toMatchObject({ ok: true, grew: false });
    for (const size of [8, 9, 13]) {
      const result = await witnessCheckpoint({
        verifierKey: signer.verifierKey,
        trusted: kept,
        latest: note(honest, size),
        consistency: b64(consistencyProof(honest, 7, size)),
      });
      expect(result).toMatchObject({ ok: true, grew: true, checkpoint: { size } });
    }
  });

  it('raises the alarm for a rewritten history, a shrunk log, or a missing proof', async () => {
    const kept = note(honest, 7);
    const rewritten = tree(history.map((e, i) => (i === 3 ? 'event 3, rewritten' : e)));
    const forged = await witnessCheckpoint({
      verifierKey: signer.verifierKey,
      trusted: kept,
      latest: note(rewritten, 13),
      consistency: b64(consistencyProof(rewritten, 7, 13)),
    });
    expect(forged).toMatchObject({ ok: false, alarm: 'rewritten', reason: expect.stringMatching(/đã bị thay đổi/) });
    const shrunk = await witnessCheckpoint({ verifierKey: signer.verifierKey, trusted: kept, latest: note(honest, 5) });
    expect(shrunk).toMatchObject({ ok: false, alarm: 'rewritten', reason: expect.stringMatching(/rút ngắn/) });
    const sameSize = await witnessCheckpoint({
      verifierKey: signer.verifierKey,
      trusted: kept,
      latest: note(rewritten, 7),
    });
    expect(sameSize).toMatchObject({ ok: false, alarm: 'rewritten' });
    const noProof = await witnessCheckpoint({
      verifierKey: signer.verifierKey,
      trusted: kept,
      latest: note(honest, 13),
    });
    expect(noProof).toMatchObject({ ok: false, alarm: 'rewritten' });
  });
});

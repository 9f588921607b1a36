/** C2SP signed notes with Ed25519: sign, verify, and refuse a wrong key or an altered note. */
import { describe, expect, it } from '@jest/globals';
import { checkpointText, generateSignerKey, keyId, noteSigner, noteVerifier, openCheckpoint } from '#transparency';
import { openSignedCheckpoint, witnessCheckpoint } from '#transparency/witness';

const ORIGIN = 'thidua.test/log';
const root = Buffer.alloc(32, 7);

describe('signed checkpoints', () => {
  const signer = noteSigner(generateSignerKey(ORIGIN));
  const note = signer.sign(checkpointText({ origin: ORIGIN, size: 42, root }));

  it('writes the C2SP layout: body, empty line, "— name base64(keyid ‖ signature)"', () => {
    const [body, signature] = note.split('\n\n');
    expect(body).toBe(`${ORIGIN}\n42\n${root.toString('base64')}`);
    const match = /^— (\S+) (\S+)\n$/.exec(signature!);
    expect(match?.[1]).toBe(ORIGIN);
    const blob = Buffer.from(match![2]!, 'base64');
    expect(blob.length).toBe(68);
    expect(blob.subarray(0, 4)).toEqual(signer.keyId);
    const [name, id, ...rest] = signer.verifierKey.split('+');
    const key = rest.join('+');
    expect(name).toBe(ORIGIN);
    expect(id).toBe(keyId(ORIGIN, Buffer.from(key!, 'base64').subarray(1)).toString('hex'));
  });

  it('opens with its verifier key, in Node and with WebCrypto', async () => {
    expect(openCheckpoint(note, signer.verifierKey)).toEqual({ origin: ORIGIN, size: 42, root });
    await expect(openSignedCheckpoint(note, signer.verifierKey)).resolves.toEqual({
      origin: ORIGIN,
      size: 42,
      root: root.toString('base64'),
    });
  });

  it('refuses another key of the same name, an altered body, and a malformed key', async () => {
    const other = noteSigner(generateSignerKey(ORIGIN));
    expect(() => openCheckpoint(note, other.verifierKey)).toThrow(/another key of the same name/);
    const altered = note.replace('\n42\n', '\n43\n');
    expect(() => openCheckpoint(altered, signer.verifierKey)).toThrow(/does not verify/);
    const forged = other
      .sign(checkpointText({ origin: ORIGIN, size: 42, root }))
      .replace(other.keyId.toString('base64'), '');
    expect(() => openCheckpoint(forged, signer.verifierKey)).toThrow();
    expect(() => noteVerifier(signer.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(
      /id does not match/,
    );
    await expect(openSignedCheckpoint(altered, signer.verifierKey)).rejects.toThrow(/chữ ký không hợp lệ/);
    const witnessed = await witnessCheckpoint({ verifierKey: other.verifierKey, latest: note });
    expect(witnessed).toMatchObject({ ok: false, alarm: 'bad-signature' });
  });

  it('a signer key of a name with a space or "+" is refused', () => {
    expect(() => generateSignerKey('a b')).toThrow(/without spaces/);
    expect(() => noteSigner('PRIVATE+KEY+x+00000000+AAAA')).toThrow(/not an Ed25519 key/);
  });
});

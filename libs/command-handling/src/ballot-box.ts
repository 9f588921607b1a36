/**
 * The ballot box: seals a ballot when it is cast and opens the round's sealed ballots when the
 * vote closes, so that the deposits go into the log together, in receipt order, at the close
 * (libs/domain's CastBallot/CloseVote; why in docs/transparency-log.md, "Ballot secrecy").
 *
 * A sealed ballot is AES-256-GCM of `canonicalJson({ choices, receipt })` with every choice written
 * as 1 or 0: a valid ballot names exactly the round's candidates, so every sealed ballot of a
 * round has the same length whatever it says. The key is derived from the server's secret and the
 * cycle id (every instance shares the secret); the cycle id is bound as associated data.
 * Format: base64(12-byte IV ‖ ciphertext ‖ 16-byte tag).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { BallotChoices, CycleState, DomainCommand } from '#domain';
import { canonicalJson } from '#event-store';

export class BallotBox {
  constructor(private readonly secret: string) {}

  /** The command with its ballot sealed (CastBallot) or the round's ballots opened (CloseVote). */
  prepare(command: DomainCommand, cycle: CycleState): DomainCommand {
    if (command.type === 'CastBallot' && typeof command.receipt === 'string' && isChoices(command.choices)) {
      return { ...command, sealed: this.seal(command.cycleId, command.receipt, command.choices) };
    }
    if (
      command.type === 'CloseVote' &&
      cycle.status !== 'none' &&
      cycle.vote.status === 'open' &&
      (cycle.vote.sealed ?? []).length > 0
    ) {
      return { ...command, ballots: cycle.vote.sealed.map((sealed) => this.open(command.cycleId, sealed)) };
    }
    return command;
  }

  seal(cycleId: string, receipt: string, choices: BallotChoices): string {
    const plain = canonicalJson({ choices: mapChoices(choices, (v) => (v ? 1 : 0)), receipt });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(cycleId), iv).setAAD(Buffer.from(cycleId, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  open(cycleId: string, sealed: string): { receipt: string; choices: BallotChoices } {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key(cycleId), raw.subarray(0, 12)).setAAD(
      Buffer.from(cycleId, 'utf8'),
    );
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
      'utf8',
    );
    const { receipt, choices } = JSON.parse(plain) as {
      receipt: string;
      choices: Record<string, Record<string, number>>;
    };
    return { receipt, choices: mapChoices(choices, (v) => v === 1) };
  }

  private key(cycleId: string): Buffer {
    return createHmac('sha256', this.secret).update(`thidua ballot box v1\u0000${cycleId}`).digest();
  }
}

function isChoices(value: unknown): value is BallotChoices {
  return (
    value !== null &&
    typeof value === 'object' &&
    Object.values(value).every((v) => v !== null && typeof v === 'object')
  );
}

function mapChoices<A, B>(
  choices: Record<string, Record<string, A>>,
  f: (value: A) => B,
): Record<string, Record<string, B>> {
  return Object.fromEntries(
    Object.entries(choices).map(([award, units]) => [
      award,
      Object.fromEntries(Object.entries(units).map(([u, v]) => [u, f(v)])),
    ]),
  );
}

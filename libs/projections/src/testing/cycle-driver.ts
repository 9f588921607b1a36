/**
 * Drives commands into a real `EventStore` through `handleCommand`, the path of the HTTP app, so
 * tests and the benchmark read the very events the application records. The folded streams are
 * kept between commands, as the HTTP app keeps them.
 */
import { domainEvent, FoldedStreams, handleCommand, type CommandOutcome } from '#command-handling';
import type { DomainCommand, DomainEvent } from '#domain';
import type { EventStore } from '#event-store';

export class CycleDriver {
  private readonly streams: FoldedStreams;

  constructor(private readonly store: EventStore) {
    this.streams = new FoldedStreams(store);
  }

  /** Decides the command, appends its events and returns what was recorded (throws a refusal's DomainError). */
  async run(command: DomainCommand): Promise<CommandOutcome & { decided: DomainEvent[] }> {
    const outcome = await handleCommand(this.store, command, {}, { streams: this.streams });
    return { ...outcome, decided: outcome.events.map((event) => domainEvent(event)) };
  }
}

/**
 * Test helper: runs a domain command through `handleCommand`, the path of the HTTP app, so tests
 * feed the worker the very events the application writes. Answers the command's log position.
 */
import { handleCommand } from '#command-handling';
import type { DomainCommand } from '#domain';
import type { EventStore } from '#event-store';

export async function runCommand(store: EventStore, command: DomainCommand): Promise<number> {
  return (await handleCommand(store, command)).position;
}

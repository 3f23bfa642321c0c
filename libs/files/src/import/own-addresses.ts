import { networkInterfaces } from 'node:os';

/** This machine's interface addresses, read once at start: an import must not reach the server itself. */
export function ownAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((infos) => (infos ?? []).map((info) => info.address));
}

import type { System } from '../domain/systems.js';
import type { SystemEndpoint } from './system-api.js';

/**
 * The parts of the `qzsync` CLI a system declares in its folder (`integrations/<system>/commands.ts`), which the CLI
 * assembles from `system-commands.ts`. They hold zod schemas, option descriptions and formatting alone: the CLI is a
 * client of the operator API and imports nothing of the server through them (docs/adr/0017-system-commands.md).
 */

/** An option as the CLI's help shows it: `--api-key <key>  Zuper API key…`. */
export interface CliOption {
  type: 'string';
  value: string;
  description: string;
}

/** What was typed, as a system's parts read it: an option's value, and a refusal the CLI reports as a usage error. */
export interface TypedOptions {
  string(name: string): string | undefined;
  refuse(message: string): never;
}

/** The request a command sends for one connection: one of its system's endpoints, with the body the options make. */
export interface CliRequest<Answer> {
  endpoint: SystemEndpoint<unknown, Answer>;
  body?: Record<string, unknown>;
}

/** A command of a system acting on one connection: its options, the request they make, and the answer in words. */
export interface SystemRequestCommand<Answer = unknown> {
  options: Record<string, CliOption>;
  request(typed: TypedOptions): CliRequest<Answer>;
  format(answer: Answer): string;
}

/** `qzsync connect <id> <system>`: what connecting does, in the command's summary, and its options in the usage. */
export interface ConnectCommand<Answer = unknown> extends SystemRequestCommand<Answer> {
  /** After the system's name in the summary: "(prints the sign-in link)". */
  does: string;
  /** After `connect <id> <system>` in the usage: "--company <login name> --api-key <key>". */
  usage: string;
}

/** A command a system has of its own, `qzsync <name> <id>` (QuickBooks Desktop's `qwc`). */
export interface ExtraCommand<Answer = unknown> extends SystemRequestCommand<Answer> {
  name: string;
  summary: string;
  usage: string[];
}

/**
 * A `qzsync configure` flag: it sets one of the system's settings under the top-level name the operator API takes for
 * it (`flatChange` in the system's `connection-settings.ts`, which types `setting`), or one `key` of that setting when
 * it holds several (accounts). test/cli/system-commands.test.ts checks each against the settings' schema.
 */
export interface ConfigureFlag<Flat = Record<string, unknown>> {
  flag: string;
  value: string;
  description: string;
  setting: keyof Flat & string;
  key?: string;
  /** The only values taken (the setting's own enum). */
  choices?: readonly string[];
  /** Shown without brackets in the usage: a connection's settings are incomplete without it. */
  needed?: boolean;
}

/** Everything a system adds to the CLI. */
export interface SystemCli {
  system: System;
  /** The name the help groups its `configure` flags under ("QuickBooks Online (accounting):"). */
  title: string;
  connect: ConnectCommand;
  /** After the system's name in `disconnect`'s summary: "(revokes the authorisation)". */
  disconnectDoes: string;
  configure: readonly ConfigureFlag[];
  commands: readonly ExtraCommand[];
}

/** A system's connect command, its `format` typed by its endpoint's answer, as the registry lists it. */
export const systemConnect = <Answer>(command: ConnectCommand<Answer>): ConnectCommand => command;

/** The same for a command of its own. */
export const systemCommand = <Answer>(command: ExtraCommand<Answer>): ExtraCommand => command;

/** A system's configure flags, each `setting` checked against its settings' older top-level names. */
export const configureFlags = <Flat>(flags: readonly ConfigureFlag<Flat>[]): readonly ConfigureFlag[] =>
  flags as readonly ConfigureFlag[];

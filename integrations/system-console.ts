import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Child } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { SettingChoice } from '../domain/connection-settings.js';
import type { System } from '../domain/systems.js';
import type { ConnectionSettings } from './connection-settings.js';

/** What every console page needs from the request: the signed-in user, a CSRF token for its forms, a one-time message. */
export interface ConsolePageContext {
  user: string | null;
  csrf: string;
  flash: string | null;
}

/** An operator API refusal as the console reads it. */
export interface ConsoleApiFailure {
  code: string;
  message: string;
  fix?: string;
  field?: string;
}

export type ConsoleApiAnswer<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: ConsoleApiFailure };

/** A setting chosen from a list (`empty`: an option meaning unchanged). */
export interface SelectProps {
  name: string;
  label: string;
  choices: SettingChoice[];
  value: string;
  error?: string;
  empty?: string;
}

/** A setting typed in. */
export interface TextProps {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: string;
}

/**
 * The console's own pieces a system's console parts build with. The console hands them over (integrations/ sits below
 * console/ in the folders' import order), so a system's card looks and behaves as every other page.
 */
export interface ConsoleKit {
  Csrf: (props: { token: string }) => JSX.Element;
  FieldError: (props: { id: string; message: string | undefined }) => JSX.Element | null;
  Layout: (props: { title: string; page: ConsolePageContext; children?: Child }) => JSX.Element;
  /** The connection's tabs, on a page of the connection itself. */
  ConnectionNav: (props: { id: string; current: '' }) => JSX.Element;
  Select: (props: SelectProps) => JSX.Element;
  Text: (props: TextProps) => JSX.Element;
}

/** What a system's console routes get: the same rendering, API calls and CSRF-checked scope as the console's own. */
export interface ConsoleRouteTools {
  /** The console's scope: sign-in and CSRF hooks and the route access of the console already apply. */
  scope: FastifyInstance;
  /** Where this service is reached from outside. */
  baseUrl: string;
  render: (reply: FastifyReply, element: JSX.Element, status?: number) => Promise<FastifyReply>;
  page: (request: FastifyRequest, reply: FastifyReply) => ConsolePageContext;
  api: <T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ) => Promise<ConsoleApiAnswer<T>>;
  /** A refusal as its own page. */
  failed: (
    request: FastifyRequest,
    reply: FastifyReply,
    error: ConsoleApiFailure,
    status: number,
  ) => Promise<FastifyReply>;
  /** A one-time message, then a redirect. */
  done: (request: FastifyRequest, reply: FastifyReply, message: string, to: string) => FastifyReply;
  /** The connection's page again, with a refused form's messages per field and what was typed. */
  connectionPage: (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values?: Record<string, string>,
  ) => Promise<FastifyReply>;
  /** A posted form field, trimmed ('' when absent). */
  field: (body: unknown, name: string) => string;
  /** An API refusal as messages per form field (the API names the field it refused); others under `fallback`. */
  fieldErrors: (error: ConsoleApiFailure, fallback?: string) => Record<string, string>;
}

/** What a system's card on the connection's page gets. */
export interface ConsoleCardProps<Status> {
  page: ConsolePageContext;
  status: Status;
  /** Where this service is reached from outside. */
  baseUrl: string;
  /** A refused form's messages per field and what was typed in it. */
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/** What a system's fields on the settings form get. */
export interface ConsoleSettingsProps {
  /** What a field shows: what was typed when the form was refused, else `current`. */
  value: (name: string, current: string | number | undefined) => string;
  errors: Record<string, string>;
  /** The connection's accounting settings, once configured (the system's own when it is the accounting system). */
  current: ConnectionSettings['accounting'] | undefined;
  /** The accounts each account setting may be, read from the company, or null with why. */
  choices: { accounts: Record<string, SettingChoice[]> | null; accountsProblem: string | null };
  /** The system on each side, as users know it. */
  names: { accounting: { system: string }; field: { system: string } };
}

/** The settings form as posted, for a system's part of the settings change. */
export interface ConsoleSettingsForm {
  /** Every field's text, '' when empty or absent. */
  values: Record<string, string>;
  /** The fields under a prefix that were filled in, by the name after it (an empty one is unchanged). */
  filled: (prefix: string) => Record<string, string>;
  /** Whether the form had the field at all (an empty one was still posted). */
  posted: (name: string) => boolean;
}

/** A system's own fields on the settings form, offered on the connections whose accounting system it is. */
export interface ConsoleSettingsPart {
  /** The form fields it posts, named as the operator API takes them (`accounts.incomeAccountId`). */
  fields: readonly string[];
  /** The form's field for a setting the API names where it is stored (`accounting.quantityWrite`), where they differ. */
  formFields?: Readonly<Record<string, string>>;
  Fields: (props: ConsoleSettingsProps) => JSX.Element;
  /** Its part of the settings change the operator API takes; the API's schema decides what is valid. */
  change: (form: ConsoleSettingsForm) => Record<string, unknown>;
}

/**
 * A system's part of the web console (docs/adr/0022-system-console-parts.md): its card on the connection's page, the
 * routes its forms post to (under `/console/c/:id/`) and its settings fields, built from the console's kit. `Status` is what it reads of
 * the connection's status answer.
 */
export interface SystemConsole<Status> {
  system: System;
  Card: (props: ConsoleCardProps<Status>) => JSX.Element;
  register: (tools: ConsoleRouteTools) => void;
  settings?: ConsoleSettingsPart;
}

export type SystemConsoleOf<Status> = (kit: ConsoleKit) => SystemConsole<Status>;

/** A form's number as the API takes it: a number when it reads as one, else the text (the API says what is wrong). */
export const formNumber = (text: string): number | string =>
  text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

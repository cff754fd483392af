// Reads docker-compose.yml the way `docker compose config` would (merge keys, then variable interpolation on every
// string), so tests assert on the configuration containers would actually get.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const repoRoot = new URL('../../../', import.meta.url);

export function readRepoFile(relativePath: string): string {
  return readFileSync(new URL(relativePath, repoRoot), 'utf8');
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Values for the variables compose requires (it has no defaults for secrets); valid for the app's own checks. */
export const testSecrets = {
  SECRETS_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  OPERATOR_TOKEN: 'operator-token-0123456789abcdef',
  CODEC_TOKEN: 'codec-token-0123456789abcdef',
  POSTGRES_PASSWORD: 'superuser-pw-1',
  APP_DB_PASSWORD: 'app-pw-2',
};

// `$$`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`.
const variablePattern = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\})/g;

export function interpolate(text: string, env: Env): string {
  const substitute = (match: string, name?: string, operator?: string, arg = ''): string => {
    if (name === undefined) return '$';
    const value = env[name];
    const isSet = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    if (isSet) return value ?? '';
    if (operator === undefined) throw new Error(`${match}: variable has no default and is not set`);
    if (operator.endsWith('?')) throw new Error(`required variable ${name} is missing: ${arg}`);
    return arg;
  };
  return text.replace(variablePattern, substitute);
}

export interface VariableUse {
  required: boolean;
  defaultValue?: string;
}

/** Every `${NAME...}` in a file, with its default or whether it is required; throws if two uses disagree. */
export function variableUses(text: string): Map<string, VariableUse> {
  const uses = new Map<string, VariableUse>();
  for (const [, name, operator, arg] of text.matchAll(variablePattern)) {
    if (name === undefined) continue;
    const use: VariableUse = operator?.endsWith('?')
      ? { required: true }
      : operator === undefined
        ? { required: false }
        : { required: false, defaultValue: arg ?? '' };
    const earlier = uses.get(name);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(use)) {
      throw new Error(`${name} is used with different defaults: ${JSON.stringify([earlier, use])}`);
    }
    uses.set(name, use);
  }
  return uses;
}

const stringList = z.array(z.string());

const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  command: stringList.optional(),
  entrypoint: stringList.optional(),
  container_name: z.string().optional(),
  restart: z.string().optional(),
  // A null value passes the variable through from .env or the shell when it is set there.
  environment: z.record(z.string(), z.string().nullable()).default({}),
  ports: stringList.default([]),
  volumes: stringList.default([]),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).default({}),
  healthcheck: z.object({ test: stringList }).optional(),
});

const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  volumes: z.record(z.string(), z.null()).default({}),
});

export type ComposeFile = z.infer<typeof composeSchema>;
export type Service = z.infer<typeof serviceSchema>;

function interpolateTree(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, env)]));
  }
  return value;
}

export const composeText = (): string => readRepoFile('docker-compose.yml');

export function loadCompose(env: Env): ComposeFile {
  const document: unknown = parse(composeText(), { merge: true });
  return composeSchema.parse(interpolateTree(document, env));
}

export function service(compose: ComposeFile, name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** The variables a container gets, leaving out pass-throughs that are unset. */
export function definedValues(environment: Service['environment']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

export interface PortMapping {
  hostIp?: string;
  published?: string;
  target: string;
}

/** Short port syntax: `[HOST_IP:]PUBLISHED:TARGET` or `TARGET`. */
export function parsePort(spec: string): PortMapping {
  const parts = spec.split(':');
  const target = parts.at(-1) ?? spec;
  if (parts.length === 3) return { hostIp: parts[0], published: parts[1], target };
  if (parts.length === 2) return { published: parts[0], target };
  return { target };
}

export interface VolumeMount {
  source: string;
  target: string;
  readOnly: boolean;
}

/** Short volume syntax: `SOURCE:TARGET[:MODE]`; a source starting with `.` is a bind mount of a repo path. */
export function parseVolume(spec: string): VolumeMount {
  const [source = '', target = '', mode] = spec.split(':');
  return { source, target, readOnly: mode === 'ro' };
}

/** The repo path a container path comes from, through the service's bind mounts. */
export function hostPathOf(svc: Service, containerPath: string): string {
  for (const mount of svc.volumes.map(parseVolume)) {
    if (mount.source.startsWith('.') && containerPath.startsWith(`${mount.target}/`)) {
      return mount.source + containerPath.slice(mount.target.length);
    }
  }
  throw new Error(`${containerPath} is not inside any bind mount`);
}

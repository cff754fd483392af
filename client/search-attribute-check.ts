import type { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { allSearchAttributes } from '../workflows/search-attributes.js';

const KEYWORD = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

/**
 * Refuses a namespace that lacks one of the search attributes the sync's workflows are started with: Temporal would
 * refuse every start instead, one webhook at a time. An upgrade that adds an attribute meets this first when its
 * deployment registers attributes by hand (deploy/README.md, "Data and upgrades").
 */
export async function assertSearchAttributesRegistered(client: Client, namespace: string): Promise<void> {
  const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });
  const registered = customAttributes ?? {};
  const missing = allSearchAttributes.map((key) => key.name).filter((name) => registered[name] !== KEYWORD);
  if (missing.length === 0) return;
  const commands = missing.map(
    (name) => `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`,
  );
  throw new Error(
    `Temporal namespace ${namespace} lacks the Keyword search attributes ${missing.join(', ')}, which the sync's ` +
      `workflows are started with. Register them (deploy/temporal/scripts/create-namespace.sh does, or run: ` +
      `${commands.join('; ')}), then start again.`,
  );
}

/**
 * Registers the attributes a namespace lacks. The dev server registers its `--search-attribute`s only when it creates
 * its store, so one restarted on a store kept from an older version needs those added since.
 */
export async function registerMissingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = allSearchAttributes.map((key) => key.name).filter((name) => !(name in (customAttributes ?? {})));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
    });
  }
  return missing;
}

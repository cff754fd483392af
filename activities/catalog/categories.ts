import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { toQboName, comparableName } from '../../domain/catalog/qbo-name.js';

/** Zuper requires a category on every product; QBO items without one land here. */
export const DEFAULT_ZUPER_CATEGORY = 'Uncategorized';

const requestIdFor = (connectionId: string, zuperCategoryUid: string) =>
  `cat-${Buffer.from(`${connectionId}:${zuperCategoryUid}`).toString('base64url').slice(-40)}`;

/** The Zuper category for a QBO category (or none): linked, else found by name, else created and linked. */
export async function ensureZuperCategory(
  deps: ActivityDeps,
  connectionId: string,
  qboCategoryId: string | null,
): Promise<string> {
  if (qboCategoryId) {
    const linked = await deps.store.categoryLinks.fieldFor(connectionId, qboCategoryId);
    if (linked) return linked;
  }
  const zuper = await deps.clients.zuper(connectionId);
  let name = DEFAULT_ZUPER_CATEGORY;
  if (qboCategoryId) {
    const qbo = await deps.clients.qbo(connectionId);
    const category = await callApi('qbo', () => qbo.getItem(qboCategoryId));
    if (category) name = category.Name;
  }
  const existing = (await callApi('zuper', () => zuper.listCategories())).find(
    (c) => !c.isDeleted && comparableName(c.name) === comparableName(name),
  );
  const uid = existing?.uid ?? (await callApi('zuper', () => zuper.createCategory({ name })));
  if (qboCategoryId) await deps.store.categoryLinks.link(connectionId, qboCategoryId, uid);
  return uid;
}

/** The QBO category for a Zuper category: linked, else found by name, else created (categories feature required). */
export async function ensureQboCategory(
  deps: ActivityDeps,
  connectionId: string,
  zuperCategoryUid: string | null,
): Promise<string | null> {
  if (!zuperCategoryUid) return null;
  const linked = await deps.store.categoryLinks.accountingFor(connectionId, zuperCategoryUid);
  if (linked) return linked;
  const zuper = await deps.clients.zuper(connectionId);
  const category = (await callApi('zuper', () => zuper.listCategories())).find((c) => c.uid === zuperCategoryUid);
  if (!category || comparableName(category.name) === comparableName(DEFAULT_ZUPER_CATEGORY)) return null;
  const qbo = await deps.clients.qbo(connectionId);
  const company = await callApi('qbo', () => qbo.getCompanyInfo());
  if (!company.itemCategoriesEnabled) {
    throw needsAttention(
      'qbo:categories-off',
      `The Zuper category "${category.name}" cannot be copied because categories are turned off in this QuickBooks company.`,
      'In QuickBooks turn on Settings → Account and settings → Sales → Products and services → "Track inventory categories", then retry.',
    );
  }
  const name = toQboName(category.name);
  if (!name.ok)
    throw needsAttention(
      'qbo:invalid-name',
      `Category ${category.name}: ${name.reason}.`,
      'Rename the category in Zuper.',
    );
  const existing = (await callApi('qbo', () => qbo.listCategories())).find(
    (c) => comparableName(c.Name) === comparableName(name.name),
  );
  const id =
    existing?.Id ??
    (
      await callApi('qbo', () =>
        qbo.createCategory({ Name: name.name }, { requestId: requestIdFor(connectionId, zuperCategoryUid) }),
      )
    ).Id;
  await deps.store.categoryLinks.link(connectionId, id, zuperCategoryUid);
  return id;
}

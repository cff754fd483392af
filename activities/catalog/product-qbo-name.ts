import { needsAttention } from '../failures.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import { toQboName } from '../../domain/catalog/qbo-name.js';

/** The Zuper product's name as QBO accepts it; one QBO refuses needs the product renamed in Zuper. */
export function qboNameOfProduct(product: ZuperProduct): string {
  const name = toQboName(product.name);
  if (!name.ok) {
    throw needsAttention(
      'qbo:invalid-name',
      `Zuper product ${product.uid}: ${name.reason}.`,
      'Rename the product in Zuper, then retry.',
    );
  }
  return name.name;
}

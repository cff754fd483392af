import type { CompanySettings } from '../company-settings.js';

/**
 * The product purchase price after an inward of `qty` at `price` ("Update Purchase Cost to?"):
 * LATEST, HIGHEST, or WEIGHTED_AVERAGE = ((C·Q)+(Cr·Qr))/(Q+Qr) with Q the stock on hand before the inward.
 */
export function nextPurchasePrice(
  mode: CompanySettings['purchase_cost_update'],
  current: number | null,
  onHand: number,
  price: number,
  qty: number,
): number | null {
  switch (mode) {
    case 'NONE':
      return current;
    case 'LATEST':
      return price;
    case 'HIGHEST':
      return current === null ? price : Math.max(current, price);
    case 'WEIGHTED_AVERAGE': {
      if (current === null || onHand <= 0) return price;
      return (current * onHand + price * qty) / (onHand + qty);
    }
  }
}

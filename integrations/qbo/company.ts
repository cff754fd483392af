import { companyInfoResponseSchema, preferencesResponseSchema } from './schemas/company.js';
import type { QboTransport } from './transport.js';

export interface QboCompanyInfo {
  id: string;
  companyName: string;
  country?: string;
  /** Item categories (Type "Category") can be used; there is no API to turn them on. */
  itemCategoriesEnabled: boolean;
}

/** Switches in Preferences.ProductAndServicesPrefs that inventory items need (all true to track quantities). */
export interface QboInventoryPreferences {
  trackQuantityOnHand: boolean;
  forSales: boolean;
  forPurchase: boolean;
  quantityWithPriceAndRate: boolean;
}

export interface QboCompanyApi {
  getCompanyInfo(): Promise<QboCompanyInfo>;
  getPreferences(): Promise<QboInventoryPreferences>;
}

export function createCompanyApi(transport: QboTransport): QboCompanyApi {
  return {
    async getCompanyInfo() {
      const path = `companyinfo/${transport.realmId}`;
      const { CompanyInfo: info } = await transport.send({ method: 'GET', path }, companyInfoResponseSchema);
      const feature = info.NameValue.find((nv) => nv.Name === 'ItemCategoriesFeature');
      return {
        id: info.Id,
        companyName: info.CompanyName,
        ...(info.Country === undefined ? {} : { country: info.Country }),
        itemCategoriesEnabled: feature?.Value.toLowerCase() === 'true',
      };
    },

    async getPreferences() {
      const { Preferences: prefs } = await transport.send(
        { method: 'GET', path: 'preferences' },
        preferencesResponseSchema,
      );
      const p = prefs.ProductAndServicesPrefs;
      return {
        trackQuantityOnHand: p.QuantityOnHand,
        forSales: p.ForSales,
        forPurchase: p.ForPurchase,
        quantityWithPriceAndRate: p.QuantityWithPriceAndRate,
      };
    },
  };
}

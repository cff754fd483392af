import type { CompanySettings } from '../company-settings.js';
import { CompanyStore, type CompanyIdentity } from './company-store.js';

export interface KeyGrant {
  company: CompanyStore;
  readOnly: boolean;
}

/** All companies of the emulator, found by login name (case-insensitive) or by API key. */
export class CompanyRegistry {
  private readonly byName = new Map<string, CompanyStore>();
  private readonly byKey = new Map<string, KeyGrant>();

  add(identity: CompanyIdentity, settings: CompanySettings): CompanyStore {
    const name = identity.company_name.toLowerCase();
    if (this.byName.has(name)) throw new Error(`Company "${identity.company_name}" already exists`);
    for (const key of [identity.api_key, identity.read_only_api_key]) {
      if (this.byKey.has(key)) throw new Error('API key already in use');
    }
    if (identity.api_key === identity.read_only_api_key) throw new Error('The two API keys must differ');
    const company = new CompanyStore(identity, settings);
    this.byName.set(name, company);
    this.byKey.set(identity.api_key, { company, readOnly: false });
    this.byKey.set(identity.read_only_api_key, { company, readOnly: true });
    return company;
  }

  byCompanyName(name: string): CompanyStore | undefined {
    return this.byName.get(name.toLowerCase());
  }

  byApiKey(key: string): KeyGrant | undefined {
    return this.byKey.get(key);
  }

  all(): CompanyStore[] {
    return [...this.byName.values()];
  }

  clear(): void {
    this.byName.clear();
    this.byKey.clear();
  }
}

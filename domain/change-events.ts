/** A change one of the systems reported (webhook or poll), reduced to what routing needs. */
export interface QboChange {
  connectionId: string;
  entity: string;
  entityId: string;
  operation: string;
}

export interface ZuperChange {
  connectionId: string;
  event: string;
  productUid: string | null;
  invoiceUid: string | null;
}

export interface InvoiceConsumption {
  productUid: string;
  locationUid: string;
  qty: number;
  unitPrice: number;
}

/**
 * A Zuper invoice consuming `qty` of one product at one location, created through Zuper's API with the company's key
 * as a technician's invoice is (webhooks fire as for any write): how tests, benchmarks and the demo simulate a
 * consumption. `apiUrl` ends in `/api`. Returns the invoice's uid.
 */
export async function consumeOnInvoice(apiUrl: string, apiKey: string, use: InvoiceConsumption): Promise<string> {
  const response = await fetch(`${apiUrl}/invoice`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      invoice: {
        invoice_date: new Date().toISOString().slice(0, 10),
        line_items: [
          {
            product_uid: use.productUid,
            location_uid: use.locationUid,
            quantity: use.qty,
            unit_price: use.unitPrice,
            total: use.qty * use.unitPrice,
          },
        ],
      },
    }),
  });
  const answer = (await response.json()) as { data?: { invoice_uid?: string } };
  if (!response.ok || !answer.data?.invoice_uid) {
    throw new Error(`Zuper invoice failed: ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer.data.invoice_uid;
}

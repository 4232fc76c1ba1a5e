// What the bank's customer system tells us about a logged-in customer: today only the postal
// address a code chip is sent to. In development a fixture of the test persons; for a bank, its
// own service over HTTP (README "Customer data"):
//   POST <CUSTOMER_DATA_URL>/postal-address   {"nationalId": "<11 digits>"}
//   headers: Content-Type: application/json, Kundesenter-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">
//   200 {"name": "…", "street": "…", "postcode": "4 digits", "city": "…"}   404: no address on file
import { z } from 'zod';
import { SIGNATURE_HEADER, signBody } from '../actions/signature.js';

export interface PostalAddress {
  name: string;
  street: string;
  postcode: string;
  city: string;
}

export interface CustomerData {
  /** Null: the bank has no address for this person. Throws when the bank's system cannot answer. */
  postalAddress(nationalId: string): Promise<PostalAddress | null>;
}

export const postalAddress = z.object({
  name: z.string().min(1).max(200),
  street: z.string().min(1).max(200),
  postcode: z.string().regex(/^\d{4}$/),
  city: z.string().min(1).max(100),
});

export function fixtureCustomerData(addresses: ReadonlyMap<string, PostalAddress>): CustomerData {
  return { postalAddress: async (nationalId) => addresses.get(nationalId) ?? null };
}

export class CustomerDataError extends Error {
  override name = 'CustomerDataError';
}

export function httpCustomerData(target: { url: string; secret: string; timeoutMs?: number }, options: { now?: () => Date; fetch?: typeof fetch } = {}): CustomerData {
  const now = options.now ?? (() => new Date());
  const doFetch = options.fetch ?? fetch;
  const endpoint = `${target.url.replace(/\/+$/, '')}/postal-address`;
  return {
    async postalAddress(nationalId) {
      const body = JSON.stringify({ nationalId });
      let res: Response;
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(target.secret, body, now()) },
          body,
          signal: AbortSignal.timeout(target.timeoutMs ?? 5_000),
        });
      } catch (e) {
        throw new CustomerDataError(`the customer-data service did not answer (${(e as Error).name})`);
      }
      if (res.status === 404) return null;
      if (!res.ok) throw new CustomerDataError(`the customer-data service answered ${res.status}`);
      const parsed = postalAddress.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new CustomerDataError('the customer-data service answered with an address we could not read');
      return parsed.data;
    },
  };
}

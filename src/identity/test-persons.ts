// The synthetic people of the local test provider and the development customer data. Apart from
// dev-provider.ts so that importing them does not load oidc-provider.

export interface TestPerson {
  /** Stable OpenID subject; deliberately not derived from the identity number. */
  subject: string;
  nationalId: string;
  name: string;
  givenName: string;
  familyName: string;
  birthdate: string;
}

/**
 * Synthetic people: valid check digits, month + 80 as in the Norwegian test environments ("Test
 * Norge"), so no number can belong to a real person. Oskar has a synthetic D-number (day + 40).
 */
export const testPersons: readonly TestPerson[] = Object.freeze([
  { subject: 'dev-kari-nordmann', nationalId: '15838510075', name: 'Kari Nordmann', givenName: 'Kari', familyName: 'Nordmann', birthdate: '1985-03-15' },
  { subject: 'dev-ola-nordmann', nationalId: '02867910193', name: 'Ola Nordmann', givenName: 'Ola', familyName: 'Nordmann', birthdate: '1979-06-02' },
  { subject: 'dev-ingrid-solberg', nationalId: '24919220003', name: 'Ingrid Solberg', givenName: 'Ingrid', familyName: 'Solberg', birthdate: '1992-11-24' },
  { subject: 'dev-emil-haugen', nationalId: '30880150134', name: 'Emil Haugen', givenName: 'Emil', familyName: 'Haugen', birthdate: '2001-08-30' },
  { subject: 'dev-oskar-lindqvist', nationalId: '57859040391', name: 'Oskar Lindqvist', givenName: 'Oskar', familyName: 'Lindqvist', birthdate: '1990-05-17' },
].map((p) => Object.freeze(p)));


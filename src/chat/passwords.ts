// Advisor passwords: argon2id through @node-rs/argon2 (a binary inside the npm package).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never lets anyone in
  }
}

/** A password for the first admin when none is configured: 20 characters, about 120 bits. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

// Advisor passwords: argon2id through @node-rs/argon2 (a binary inside the npm package).
import { randomBytes } from 'node:crypto';

// Loaded at the first login or new password, not at start (a native addon: 20 ms).
const argon2 = () => import('@node-rs/argon2');

export const hashPassword = async (password: string): Promise<string> => (await argon2()).hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await argon2(); // outside the try: a missing addon is an error, not a wrong password
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never lets anyone in
  }
}

/** A password for the first admin when none is configured: 20 characters, about 120 bits. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

// The generated first admin: written to a file only its owner can read, and shown once in a
// block that stands out from the start-up output.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIRST_ADMIN_FILE = 'first-admin.txt';

/** Writes e-mail and password to DATA_DIR/first-admin.txt with mode 0600; returns the path. */
export function writeFirstAdmin(dataDir: string, email: string, password: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(join(dataDir, FIRST_ADMIN_FILE));
  writeFileSync(file, `e-mail: ${email}\npassword: ${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above applies only when the file is new
  return file;
}

export function firstAdminNotice(email: string, password: string, file: string): string {
  const rule = '='.repeat(64);
  return [
    '',
    rule,
    '  First admin created — log in at /agent',
    `    e-mail:   ${email}`,
    `    password: ${password}`,
    `  Also written to ${file} (readable only by you).`,
    '  Change the password after logging in, then delete that file.',
    rule,
    '',
  ].join('\n');
}

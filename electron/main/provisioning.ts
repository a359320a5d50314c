import path from 'node:path';
import { PROVISIONING_FILE_NAME, readProvisioningText, type ProvisioningReading } from '../../shared/wire/provisioning';

/** The one file operation the lookup needs (node:fs/promises), passed in so tests use a real folder. */
export interface ProvisioningFiles {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

/**
 * The county's provisioning file shipped with the installed app (issue 16): `jiuzhu-provisioning.json`
 * beside the executable (where an IT office copies it after installing) or in the resources folder
 * (built into the installer). The first folder that holds one wins; its problems are told in words.
 * `null`: no file, the sign-in page asks for the server address as before.
 */
export async function findProvisioning(
  files: ProvisioningFiles,
  folders: readonly string[],
): Promise<(ProvisioningReading & { file: string }) | null> {
  for (const folder of folders) {
    const file = path.join(folder, PROVISIONING_FILE_NAME);
    let text: string;
    try {
      text = await files.readFile(file, 'utf8');
    } catch {
      continue; // none there (or unreadable): the next folder
    }
    return { ...readProvisioningText(text), file };
  }
  return null;
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/src/i18n');
const load = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

/** The UI's own resource files, so journeys follow wording changes and can run in either language. */
export const text = { 'zh-CN': load('zh-CN.json'), en: load('en.json') };

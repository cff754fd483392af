import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../security/secret-box.js';

export const testSecretBox = () => createSecretBox({ id: 'test', key: randomBytes(32) });

// The one-stop system's id and committed contract, shared by the source and its fake.
import { fileURLToPath } from 'node:url';

export const SYSTEM = 'one-stop';
export const WSDL_PATH = fileURLToPath(new URL('./one-stop.wsdl', import.meta.url));

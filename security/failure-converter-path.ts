import { fileURLToPath } from 'node:url';

/** For `DataConverter.failureConverterPath` and `bundleWorkflowCode({ failureConverterPath })`. */
export const failureConverterPath = fileURLToPath(new URL('./failure-converter.js', import.meta.url));

// The batch worker when briefdeck runs from src/ (bin/briefdeck.js's fallback, the tests): a
// worker thread does not inherit the tsx loader of the thread that started it, so it registers
// its own before loading worker.ts.
import { register } from 'tsx/esm/api';

register();
(await import('./worker.ts')).runBatchWorker();

// The worker thread that writes reports' workbooks (render.ts): building the sheets and zipping them
// is seconds of synchronous work for the city's year.
import { answerWithBytes } from '@vanban/common';
import { reportWorkbook } from './xlsx.js';

answerWithBytes(reportWorkbook);

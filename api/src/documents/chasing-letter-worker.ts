// The worker thread that writes chasing letters (chasing-letter.ts letterDocxOffThread): an appendix
// of up to 1,000 documents is a table the DOCX writer lays out and zips synchronously.
import { answerWithBytes } from '@vanban/common';
import { chasingLetterDocx } from './chasing-letter.js';

answerWithBytes(chasingLetterDocx);

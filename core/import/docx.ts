import mammoth from 'mammoth';
import { ApiError } from '../errors.js';
import type { ImportedText } from './types.js';
import { firstLine, tidy } from './text.js';

/** Word documents: their text, paragraph by paragraph (formatting is not kept). */
export async function readDocx(bytes: Buffer): Promise<ImportedText> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw new ApiError('INVALID_FILE', 'That file is not a readable Word document (.docx): it may be damaged, or an older .doc file.');
  }
  const text = tidy(raw);
  return {
    text,
    pages: null,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    meta: { title: firstLine(text) },
  };
}

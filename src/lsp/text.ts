import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** A place as the page model writes it: 1-based lines and columns (UTF-16 code units), the end exclusive. */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The URI of a file (absolute path). */
export function uriOf(abs: string): string {
  return pathToFileURL(abs).href;
}

/** The file a URI names, or null for one that names no file on disk (an untitled buffer). */
export function pathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/**
 * An editor's text as the page model reads it. The model's offsets and its first line's
 * columns count from after a byte order mark; an editor that keeps the mark in the text (most
 * drop it) counts it, so positions move by one there. Both count UTF-16 code units, the LSP's
 * default position encoding.
 */
export class PageText {
  private readonly bom: number;

  constructor(readonly document: TextDocument) {
    this.bom = document.getText().startsWith('\uFEFF') ? 1 : 0;
  }

  /** The text the page model is built from (without a byte order mark). */
  text(): string {
    const text = this.document.getText();
    return this.bom === 1 ? text.slice(1) : text;
  }

  range(at: Place): Range {
    return { start: this.position(at.line, at.column), end: this.position(at.endLine, at.endColumn) };
  }

  position(line: number, column: number): Position {
    return { line: line - 1, character: column - 1 + (line === 1 ? this.bom : 0) };
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset + this.bom);
  }

  offsetAt(position: Position): number {
    return Math.max(0, this.document.offsetAt(position) - this.bom);
  }
}

/** A place in a file no editor holds: its lines and columns as they are. */
export function plainRange(at: Place): Range {
  return { start: { line: at.line - 1, character: at.column - 1 }, end: { line: at.endLine - 1, character: at.endColumn - 1 } };
}

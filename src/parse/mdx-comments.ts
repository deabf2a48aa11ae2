import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    htmlComment: 'htmlComment';
    htmlCommentData: 'htmlCommentData';
  }
}

/**
 * HTML comments (`<!-- ... -->`) in MDX, as Docusaurus reads them by default
 * (`markdown.mdx1Compat.comments`, through remark-comment). Plain MDX turns off HTML and
 * fails on `<!`; Docusaurus pages still write `<!-- truncate -->`, and compatlint's control
 * comments are HTML comments. Written here because remark-comment is not a dependency; it is
 * small: `<!--` up to the first `-->` (`<!-->` and `<!--->` close at once, as in HTML), which
 * becomes an `html` node as in CommonMark. At the start of a line it takes the rest of the line
 * (as a CommonMark HTML block of comments does); inside a paragraph, only the comment. A
 * comment still open at the end of its paragraph or of the page is an `UnclosedComment`; one
 * whose block quote or list item ends first is not a comment, and MDX then reports its `<`.
 */
export const htmlComments: Extension = {
  // Listed after the MDX extension, so these are tried before MDX's JSX at `<` (code 60).
  flow: { 60: { name: 'htmlComment', tokenize: tokenizeFlow, concrete: true } },
  text: { 60: { name: 'htmlComment', tokenize: tokenizeText } },
};

export const htmlCommentsFromMarkdown: FromMarkdownExtension = {
  enter: {
    htmlComment(token) {
      this.enter({ type: 'html', value: '' }, token);
    },
  },
  exit: {
    htmlComment(token) {
      const node = this.stack[this.stack.length - 1];
      if (node?.type === 'html') node.value = this.sliceSerialize(token);
      this.exit(token);
    },
  },
};

/** Thrown for `<!--` without its `-->`: Docusaurus fails on it too. */
export class UnclosedComment extends Error {
  constructor(
    /** Where the comment opens (0-based offset into the parsed text). */
    readonly offset: number,
  ) {
    super('Unexpected unclosed HTML comment, expected `-->`');
  }
}

const LESS_THAN = 60;
const EXCLAMATION = 33;
const DASH = 45;
const GREATER_THAN = 62;

/** micromark's codes for line endings: CR, LF, CRLF. */
function isLineEnding(code: Code): boolean {
  return code === -5 || code === -4 || code === -3;
}

function tokenizeFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenize(this, effects, ok, nok, true);
}

function tokenizeText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenize(this, effects, ok, nok, false);
}

/** The line after a line ending belongs to the same container (not a lazy line). */
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true };

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return (code) => {
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return (next) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
  };
}

function tokenize(context: TokenizeContext, effects: Effects, ok: State, nok: State, flow: boolean): State {
  const opening = context.now().offset;
  // Characters are consumed inside a data token; line endings between data tokens.
  let inData = false;
  const consume = (code: Code): void => {
    if (!inData) effects.enter('htmlCommentData');
    inData = true;
    effects.consume(code);
  };
  const endData = (): void => {
    if (inData) effects.exit('htmlCommentData');
    inData = false;
  };
  const expect = (wanted: number, next: State): State => (code) => {
    if (code !== wanted) return nok(code);
    consume(code);
    return next;
  };
  const body: State = (code) => {
    // Whatever tried it, nothing else reads `<!` in MDX either (it would fail less clearly).
    if (code === null) throw new UnclosedComment(opening);
    if (isLineEnding(code)) return flow ? effects.check(nonLazyLine, lineEnding, nok)(code) : lineEnding(code);
    consume(code);
    return code === DASH ? oneDash : body;
  };
  const oneDash: State = (code) => {
    if (code !== DASH) return body(code);
    consume(code);
    return twoDashes;
  };
  const twoDashes: State = (code) => {
    if (code === DASH) {
      consume(code);
      return twoDashes;
    }
    if (code !== GREATER_THAN) return body(code);
    consume(code);
    return flow ? restOfLine : close;
  };
  const lineEnding: State = (code) => {
    endData();
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return body;
  };
  const restOfLine: State = (code) => {
    if (code === null || isLineEnding(code)) return close(code);
    consume(code);
    return restOfLine;
  };
  const close: State = (code) => {
    endData();
    effects.exit('htmlComment');
    return ok(code);
  };
  return (code) => {
    effects.enter('htmlComment');
    // `<!--` and then the comment; `<!-->` closes at once.
    return expect(LESS_THAN, expect(EXCLAMATION, expect(DASH, expect(DASH, twoDashes))))(code);
  };
}

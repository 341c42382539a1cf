//! The analyzer as a tantivy tokenizer (registered as [`TOKENIZER_NAME`]).
//!
//! `lindera-tantivy` targets an older tantivy, and gisa's analyzer is not lindera's anyway,
//! so this is the small wrapper: it runs the whole [`Analyzer`] chain and hands tantivy the
//! terms with their positions and exact byte offsets. The token buffers are reused between
//! documents. A writer can pass a hook that sees every text with its tokens (the index keeps
//! where each term stands that way, without a second analysis).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::Analyzer;

/// Name under which the Korean analyzer is registered in a tantivy index.
pub const TOKENIZER_NAME: &str = "ko";

/// What a [`KoreanTokenizer`] calls with each text it analyzed and the text's tokens.
pub type Hook = fn(&str, &[Token]);

/// tantivy `Tokenizer` over a gisa [`Analyzer`].
#[derive(Clone)]
pub struct KoreanTokenizer {
    analyzer: Analyzer,
    tokens: Vec<Token>,
    hook: Option<Hook>,
}

impl KoreanTokenizer {
    pub fn new(analyzer: Analyzer) -> KoreanTokenizer {
        KoreanTokenizer { analyzer, tokens: Vec::new(), hook: None }
    }

    /// The same tokenizer, calling `hook` with every text and its tokens.
    pub fn with_hook(self, hook: Hook) -> KoreanTokenizer {
        KoreanTokenizer { hook: Some(hook), ..self }
    }
}

/// Stream over the terms of one text.
pub struct KoreanTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    len: usize,
    next: usize,
}

impl Tokenizer for KoreanTokenizer {
    type TokenStream<'a> = KoreanTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoreanTokenStream<'a> {
        let mut len = 0;
        let tokens = &mut self.tokens;
        self.analyzer.for_each_indexed_term(text, |term, start, end, position, position_length, _, _| {
            if len == tokens.len() {
                tokens.push(Token::default());
            }
            let t = &mut tokens[len];
            t.text.clear();
            t.text.push_str(term);
            t.offset_from = start;
            t.offset_to = end;
            t.position = position as usize;
            t.position_length = position_length as usize;
            len += 1;
        });
        if let Some(hook) = self.hook {
            hook(text, &tokens[..len]);
        }
        // Don't let one huge document pin a huge buffer.
        if tokens.len() > 65_536 && len < tokens.len() / 4 {
            tokens.truncate(len.max(1024));
        }
        KoreanTokenStream { tokens, len, next: 0 }
    }
}

impl TokenStream for KoreanTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.len {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

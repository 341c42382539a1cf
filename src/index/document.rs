//! The document an article becomes on its way into tantivy: its stored and exact values, its
//! analyzed text, and the table of where each term of that text stands
//! ([`offsets`](super::offsets)), made from the same analysis as the index's terms.
//!
//! tantivy keeps term positions but no offsets, and analyzes the text itself (on its
//! indexing threads, with the registered Korean tokenizer, whose token buffers it reuses).
//! So the table is made where the terms are: the writer's tokenizer calls [`record`] with
//! every text it analyzed and its tokens, which encodes the table and keeps it for the
//! thread, by the text's length and hash. tantivy reads a document once to index it and
//! again to store it, on the same thread: the second read finds the table of its text and
//! adds it as the stored `offsets` value. (Handing tantivy pre-tokenized text instead costs
//! three allocations a term, as tantivy clones such text twice: +14% instructions for a
//! build, measured.) A table that is not found — a text tantivy did not analyze — is left
//! out, and that article's snippets analyze its text again. An index made before the table
//! existed has no field for it, and its documents are as before.

use std::cell::RefCell;
use std::sync::OnceLock;

use tantivy::schema::document::Document;
use tantivy::schema::{Field, OwnedValue};
use tantivy::tokenizer::Token;

use super::offsets;

/// Tables recorded on this thread and not yet taken: (text length, text hash, table).
const KEPT: usize = 4;

thread_local! {
    static TABLES: RefCell<Vec<(usize, u64, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// The tokenizer hook of an index that keeps offsets tables: encodes the table of `text`
/// and keeps it for the document being indexed on this thread (the last few texts only).
pub fn record(text: &str, tokens: &[Token]) {
    let table = offsets::encode(text, tokens);
    let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= KEPT {
            t.remove(0);
        }
        t.push((text.len(), hash, table));
    });
}

/// Takes the table recorded on this thread for a text equal to `text`.
fn take(text: &str) -> Option<Vec<u8>> {
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        // The title's table, kept too and never taken, is of another length.
        if !t.iter().any(|(len, ..)| *len == text.len()) {
            return None;
        }
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let at = t.iter().rposition(|(len, h, _)| *len == text.len() && *h == hash)?;
        Some(t.remove(at).2)
    })
}

/// A document to add to the index.
pub struct ArticleDocument {
    values: Vec<(Field, OwnedValue)>,
    /// Where the analyzed text is among `values`.
    text: usize,
    /// The field that stores the offsets table, in an index that keeps them.
    offsets: Option<Field>,
    table: OnceLock<[(Field, OwnedValue); 1]>,
}

impl ArticleDocument {
    /// A document of `values` whose analyzed field `text_field` holds `text`, with the offsets
    /// table of `text` stored in `offsets` (when the index keeps them).
    pub fn new(
        mut values: Vec<(Field, OwnedValue)>,
        text_field: Field,
        text: String,
        offsets: Option<Field>,
    ) -> ArticleDocument {
        values.push((text_field, OwnedValue::Str(text)));
        ArticleDocument { text: values.len() - 1, values, offsets, table: OnceLock::new() }
    }

    /// The offsets value, once the text has been analyzed on this thread.
    fn table(&self) -> &[(Field, OwnedValue)] {
        let Some(field) = self.offsets else { return &[] };
        if self.table.get().is_none() {
            let OwnedValue::Str(text) = &self.values[self.text].1 else { return &[] };
            if let Some(table) = take(text) {
                let _ = self.table.set([(field, OwnedValue::Bytes(table))]);
            }
        }
        self.table.get().map_or(&[], |t| t.as_slice())
    }
}

/// The values of an [`ArticleDocument`]: the given ones, then the table when there is one.
pub struct Values<'a> {
    given: std::slice::Iter<'a, (Field, OwnedValue)>,
    table: std::slice::Iter<'a, (Field, OwnedValue)>,
}

impl<'a> Iterator for Values<'a> {
    type Item = (Field, &'a OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.given.next().or_else(|| self.table.next()).map(|(f, v)| (*f, v))
    }
}

impl Document for ArticleDocument {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = Values<'a>;

    fn iter_fields_and_values(&self) -> Values<'_> {
        Values { given: self.values.iter(), table: self.table().iter() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::analysis::tokenizer::KoreanTokenizer;
    use crate::index::offsets::Offsets;
    use tantivy::tokenizer::{TokenStream, Tokenizer};

    #[test]
    fn the_table_is_the_one_of_the_tokens_tantivy_indexed() {
        let analyzer = Analyzer::open_default(None).expect("the Korean dictionary (`make test` installs it)");
        let text = "삼성전자가 반도체를 만났다\n서울은 맑다. 國會 앞에서 AI 반도체를 논의했다";
        let (text_field, offsets_field) = (Field::from_field_id(0), Field::from_field_id(1));
        let doc = ArticleDocument::new(Vec::new(), text_field, text.to_owned(), Some(offsets_field));
        // tantivy's first read, to index: the text has not been analyzed yet.
        assert_eq!(doc.iter_fields_and_values().count(), 1);
        let mut tokenizer = KoreanTokenizer::new(analyzer).with_hook(record);
        // Another text analyzed on the thread (the title) does not stand in for it.
        let _ = tokenizer.token_stream("삼성전자가 반도체를");
        let mut stream = tokenizer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        // The read to store it finds the table; later reads keep it.
        let values: Vec<(Field, &OwnedValue)> = doc.iter_fields_and_values().collect();
        assert_eq!(values.len(), 2);
        assert_eq!(doc.iter_fields_and_values().count(), 2);
        let OwnedValue::Bytes(table) = values[1].1 else { panic!("bytes: {:?}", values[1]) };
        let table = Offsets::decode(table).unwrap();
        assert_eq!(table.len(), tokens.len());
        let chars: Vec<char> = text.chars().collect();
        for t in &tokens {
            let (s, e) = table.range(t.position as u32, &t.text).unwrap();
            let surface: String = chars[s..e].iter().collect();
            assert_eq!(surface, text[t.offset_from..t.offset_to], "{t:?}");
        }
        // Taken once: a second document of the same text waits for its own analysis.
        let again = ArticleDocument::new(Vec::new(), text_field, text.to_owned(), Some(offsets_field));
        assert_eq!(again.iter_fields_and_values().count(), 1);
    }

    #[test]
    fn without_an_offsets_field_the_document_is_its_values() {
        let f = Field::from_field_id(3);
        let doc = ArticleDocument::new(vec![(Field::from_field_id(0), OwnedValue::U64(7))], f, "서울은".into(), None);
        record("서울은", &[]);
        let values: Vec<(Field, &OwnedValue)> = doc.iter_fields_and_values().collect();
        assert_eq!(
            values,
            vec![(Field::from_field_id(0), &OwnedValue::U64(7)), (f, &OwnedValue::Str("서울은".into()))]
        );
    }
}

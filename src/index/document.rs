//! The document an article becomes on its way into tantivy: its stored and exact values, and
//! its analyzed text, which is analyzed on tantivy's indexing thread the first time the
//! writer reads the document.
//!
//! tantivy keeps term positions but no offsets, so the analysis is done here once and gives
//! both: the terms, handed to tantivy as pre-tokenized text, and the table of where each
//! term stands ([`offsets`](super::offsets)), stored with the document for highlighting. An
//! index made before the table existed has no field for it; its documents hand tantivy the
//! plain text, which the registered Korean tokenizer analyzes as before.

use std::sync::{Arc, OnceLock};

use tantivy::schema::document::Document;
use tantivy::schema::{Field, OwnedValue};
use tantivy::tokenizer::{PreTokenizedString, Token};

use super::offsets;
use crate::analysis::Analyzer;

/// How the text of a document is analyzed.
#[derive(Clone)]
pub struct Analysis {
    pub analyzer: Arc<Analyzer>,
    /// The field that stores the offsets table.
    pub offsets: Field,
}

/// A document to add to the index.
pub struct ArticleDocument {
    values: Vec<(Field, OwnedValue)>,
    /// The analyzed text, when it is analyzed here (else it is among `values`).
    pending: Option<Pending>,
    analyzed: OnceLock<[(Field, OwnedValue); 2]>,
}

struct Pending {
    field: Field,
    text: String,
    analysis: Analysis,
}

impl ArticleDocument {
    /// A document of `values` whose analyzed field `text_field` holds `text`: analyzed here
    /// with `analysis`, or by tantivy when there is none.
    pub fn new(
        mut values: Vec<(Field, OwnedValue)>,
        text_field: Field,
        text: String,
        analysis: Option<Analysis>,
    ) -> ArticleDocument {
        let pending = match analysis {
            Some(analysis) => Some(Pending { field: text_field, text, analysis }),
            None => {
                values.push((text_field, OwnedValue::Str(text)));
                None
            }
        };
        ArticleDocument { values, pending, analyzed: OnceLock::new() }
    }

    /// The values analyzed here: the terms and the offsets table.
    fn analyzed(&self) -> &[(Field, OwnedValue)] {
        let Some(p) = &self.pending else { return &[] };
        self.analyzed.get_or_init(|| {
            let mut tokens = Vec::new();
            p.analysis.analyzer.for_each_indexed_term(&p.text, |term, start, end, position, length, _, _| {
                tokens.push(Token {
                    offset_from: start,
                    offset_to: end,
                    position: position as usize,
                    text: term.to_owned(),
                    position_length: length as usize,
                });
            });
            let table = offsets::encode(&p.text, &tokens);
            [
                (p.field, OwnedValue::PreTokStr(PreTokenizedString { text: p.text.clone(), tokens })),
                (p.analysis.offsets, OwnedValue::Bytes(table)),
            ]
        })
    }
}

/// The values of an [`ArticleDocument`]: the given ones, then the analyzed ones.
pub struct Values<'a> {
    given: std::slice::Iter<'a, (Field, OwnedValue)>,
    analyzed: std::slice::Iter<'a, (Field, OwnedValue)>,
}

impl<'a> Iterator for Values<'a> {
    type Item = (Field, &'a OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.given.next().or_else(|| self.analyzed.next()).map(|(f, v)| (*f, v))
    }
}

impl Document for ArticleDocument {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = Values<'a>;

    fn iter_fields_and_values(&self) -> Values<'_> {
        Values { given: self.values.iter(), analyzed: self.analyzed().iter() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokenizer::KoreanTokenizer;
    use crate::index::offsets::Offsets;
    use tantivy::tokenizer::{TokenStream, Tokenizer};

    #[test]
    fn the_terms_handed_to_tantivy_are_the_tokenizers_and_the_table_locates_each() {
        let analyzer = Analyzer::open_default(None).expect("the Korean dictionary (`make test` installs it)");
        let text = "삼성전자가 반도체를 만났다\n서울은 맑다. 國會 앞에서 AI 반도체를 논의했다";
        let (text_field, offsets_field) = (Field::from_field_id(0), Field::from_field_id(1));
        let doc = ArticleDocument::new(
            Vec::new(),
            text_field,
            text.to_owned(),
            Some(Analysis { analyzer: Arc::new(analyzer.clone()), offsets: offsets_field }),
        );
        let values: Vec<(Field, &OwnedValue)> = doc.iter_fields_and_values().collect();
        assert_eq!(values.len(), 2);
        let OwnedValue::PreTokStr(pre) = values[0].1 else { panic!("pre-tokenized: {:?}", values[0]) };
        let mut tokenizer = KoreanTokenizer::new(analyzer);
        let mut stream = tokenizer.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            expected.push(stream.token().clone());
        }
        assert_eq!(pre.tokens, expected);
        let OwnedValue::Bytes(table) = values[1].1 else { panic!("bytes: {:?}", values[1]) };
        let table = Offsets::decode(table).unwrap();
        assert_eq!(table.len(), expected.len());
        let chars: Vec<char> = text.chars().collect();
        for t in &expected {
            let (s, e) = table.range(t.position as u32, &t.text).unwrap();
            let surface: String = chars[s..e].iter().collect();
            assert_eq!(surface, text[t.offset_from..t.offset_to], "{t:?}");
        }
        // A second read does not analyze again.
        assert!(std::ptr::eq(doc.analyzed().as_ptr(), doc.iter_fields_and_values().analyzed.as_slice().as_ptr()));
    }

    #[test]
    fn without_an_analysis_the_text_goes_to_tantivy_as_it_is() {
        let f = Field::from_field_id(3);
        let doc = ArticleDocument::new(vec![(Field::from_field_id(0), OwnedValue::U64(7))], f, "서울은".into(), None);
        let values: Vec<(Field, &OwnedValue)> = doc.iter_fields_and_values().collect();
        assert_eq!(
            values,
            vec![(Field::from_field_id(0), &OwnedValue::U64(7)), (f, &OwnedValue::Str("서울은".into()))]
        );
    }
}

//! MeCab's feature rules: `rewrite.def`, `left-id.def`, `right-id.def` and `pos-id.def`.
//!
//! mecab-dict-index gives every lexicon line its connection ids and part-of-speech id by
//! rewriting the feature string with `rewrite.def` and looking the result up in the id files.
//! gisa needs the same computation for one thing: user dictionary lines that leave the ids
//! blank (`카카오뱅크,,,,NNP,...`) or use Nori's `word parts...` form. The rules are read from
//! the copies kept beside the installed dictionary.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

/// One field pattern: `*`, a literal, or `(A|B|C)`.
#[derive(Debug, Clone)]
enum FieldPattern {
    Any,
    Literal(String),
    OneOf(Vec<String>),
}

impl FieldPattern {
    fn parse(s: &str) -> FieldPattern {
        if s == "*" {
            FieldPattern::Any
        } else if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            FieldPattern::OneOf(inner.split('|').map(str::to_owned).collect())
        } else {
            FieldPattern::Literal(s.to_owned())
        }
    }

    fn matches(&self, field: &str) -> bool {
        match self {
            FieldPattern::Any => true,
            FieldPattern::Literal(l) => l == field,
            FieldPattern::OneOf(options) => options.iter().any(|o| o == field),
        }
    }
}

/// One rewrite rule: a pattern over the leading fields and an output template with `$n`.
#[derive(Debug, Clone)]
struct Rule {
    pattern: Vec<FieldPattern>,
    output: Vec<String>,
}

impl Rule {
    fn apply(&self, fields: &[&str]) -> Option<String> {
        if self.pattern.len() > fields.len() || !self.pattern.iter().zip(fields).all(|(p, f)| p.matches(f)) {
            return None;
        }
        let mut out = Vec::with_capacity(self.output.len());
        for tmpl in &self.output {
            let mut s = String::new();
            let mut chars = tmpl.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                    let mut n = 0usize;
                    while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                        n = n * 10 + d as usize;
                        chars.next();
                    }
                    s.push_str(fields.get(n.wrapping_sub(1)).copied().unwrap_or(""));
                } else {
                    s.push(c);
                }
            }
            out.push(s);
        }
        Some(out.join(","))
    }
}

fn first_match(rules: &[Rule], fields: &[&str]) -> Option<String> {
    rules.iter().find_map(|r| r.apply(fields))
}

/// The rules of one dictionary.
#[derive(Debug, Clone, Default)]
pub struct FeatureRules {
    left_rewrite: Vec<Rule>,
    right_rewrite: Vec<Rule>,
    left_ids: HashMap<String, u16>,
    right_ids: HashMap<String, u16>,
    pos_ids: Vec<Rule>,
}

/// Connection ids and part-of-speech id computed for a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids {
    pub left: u16,
    pub right: u16,
    pub pos: u16,
}

impl FeatureRules {
    /// Reads the four rule files from a dictionary folder.
    pub fn load(dir: &Path) -> Result<FeatureRules> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .with_context(|| format!("{} has no {name}: reinstall it with `gisa dict install`", dir.display()))
        };
        let mut rules = FeatureRules::default();
        parse_rewrite(&read("rewrite.def")?, &mut rules)?;
        rules.left_ids = parse_id_def(&read("left-id.def")?)?;
        rules.right_ids = parse_id_def(&read("right-id.def")?)?;
        for line in read("pos-id.def")?.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (pattern, id) =
                line.rsplit_once(char::is_whitespace).ok_or_else(|| anyhow!("pos-id.def: bad line {line:?}"))?;
            rules.pos_ids.push(Rule {
                pattern: pattern.trim().split(',').map(FieldPattern::parse).collect(),
                output: vec![id.to_owned()],
            });
        }
        Ok(rules)
    }

    /// The ids mecab-dict-index would give a word with these feature fields.
    pub fn ids(&self, fields: &[&str]) -> Result<Ids> {
        let lfeature = first_match(&self.left_rewrite, fields)
            .ok_or_else(|| anyhow!("no left rewrite rule matches {}", fields.join(",")))?;
        let rfeature = first_match(&self.right_rewrite, fields)
            .ok_or_else(|| anyhow!("no right rewrite rule matches {}", fields.join(",")))?;
        let left = *self.left_ids.get(&lfeature).ok_or_else(|| anyhow!("no left id for {lfeature}"))?;
        let right = *self.right_ids.get(&rfeature).ok_or_else(|| anyhow!("no right id for {rfeature}"))?;
        let pos = first_match(&self.pos_ids, fields).and_then(|s| s.parse().ok()).unwrap_or(0);
        Ok(Ids { left, right, pos })
    }
}

fn parse_rewrite(text: &str, rules: &mut FeatureRules) -> Result<()> {
    #[derive(PartialEq)]
    enum Section {
        None,
        Unigram,
        Left,
        Right,
    }
    let mut section = Section::None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[unigram rewrite]" => section = Section::Unigram,
            "[left rewrite]" => section = Section::Left,
            "[right rewrite]" => section = Section::Right,
            _ => {
                let mut parts = line.split_whitespace();
                let (Some(pattern), Some(output)) = (parts.next(), parts.next()) else {
                    bail!("rewrite.def: bad line {line:?}");
                };
                let rule = Rule {
                    pattern: pattern.split(',').map(FieldPattern::parse).collect(),
                    output: output.split(',').map(str::to_owned).collect(),
                };
                match section {
                    Section::Left => rules.left_rewrite.push(rule),
                    Section::Right => rules.right_rewrite.push(rule),
                    Section::Unigram | Section::None => {}
                }
            }
        }
    }
    Ok(())
}

fn parse_id_def(text: &str) -> Result<HashMap<String, u16>> {
    let mut map = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (id, feature) = line.split_once(' ').ok_or_else(|| anyhow!("bad id line {line:?}"))?;
        map.insert(feature.trim().to_owned(), id.parse().with_context(|| format!("bad id in {line:?}"))?);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternation_and_substitution() {
        let rule = Rule {
            pattern: vec![FieldPattern::parse("*"), FieldPattern::parse("(A|B)")],
            output: vec!["$2".into(), "x$1".into(), "*".into()],
        };
        assert_eq!(rule.apply(&["p", "B", "z"]), Some("B,xp,*".into()));
        assert_eq!(rule.apply(&["p", "C"]), None);
        assert_eq!(rule.apply(&["p"]), None);
    }
}

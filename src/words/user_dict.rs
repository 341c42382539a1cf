//! Adding words to a user dictionary file, as proper nouns in the short CSV form the README
//! documents (`딥시크,NNP`).
//!
//! The file is rewritten whole through a temporary file in the same folder and renamed into
//! place, so a failure leaves it as it was. Words already in it (by surface, in any of the
//! accepted forms) are not added twice.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The surface of a user-dictionary line (`None` for comments and blank lines).
fn surface(line: &str) -> Option<&str> {
    let line = line.split('#').next().unwrap_or("").trim();
    if line.is_empty() {
        return None;
    }
    line.split([',', ' ', '\t']).next().filter(|s| !s.is_empty())
}

/// Whether `word` can be a user-dictionary surface in the CSV form.
pub fn check_word(word: &str) -> Result<()> {
    if word.is_empty() || word.chars().any(|c| c.is_whitespace() || matches!(c, ',' | '#' | '"')) {
        bail!("{word:?} cannot be a dictionary word (no spaces, commas, quotes or #)");
    }
    if !word.chars().any(char::is_alphabetic) {
        bail!("{word:?} cannot be a dictionary word (it has no letter)");
    }
    Ok(())
}

/// Appends `words` (checked with [`check_word`]) to the user dictionary at `path` (created
/// if missing) as proper nouns; returns the words actually added, in order.
pub fn append(path: &Path, words: &[String]) -> Result<Vec<String>> {
    for w in words {
        check_word(w)?;
    }
    let existing = match fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read the user dictionary {}", path.display())),
    };
    let mut known: HashSet<String> = existing.lines().filter_map(surface).map(str::to_owned).collect();
    let added: Vec<String> = words.iter().filter(|w| known.insert((*w).clone())).cloned().collect();
    if added.is_empty() {
        return Ok(added);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for w in &added {
        text.push_str(w);
        text.push_str(",NNP\n");
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let write = || -> std::io::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    write().with_context(|| format!("cannot write the user dictionary {}", path.display()))?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_new_words_once_as_proper_nouns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("user.txt");
        fs::write(&path, "# 내 사전\n뉴진스\n카카오뱅크 카카오 뱅크\n챗지피티,,,,NNP,*,F,챗지피티,*,*,*,*").unwrap();
        let added = append(&path, &["딥시크".into(), "뉴진스".into(), "챗지피티".into(), "어도어".into()]).unwrap();
        assert_eq!(added, ["딥시크", "어도어"]);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("챗지피티,,,,NNP,*,F,챗지피티,*,*,*,*\n딥시크,NNP\n어도어,NNP\n"), "{text}");
        assert!(append(&path, &["딥시크".into()]).unwrap().is_empty());
        let fresh = dir.path().join("new.txt");
        assert_eq!(append(&fresh, &["엔비디아".into()]).unwrap(), ["엔비디아"]);
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "엔비디아,NNP\n");
    }

    #[test]
    fn refuses_what_no_dictionary_line_can_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("user.txt");
        for bad in ["딥 시크", "딥,시크", "", "123", "a#b"] {
            assert!(append(&path, &[bad.into()]).is_err(), "{bad:?}");
        }
        assert!(!path.exists(), "nothing written");
    }
}

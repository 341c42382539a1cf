//! Telling a damaged index from a bug.
//!
//! tantivy trusts its files: a truncated segment file is an error when it is opened, but a
//! file whose bytes were overwritten is read as it is, and tantivy's decoders assert (panic)
//! on what they find. Checking every file's checksum before each search would read the whole
//! index every time, so gisa checks only when reading failed: [`damage`] looks at every file
//! of the last commit — present, footer readable, checksum right — and at gisa's own
//! `gisa.json`, and names what is damaged. The command layer turns that into one line naming
//! `gisa index --full`, the one thing that repairs an index.

use std::fmt;
use std::path::{Path, PathBuf};

use tantivy::Index;
use tantivy::index::SegmentComponent;

use super::{IndexMeta, META_FILE};

/// The files every segment of a gisa index has (its schema has postings with positions,
/// stored fields, fast fields and norms).
const REQUIRED: &[&str] = &["idx", "pos", "term", "store", "fast", "fieldnorm"];

/// What is wrong with an index folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub dir: PathBuf,
    /// The indexed folder, when `gisa.json` still says.
    pub source: Option<PathBuf>,
    /// Damaged files (relative to the index folder) and what is wrong with each.
    pub files: Vec<(String, &'static str)>,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: Vec<String> = self.files.iter().take(3).map(|(p, why)| format!("{p}: {why}")).collect();
        let more = if self.files.len() > 3 { format!(" and {} more", self.files.len() - 3) } else { String::new() };
        let source = self.source.as_ref().map_or_else(|| "DIR".to_owned(), |s| s.display().to_string());
        write!(
            f,
            "the index at {} is damaged ({}{more}); rebuild it with `gisa index --full {source}`",
            self.dir.display(),
            files.join(", ")
        )
    }
}

/// Checks the files of an index's last commit; `None` when they are sound (or the folder is
/// no gisa index at all, which is another message).
pub fn damage(dir: &Path) -> Option<Damage> {
    if !dir.join(META_FILE).exists() {
        return None;
    }
    let mut files = Vec::new();
    let source = match IndexMeta::read(dir) {
        Ok(m) => Some(m.source),
        Err(_) => {
            files.push((META_FILE.to_owned(), "unreadable"));
            None
        }
    };
    match Index::open_in_dir(dir) {
        Err(_) => files.push(("meta.json".to_owned(), "unreadable")),
        Ok(index) => match index.load_metas() {
            Err(_) => files.push(("meta.json".to_owned(), "unreadable")),
            Ok(metas) => {
                // Candidates: what each segment may have (a delete file only if it has deletes).
                let mut candidates: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
                candidates.sort();
                for path in candidates {
                    let name = path.display().to_string();
                    if !dir.join(&path).is_file() {
                        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                        let has_deletes = |p: &Path| {
                            metas
                                .segments
                                .iter()
                                .any(|s| s.has_deletes() && s.relative_path(SegmentComponent::Delete) == p)
                        };
                        if REQUIRED.contains(&ext) || (ext == "del" && has_deletes(&path)) {
                            files.push((name, "missing"));
                        }
                        continue;
                    }
                    match index.directory().validate_checksum(&path) {
                        Ok(true) => {}
                        Ok(false) => files.push((name, "its checksum is wrong")),
                        Err(_) => files.push((name, "truncated or unreadable")),
                    }
                }
            }
        },
    }
    (!files.is_empty()).then(|| Damage { dir: dir.to_path_buf(), source, files })
}
